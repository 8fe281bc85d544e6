"""Fast page text from pypdfium2: pdfium's characters laid out by pdfplumber's own line and word rules.

pdfium reads a page's characters many times faster than pdfminer, but its own text follows
the content stream (a footer drawn first comes first) and joins words split only by a gap.
So only its characters and their boxes are taken, described as pdfminer describes them,
and pdfplumber's text map arranges them: the page reads as pdfplumber would read it.

pdfium's content parser keeps at most 32,767 bytes of one string: a longer text object
(a whole table written as one string) comes back cut short. A page that may hold one
gives None, and pdfplumber, which has no such limit, reads it.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter

# pdfium marks a hyphen that ends a line with one of these instead of the hyphen itself.
_HYPHEN_MARKS = {0x02: "-", 0xFFFE: "-"}
# pdfium drops a space character that overlaps the letter after it; a gap this wide (a
# fraction of the font size) on the same line is where it was.
_SPACE_GAP = 0.1
# pdfium's longest string is 32,767 bytes; with two-byte character codes that is 16,383
# characters, so a text object this long may have been cut short.
MAY_BE_CUT = 32767 // 2


def open_document(data: bytes):
    """The pypdfium2 document (raises pypdfium2.PdfiumError for a file pdfium cannot open)."""
    import pypdfium2

    return pypdfium2.PdfDocument(data)


def ruling_edges(page, enough: int | None = None) -> int:
    """How many edges the page's paths draw as pdfplumber counts them (a rectangle is four).

    Every straight or curved segment of every path, forms included, is one edge. Counting
    stops at `enough`: a page of map or chart vectors need not be walked to the end.
    """
    import pypdfium2.raw as pdfium_c

    edges = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        handle = obj.raw
        for index in range(pdfium_c.FPDFPath_CountSegments(handle)):
            segment = pdfium_c.FPDFPath_GetPathSegment(handle, index)
            edges += pdfium_c.FPDFPathSegment_GetType(segment) != pdfium_c.FPDF_SEGMENT_MOVETO
            edges += bool(pdfium_c.FPDFPathSegment_GetClose(segment))
        if enough is not None and edges >= enough:
            break
    return edges


def has_images(page) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))


def page_chars(page) -> list[dict] | None:
    """The page's characters as pdfplumber describes them (text, x0, x1, top, bottom, upright, size);
    None when one of its text objects may have been cut short."""
    import pypdfium2.raw as pdfium_c

    height = page.get_height()
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        if _may_be_cut(handle):
            return None
        box, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
        chars: list[dict] = []
        for index in range(pdfium_c.FPDFText_CountChars(handle)):
            if pdfium_c.FPDFText_IsGenerated(handle, index):
                continue  # spaces and line breaks pdfium invents; pdfplumber decides its own
            text = _char_text(pdfium_c.FPDFText_GetUnicode(handle, index))
            if not text:
                continue
            pdfium_c.FPDFText_GetLooseCharBox(handle, index, box)
            pdfium_c.FPDFText_GetMatrix(handle, index, matrix)
            # pdfminer's size is the font size as the text and page matrices scale it
            size = pdfium_c.FPDFText_GetFontSize(handle, index) * math.hypot(matrix.c, matrix.d)
            char = {"text": text, "x0": box.left, "x1": box.right, "bottom": height - box.bottom, "size": size,
                    "upright": matrix.a * matrix.d > 0 and matrix.b * matrix.c <= 0}
            char["top"] = char["doctop"] = char["bottom"] - size
            if chars and _dropped_space(chars[-1], char):
                chars.append({**chars[-1], "text": " "})
            chars.append(char)
        return chars
    finally:
        textpage.close()


def _may_be_cut(handle) -> bool:
    """True when one text object of the page holds as many characters as pdfium may have kept of it."""
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFText_CountChars(handle)
    if count < MAY_BE_CUT:
        return False  # the usual page: no object can be that long
    per_object: Counter[int | None] = Counter(
        ctypes.cast(pdfium_c.FPDFText_GetTextObject(handle, index), ctypes.c_void_p).value
        for index in range(count))
    per_object.pop(None, None)  # characters pdfium generated belong to no object
    return max(per_object.values(), default=0) >= MAY_BE_CUT


def _char_text(code: int) -> str:
    """The character pdfium reports, with its end-of-line hyphen marks made hyphens again."""
    if code in _HYPHEN_MARKS:
        return _HYPHEN_MARKS[code]
    if code in (0x0A, 0x0D) or 0xD800 <= code <= 0xDFFF:
        return ""  # line breaks are pdfplumber's to decide; a lone surrogate cannot be stored
    return chr(code)


def _dropped_space(previous: dict, char: dict) -> bool:
    """True when a gap on the same line shows where pdfium dropped a space that overlapped the next letter."""
    if previous["text"].isspace() or not (previous["top"] < char["bottom"] and char["top"] < previous["bottom"]):
        return False
    return char["x0"] - previous["x1"] > _SPACE_GAP * max(previous["size"], char["size"])


def page_text(page) -> str | None:
    """The page's text, laid out as pdfplumber's `Page.extract_text` lays it out; None when
    pdfium may have cut a text object short."""
    from pdfplumber.utils.text import chars_to_textmap

    chars = page_chars(page)
    if chars is None:
        return None
    width, height = page.get_size()
    textmap = chars_to_textmap(chars, layout_bbox=(0, 0, width, height),
                               layout_width=width, layout_height=height)
    return textmap.as_string
