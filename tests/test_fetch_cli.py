"""`cspsearch fetch` run as a real process against a local ModernGov server: summary, interruption, resume, --ingest."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cspsearch.fetch.layout import STATE_NAME

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "moderngov"))
from local_site import PAPER_TEXT, LocalSite, Reply, audit_site, make_pdf  # noqa: E402

CLI = Path(sys.executable).with_name("cspsearch")
HELD = "mgConvert2PDF.aspx?ID=60913"  # the sixth paper of the meeting: five are saved before it


@pytest.fixture
def site():
    with LocalSite() as served:
        audit_site(served)
        yield served


def command(site: LocalSite, out: Path, *extra: str) -> list[str]:
    return [str(CLI), "fetch", site.base, "--council", "manchester", "--committee", "audit", "--from", "2026-01-01",
            "--to", "2026-03-31", "--out", str(out), "--rate", "50", *extra]


def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=240, env={**os.environ, "COLUMNS": "300"})


def test_summary_and_exit_status(site, tmp_path):
    done = run(command(site, tmp_path))
    assert done.returncode == 1, done.stderr  # one paper failed: the error page
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("2 meetings of 1 committee; 6 papers saved, 3 skipped (2 restricted, 1 cancelled "
                           "meeting, 0 already had), 1 failed;")
    assert "failed  'Risk register'" in done.stdout and "restricted 'Internal Audit Findings (Part B)'" in done.stdout
    again = run(command(site, tmp_path))
    assert "0 papers saved, 9 skipped (2 restricted, 1 cancelled meeting, 6 already had)" in again.stdout


def test_user_errors_are_sentences_without_tracebacks(site, tmp_path):
    done = run([str(CLI), "fetch", "angus", "--out", str(tmp_path)])
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "publishes its papers through Custom HTML" in " ".join(done.stderr.split())
    done = run(command(site, tmp_path, "--from", "2026-04-01"))
    assert done.returncode == 1 and "is after --to 2026-03-31" in " ".join(done.stderr.split())
    done = run(command(site, tmp_path)[:-2] + ["--committee", "Audti"])
    assert "Did you mean Audit Committee?" in " ".join(done.stderr.split())


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT])
def test_an_interrupted_run_resumes_where_it_stopped(site, tmp_path, stop):
    release = threading.Event()
    site.add(HELD, Reply(make_pdf("Audit Committee", PAPER_TEXT["60913"]), content_type="application/pdf",
                         hold=release))
    process = subprocess.Popen(command(site, tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert site.started.wait(120), "the held paper was never asked for"
        process.send_signal(stop)
        out, _ = process.communicate(timeout=60)
    finally:
        release.set()
        process.kill()
    folder = tmp_path / "manchester" / "Audit Committee" / "2026-02-10"
    if stop == signal.SIGINT:
        assert process.returncode == 130 and "the next run carries on from here" in out
    assert not (folder / "Treasury Management Strategy.pdf").exists()  # half a file is never a paper
    assert len(list(folder.glob("*.pdf"))) == 5
    assert len(json.loads((tmp_path / STATE_NAME).read_text())["papers"]) == 5

    site.add(HELD, Reply(make_pdf("Audit Committee", PAPER_TEXT["60913"]), content_type="application/pdf"))
    before = len(site.log)
    resumed = run(command(site, tmp_path))
    fetched = [r.route for r in site.log[before:] if r.route.startswith("mgConvert")]
    assert fetched == [HELD, "mgConvert2PDF.aspx?ID=60921", "mgConvert2PDF.aspx?ID=60930"]
    assert "1 paper saved" in resumed.stdout and "5 already had" in resumed.stdout
    assert PAPER_TEXT["60913"].encode() in (folder / "Treasury Management Strategy.pdf").read_bytes()
    assert not [p for p in tmp_path.rglob("*") if p.suffix == ".part" or p.name.endswith(".part")]


def test_ingest_indexes_the_papers_with_their_sidecar_metadata(site, tmp_path):
    from cspsearch import services

    index = tmp_path / "index"
    done = run(command(site, tmp_path / "papers", "--ingest", "--index", str(index)))
    assert "Ingested 6, unchanged 0, failed 0." in done.stdout, done.stdout + done.stderr
    docs = {d["title"]: d for d in services.documents(index)}
    minutes = docs["6 - CHAIR APPROVED Minutes Audit Committee 25 Nov 2025"]
    assert (minutes["council_id"], minutes["committee"], minutes["meeting_date"]) == (
        "manchester", "Audit Committee", "2026-02-10")
    hits = services.search("prudential indicators", index)
    assert hits
