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


def has_images(page) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))


def page_chars(page) -> list[dict] | None:
    """The page's characters as pdfplumber describes them (text, x0, x1, top, bottom, upright, size);
    None when one of its text objects may have been cut short."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        if _may_be_cut(textpage.raw):
            return None
        return _chars(pdfium_c, textpage.raw, page.get_height())
    finally:
        textpage.close()


def _chars(pdfium_c, handle, height: float) -> list[dict]:
    # The page's text comes in one call; then two pdfium calls a character, the fewest that
    # give what pdfplumber needs: size and orientation belong to the character's text object,
    # so they are asked once per object.
    is_generated, loose_box = pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetLooseCharBox
    text_object = pdfium_c.FPDFText_GetTextObject
    box = pdfium_c.FS_RECTF()
    styles: dict[bytes, tuple[float, bool]] = {}
    chars: list[dict] = []
    previous: dict | None = None
    for index, code in enumerate(_codes(pdfium_c, handle)):
        text = _char_text(code) if code < 0x20 or 0xD800 <= code <= 0xDFFF or code == 0xFFFE else chr(code)
        if not text or (code == 0x20 and is_generated(handle, index)):
            # pdfium invents spaces and line breaks (only those); pdfplumber decides its own
            continue
        loose_box(handle, index, box)
        owner = bytes(text_object(handle, index))  # the object's address: equal for its characters
        style = styles.get(owner)
        if style is None:
            style = styles[owner] = _style(pdfium_c, handle, index)
        size, upright = style
        bottom = height - box.bottom
        top = bottom - size
        char = {"object_type": "char", "text": text, "x0": box.left, "x1": box.right, "top": top, "doctop": top,
                "bottom": bottom, "size": size, "upright": upright}
        if (previous is not None and previous["top"] < bottom and top < previous["bottom"]
                and char["x0"] - previous["x1"] > _SPACE_GAP * max(previous["size"], size)
                and not previous["text"].isspace()):
            # pdfium drops a space that overlaps the letter after it: the gap on the line shows where it was
            chars.append({**previous, "text": " "})
        chars.append(char)
        previous = char
    return chars


def _codes(pdfium_c, handle) -> list[int]:
    """Each character's code, from one FPDFText_GetText call where its text lines up with the
    characters one to one; asked character by character where it may not (a character
    beyond U+FFFF takes two UTF-16 units, one without a code takes none)."""
    count = pdfium_c.FPDFText_CountChars(handle)
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(handle, 0, count, buffer) if count else 0
    codes = buffer[:max(written - 1, 0)]  # less the closing NUL
    if len(codes) == count and not any(0xD800 <= code <= 0xDFFF for code in codes):
        return codes
    return [pdfium_c.FPDFText_GetUnicode(handle, index) for index in range(count)]


def _style(pdfium_c, handle, index: int) -> tuple[float, bool]:
    """The character's size as pdfminer gives it (the font size as the text and page matrices
    scale it) and whether it stands upright."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(handle, index, matrix)
    size = pdfium_c.FPDFText_GetFontSize(handle, index) * math.hypot(matrix.c, matrix.d)
    return size, matrix.a * matrix.d > 0 and matrix.b * matrix.c <= 0


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
