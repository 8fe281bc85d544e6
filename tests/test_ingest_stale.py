"""The index reflects each file as it is now: no stale text after edits, copies, emptying; copies keep metadata."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cspsearch import services

ZEPPELIN = "Zeppelin patrols.\n\nThe panel agreed Safer Streets funding of £20,000 for zeppelin patrols in 2024/25.\n"
QUOKKA = "Quokka wardens.\n\nThe committee noted that quokka wardens cost £35,000 under the Crime and Disorder Act 1998.\n"


@pytest.fixture()
def two_papers(tmp_path) -> tuple[Path, Path, Path]:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "a.txt").write_text(ZEPPELIN, encoding="utf-8")
    (folder / "b.txt").write_text(QUOKKA, encoding="utf-8")
    index = tmp_path / "ix"
    first = services.ingest([folder], index, jobs=1)
    assert len(first.ingested) == 2 and _hits("quokka", index) == 1
    return folder, folder / "b.txt", index


def _hits(word: str, index: Path) -> int:
    """Passages found for `word` by a fresh searcher, as a new command would see the index."""
    from cspsearch.store.snapshot import SEARCHERS

    SEARCHERS.clear()  # a cached searcher reuses segment readers and can miss a commit of deletions only
    return services.search(word, index)["total"]


def _paths(index: Path) -> list[str]:
    return sorted(Path(d["path"]).name for d in services.documents(index))


def test_a_file_edited_into_a_copy_of_another_loses_its_old_text(two_papers):
    folder, b, index = two_papers
    b.write_text(ZEPPELIN, encoding="utf-8")
    report = services.ingest([folder], index, jobs=1)
    assert report.duplicates == [(str(b.resolve()), str((folder / "a.txt").resolve()))]
    assert [sentence for _, sentence in report.removed] == [
        "b.txt is now a copy of a.txt, so its earlier text was taken out of the index."]
    assert _hits("quokka", index) == 0
    assert _paths(index) == ["a.txt"]


@pytest.mark.parametrize("force", [False, True])
def test_an_emptied_file_fails_and_its_old_text_is_gone(two_papers, force):
    folder, b, index = two_papers
    b.write_bytes(b"")
    report = services.ingest([folder], index, jobs=1, force=force)
    assert [(Path(p).name, "empty" in r) for p, r in report.failed] == [("b.txt", True)]
    assert [Path(p).name for p, _ in report.removed] == ["b.txt"]
    assert _hits("quokka", index) == 0
    assert _paths(index) == ["a.txt"]


def test_a_file_replaced_by_a_broken_link_is_taken_out(two_papers):
    folder, b, index = two_papers
    b.unlink()
    b.symlink_to(folder / "nowhere.txt")
    report = services.ingest([folder], index, jobs=1)
    assert [Path(p).name for p, _ in report.failed] == ["b.txt"]
    assert "does not exist" in report.failed[0][1]
    assert [Path(p).name for p, _ in report.removed] == ["b.txt"]
    assert _hits("quokka", index) == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_a_file_that_became_unreadable_is_taken_out(two_papers):
    folder, b, index = two_papers
    b.chmod(0)
    try:
        report = services.ingest([folder], index, jobs=1)
    finally:
        b.chmod(0o644)
    assert [Path(p).name for p, _ in report.failed] == ["b.txt"]
    assert _hits("quokka", index) == 0


def test_prune_drops_a_file_that_is_now_empty(two_papers):
    _, b, index = two_papers
    b.write_bytes(b"")
    assert services.prune(index) == [str(b.resolve())]
    assert _hits("quokka", index) == 0


def test_empty_files_are_each_empty_not_copies_of_one_another(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    for name in ("one.txt", "two.txt"):
        (folder / name).write_bytes(b"")
    report = services.ingest([folder], tmp_path / "ix", jobs=1)
    assert report.duplicates == []
    assert sorted((Path(p).name, "empty" in r) for p, r in report.failed) == [("one.txt", True), ("two.txt", True)]


def test_copies_with_their_own_sidecars_are_indexed_under_each(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    for name, council in (("kent.txt", "kent"), ("medway.txt", "medway")):
        (folder / name).write_text(QUOKKA, encoding="utf-8")
        (folder / f"{name}.meta.yaml").write_text(f"council_id: {council}\n", encoding="utf-8")
    (folder / "plain.txt").write_text(QUOKKA, encoding="utf-8")
    (folder / "plain-again.txt").write_text(QUOKKA, encoding="utf-8")
    index = tmp_path / "ix"
    report = services.ingest([folder], index, jobs=1)
    assert sorted(Path(p).name for p in report.ingested) == ["kent.txt", "medway.txt", "plain-again.txt"]
    assert [(Path(p).name, Path(h).name) for p, h in report.duplicates] == [("plain.txt", "plain-again.txt")]
    councils = {Path(d["path"]).name: d["council_id"] for d in services.documents(index)}
    assert councils["kent.txt"] == "kent" and councils["medway.txt"] == "medway"
    again = services.ingest([folder], index, jobs=1)
    assert again.ingested == [] and len(again.unchanged) == 3 and len(again.duplicates) == 1


def test_a_council_override_survives_a_later_force(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "a.txt").write_text(QUOKKA, encoding="utf-8")
    index = tmp_path / "ix"
    services.ingest([folder], index, jobs=1, council="swale")
    assert services.ingest([folder], index, jobs=1).unchanged == [str((folder / "a.txt").resolve())]
    forced = services.ingest([folder], index, jobs=1, force=True)
    assert len(forced.ingested) == 1
    assert [d["council_id"] for d in services.documents(index)] == ["swale"]
    services.ingest([folder], index, jobs=1, council="medway")  # a new override replaces it
    assert [d["council_id"] for d in services.documents(index)] == ["medway"]


def test_two_files_that_swap_contents_are_both_indexed_as_they_are_now(two_papers):
    folder, b, index = two_papers
    a = folder / "a.txt"
    a.write_text(QUOKKA, encoding="utf-8")
    b.write_text(ZEPPELIN, encoding="utf-8")
    report = services.ingest([folder], index, jobs=1)
    assert len(report.ingested) == 2 and report.removed == []
    assert _hits("quokka", index) == 1
    assert [h["path"] for h in services.search("quokka", index)["results"]] == [str(a.resolve())]
    assert [h["path"] for h in services.search("zeppelin", index)["results"]] == [str(b.resolve())]


def test_prune_indexes_the_surviving_copy_of_a_removed_file(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "a.txt").write_text(QUOKKA, encoding="utf-8")
    (folder / "b.txt").write_text(QUOKKA, encoding="utf-8")
    index = tmp_path / "ix"
    first = services.ingest([folder], index, jobs=1)
    assert [Path(p).name for p, _ in first.duplicates] == ["b.txt"]
    (folder / "a.txt").unlink()
    assert services.prune(index) == [str((folder / "a.txt").resolve())]
    assert _paths(index) == ["b.txt"] and _hits("quokka", index) == 1
    assert services.ingest([folder], index, jobs=1).unchanged == [str((folder / "b.txt").resolve())]


def test_a_copy_of_a_file_since_edited_elsewhere_is_indexed_itself(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "a.txt").write_text(QUOKKA, encoding="utf-8")
    index = tmp_path / "ix"
    services.ingest([first], index, jobs=1)
    (first / "a.txt").write_text(ZEPPELIN, encoding="utf-8")  # edited, not ingested again
    (second / "b.txt").write_text(QUOKKA, encoding="utf-8")
    report = services.ingest([second], index, jobs=1)
    assert report.duplicates == [] and [Path(p).name for p in report.ingested] == ["b.txt"]
    assert [h["path"] for h in services.search("quokka", index)["results"]] == [str((second / "b.txt").resolve())]
