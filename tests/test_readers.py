"""Readers: every format's text, tables as tab rows, page breaks, clean-up and each kind of bad input."""

from __future__ import annotations

import hashlib
import os
import struct
import time
import zipfile
from pathlib import Path

import pytest

from cspsearch.errors import ParseError
from cspsearch.ingest.discover import discover
from cspsearch.ingest.layout import drop_running_lines, normalise_characters
from cspsearch.ingest.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


# -- a minimal PDF writer, so every PDF fixture is generated here ---------------------------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_FILE_ID = bytes(range(16))


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    out = bytearray(b"(")
    for byte in raw:
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte > 126:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    return bytes(out + b")")


def _text_ops(lines: list[str], top: float = 770) -> bytes:
    ops = [b"BT /F1 11 Tf 14 TL 72 %d Td" % top]
    for i, line in enumerate(lines):
        ops.append((b"T* " if i else b"") + _pdf_string(line) + b" Tj")
    ops.append(b"ET")
    return b"\n".join(ops)


def _table_ops(rows: list[list[str]], top: float, widths: list[float], left: float = 72) -> bytes:
    """A table drawn as a grid of ruling lines with each cell's text inside."""
    height = 18
    xs = [left]
    for width in widths:
        xs.append(xs[-1] + width)
    bottom = top - height * len(rows)
    ops = [b"0.5 w"]
    for r in range(len(rows) + 1):
        y = top - r * height
        ops.append(b"%.1f %.1f m %.1f %.1f l S" % (xs[0], y, xs[-1], y))
    for x in xs:
        ops.append(b"%.1f %.1f m %.1f %.1f l S" % (x, top, x, bottom))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            y = top - r * height - 13
            ops.append(b"BT /F1 10 Tf %.1f %.1f Td " % (xs[c] + 4, y) + _pdf_string(cell) + b" Tj ET")
    return b"\n".join(ops)


def _rc4(key: bytes, data: bytes) -> bytes:
    state, j = list(range(256)), 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _standard_security(user: str, owner: str) -> tuple[bytes, bytes, bytes, int]:
    """Key, /O and /U of the PDF standard security handler, revision 2 (40-bit RC4)."""
    permissions = -44
    owner_key = hashlib.md5((owner.encode() + _PAD)[:32]).digest()[:5]
    o_value = _rc4(owner_key, (user.encode() + _PAD)[:32])
    seed = (user.encode() + _PAD)[:32] + o_value + struct.pack("<i", permissions) + _FILE_ID
    key = hashlib.md5(seed).digest()[:5]
    return key, o_value, _rc4(key, _PAD), permissions


def make_pdf(pages: list[bytes], *, user_password: str | None = None, image_pages: frozenset = frozenset()) -> bytes:
    """A valid PDF whose pages draw the given content streams (and an image on `image_pages`)."""
    objects: dict[int, bytes] = {3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"}
    image = 4
    objects[image] = b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray " \
                     b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
    kids = []
    for i, content in enumerate(pages):
        page_no, content_no = 5 + 2 * i, 6 + 2 * i
        if i in image_pages:
            content = b"q 400 0 0 500 100 150 cm /Im1 Do Q\n" + content
        objects[content_no] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
        objects[page_no] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                            b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                            % (content_no, image))
        kids.append(b"%d 0 R" % page_no)
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(pages)
    trailer_extra = b""
    if user_password is not None:
        key, o_value, u_value, permissions = _standard_security(user_password, "owner-secret")
        for number, body in objects.items():
            if b"stream\n" in body:
                head, rest = body.split(b"stream\n", 1)
                data = rest[: -len(b"\nendstream")]
                object_key = hashlib.md5(key + struct.pack("<i", number)[:3] + b"\x00\x00").digest()[:10]
                objects[number] = head + b"stream\n" + _rc4(object_key, data) + b"\nendstream"
        encrypt = len(objects) + 10
        objects[encrypt] = (b"<< /Filter /Standard /V 1 /R 2 /O <" + o_value.hex().encode() + b"> /U <"
                            + u_value.hex().encode() + b"> /P %d >>" % permissions)
        trailer_extra = b" /Encrypt %d 0 R" % encrypt
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    file_id = _FILE_ID.hex().encode()
    out += (b"trailer\n<< /Size %d /Root 1 0 R /ID [<%s><%s>]" % (size, file_id, file_id) + trailer_extra
            + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- PDF --------------------------------------------------------------------------------------

def test_pdf_pages_are_read_in_order_with_their_source(tmp_path):
    data = make_pdf([_text_ops(["1. Introduction", "1.1 The grant is \u00a337,104 for 2017-18."]),
                     _text_ops(["2. Background", "The Crime and Disorder", "Act 1998 applies."])])
    path = _write(tmp_path, "report.pdf", data)
    doc = read_document(path)
    assert doc.pages == ("1. Introduction\n1.1 The grant is \u00a337,104 for 2017-18.",
                         "2. Background\nThe Crime and Disorder\nAct 1998 applies.")
    assert doc.source.kind == "pdf" and doc.source.size == len(data)
    assert doc.source.sha256 == hashlib.sha256(data).hexdigest() and doc.source.path == str(path)
    assert doc.warnings == ()


def test_pdf_ruled_table_becomes_tab_rows_in_place_of_its_words(tmp_path):
    rows = [["Grant", "2016-17", "2017-18"], ["Community Safety Fund", "\u00a335,000", "\u00a337,104"],
            ["Total", "\u00a335,000", "\u00a337,104"]]
    content = (_text_ops(["The grants received are shown below."], top=770)
               + b"\n" + _table_ops(rows, top=740, widths=[180, 90, 90])
               + b"\n" + _text_ops(["The table shows the amounts awarded."], top=660))
    doc = read_document(_write(tmp_path, "grants.pdf", make_pdf([content])))
    assert doc.pages[0].split("\n") == [
        "The grants received are shown below.",
        "Grant\t2016-17\t2017-18",
        "Community Safety Fund\t\u00a335,000\t\u00a337,104",
        "Total\t\u00a335,000\t\u00a337,104",
        "The table shows the amounts awarded.",
    ]


def test_pdf_box_round_a_paragraph_is_not_a_table(tmp_path):
    box = b"0.5 w 70 600 m 400 600 l S 70 700 m 400 700 l S 70 600 m 70 700 l S 400 600 m 400 700 l S"
    content = box + b"\n" + _text_ops(["A boxed note about the budget.", "It carries on here."], top=680)
    doc = read_document(_write(tmp_path, "boxed.pdf", make_pdf([content])))
    assert doc.pages[0] == "A boxed note about the budget.\nIt carries on here."


_BODIES = ["The budget is balanced.", "Risks are rising.", "Savings are on track.", "Reserves are low.",
           "Grants are confirmed."]


def test_pdf_running_header_and_page_footer_are_dropped_after_their_first_page(tmp_path):
    pages = [_text_ops(["Kent County Council", body, "", f"Page {n} of 4"])
             for n, body in enumerate(_BODIES[:4], start=1)]
    doc = read_document(_write(tmp_path, "running.pdf", make_pdf(pages)))
    assert doc.pages[0].startswith("Kent County Council") and "Page 1 of 4" in doc.pages[0]
    assert [page.strip() for page in doc.pages[1:]] == _BODIES[1:4]


def test_password_protected_pdf_is_refused_with_one_sentence(tmp_path):
    data = make_pdf([_text_ops(["Confidential annex."])], user_password="open-sesame")
    with pytest.raises(ParseError) as err:
        read_document(_write(tmp_path, "annex.pdf", data))
    message = str(err.value)
    assert "annex.pdf is password-protected" in message and message.count(".") <= 3 and "\n" not in message


def test_pdf_encrypted_only_against_editing_still_reads(tmp_path):
    # An empty user password: the file opens for anyone, as many published papers do.
    data = make_pdf([_text_ops(["Open to read, locked for editing."])], user_password="")
    assert read_document(_write(tmp_path, "locked.pdf", data)).pages == ("Open to read, locked for editing.",)


@pytest.mark.parametrize("data", [
    os.urandom(4096),
    b"%PDF-1.7\n" + bytes(range(256)) * 8,
    make_pdf([_text_ops(["Cut short"])])[:60],
], ids=["random-bytes", "pdf-header-then-garbage", "truncated"])
def test_corrupt_pdf_is_refused_with_one_sentence(tmp_path, data):
    with pytest.raises(ParseError, match=r"^\S*broken\.pdf is (not a readable PDF|damaged|.*no pages)"):
        read_document(_write(tmp_path, "broken.pdf", data))


def test_image_only_pdf_reads_with_a_warning_that_ocr_is_needed(tmp_path):
    data = make_pdf([b"", b""], image_pages=frozenset({0, 1}))
    doc = read_document(_write(tmp_path, "scan.pdf", data))
    assert [page.strip() for page in doc.pages] == ["", ""]
    assert len(doc.warnings) == 1
    assert "no text layer" in doc.warnings[0] and "OCR would be needed" in doc.warnings[0]


def test_scanned_pages_inside_a_text_pdf_are_named(tmp_path):
    data = make_pdf([_text_ops(["Typed page."]), b""], image_pages=frozenset({1}))
    doc = read_document(_write(tmp_path, "mixed.pdf", data))
    assert doc.pages[0] == "Typed page."
    assert doc.warnings == ("page 2 has no text layer (scanned images); OCR would be needed to read it.",)


def test_a_damaged_page_is_left_empty_and_named(tmp_path, monkeypatch):
    from cspsearch.ingest.readers import pdf as pdf_reader

    real = pdf_reader.page_text

    def fail_on_page_two(page, fast_page=None):
        if page.page_number == 2:
            raise ValueError("broken content stream")
        return real(page, fast_page)

    monkeypatch.setattr(pdf_reader, "page_text", fail_on_page_two)
    data = make_pdf([_text_ops(["First page."]), _text_ops(["Second page."]), _text_ops(["Third page."])])
    doc = read_document(_write(tmp_path, "dented.pdf", data))
    assert doc.pages == ("First page.", "", "Third page.")
    assert doc.warnings == ("page 2 could not be read and is left empty.",)


def test_a_500_page_pdf_is_read_page_by_page(tmp_path):
    pages = [_text_ops(["Annual Report", f"Paragraph {n} records spend of \u00a3{n},000.", f"- {n} -"])
             for n in range(1, 501)]
    path = _write(tmp_path, "big.pdf", make_pdf(pages))
    started = time.perf_counter()
    doc = read_document(path)
    assert len(doc.pages) == 500
    assert doc.pages[499] == "Paragraph 500 records spend of \u00a3500,000."
    assert time.perf_counter() - started < 15


def test_fast_pdfium_text_reads_as_pdfplumber_reads_it(tmp_path):
    """A prose page (no ruling edges) takes pdfium's path and reads top to bottom, as pdfplumber reads it."""
    import pdfplumber

    from cspsearch.ingest.readers import pdf as pdf_reader
    from cspsearch.ingest.readers import pdfium_geometry, pdfium_text

    footer_first = (_text_ops(["Page 1 of 2"], top=60) + b"\n"
                    + _text_ops(["1.1 The grant is \u00a337,104 for 2017-18, a multi-", "year award."]))
    data = make_pdf([footer_first])
    fast_page = pdfium_text.open_document(data)[0]
    assert pdfium_geometry.page_edges(fast_page) == []
    assert fast_page.get_textpage().get_text_range().startswith("Page 1 of 2")  # pdfium's own order
    with pdfplumber.open(_write(tmp_path, "prose.pdf", data)) as pdf:
        slow = pdf_reader.page_text(pdf.pages[0])
        fast = pdf_reader.page_text(pdf.pages[0], fast_page)
    assert fast == slow == "1.1 The grant is \u00a337,104 for 2017-18, a multi-\nyear award.\nPage 1 of 2"


def test_pdf_pdfium_cannot_open_is_read_by_pdfplumber_alone(tmp_path, monkeypatch):
    from cspsearch.ingest.readers import pdfium_text

    def refuse(data):
        raise RuntimeError("pdfium refuses this file")

    monkeypatch.setattr(pdfium_text, "open_document", refuse)
    data = make_pdf([_text_ops(["First page."]), b""], image_pages=frozenset({1}))
    doc = read_document(_write(tmp_path, "plumber.pdf", data))
    assert doc.pages == ("First page.", "")
    assert doc.warnings == ("page 2 has no text layer (scanned images); OCR would be needed to read it.",)


def test_pdfium_counts_the_ruling_edges_pdfplumber_would_find(tmp_path):
    """The fast path is taken only where pdfplumber too would see too few edges for a table."""
    import pdfplumber

    from cspsearch.ingest.readers import pdfium_geometry, pdfium_text

    rows = [["Grant", "2016-17", "2017-18"], ["Community Safety Fund", "\u00a335,000", "\u00a337,104"]]
    box = b"0.5 w 70 600 m 400 600 l S 70 700 m 400 700 l S 70 600 m 70 700 l S 400 600 m 400 700 l S"
    for content in (_table_ops(rows, top=740, widths=[180, 90, 90]), _table_ops(rows, top=740, widths=[180, 90]), box):
        data = make_pdf([content])
        with pdfplumber.open(_write(tmp_path, "ruled.pdf", data)) as pdf:
            expected = len(pdf.pages[0].edges)
        assert len(pdfium_geometry.page_edges(pdfium_text.open_document(data)[0])) == expected
    assert expected == 4


# -- failures common to every format -------------------------------------------------------

@pytest.mark.parametrize("name", ["empty.pdf", "empty.docx", "empty.html", "empty.txt"])
def test_zero_byte_file_is_empty(tmp_path, name):
    with pytest.raises(ParseError, match=r"empty\.\w+ is empty"):
        read_document(_write(tmp_path, name, b""))


def test_unsupported_extension_is_refused(tmp_path):
    with pytest.raises(ParseError, match=r"unsupported file type \.rtf"):
        read_document(_write(tmp_path, "minutes.rtf", b"{\\rtf1 minutes}"))


def test_file_that_vanishes_after_discovery(tmp_path):
    path = _write(tmp_path, "brief.txt", b"Here today.")
    found, _ = discover([tmp_path])
    path.unlink()
    with pytest.raises(ParseError, match=r"brief\.txt disappeared before it could be read"):
        read_document(found[0])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_says_permission_denied(tmp_path):
    path = _write(tmp_path, "locked.txt", b"secret")
    path.chmod(0)
    try:
        with pytest.raises(ParseError, match=r"locked\.txt cannot be read: permission denied"):
            read_document(path)
    finally:
        path.chmod(0o600)


def test_permission_error_from_the_file_system_is_a_parse_error(tmp_path, monkeypatch):
    path = _write(tmp_path, "locked.pdf", b"%PDF")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(ParseError, match=r"locked\.pdf cannot be read: permission denied"):
        read_document(path)


# -- DOCX -------------------------------------------------------------------------------------

def _docx(tmp_path: Path) -> Path:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_heading("1. Introduction", level=1)
    document.add_paragraph("The partnership has three priorities:")
    for item in ["Reducing anti-social behaviour", "Tackling domestic abuse"]:
        document.add_paragraph(item, style="List Bullet")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["Grant", "Year", "Amount"], ["PCC grant", "2017-18", "\u00a337,104"],
                             ["Total", "", "\u00a337,104"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(2, 0).merge(table.cell(2, 1))
    document.add_paragraph("After the table.").add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("2. Background on the second page.")
    path = tmp_path / "report.docx"
    document.save(path)
    return path


def test_docx_paragraphs_lists_and_tables_in_document_order(tmp_path):
    doc = read_document(_docx(tmp_path))
    assert doc.source.kind == "docx"
    assert doc.pages[0].split("\n") == [
        "1. Introduction", "", "The partnership has three priorities:",
        "\u2022 Reducing anti-social behaviour", "\u2022 Tackling domestic abuse", "",
        "Grant\tYear\tAmount", "PCC grant\t2017-18\t\u00a337,104", "Total\t\u00a337,104", "",
        "After the table.",
    ]
    assert doc.pages[1] == "2. Background on the second page."


def test_docx_that_is_not_a_zip_is_refused(tmp_path):
    with pytest.raises(ParseError, match=r"fake\.docx is not a valid Word document"):
        read_document(_write(tmp_path, "fake.docx", b"This is plain text pretending to be Word."))


def test_zip_that_is_not_a_word_document_is_refused(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a document")
    with pytest.raises(ParseError, match=r"archive\.docx is not a valid Word document"):
        read_document(path)


# -- HTML -------------------------------------------------------------------------------------

_HTML = """<!DOCTYPE html><html><head><title>Cabinet 30 January</title>
<style>p { color: red }</style><script>var tracking = 1;</script></head>
<body><nav><a href="/">Home</a> | <a href="/meetings">Meetings</a></nav>
<h1>Cabinet 30 January</h1>
<h2>1. Introduction</h2>
<p>The Crime and Disorder
   Act 1998 requires a <b>strategy</b> &amp; a plan.</p>
<ul><li>Reduce re-offending</li><li>Support victims</li></ul>
<table><tr><th>Grant</th><th>Amount</th></tr><tr><td>PCC</td><td>&pound;37,104</td></tr></table>
<p>Line one<br>line two</p>
</body></html>"""


def test_html_keeps_blocks_as_lines_and_drops_scripts_styles_and_navigation(tmp_path):
    doc = read_document(_write(tmp_path, "minutes.html", _HTML.encode()))
    lines = [line for line in doc.pages[0].split("\n") if line]
    assert lines == [
        "Cabinet 30 January", "1. Introduction",
        "The Crime and Disorder Act 1998 requires a strategy & a plan.",
        "\u2022 Reduce re-offending", "\u2022 Support victims",
        "Grant\tAmount", "PCC\t\u00a337,104", "Line one", "line two",
    ]
    assert doc.source.kind == "html" and doc.warnings == ()


def test_html_in_windows_1252_without_a_declaration_is_decoded(tmp_path):
    data = "<p>Grant of \u00a35,000 for the council\u2019s plan</p>".encode("cp1252")
    doc = read_document(_write(tmp_path, "old.htm", data))
    assert doc.pages == ("Grant of \u00a35,000 for the council\u2019s plan",)


def test_html_declared_charset_is_honoured(tmp_path):
    data = '<meta charset="iso-8859-1"><p>\u00a3100 caf\u00e9</p>'.encode("latin-1")
    assert read_document(_write(tmp_path, "declared.html", data)).pages == ("\u00a3100 caf\u00e9",)


def test_binary_file_named_html_is_refused(tmp_path):
    with pytest.raises(ParseError, match=r"junk\.html does not look like an HTML file"):
        read_document(_write(tmp_path, "junk.html", bytes(range(256)) * 4))


# -- text -------------------------------------------------------------------------------------

def test_text_form_feeds_are_page_breaks_and_line_endings_are_normalised(tmp_path):
    doc = read_document(_write(tmp_path, "export.txt", b"Page one\r\nstill one\r\n\x0cPage two\n"))
    assert doc.pages == ("Page one\nstill one\n", "Page two\n")
    assert doc.text == "Page one\nstill one\n\fPage two\n"


def test_text_falls_back_to_windows_1252(tmp_path):
    data = "The council\u2019s grant was \u00a337,104 \u2013 see annex.".encode("cp1252")
    doc = read_document(_write(tmp_path, "council.txt", data))
    assert doc.pages == ("The council\u2019s grant was \u00a337,104 \u2013 see annex.",)
    assert doc.warnings == ()


def test_text_with_bytes_no_encoding_defines_is_read_with_a_warning(tmp_path):
    doc = read_document(_write(tmp_path, "odd.txt", b"Budget \x81\x8d report \xa3100"))
    assert doc.pages == ("Budget \ufffd\ufffd report \u00a3100",)
    assert "could not be read were replaced" in doc.warnings[0]


def test_text_byte_order_marks_are_honoured(tmp_path):
    utf16 = read_document(_write(tmp_path, "u16.txt", "\ufeffPlan 2020 to 2024".encode("utf-16")))
    utf8 = read_document(_write(tmp_path, "u8.md", "\ufeff# Plan\n\nText".encode()))
    assert utf16.pages == ("Plan 2020 to 2024",)
    assert utf8.pages == ("# Plan\n\nText",) and utf8.source.kind == "text"


def test_binary_file_named_txt_is_refused(tmp_path):
    with pytest.raises(ParseError, match=r"blob\.txt does not look like a text file"):
        read_document(_write(tmp_path, "blob.txt", b"\x00\x01\x02binary\x00" * 50))


# -- the sample corpus and shared clean-up ------------------------------------------------

@pytest.fixture(scope="module")
def corpus_docs():
    found, _ = discover([CORPUS])
    return {path.relative_to(CORPUS).as_posix(): read_document(path) for path in found}


def test_every_sample_corpus_file_reads_without_warnings(corpus_docs):
    assert len(corpus_docs) == 13
    for name, doc in corpus_docs.items():
        assert doc.warnings == (), name
        assert sum(len(page) for page in doc.pages) > 300, name
        assert all("\f" not in page for page in doc.pages)


def test_sample_pdf_keeps_its_amounts_and_drops_its_page_footers(corpus_docs):
    doc = corpus_docs["kent/2025-01-30-government-grants-appendix.pdf"]
    assert len(doc.pages) == 5
    assert doc.text.count("\u00a3") + doc.text.count("\t") > 20
    assert doc.text.count("Appendix J") == 1  # a running header, kept where it first appears


def test_sample_pdf_ruled_tables_read_row_by_row(corpus_docs):
    doc = corpus_docs["kent/2025-02-13-budget-amendment-community-wardens.pdf"]
    assert "Proposer:\tMike Baldock\tSeconder:" in doc.pages[0]


def test_odd_characters_are_normalised_without_changing_meaning():
    raw = "\uf0b7 Reduce\u00a0crime\r\n\ufb01nance \u2212\u00a35m co\u00adoperate re\u00ad\nport \u201cquoted\u201d \u2013 2019\u201320  \n"
    assert normalise_characters(raw) == "\u2022 Reduce crime\nfinance -\u00a35m cooperate re-\nport \u201cquoted\u201d \u2013 2019\u201320\n"


def test_page_text_never_contains_the_page_separator():
    assert "\f" not in normalise_characters("a\fb\x0bc")


def test_running_lines_ignore_page_numbers_but_keep_amounts_and_table_rows():
    pages = [f"Safer Maidstone Partnership\n{body}\nTotal \u00a3{n},000\nTotal\t{n}\n{n + 10}"
             for n, body in enumerate(_BODIES, start=1)]
    cleaned = drop_running_lines(pages)
    assert cleaned[0] == pages[0]
    for n, (page, body) in enumerate(zip(cleaned[1:], _BODIES[1:], strict=True), start=2):
        assert page == f"{body}\nTotal \u00a3{n},000\nTotal\t{n}"


def test_numbered_titles_that_do_not_follow_the_page_are_kept():
    pages = [f"Question {n}\n{body}" for n, body in zip([1, 1, 2, 3, 3], _BODIES, strict=True)]
    assert drop_running_lines(pages) == pages


def test_running_lines_need_three_pages():
    pages = ["Header\nOne", "Header\nTwo"]
    assert drop_running_lines(pages) == pages
