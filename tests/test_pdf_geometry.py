"""pdfium's path objects give the ruling edges pdfplumber finds, so pdfplumber need not parse table pages."""

from __future__ import annotations

import io

import pdfplumber
import pypdfium2
import pytest
from test_readers import _table_ops, _text_ops, make_pdf

from cspsearch.ingest.readers.pdf import read_pdf
from cspsearch.ingest.readers.pdfium_geometry import page_edges
from cspsearch.ingest.readers.pdfium_page import read_page

ROWS = [["Grant", "2016-17", "2017-18"], ["Community Safety Fund", "\u00a335,000", "\u00a337,104"],
        ["Youth Offending Grant", "\u00a312,500", "\u00a313,000"]]

SHAPES = b"\n".join([
    b"0.5 w 72 700 m 300 700 l S",                      # one line
    b"72 600 200 50 re S",                              # a stroked rectangle
    b"72 500 100 20 re f",                              # a filled one
    b"72 400 m 200 400 l 200 450 l h S",                # a closed triangle: a curve of three steps
    b"300 300 m 350 350 380 300 400 250 c S",           # a Bezier curve
    b"q 2 0 0 2 10 10 cm 50 50 m 100 50 l S Q",         # a line drawn under a scaling matrix
    b"72 200 m 150 200 l 72 180 m 150 180 l S",         # two subpaths: two lines
    b"400 100 m 500 100 l 500 150 l 400 150 l 400 100 l S",  # four sides drawn as lines: a rectangle
    b"0 0 100 100 re W n",                              # a clipping path, never painted
])


def _key(edge: dict) -> tuple:
    return (edge["object_type"], edge["orientation"] or "-",
            *(round(edge[side], 1) for side in ("x0", "top", "x1", "bottom", "width", "height")))


def _plumber_edges(data: bytes) -> list[tuple]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sorted(map(_key, pdf.pages[0].edges))


def _pdfium_edges(data: bytes) -> list[tuple]:
    return sorted(map(_key, page_edges(pypdfium2.PdfDocument(data)[0])))


def test_lines_rectangles_and_curves_give_pdfplumbers_edges():
    data = make_pdf([SHAPES])
    expected = _plumber_edges(data)
    assert len(expected) == 20  # 1 + 4 + 4 + 3 + 1 (the Bezier, end to end) + 1 + 2 + 4 + 0
    assert _pdfium_edges(data) == expected


def test_a_table_drawn_inside_a_scaled_form_has_its_edges_where_pdfplumber_puts_them():
    """A form's paths are placed by the form's matrix as well as their own."""
    source = pypdfium2.PdfDocument(make_pdf([_table_ops(ROWS, top=740, widths=[180, 90, 90])]))
    target = pypdfium2.PdfDocument.new()
    page = target.new_page(595, 842)
    form = source.page_as_xobject(0, target).as_pageobject()
    form.transform(pypdfium2.PdfMatrix().scale(0.8, 0.8).translate(40, 60))
    page.insert_obj(form)
    page.gen_content()
    buffer = io.BytesIO()
    target.save(buffer)
    data = buffer.getvalue()
    expected = _plumber_edges(data)
    assert len(expected) == 8
    assert _pdfium_edges(data) == expected
    pages, _ = read_pdf(data, "form.pdf")
    assert "Community Safety Fund\t\u00a335,000\t\u00a337,104" in pages[0]


def test_a_table_page_is_read_without_pdfminer_parsing_it(monkeypatch):
    data = make_pdf([_text_ops(["Grants received"], top=790) + b"\n" + _table_ops(ROWS, top=740, widths=[180, 90, 90])])
    expected, _ = read_pdf(data, "grants.pdf", fast=False)

    def no_parse(self):
        raise AssertionError("pdfminer parsed a page pdfium could read")

    monkeypatch.setattr(pdfplumber.page.Page, "parse_objects", no_parse)
    pages, _ = read_pdf(data, "grants.pdf")
    assert pages == expected
    assert pages[0].splitlines() == ["Grants received", "Grant\t2016-17\t2017-18",
                                     "Community Safety Fund\t\u00a335,000\t\u00a337,104",
                                     "Youth Offending Grant\t\u00a312,500\t\u00a313,000"]


def test_a_turned_page_is_left_to_pdfplumber():
    """pdfplumber maps a rotated page's coordinates its own way; pdfium does not stand in for it."""
    document = pypdfium2.PdfDocument(make_pdf([_table_ops(ROWS, top=740, widths=[180, 90, 90])]))
    document[0].set_rotation(90)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    assert read_page(pypdfium2.PdfDocument(data)[0]) is None
    assert read_pdf(data, "turned.pdf") == read_pdf(data, "turned.pdf", fast=False)


@pytest.mark.parametrize("widths", [[180, 90, 90], [180, 90]])
def test_tables_found_from_pdfium_match_pdfplumbers(widths):
    from cspsearch.ingest.readers.pdf_tables import ruled_tables

    rows = [row[:len(widths)] for row in ROWS]
    data = make_pdf([_table_ops(rows, top=740, widths=widths)])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        expected = ruled_tables(pdf.pages[0])
    found = ruled_tables(read_page(pypdfium2.PdfDocument(data)[0]))
    assert [rows for _, rows in found] == [rows for _, rows in expected] == [["\t".join(row) for row in rows]]
    assert [bbox for bbox, _ in found] == pytest.approx([bbox for bbox, _ in expected], abs=0.01)
