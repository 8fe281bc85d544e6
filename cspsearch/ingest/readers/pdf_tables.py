"""Ruled tables and the text around them, for a pdfplumber page or a `PdfiumPage` standing in for one.

Both kinds of page offer the same objects (characters, ruling edges) and the same few
methods, so one copy of the table rules serves the pdfium path and pdfplumber's.
"""

from __future__ import annotations

# A page needs at least this many ruling edges (lines or rectangle sides) before it is
# worth looking for tables: prose pages have none, so they never pay for find_tables.
MIN_TABLE_EDGES = 8
# A cell border this far inside a word's ends is taken to cut it (PDF units).
_BORDER_SLACK = 1.5


def laid_out_text(page) -> str:
    """The text of a pdfplumber page, or of a `PdfiumPage` standing in for one, tables in place."""
    tables = ruled_tables(page) if len(page.edges) >= MIN_TABLE_EDGES else []
    if not tables:
        return page.extract_text()
    return _text_around_tables(page, tables)


def ruled_tables(page) -> list[tuple[tuple[float, float, float, float], list[str]]]:
    """Tables drawn with ruling lines, as (bbox, rows), top to bottom.

    Boxes drawn round a paragraph or a chart are not tables: a table needs two rows and
    at least one row with two cells holding text. Rules that cut through words (shading,
    underlines, a grid behind prose) do not make a table either.
    """
    found: list[tuple[tuple[float, float, float, float], list[str]]] = []
    # Largest first, so a table drawn inside another one is seen as part of it.
    for table in sorted(page.find_tables(), key=_area, reverse=True):
        rows = [_row_text(row) for row in _cell_texts(page, table)]
        rows = [row for row in rows if row]
        if len(rows) < 2 or not any("\t" in row for row in rows):
            continue
        if any(_inside(table.bbox, bbox) for bbox, _ in found) or _cuts_words(page, table):
            continue
        found.append((table.bbox, rows))
    return sorted(found, key=lambda item: item[0][1])


def _cell_texts(page, table) -> list[list[str | None]]:
    """What pdfplumber's `table.extract()` gives (a row of cell texts, None where no cell is),
    with each character's middle worked out once and each row looking only at the table's
    characters: testing every character of the page against every row and cell made
    extraction the slowest step of a page with tables."""
    from pdfplumber.utils import extract_text

    def within(box, placed):
        x0, top, x1, bottom = box
        return [item for item in placed if x0 <= item[1] < x1 and top <= item[2] < bottom]

    placed = within(table.bbox, [(char, (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2)
                                 for char in page.chars])
    texts: list[list[str | None]] = []
    for row in table.rows:
        in_row = within(row.bbox, placed)
        cells: list[str | None] = []
        for cell in row.cells:
            chars = [char for char, _, _ in within(cell, in_row)] if cell is not None else None
            cells.append(None if chars is None else extract_text(chars) if chars else "")
        texts.append(cells)
    return texts


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
