"""Which PDF pages OCR reads, and reading them: cached results first, then the engine, then warnings.

A page is read when it has no text layer but has an image, or when its only text is a
stamp (an agenda pack's "Page 23", a reference number) over an image that fills most of
the page: a scan put into a typed pack.
"""

from __future__ import annotations

from cspsearch.ingest.readers.ocr import (
    DPI,
    LOW_CONFIDENCE,
    OcrRun,
    PageTimeout,
    engine_version,
    tesseract_read,
    unavailable_reason,
)
from cspsearch.model import PageOcr

# Fewer visible characters than this on a page are a stamp, not a text layer to trust.
STAMP_CHARS = 40
# An image covering this share of the page makes a page with only a stamp a scan.
SCAN_COVER = 0.6


def looks_stamped_scan(text: str, fast_page) -> bool:
    """True for a page whose text is at most a stamp, laid over an image that fills most of it."""
    if fast_page is None or not text.strip() or len("".join(text.split())) >= STAMP_CHARS:
        return False
    import pypdfium2

    try:
        width, height = fast_page.get_size()
        area = max(width * height, 1.0)
        for obj in fast_page.get_objects(max_depth=2):
            if obj.type == pypdfium2.raw.FPDF_PAGEOBJ_IMAGE:
                left, bottom, right, top = obj.get_bounds()
                if (right - left) * (top - bottom) / area >= SCAN_COVER:
                    return True
    except Exception:  # pdfium could not walk this page's objects: its text stands
        return False
    return False


# A page this many pixels wide or tall is rendered smaller: a poster-sized page must not
# become a gigapixel image.
MAX_SIDE_PIXELS = 7000


def read_scanned(data: bytes, pages: list[str], numbers: list[int], run: OcrRun) -> tuple[list[int], list[str]]:
    """OCR the pages `numbers` (1-based) of a PDF in place; (pages still unread, warnings).

    Each page's result is cached by the file's hash and page number, so an unchanged file
    is never OCR'd again. A page that times out, fails or yields nothing is left empty
    and named in a warning; a page read with low confidence is kept and flagged.
    """
    from cspsearch.ingest.readers import ocr_cache, pdfium_text

    reason = unavailable_reason()
    if reason is not None:
        return numbers, [reason]
    tag = f"tesseract{engine_version()}-{DPI}dpi"
    found: dict[str, list[int]] = {"timeout": [], "failed": [], "empty": [], "low": []}
    doc = pdfium_text.open_document(data)
    try:
        for number in numbers:
            result = ocr_cache.load(run.options.cache_dir, run.sha256, number, tag)
            if result is None:
                try:
                    result = tesseract_read(render(doc[number - 1]), run.options.page_seconds)
                except PageTimeout:
                    found["timeout"].append(number)
                    continue
                except (OSError, RuntimeError):  # the engine failed on this page alone
                    found["failed"].append(number)
                    continue
                finally:
                    run.engine_calls += 1
                ocr_cache.save(run.options.cache_dir, run.sha256, number, tag, *result)
            text, confidence = result[0].strip(), result[1]
            if not text:
                found["empty"].append(number)
                continue
            low = confidence < LOW_CONFIDENCE
            pages[number - 1] = text
            run.pages.append(PageOcr(number, round(confidence, 3), low))
            if low:
                found["low"].append(number)
    finally:
        doc.close()
    return [], _warnings(found, run, len(pages), len(numbers))


def render(page):
    """A page as a greyscale image at DPI (smaller for an outsized page)."""
    width, height = page.get_size()
    scale = min(DPI / 72, MAX_SIDE_PIXELS / max(width, height, 1))
    return page.render(scale=scale).to_pil().convert("L")


def _warnings(found: dict[str, list[int]], run: OcrRun, total: int, scanned: int) -> list[str]:
    limit = run.options.page_seconds
    seconds = f"{limit:g} second{'' if limit == 1 else 's'}"
    warnings = []
    if found["timeout"]:
        warnings.append(f"{_page_list(found['timeout'])} took longer than {seconds} to OCR "
                        f"and {_be(found['timeout'])} left empty.")
    if found["failed"]:
        warnings.append(f"{_page_list(found['failed'])} could not be OCR'd and {_be(found['failed'])} left empty.")
    if found["empty"] and len(found["empty"]) == scanned == total:
        warnings.append("no text layer, and OCR found no text in this scan: it may hold only pictures or blank pages.")
    elif found["empty"]:
        warnings.append(f"{_page_list(found['empty'])} {'has' if len(found['empty']) == 1 else 'have'} no text "
                        "layer and OCR found no text on " + ("it." if len(found["empty"]) == 1 else "them."))
    if found["low"]:
        lowest = min(p.confidence for p in run.pages if p.low)
        warnings.append(f"{_page_list(found['low'])} {'was' if len(found['low']) == 1 else 'were'} read by OCR "
                        f"with low confidence (lowest {lowest:.0%}): the text may hold misread words.")
    return warnings


def _be(numbers: list[int]) -> str:
    return "is" if len(numbers) == 1 else "are"


def _page_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10]) + (", ..." if len(numbers) > 10 else "")
    return f"page {shown}" if len(numbers) == 1 else f"pages {shown}"
