"""Large and hostile inputs: alias bombs and bad values in sidecars, a DOCX zip bomb, deep HTML, very long texts."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from cspsearch import services
from cspsearch.errors import ParseError
from cspsearch.extract import extract_entities
from cspsearch.ingest.metadata import load_sidecar
from cspsearch.ingest.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
PAPER = ROOT / "corpus" / "maidstone" / "2017-03-28-csp-plan-refresh.txt"


def _sidecar(tmp_path: Path, content: str) -> Path:
    paper = tmp_path / "p.txt"
    paper.write_text("The panel agreed £20,000 for patrols.\n", encoding="utf-8")
    (tmp_path / "p.txt.meta.yaml").write_text(content, encoding="utf-8")
    return paper


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)]
    paper = _sidecar(tmp_path, "\n".join([*lines, "title: *i"]) + "\n")
    started = time.monotonic()
    with pytest.raises(ParseError, match=r"p\.txt\.meta\.yaml could not be read as YAML: aliases .* not allowed"):
        load_sidecar(paper)
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("content, message", [
    ("meeting_date: 2024-02-30\n", r"meeting_date 2024-02-30 is not a real date"),
    ("meeting_date: '2024-02-30'\n", r"meeting_date 2024-02-30 is not a real date"),
    ("meeting_date: 2024-13\n", r"meeting_date 2024-13 is not a real date"),
    ("authors: {name: Jo Bloggs}\n", r"authors must be a list of names \(strings\)"),
    ("authors: [Jo Bloggs, 7]\n", r"authors must be a list of names \(strings\)"),
    ("committee: [a, b]\n", r"committee must be text"),
    ("year: twenty\n", r"year must be a four-digit year"),
    ("title: " + "x" * 600 + "\n", r"title is 600 characters long; at most 500"),
])
def test_bad_sidecar_values_get_a_sentence_naming_the_sidecar(tmp_path, content, message):
    paper = _sidecar(tmp_path, content)
    with pytest.raises(ParseError, match=rf"The metadata file .*p\.txt\.meta\.yaml .*{message}"):
        load_sidecar(paper)


def test_a_good_sidecar_still_reads(tmp_path):
    paper = _sidecar(tmp_path, "meeting_date: 2024-02-29\nauthors: [Jo Bloggs, Sam Lee]\nyear: 2024\ntitle: 2024\n")
    assert load_sidecar(paper) == {"meeting_date": "2024-02-29", "authors": ("Jo Bloggs", "Sam Lee"),
                                   "year": 2024, "title": "2024"}


def test_an_oversized_sidecar_is_refused(tmp_path):
    paper = _sidecar(tmp_path, "# padding\n" * 7000 + "title: A\n")
    with pytest.raises(ParseError, match=r"p\.txt\.meta\.yaml is 70,009 bytes; a sidecar may be at most 64 KB"):
        load_sidecar(paper)


def test_a_bad_sidecar_fails_its_file_in_an_ingest(tmp_path):
    paper = _sidecar(tmp_path, "meeting_date: 2024-02-30\n")
    report = services.ingest([paper], tmp_path / "ix", jobs=1)
    [(path, reason)] = report.failed
    assert Path(path).name == "p.txt" and "p.txt.meta.yaml" in reason and "not a real date" in reason


def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * 65_000_000)
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(buffer.getvalue())
    assert bomb.stat().st_size < 200_000
    with pytest.raises(ParseError, match=r"bomb\.docx unpacks to 65 MB \(65 MB of markup\), more than a Word "
                                         r"document may .*; it was not opened\."):
        read_document(bomb)


def test_html_nested_thousands_deep_is_read(tmp_path):
    page = tmp_path / "deep.html"
    depth = 3000
    page.write_text("<html><body><p>Quokka wardens.</p>" + "<div><table><tr><td>" * depth + "deep text"
                    + "</td></tr></table></div>" * depth + "</body></html>", encoding="utf-8")
    parsed = read_document(page)
    assert parsed.text.split() == ["Quokka", "wardens.", "deep", "text"]


def test_a_text_longer_than_the_window_is_read_in_windows_with_offsets_kept():
    one = read_document(PAPER).text
    whole = "\f".join([one] * 3)
    single = extract_entities(one)
    windowed = extract_entities(whole, window_chars=len(one) + 10)
    assert len(windowed) == 3 * len(single)
    assert all(whole[e.start:e.end] == e.text for e in windowed)
    shift = 2 * (len(one) + 1)
    last = sorted((e.type, e.start - shift, e.end - shift, e.page - 2) for e in windowed if e.start >= shift)
    assert last == sorted((e.type, e.start, e.end, e.page) for e in single)


def test_windows_end_at_paragraph_breaks():
    from cspsearch.extract import _windows

    text = "First paragraph here.\n\nSecond one is longer than that.\n\nThird.\fFourth page text."
    windows = list(_windows(text, 40))
    assert "".join(piece for _, piece in windows) == text
    assert [piece for _, piece in windows] == [
        "First paragraph here.\n\n", "Second one is longer than that.\n\nThird.\f", "Fourth page text."]
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in windows)
