"""Ingest end to end: incremental, atomic replacement, prune, bad input, a busy index."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cspsearch import services
from cspsearch.errors import IndexBusyError

ROOT = Path(__file__).resolve().parent.parent
MAIDSTONE = sorted((ROOT / "corpus" / "maidstone").glob("*.txt"))


@pytest.fixture()
def papers(tmp_path) -> Path:
    folder = tmp_path / "papers"
    folder.mkdir()
    for path in MAIDSTONE[:2]:
        shutil.copy(path, folder / path.name)
    return folder


def test_ingest_then_unchanged_reingest_skips_everything(papers, tmp_path):
    index = tmp_path / "ix"
    first = services.ingest([papers], index, jobs=1)
    assert len(first.ingested) == 2 and not first.failed
    assert first.passages > 10 and first.entities > 10
    again = services.ingest([papers], index, jobs=1)
    assert again.ingested == [] and len(again.unchanged) == 2
    assert len(services.documents(index)) == 2


def test_changed_file_replaces_its_old_version(papers, tmp_path):
    index = tmp_path / "ix"
    services.ingest([papers], index, jobs=1)
    target = sorted(papers.iterdir())[0]
    target.write_text(target.read_text(encoding="utf-8") + "\n\nA new paragraph about zeppelin patrols.\n",
                      encoding="utf-8")
    report = services.ingest([papers], index, jobs=1)
    assert report.ingested == [str(target.resolve())]
    assert len(services.documents(index)) == 2
    hits = services.search("zeppelin", index)
    assert hits["total"] == 1 and hits["results"][0]["path"] == str(target.resolve())


def test_prune_drops_documents_whose_files_are_gone(papers, tmp_path):
    index = tmp_path / "ix"
    services.ingest([papers], index, jobs=1)
    gone = sorted(papers.iterdir())[0]
    gone.unlink()
    assert services.prune(index) == [str(gone.resolve())]
    assert [d["path"] for d in services.documents(index)] == [str(p.resolve()) for p in sorted(papers.iterdir())]


def test_crash_while_writing_leaves_the_index_as_it_was(papers, tmp_path, monkeypatch):
    index = tmp_path / "ix"
    services.ingest([papers], index, jobs=1)
    before = services.search("partnership", index)["passages_total"]
    from cspsearch.store import writer

    real = writer.records_of

    def crash(record):
        yield from list(real(record))[:3]
        raise RuntimeError("power cut")

    monkeypatch.setattr(writer, "records_of", crash)
    with pytest.raises(RuntimeError):
        services.ingest([papers], index, jobs=1, force=True)
    monkeypatch.setattr(writer, "records_of", real)
    from cspsearch.store.search import SEARCHERS

    SEARCHERS.clear()
    assert services.search("partnership", index)["passages_total"] == before
    assert len(services.documents(index)) == 2


def test_bad_files_fail_alone_and_the_rest_is_ingested(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(MAIDSTONE[0], folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    (folder / "notes.xyz").write_text("not a paper")  # not discovered inside a folder
    named = tmp_path / "named.xyz"
    named.write_text("named explicitly")
    report = services.ingest([folder, named, tmp_path / "missing.pdf"], tmp_path / "ix", jobs=1)
    assert [Path(p).name for p in report.ingested] == ["good.txt"]
    reasons = {Path(p).name: r for p, r in report.failed}
    assert set(reasons) == {"empty.txt", "corrupt.pdf", "named.xyz", "missing.pdf"}
    assert all(r and "Traceback" not in r and len(r.splitlines()) == 1 for r in reasons.values())
    assert "empty" in reasons["empty.txt"].lower()


def test_second_writer_gets_a_sentence_not_a_hang(papers, tmp_path, monkeypatch):
    index = tmp_path / "ix"
    services.ingest([papers], index, jobs=1)
    from cspsearch.store import index as store_index

    monkeypatch.setattr(store_index, "LOCK_WAIT_SECONDS", 0.2)
    holder = store_index.open_for_writing(index).writer()
    try:
        (papers / "extra.txt").write_text("Safer Streets funding of £20,000 was agreed.", encoding="utf-8")
        with pytest.raises(IndexBusyError, match="another process"):
            services.ingest([papers], index, jobs=1)
        # Reading while the writer holds the lock sees the last committed state.
        assert services.search("partnership", index)["total"] == 2
    finally:
        holder.cancel()


def test_parallel_ingest_gives_the_same_index_as_one_job(papers, tmp_path):
    one = services.ingest([papers], tmp_path / "one", jobs=1)
    two = services.ingest([papers], tmp_path / "two", jobs=2)
    assert sorted(one.ingested) == sorted(two.ingested)
    assert (one.passages, one.entities) == (two.passages, two.entities)


def test_editing_a_sidecar_reingests_its_file(papers, tmp_path):
    index = tmp_path / "ix"
    services.ingest([papers], index, jobs=1)
    target = sorted(papers.iterdir())[0]
    target.with_name(target.name + ".meta.yaml").write_text("committee: Sidecar Scrutiny Panel\n", encoding="utf-8")
    report = services.ingest([papers], index, jobs=1)
    assert report.ingested == [str(target.resolve())]
    docs = {d["path"]: d for d in services.documents(index)}
    assert docs[str(target.resolve())]["committee"] == "Sidecar Scrutiny Panel"


def test_the_same_paper_under_two_names_is_indexed_once(papers, tmp_path):
    index = tmp_path / "ix"
    original = sorted(papers.iterdir())[0]
    copy = papers / "attached-again.txt"
    shutil.copy(original, copy)
    first = services.ingest([papers], index, jobs=1)
    assert len(first.ingested) == 2 and len(first.duplicates) == 1
    assert len(services.documents(index)) == 2
    again = services.ingest([papers], index, jobs=1)
    assert again.ingested == [] and len(again.unchanged) + len(again.duplicates) == 3


def test_a_new_reading_of_papers_reads_unchanged_files_again(tmp_path, monkeypatch):
    """An upgrade that extracts differently must not leave the old reading of unchanged files."""
    from cspsearch.ingest import plan as plan_module

    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "a.txt").write_text("Maidstone Borough Council\n\nThe partnership's priorities are set.\n")
    first = services.ingest([papers], tmp_path / "ix")
    assert len(first.ingested) == 1
    again = services.ingest([papers], tmp_path / "ix")
    assert len(again.unchanged) == 1 and not again.outdated
    monkeypatch.setattr(plan_module, "pipeline_version", lambda: "a-newer-reading")
    upgraded = services.ingest([papers], tmp_path / "ix")
    assert upgraded.outdated == [str((papers / "a.txt").resolve())] and len(upgraded.ingested) == 1
    assert len(services.documents(tmp_path / "ix")) == 1, "read again, not added twice"
