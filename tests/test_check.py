"""`cspsearch check [--repair]` on real indexes damaged for real: what is wrong is said,
and a repair rebuilds from the papers, swapped in, the damaged index kept beside it."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import struct
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cspsearch import services
from cspsearch.cli import app
from cspsearch.store.index import segment_files, toc_files

ROOT = Path(__file__).resolve().parent.parent
PAPERS = sorted((ROOT / "corpus").rglob("*.txt"))
runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Papers in a folder of their own and an index of them in two segments (two ingests)."""
    base = tmp_path_factory.mktemp("built")
    papers = base / "papers"
    papers.mkdir()
    for path in PAPERS:
        shutil.copy(path, papers / path.name)
    names = sorted(papers.iterdir())
    services.ingest(names[:3], base / "ix", jobs=1)
    services.ingest(names[3:], base / "ix", jobs=1)
    assert len(segment_files(base / "ix")) == 2
    return base


@pytest.fixture()
def site(built, tmp_path) -> Path:
    """A copy of the papers and the index, with the index's recorded paths pointing at the copy."""
    shutil.copytree(built, tmp_path, dirs_exist_ok=True)
    return tmp_path


def _check(index: Path, *args: str):
    result = runner.invoke(app, ["check", "--index", str(index), *args])
    return result, " ".join(result.output.split())


def test_a_healthy_index_checks_clean(built):
    result, said = _check(built / "ix")
    assert result.exit_code == 0, said
    assert "is healthy: 5 documents" in said
    data = json.loads(runner.invoke(app, ["check", "--index", str(built / "ix"), "--json"]).stdout)
    assert data["healthy"] and data["problems"] == [] and data["segments"] == 2
    assert data["documents"] == len(services.documents(built / "ix")) == 5
    assert data["passages"] == services.search("*", built / "ix")["passages_total"]


def test_repair_of_a_healthy_index_does_nothing(built):
    before = sorted(p.name for p in built.iterdir())
    result, said = _check(built / "ix", "--repair")
    assert result.exit_code == 0 and "is healthy" in said
    assert sorted(p.name for p in built.iterdir()) == before


def test_a_deleted_segment_is_said_and_repaired_from_the_papers(site):
    index = site / "ix"
    services.documents(index)  # recorded paths: the papers in `built`, which stay on disk
    lost = segment_files(index)[0]
    lost.unlink()
    result, said = _check(index)
    assert result.exit_code == 1
    assert f"missing its file {lost.name}" in said and "check --repair" in said

    result, said = _check(index, "--repair")
    assert result.exit_code == 0, said
    assert "Rebuilt" in said
    damaged = [p for p in site.iterdir() if p.name.startswith("ix.damaged-")]
    assert len(damaged) == 1 and len(segment_files(damaged[0])) == 1  # kept as it was found
    assert _check(index)[0].exit_code == 0
    # Only the papers of the readable segment are named by the index now; they are back.
    assert 1 <= len(services.documents(index)) < 5
    assert not [p for p in site.iterdir() if p.name.startswith(".ix.rebuild-")]


def test_papers_gone_from_disk_are_listed(built, tmp_path):
    base = tmp_path / "site"
    papers = base / "papers"
    papers.mkdir(parents=True)
    for path in PAPERS[:3]:
        shutil.copy(path, papers / path.name)
    index = base / "ix"
    services.ingest([papers], index, jobs=1)
    services.ingest([PAPERS[3]], index, jobs=1)  # a second, small segment
    gone = sorted(papers.iterdir())[0]
    gone.unlink()
    min(segment_files(index), key=lambda p: p.stat().st_size).write_bytes(b"")  # the small one, emptied
    result = services.repair_index(index)
    assert result["repaired"] and result["health"]["healthy"]
    assert result["gone"] == [str(gone.resolve())]
    assert {d["path"] for d in services.documents(index)} == {str(p.resolve()) for p in papers.iterdir()}
    assert result["damaged_kept_at"] and Path(result["damaged_kept_at"]).is_dir()
    said = " ".join(runner.invoke(app, ["check", "--index", str(index)]).output.split())
    assert "is healthy: 2 documents" in said


def test_a_missing_table_of_contents_is_repaired_from_the_raw_segments(site):
    index = site / "ix"
    paths = sorted(d["path"] for d in services.documents(index))
    for toc in toc_files(index):
        toc.unlink()
    result, said = _check(index)
    assert result.exit_code == 1 and "no table of contents" in said
    result, said = _check(index, "--repair")
    assert result.exit_code == 0, said
    assert sorted(d["path"] for d in services.documents(index)) == paths


@pytest.mark.parametrize("lost_data", [0, 3000])
def test_a_truncated_segment_is_repaired_from_what_is_left_of_it(site, lost_data):
    """Cut each segment's file where its directory starts (a copy that stopped short),
    and further into its data: Whoosh cannot open it, and the papers are read from the rest."""
    index = site / "ix"
    paths = sorted(d["path"] for d in services.documents(index))
    for segment in segment_files(index):
        data = segment.read_bytes()
        (directory_at,) = struct.unpack("!q", data[:8])  # a compound file opens with its directory's offset
        segment.write_bytes(data[: directory_at - lost_data])
    assert _check(index)[0].exit_code == 1
    result = services.repair_index(index)
    assert result["health"]["healthy"]
    rebuilt = sorted(d["path"] for d in services.documents(index))
    if lost_data:
        assert rebuilt and set(rebuilt) <= set(paths)
    else:
        assert rebuilt == paths


def test_records_without_their_document_are_said(site):
    from cspsearch.store import writer as store_writer

    index = site / "ix"
    doc_id = services.documents(index)[0]["doc_id"]
    ix = store_writer.open_for_writing(index)
    w = ix.writer()
    w.delete_by_term("rec_id", doc_id)  # the document record alone
    w.commit()
    health = services.check_index(index)
    assert not health["healthy"]
    assert any("no document record" in p and doc_id in p for p in health["problems"])


class _Payload:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_table_of_contents_is_said_and_replaced(site, tmp_path):
    from test_store_safety import _rewrite_toc

    index = site / "ix"
    paths = sorted(d["path"] for d in services.documents(index))
    marker = tmp_path / "planted-code-ran"
    _rewrite_toc(index, schema_pickle=pickle.dumps(_Payload(marker), 2))
    result, said = _check(index)
    assert result.exit_code == 1 and "could run code" in said
    assert services.repair_index(index)["health"]["healthy"]
    assert sorted(d["path"] for d in services.documents(index)) == paths
    assert not marker.exists()


def test_no_index_at_all(tmp_path):
    result, said = _check(tmp_path / "nowhere")
    assert result.exit_code == 1 and "There is no index" in said


def test_a_scan_with_no_text_is_healthy_without_passages(tmp_path):
    from test_readers import make_pdf

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf([b"", b""], image_pages=frozenset({0, 1})))
    report = services.ingest([scan, PAPERS[0]], tmp_path / "ix", jobs=1)
    assert not report.failed and len(services.documents(tmp_path / "ix")) == 2
    result, said = _check(tmp_path / "ix")
    assert result.exit_code == 0, said
    assert "is healthy: 2 documents" in said
