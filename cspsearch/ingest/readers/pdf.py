"""PDF reader: page text in reading order, ruled tables as tab-separated rows.

pdfium reads each page's characters and ruling lines (fast); pdfplumber's own table
finder and text layout arrange them. pdfplumber parses a page itself only where pdfium
cannot stand in for it (a text object pdfium may cut short, a turned page, a failure).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cspsearch.errors import ParseError
from cspsearch.ingest.readers.pdf_open import PlumberDocument, open_fast
from cspsearch.ingest.readers.pdf_tables import laid_out_text

if TYPE_CHECKING:
    from cspsearch.ingest.readers.ocr import OcrRun

IMAGE_ONLY = "no text layer: this PDF is image-only; OCR would be needed to read it."


def read_pdf(data: bytes, name: str, ocr: OcrRun | None = None, *,
             fast: bool = True) -> tuple[list[str], list[str]]:
    """The text of every page (one string per page) and warnings about pages without text.

    With an OCR run, pages without a text layer (or with only a stamp over a scan) are read
    by OCR (readers/ocr_pages.py). `fast=False` reads every page with pdfplumber alone: the
    reference the pdfium path is checked against (tests, bench/ingest.py).
    """
    fast_doc = open_fast(data) if fast else None
    plumber = PlumberDocument(data, name)
    count = len(fast_doc) if fast_doc is not None else plumber.count()  # no pdfium: pdfplumber's errors
    pages: list[str] = []
    failed: list[int] = []
    scanned: list[int] = []
    try:
        for index in range(count):
            number, page, fast_page = index + 1, plumber.page(index), _fast_page(fast_doc, index)
            try:
                text = page_text(page, fast_page)
                if not text.strip() and _has_images(page, fast_page):
                    scanned.append(number)
                elif ocr is not None and _stamped_scan(text, fast_page):
                    scanned.append(number)
            except MemoryError:
                raise
            except Exception:  # a damaged page must not cost the rest of the document
                failed.append(number)
                text = ""
            finally:
                page.close()  # frees the page's parsed objects: a 500-page PDF stays small
                if fast_page is not None:
                    fast_page.close()
            pages.append(text)
    finally:
        plumber.close()
        if fast_doc is not None:
            fast_doc.close()
    if not pages:
        raise ParseError(f"{name} has no pages.")
    if len(failed) == len(pages):
        raise ParseError(f"{name} is damaged: none of its pages could be read.")
    ocr_warnings: list[str] = []
    if scanned and ocr is not None:
        from cspsearch.ingest.readers.ocr_pages import read_scanned

        scanned, ocr_warnings = read_scanned(data, pages, scanned, ocr)
    return pages, _warnings(len(pages), failed, scanned) + ocr_warnings


def _fast_page(fast_doc, index: int):
    if fast_doc is None:
        return None
    try:
        return fast_doc[index]
    except Exception:  # pdfium cannot give this page: pdfplumber reads it
        return None


def _has_images(page, fast_page) -> bool:
    from cspsearch.ingest.readers import pdfium_text

    return pdfium_text.has_images(fast_page) if fast_page is not None else bool(page.images)


def _stamped_scan(text: str, fast_page) -> bool:
    from cspsearch.ingest.readers.ocr_pages import looks_stamped_scan

    return looks_stamped_scan(text, fast_page)


def _warnings(total: int, failed: list[int], scanned: list[int]) -> list[str]:
    warnings = []
    if scanned and len(scanned) + len(failed) == total:
        warnings.append(IMAGE_ONLY)
    elif scanned:
        has = "has" if len(scanned) == 1 else "have"
        warnings.append(f"{_page_list(scanned)} {has} no text layer (scanned images); OCR would be needed to read "
                        f"{'it' if len(scanned) == 1 else 'them'}.")
    if failed:
        verb = "is" if len(failed) == 1 else "are"
        warnings.append(f"{_page_list(failed)} could not be read and {verb} left empty.")
    return warnings


def _page_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10]) + (", ..." if len(numbers) > 10 else "")
    return f"page {shown}" if len(numbers) == 1 else f"pages {shown}"


def page_text(page, fast_page=None) -> str:
    """One page's text; where ruling lines draw a table, its rows replace the words they cover.

    `page` is pdfplumber's; `fast_page` the same page opened with pdfium, whose characters
    and path edges, shown to the same table and layout code, give the text without
    pdfminer's parse (readers/pdfium_page.py). pdfplumber reads the pages pdfium cannot.
    """
    if fast_page is not None:
        text = _fast_text(fast_page)
        if text is not None:
            return text
    return laid_out_text(page)


def _fast_text(fast_page) -> str | None:
    """The page's text read through pdfium; None sends it to pdfplumber."""
    from cspsearch.ingest.readers.pdfium_page import read_page

    try:
        seen = read_page(fast_page)
        return laid_out_text(seen) if seen is not None else None
    except MemoryError:
        raise
    except Exception:  # pdfium stumbled on this page: pdfplumber gets its chance
        return None
