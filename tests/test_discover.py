"""Discovery: which files ingest picks up, what it refuses, and content hashes."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from cspsearch.errors import ParseError
from cspsearch.ingest.discover import discover, kind_of, printable, sha256_of, survey_paths

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _touch(path: Path, content: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_folders_are_searched_recursively_for_supported_types(tmp_path):
    for name in ["a.pdf", "b.DOCX", "c.html", "d.htm", "e.txt", "f.md", "sub/deeper/g.pdf"]:
        _touch(tmp_path / name)
    for name in ["notes.doc", "sheet.ods", "image.png", "a.pdf.meta.yaml", ".hidden.pdf",
                 ".git/objects/h.txt", "~$lockfile.docx", "README.md"]:
        _touch(tmp_path / name)
    found, refused = discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.pdf", "b.DOCX", "c.html", "d.htm", "e.txt", "f.md", "sub/deeper/g.pdf",
    ]
    assert refused == []


def test_results_are_sorted_and_without_duplicates(tmp_path):
    a = _touch(tmp_path / "z" / "b.txt")
    b = _touch(tmp_path / "a.txt")
    found, _ = discover([tmp_path / "z", tmp_path, a])
    assert found == sorted([a, b])


def test_named_paths_that_cannot_be_ingested_are_refused_with_reasons(tmp_path):
    missing = tmp_path / "gone.pdf"
    sheet = _touch(tmp_path / "budget.ods")
    sidecar = _touch(tmp_path / "paper.pdf.meta.yaml")
    good = _touch(tmp_path / "paper.pdf")
    found, refused = discover([missing, sheet, sidecar, good])
    assert found == [good]
    reasons = dict(refused)
    assert reasons[missing] == "does not exist"
    assert "unsupported file type .ods" in reasons[sheet] and ".pdf" in reasons[sheet]
    assert "sidecar" in reasons[sidecar]


def test_a_hidden_file_named_explicitly_is_read(tmp_path):
    hidden = _touch(tmp_path / ".draft.txt")
    assert discover([hidden]) == ([hidden], [])


def test_the_sample_corpus_is_found():
    found, refused = discover([CORPUS])
    kinds = [kind_of(p) for p in found]
    assert refused == []
    assert kinds.count("text") == 5 and kinds.count("pdf") == 8
    assert all(p.name != "README.md" for p in found)


@pytest.mark.parametrize(("name", "kind"), [
    ("a.pdf", "pdf"), ("a.PDF", "pdf"), ("a.docx", "docx"), ("a.html", "html"), ("a.htm", "html"),
    ("a.txt", "text"), ("a.md", "text"),
])
def test_kind_of(name, kind):
    assert kind_of(Path(name)) == kind


def test_kind_of_an_unsupported_file_says_which_types_are():
    with pytest.raises(ParseError, match=r"unsupported file type \.doc;.*\.docx"):
        kind_of(Path("minutes.doc"))


def test_sha256_of_matches_hashlib(tmp_path):
    data = bytes(range(256)) * 5000  # larger than one read chunk
    path = _touch(tmp_path / "big.pdf", data)
    assert sha256_of(path) == hashlib.sha256(data).hexdigest()


# --- odd file systems ------------------------------------------------------------------------------

def test_unsupported_files_in_a_folder_are_named_as_skipped(tmp_path):
    good = _touch(tmp_path / "paper.pdf")
    _touch(tmp_path / "budget.ods")
    _touch(tmp_path / "sub" / "notes.xyz")
    _touch(tmp_path / "Makefile")
    for quiet in ["README.md", ".hidden.ods", "paper.pdf.meta.yaml", "~$lock.docx"]:
        _touch(tmp_path / quiet)
    survey = survey_paths([tmp_path])
    assert survey.found == [good] and survey.refused == []
    assert [sentence for _, sentence in survey.skipped] == [
        "Makefile has no file type (extension), which is not read.",
        "budget.ods is a spreadsheet, which is not read.",
        "notes.xyz has an unsupported file type .xyz, which is not read.",
    ]


def test_a_symlink_loop_in_a_folder_is_refused_alone(tmp_path):
    good = _touch(tmp_path / "paper.txt")
    (tmp_path / "loop.pdf").symlink_to("loop.pdf")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "folder-loop").symlink_to(tmp_path)  # not followed: os.walk stays out of linked folders
    survey = survey_paths([tmp_path, tmp_path / "loop.pdf"])
    assert survey.found == [good]
    assert sorted((p.name, r) for p, r in survey.refused) == [
        ("broken.txt", "is a symbolic link to a file that does not exist"),
        ("loop.pdf", "is a symbolic link that leads back to itself, so there is nothing to read"),
        ("loop.pdf", "is a symbolic link that leads back to itself, so there is nothing to read"),
    ]


def test_a_file_name_that_is_not_utf8_is_refused_with_a_printable_name(tmp_path):
    good = _touch(tmp_path / "paper.txt")
    with open(os.fsencode(tmp_path) + b"/bad\xff.txt", "wb") as handle:
        handle.write(b"text")
    survey = survey_paths([tmp_path])
    assert survey.found == [good]
    [(path, reason)] = survey.refused
    assert printable(path).endswith("bad\\xff.txt") and "not valid UTF-8" in reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root opens every folder whatever its permissions")
def test_an_unreadable_subfolder_is_named_as_skipped(tmp_path):
    good = _touch(tmp_path / "paper.txt")
    locked = tmp_path / "locked"
    _touch(locked / "inside.txt")
    locked.chmod(0)
    try:
        survey = survey_paths([tmp_path])
    finally:
        locked.chmod(0o755)
    assert survey.found == [good]
    assert [s for _, s in survey.skipped] == [
        f"The folder {locked} could not be opened (permission denied), so the files in it were not read."]


def test_the_ingest_summary_counts_and_names_a_skipped_file(tmp_path):
    from typer.testing import CliRunner

    from cspsearch.cli import app

    folder = tmp_path / "papers"
    _touch(folder / "paper.txt", b"The panel agreed \xc2\xa320,000 for patrols.\n")
    _touch(folder / "budget.ods", b"PK")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--index", str(tmp_path / "ix"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "1 skipped: budget.ods is a spreadsheet, which is not read" in " ".join(result.output.split())


def test_odd_names_and_links_fail_alone_and_the_batch_is_indexed(tmp_path):
    from cspsearch import services

    folder = tmp_path / "papers"
    _touch(folder / "good.txt", b"The panel agreed \xc2\xa320,000 for patrols.\n")
    with open(os.fsencode(folder) + b"/bad\xff.txt", "wb") as handle:
        handle.write(b"The committee noted \xc2\xa335,000 for wardens.\n")
    (folder / "loop.pdf").symlink_to("loop.pdf")
    report = services.ingest([folder], tmp_path / "ix", jobs=1)
    assert [Path(p).name for p in report.ingested] == ["good.txt"]
    assert sorted(Path(p).name for p, _ in report.failed) == ["bad\\xff.txt", "loop.pdf"]
    assert [Path(d["path"]).name for d in services.documents(tmp_path / "ix")] == ["good.txt"]
