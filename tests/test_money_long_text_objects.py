"""A PDF text object longer than pdfium's 32,767-byte string limit is read in full."""

from __future__ import annotations

import ctypes

import pypdfium2
import pypdfium2.raw as pdfium_c

from cspsearch.ingest.readers.pdf import read_pdf
from cspsearch.ingest.readers.pdfium_text import page_text


def _pdf_with_text_objects(*texts: str) -> bytes:
    """A one-page PDF, written by pdfium itself, with one Helvetica text object per text."""
    pdf = pypdfium2.PdfDocument.new()
    page = pdf.new_page(30000, 800)
    for row, text in enumerate(texts):
        obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 1.0)
        buffer = (text + "\0").encode("utf-16-le")
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(ctypes.c_char_p(buffer), ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
        pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 10, 700 - 20 * row)
        pdfium_c.FPDFPage_InsertObject(page.raw, obj)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    out = _Sink()
    pdf.save(out)
    return out.data


class _Sink:
    def __init__(self) -> None:
        self.data = b""

    def write(self, chunk: bytes) -> None:
        self.data += bytes(chunk)


def test_pdfium_alone_cuts_a_long_text_object_short():
    data = _pdf_with_text_objects("£1 " * 12000)
    document = pypdfium2.PdfDocument(data)
    textpage = document[0].get_textpage()
    assert textpage.count_chars() == 32767  # the limit this reader has to work around
    assert page_text(document[0]) is None  # the fast path declines the page


def test_a_36000_character_text_object_is_read_in_full():
    pages, warnings = read_pdf(_pdf_with_text_objects("£1 " * 12000), "long.pdf")
    assert warnings == []
    assert pages[0].count("£1") == 12000


def test_short_text_objects_stay_on_the_fast_path():
    data = _pdf_with_text_objects("£2 " * 3000, "£3 " * 3000)
    document = pypdfium2.PdfDocument(data)
    fast = page_text(document[0])
    assert fast is not None and fast.count("£2") == 3000 and fast.count("£3") == 3000
    pages, _ = read_pdf(data, "short.pdf")
    assert pages[0].count("£2") == 3000 and pages[0].count("£3") == 3000
