"""Ingest on a real local Dask cluster: the same index as a local ingest, a killed worker, no scheduler."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import distributed
import pytest
from typer.testing import CliRunner

from cspsearch import services
from cspsearch.cli import app
from cspsearch.ingest.dask_executor import ClusterError
from cspsearch.ingest.executors import Cluster
from cspsearch.ingest.pipeline import warm_up
from cspsearch.store import reader

# Resolved, as ingest names files by their real path (shared/ may be a link beside the project).
REAL = (Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-real" / "kent_county_council").resolve()
# A few of the smallest real papers keep the test within a minute on a shared two-core machine.
FILES = sorted(REAL.glob("*.pdf"), key=lambda p: p.stat().st_size)[:5] if REAL.is_dir() else []
pytestmark = pytest.mark.skipif(len(FILES) < 5, reason="the real council papers are not here")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def local_index(tmp_path_factory) -> Path:
    index = tmp_path_factory.mktemp("local") / "index"
    report = services.ingest(FILES, index, jobs=1)
    assert len(report.ingested) == len(FILES) and not report.failed
    return index


def _contents(index: Path) -> dict:
    """What a reader of the index sees: documents, entities and a search's ranked hits."""
    documents = reader.documents(index)
    entities = reader.entity_rows(index)
    found = services.search("county council budget", index, limit=20)
    return {
        "documents": documents,
        "entities": sorted(json.dumps(entity, sort_keys=True, default=str) for entity in entities),
        "results": sorted((round(r["score"], 3), r["doc_id"], [(p["page"], p["start"]) for p in r["passages"]])
                          for r in found["results"]),
    }


@pytest.mark.parametrize("ship_files", [False, True], ids=["shared-path", "ship-files"])
def test_cluster_ingest_gives_the_local_index(cluster, local_index, tmp_path, ship_files):
    index = tmp_path / "index"
    report = services.ingest(FILES, index, cluster=Cluster(cluster.scheduler_address, ship_files=ship_files))
    assert len(report.ingested) == len(FILES) and not report.failed
    assert report.cluster == cluster.scheduler_address and report.workers == 2
    expected = _contents(local_index)
    assert expected["documents"] and expected["entities"] and expected["results"]
    assert _contents(index) == expected
    # Incremental as before: a second run reads nothing, so sends no task.
    again = services.ingest(FILES, index, cluster=Cluster(cluster.scheduler_address, ship_files=ship_files))
    assert len(again.unchanged) == len(FILES) and not again.ingested


def _scan(path: Path, lines: list[str]) -> Path:
    """An image-only PDF page holding `lines` as pixels, as a scanner makes it."""
    import matplotlib
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"), 28)
    image = Image.new("L", (1240, 1754), 255)
    for n, line in enumerate(lines):
        ImageDraw.Draw(image).text((120, 150 + 50 * n), line, font=font, fill=0)
    image.save(path, "PDF", resolution=150)
    return path


def test_scans_are_ocrd_on_the_cluster_run_after_run(cluster, tmp_path):
    """Each run carries its own OCR settings (its index's cache, or none when shipping files) to
    workers that ran other runs before: every run reads the scan, as a local ingest does."""
    scan = _scan(tmp_path / "scan.pdf", ["The committee agreed a grant of £25,000 to the",
                                         "Safer Neighbourhoods Partnership on 3 March 2021."])
    local = services.ingest([scan], tmp_path / "local", jobs=1)
    assert local.ocr_pages == 1 and not local.warnings
    for run, ship_files in enumerate([False, True, False, True]):
        index = tmp_path / f"cluster{run}"
        report = services.ingest([scan], index, cluster=Cluster(cluster.scheduler_address, ship_files=ship_files))
        assert report.ocr_pages == 1 and not report.warnings, (run, report.warnings)
        cached = [p for p in (index / "ocr-cache").rglob("*") if p.is_file()]
        assert bool(cached) == (not ship_files)  # the index's OCR cache, where the workers share its folder
        assert _contents(index) == _contents(tmp_path / "local")


def test_a_worker_killed_mid_run_has_its_file_run_again(cluster, local_index, tmp_path):
    watcher = distributed.Client(cluster.scheduler_address, set_as_default=False)
    killed: list[int] = []

    def kill_a_busy_worker(event, report, todo) -> None:
        if killed or event != "file":
            return
        busy = [address for address, keys in watcher.processing().items() if keys]
        if busy:
            pid = watcher.run(os.getpid, workers=busy[:1])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    try:
        report = services.ingest(FILES, tmp_path / "index", cluster=Cluster(cluster.scheduler_address),
                                 progress=kill_a_busy_worker)
        watcher.wait_for_workers(2, timeout=60)  # the nanny restarts it, for the tests after this one
    finally:
        watcher.close()
    assert killed, "no worker was busy when the first file finished"
    assert len(report.ingested) == len(FILES) and not report.failed
    assert report.retried >= 1
    assert _contents(tmp_path / "index") == _contents(local_index)


def test_a_file_past_its_time_is_stopped_and_fails_alone(cluster, tmp_path):
    # About 600,000 words: many seconds of extraction on any machine, whatever the PDF reader's speed.
    long = tmp_path / "long_minutes.txt"
    long.write_text("The Community Safety Partnership agreed a grant of £38,449 for 2019/20 under section 17 of "
                    "the Crime and Disorder Act 1998. " * 25_000, encoding="utf-8")
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        client.run(warm_up)  # a worker restarted by an earlier test loads the pipeline first
    report = services.ingest([long, FILES[0]], tmp_path / "index", file_seconds=2,
                             cluster=Cluster(cluster.scheduler_address))
    assert report.ingested == [str(FILES[0])]
    assert report.failed == [(str(long), f"{long.name} took longer than 2 seconds, the time allowed for one "
                                         "file, and was stopped.")]


def test_the_summary_names_the_cluster(cluster, tmp_path):
    result = CliRunner().invoke(app, ["ingest", str(FILES[0]), "--index", str(tmp_path / "index"),
                                      "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert f"on the Dask cluster at {cluster.scheduler_address} (2 workers)" in " ".join(result.output.split())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_scheduler_is_a_sentence_before_any_work(tmp_path):
    address = f"tcp://127.0.0.1:{_free_port()}"
    with pytest.raises(ClusterError, match="could not be reached within 2 seconds"):
        services.ingest(FILES, tmp_path / "index", cluster=Cluster(address, connect_seconds=2))
    assert not (tmp_path / "index").exists() or not any((tmp_path / "index").iterdir())


def test_the_cli_says_an_unreachable_scheduler_without_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setattr("cspsearch.ingest.executors.CONNECT_SECONDS", 1.0)
    monkeypatch.setenv("CSPSEARCH_SCHEDULER", f"127.0.0.1:{_free_port()}")
    result = CliRunner().invoke(app, ["ingest", str(FILES[0]), "--index", str(tmp_path / "index")])
    assert result.exit_code == 1
    assert "could not be reached" in result.output and "Traceback" not in result.output


def _stop(*processes: subprocess.Popen) -> None:
    for process in processes:  # a worker's nanny, told to stop, stops its worker too
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _scheduler(address: str) -> subprocess.Popen:
    dask = Path(sys.executable).parent / "dask"
    return subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                             "--no-dashboard"], stderr=subprocess.DEVNULL)


def test_workers_without_cspsearch_are_a_sentence_before_any_work(tmp_path):
    """A worker host where cspsearch is not installed: here, Python without its site hooks, which
    sees the installed libraries but not the project's editable install."""
    import sysconfig

    address = f"tcp://127.0.0.1:{_free_port()}"
    scheduler = _scheduler(address)
    bare = dict(os.environ, PYTHONPATH=sysconfig.get_paths()["purelib"])
    worker = subprocess.Popen([sys.executable, "-S", "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                               "--no-nanny", "--no-dashboard"], env=bare, cwd=tmp_path, stderr=subprocess.DEVNULL)
    try:
        with pytest.raises(ClusterError, match="cannot import cspsearch") as lacking:
            services.ingest(FILES, tmp_path / "index", cluster=Cluster(address, connect_seconds=30))
    finally:
        _stop(worker, scheduler)
    assert "1 of the 1 Dask workers" in str(lacking.value)
    assert not (tmp_path / "index").exists()


def test_a_scheduler_lost_mid_run_is_a_sentence(tmp_path):
    """The set-up the README gives: `dask scheduler` and `dask worker` processes; the scheduler dies."""
    address = f"tcp://127.0.0.1:{_free_port()}"
    scheduler = _scheduler(address)
    worker = subprocess.Popen([str(Path(sys.executable).parent / "dask"), "worker", address, "--nthreads", "1",
                               "--no-dashboard"], stderr=subprocess.DEVNULL)

    def kill_the_scheduler(event, report, todo) -> None:
        if event == "file":
            scheduler.kill()

    try:
        with pytest.raises(ClusterError, match="was lost during the run") as lost:
            services.ingest(FILES, tmp_path / "index", progress=kill_the_scheduler,
                            cluster=Cluster(address, connect_seconds=30))
    finally:
        _stop(worker, scheduler)
    assert address in str(lost.value) and "ingest again" in str(lost.value)


def test_ship_files_without_a_scheduler_is_a_sentence(tmp_path, monkeypatch):
    monkeypatch.delenv("CSPSEARCH_SCHEDULER", raising=False)
    result = CliRunner().invoke(app, ["ingest", str(FILES[0]), "--index", str(tmp_path / "index"), "--ship-files"])
    assert result.exit_code == 1 and "give --scheduler ADDRESS" in " ".join(result.output.split())
    assert not (tmp_path / "index").exists()
