"""PDF reader: page text in reading order, ruled tables as tab-separated rows.

Pages that cannot hold a ruled table are read with pdfium (fast); the rest with
pdfplumber, which finds the tables. Both lay text out by pdfplumber's rules.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from cspsearch.errors import ParseError

if TYPE_CHECKING:
    from cspsearch.ingest.readers.ocr import OcrRun

# A page needs at least this many ruling edges (lines or rectangle sides) before it is
# worth looking for tables: prose pages have none, so they never pay for find_tables.
MIN_TABLE_EDGES = 8
# A cell border this far inside a word's ends is taken to cut it (PDF units).
_BORDER_SLACK = 1.5
IMAGE_ONLY = "no text layer: this PDF is image-only; OCR would be needed to read it."


def read_pdf(data: bytes, name: str, ocr: OcrRun | None = None, *,
             fast: bool = True) -> tuple[list[str], list[str]]:
    """The text of every page (one string per page) and warnings about pages without text.

    With an OCR run, pages without a text layer (or with only a stamp over a scan) are read
    by OCR (readers/ocr_pages.py). `fast=False` reads every page with pdfplumber alone: the
    reference the pdfium path is checked against (tests, bench/ingest.py).
    """
    pdf = _open(data, name)
    fast_doc = _open_fast(data) if fast else None
    pages: list[str] = []
    failed: list[int] = []
    scanned: list[int] = []
    with pdf:
        for number, page in enumerate(_pages(pdf, name), start=1):
            fast_page = _fast_page(fast_doc, number - 1)
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


def _open(data: bytes, name: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as err:
        cause = err.args[0] if err.args else err
        if isinstance(cause, PDFPasswordIncorrect):
            raise ParseError(f"{name} is password-protected; remove the password to ingest it.") from err
        if isinstance(cause, PDFEncryptionError):
            raise ParseError(f"{name} is encrypted in a way that cannot be read ({cause}).") from err
        raise ParseError(f"{name} is not a readable PDF: the file is damaged or not really a PDF.") from err
    except Exception as err:  # pdfminer raises plain KeyError/ValueError/TypeError on some wrecks
        raise ParseError(f"{name} is not a readable PDF: the file is damaged or not really a PDF.") from err


def _open_fast(data: bytes):
    """The pdfium document, or None when pdfium cannot open what pdfplumber could."""
    from cspsearch.ingest.readers import pdfium_text

    try:
        return pdfium_text.open_document(data)
    except Exception:  # pdfplumber reads every page instead
        return None


def _fast_page(fast_doc, index: int):
    if fast_doc is None:
        return None
    try:
        return fast_doc[index]
    except Exception:  # pdfium and pdfminer disagree about this page: pdfplumber reads it
        return None


def _has_images(page, fast_page) -> bool:
    from cspsearch.ingest.readers import pdfium_text

    return pdfium_text.has_images(fast_page) if fast_page is not None else bool(page.images)


def _stamped_scan(text: str, fast_page) -> bool:
    from cspsearch.ingest.readers.ocr_pages import looks_stamped_scan

    return looks_stamped_scan(text, fast_page)


def _pages(pdf, name: str):
    try:
        return pdf.pages
    except Exception as err:
        raise ParseError(f"{name} is damaged: its list of pages cannot be read.") from err


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

    `fast_page` is the same page opened with pdfium: when its paths draw fewer edges than
    a table needs, pdfium's characters give the text and pdfplumber never parses the page.
    """
    if fast_page is not None:
        text = _fast_text(fast_page)
        if text is not None:
            return text
    tables = ruled_tables(page) if len(page.edges) >= MIN_TABLE_EDGES else []
    if not tables:
        return page.extract_text()
    return _text_around_tables(page, tables)


def _fast_text(fast_page) -> str | None:
    """pdfium's text for a page too bare of rules to hold a table; None sends it to pdfplumber."""
    from cspsearch.ingest.readers import pdfium_text

    try:
        if pdfium_text.ruling_edges(fast_page, enough=MIN_TABLE_EDGES) >= MIN_TABLE_EDGES:
            return None
        return pdfium_text.page_text(fast_page)
    except MemoryError:
        raise
    except Exception:  # pdfium stumbled on this page: pdfplumber gets its chance
        return None


def ruled_tables(page) -> list[tuple[tuple[float, float, float, float], list[str]]]:
    """Tables drawn with ruling lines, as (bbox, rows), top to bottom.

    Boxes drawn round a paragraph or a chart are not tables: a table needs two rows and
    at least one row with two cells holding text. Rules that cut through words (shading,
    underlines, a grid behind prose) do not make a table either.
    """
    found: list[tuple[tuple[float, float, float, float], list[str]]] = []
    # Largest first, so a table drawn inside another one is seen as part of it.
    for table in sorted(page.find_tables(), key=_area, reverse=True):
        rows = [_row_text(row) for row in table.extract()]
        rows = [row for row in rows if row]
        if len(rows) < 2 or not any("\t" in row for row in rows):
            continue
        if any(_inside(table.bbox, bbox) for bbox, _ in found) or _cuts_words(page, table):
            continue
        found.append((table.bbox, rows))
    return sorted(found, key=lambda item: item[0][1])


def _cuts_words(page, table) -> bool:
    """True when the table's cell borders run through the middle of words."""
    words = page.within_bbox(table.bbox).extract_words()
    borders = [(x, top, bottom) for x0, top, x1, bottom in table.cells for x in (x0, x1)]
    cut = sum(1 for word in words if _crosses(word, borders))
    return cut > max(2, len(words) // 20)


def _crosses(word, borders) -> bool:
    middle = (word["top"] + word["bottom"]) / 2
    left, right = word["x0"] + _BORDER_SLACK, word["x1"] - _BORDER_SLACK
    return any(left < x < right and top <= middle <= bottom for x, top, bottom in borders)


def _area(table) -> float:
    x0, top, x1, bottom = table.bbox
    return (x1 - x0) * (bottom - top)


def _inside(inner, outer) -> bool:
    return (inner[0] >= outer[0] - 1 and inner[1] >= outer[1] - 1
            and inner[2] <= outer[2] + 1 and inner[3] <= outer[3] + 1)


def _row_text(cells: list[str | None]) -> str:
    texts = [" ".join((cell or "").split()) for cell in cells]
    while texts and not texts[-1]:
        texts.pop()
    return "\t".join(texts)


def _text_around_tables(page, tables) -> str:
    """Text above, between and below the tables, with each table's rows in its place."""
    boxes = [bbox for bbox, _ in tables]
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _in_any(obj, boxes))
    parts: list[str] = []
    upper = float("-inf")
    for bbox, rows in [*tables, (None, [])]:
        lower = bbox[1] if bbox else float("inf")
        band = outside.filter(lambda obj, a=upper, b=lower: a <= obj.get("top", 0) < b)
        parts.append(band.extract_text())
        parts.extend(rows)
        upper = lower
    return "\n".join(part for part in parts if part.strip())


def _in_any(obj, boxes) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)
