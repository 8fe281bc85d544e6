"""Discovery: which files ingest picks up, what it refuses, and content hashes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from cspsearch.errors import ParseError
from cspsearch.ingest.discover import discover, kind_of, sha256_of

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _touch(path: Path, content: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_folders_are_searched_recursively_for_supported_types(tmp_path):
    for name in ["a.pdf", "b.DOCX", "c.html", "d.htm", "e.txt", "f.md", "sub/deeper/g.pdf"]:
        _touch(tmp_path / name)
    for name in ["notes.doc", "sheet.xlsx", "image.png", "a.pdf.meta.yaml", ".hidden.pdf",
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
    sheet = _touch(tmp_path / "budget.xlsx")
    sidecar = _touch(tmp_path / "paper.pdf.meta.yaml")
    good = _touch(tmp_path / "paper.pdf")
    found, refused = discover([missing, sheet, sidecar, good])
    assert found == [good]
    reasons = dict(refused)
    assert reasons[missing] == "does not exist"
    assert "unsupported file type .xlsx" in reasons[sheet] and ".pdf" in reasons[sheet]
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
