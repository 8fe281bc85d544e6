"""Bare numbers in money tables: cells under a "£000", "£'000", "£k", "£m" or "£p" heading.

"£p" (pounds and pence) leaves numbers as they are; the others scale them (×1000, ×1e6).

Works on the document's original lines, because normalisation folds a table's rows into
one line. A table block starts at a line holding a unit heading and runs to the end of
the page, to the next heading or to a numbered paragraph ("6.5 The Council's ..."). A
row's cells are its numbers; a lone number counts only at the end of its line, so a
prose line inside the block ("the 2 sites") gives nothing. Percentages, fractions, years
and page numbers are never cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from cspsearch.extract.money.headings import assign_headings
from cspsearch.extract.yearspans import financial_years_in

_UNIT_HEADING = re.compile(r"(?<!\S)\(?£\s?['’]?(?P<unit>000s?|k|m|bn|p)\)?(?=\s|$)")
UNIT_SCALE = {"000": 1e3, "000s": 1e3, "k": 1e3, "m": 1e6, "bn": 1e9, "p": 1.0}
_CELL = re.compile(r"(?P<sign>[-+−]?)(?P<open>\(?)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\)?")
_EMPTY_CELL = re.compile(r"[-–—]|nil|n/a", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_CELL_AFTER = re.compile(r"£\s?['’]?(?:000s?|k|m|bn|p)\)?\s+[-+(]?\d")  # "TOTAL £m 334.7": a total row
_YEAR = re.compile(r"(?:19|20)\d\d")
_PAGE_FURNITURE = re.compile(r"Page \d+ of \d+|All figures in", re.IGNORECASE)
# What ends a table block besides the end of its page: a numbered paragraph, or the
# caption of the next table ("Table 4: Average number of pupils").
_BLOCK_END = re.compile(
    r"\d{1,2}(?:\.\d{1,2})+\.?\s+[A-Z][a-z]|\d{1,2}\.\s+[A-Z][a-z]|(?:Table|Figure|Chart)\s\d"
)
HEADER_LINES_BEFORE = 3  # column-heading lines above the unit line that may name years
# In a table of decimals ("119.2"), a whole number ("4") is a score or a count, not money.
DECIMAL_MAJORITY = 0.6
DECIMALS_ENOUGH = 2
# A text field longer than this describes (a risk's consequences) rather than labels a row.
LABEL_LENGTH = 80


@dataclass
class Cell:
    """One number in a money table, with offsets into the original text."""

    start: int
    end: int
    amount: float
    scale: float
    label: str
    label_start: int = 0
    column: int = 0
    columns: int = 1
    financial_year: str | None = None
    table_start: int = 0  # where the table's unit heading line starts
    slot: int = 0  # place among the figures that end its row (percentages too)
    slots: int = 0  # how many figures end its row; 0 in a tab-separated row
    heading: str | None = None  # the heading words over its column, in a table without tabs
    headings: str = ""  # all the table's heading lines, when they cannot be matched to columns
    decimal: bool = True  # written with a decimal point or thousands comma
    lone: bool = False  # the only number of its row, at the end of the line


@dataclass
class _Block:
    scale: float
    start: int = 0
    years: list[str] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    rows_seen: bool = False
    last_column_only: bool = False
    heading_lines: list[str] = field(default_factory=list)


def find_table_cells(text: str) -> list[Cell]:
    """Every scaled number in the money tables of `text` (pages joined by form feeds)."""
    cells: list[Cell] = []
    if "£" not in text:
        return cells
    for block in _blocks(text):
        cells.extend(_keep(block))
    return cells


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for each line, its line break or form feed kept."""
    position = 0
    for line in re.split(r"(?<=[\n\f])", text):
        yield position, line
        position += len(line)


def _blocks(text: str) -> Iterator[_Block]:
    """The money-table blocks of `text`, each with the cells of its rows."""
    block: _Block | None = None
    recent: list[str] = []
    for offset, raw in _lines(text):
        line = raw.rstrip("\n\f")
        heading = _UNIT_HEADING.search(line) if "£" in line else None
        if heading and _is_heading(line, heading):
            if block:
                yield block
            block = _Block(UNIT_SCALE[heading.group("unit")], offset,
                           _heading_years(line[:heading.start()], recent),
                           last_column_only=_labels_one_column(line), heading_lines=[*recent, line])
            _add_row(block, offset + heading.end(), line[heading.end():])
        elif block and _BLOCK_END.match(line):
            yield block
            block = None
        elif block:
            if not block.rows_seen and not block.years:
                block.years = _heading_years(line, [])
            _add_row(block, offset, line)
            if not block.rows_seen:
                block.heading_lines.append(line)
        recent = (recent + [line])[-HEADER_LINES_BEFORE:]
        if raw.endswith("\f") and block and block.rows_seen:  # headings at a page's foot go on
            yield block
            block, recent = None, []
    if block:
        yield block


def _heading_years(before: str, recent: list[str]) -> list[str]:
    """The years naming the columns: on the unit line, else on the nearest heading line above."""
    for line in [before, *reversed(recent)]:
        if not _reads_as_heading(line):
            continue
        years = [value for *_, value in financial_years_in(line)]
        if years:
            return years
    return []


def _reads_as_heading(line: str) -> bool:
    """Column headings are short capitalised words and years, not a sentence."""
    words = line.split()
    lower = sum(1 for w in words if w[:1].islower())
    return bool(words) and not line.rstrip().endswith(".") and ". " not in line and lower * 3 <= len(words)


def _labels_one_column(line: str) -> bool:
    """One unit among other column headings ("Taxbase Taxbase £000s") names only the last column."""
    units = _UNIT_HEADING.findall(line)
    rest = _UNIT_HEADING.sub(" ", _PAGE_FURNITURE.sub(" ", line))
    return len(units) == 1 and bool(re.search(r"[A-Za-z]", rest)) and not _CELL_AFTER.search(line)


def _is_heading(line: str, heading: re.Match[str]) -> bool:
    """A unit heading stands alone, in a short line of headings, or starts a total row."""
    rest = _PAGE_FURNITURE.sub("", line).strip()
    return len(rest) <= 80 or heading.start() < 20


def _add_row(block: _Block, offset: int, line: str) -> None:
    """Add the cells of one line (at `offset` in the text) to `block`."""
    if not _DIGIT.search(line):
        return
    if "\t" in line:
        _add_tab_row(block, offset, line)
        return
    line = _PAGE_FURNITURE.sub(lambda m: " " * len(m.group()), line)
    tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", line) if m.group() != "+"]
    columns = _cell_columns(tokens)
    if not columns:
        return
    block.rows_seen = True
    label_text = line[:tokens[columns[0][0]][0]]
    label = label_text.strip(" -+")
    label_start = offset + len(label_text) - len(label_text.lstrip(" -+"))
    first = columns[0][0]
    last = max(column for column, (_, cell) in enumerate(columns) if cell is not None)
    for column, (index, cell) in enumerate(columns):
        if cell is None or (block.last_column_only and column != last):
            continue
        start = offset + tokens[index][0]
        negative = cell.group("sign") in ("-", "−") or (cell.group("open") and cell.group().endswith(")"))
        value = float(cell.group("num").replace(",", "")) * (-1 if negative else 1)
        block.cells.append(Cell(start, start + len(cell.group()), round(value * block.scale, 2), block.scale,
                                label, label_start, column=column, columns=len(columns),
                                decimal="." in cell.group("num") or "," in cell.group("num"),
                                lone=len(columns) == 1, slot=index - first, slots=len(tokens) - first))


def _add_tab_row(block: _Block, offset: int, line: str) -> None:
    """A tab-separated row: each field with a figure is one cell of its column, labelled by the
    nearest short text field to its left (two tables side by side each keep their own labels).

    Fields written with "£" are left to the prose amounts, which find them with their unit.
    """
    fields = line.split("\t")
    positions = [0]
    for text in fields[:-1]:
        positions.append(positions[-1] + len(text) + 1)
    found = []
    label, label_start = "", offset
    for column, (position, text) in enumerate(zip(positions, fields, strict=True)):
        cell = _CELL.fullmatch(text.strip()) if column else None
        if cell and not _YEAR.fullmatch(text.strip()):
            found.append((column, offset + position + len(text) - len(text.lstrip()), cell, label, label_start))
        elif text.strip(" -+") and not _DIGIT.match(text.strip(" -+£")) and len(text.strip()) <= LABEL_LENGTH:
            label = text.strip(" -+")
            label_start = offset + position + len(text) - len(text.lstrip(" -+"))
    if not found:
        return
    block.rows_seen = True
    for column, start, cell, label, label_start in found:
        if block.last_column_only and column != len(fields) - 1:
            continue
        negative = cell.group("sign") in ("-", "−") or (cell.group("open") and cell.group().endswith(")"))
        value = float(cell.group("num").replace(",", "")) * (-1 if negative else 1)
        block.cells.append(Cell(start, start + len(cell.group()), round(value * block.scale, 2), block.scale,
                                label, label_start, column=column, columns=len(fields),
                                decimal="." in cell.group("num") or "," in cell.group("num"),
                                lone=False))  # a tab makes a field a cell, alone or not


def _cell_columns(tokens: list[tuple[int, str]]) -> list[tuple[int, re.Match[str] | None]]:
    """A row's cells: runs of two or more numbers (or dashes for empty cells), or one number
    ending the line. A number standing alone inside words ("ceased 3 years ago") is prose."""
    runs: list[list[tuple[int, re.Match[str] | None]]] = [[]]
    for index, (_, token) in enumerate(tokens):
        cell = _CELL.fullmatch(token)
        if cell and not _YEAR.fullmatch(token):
            runs[-1].append((index, cell))
        elif _EMPTY_CELL.fullmatch(token) and runs[-1]:
            runs[-1].append((index, None))
        elif runs[-1]:
            runs.append([])
    ends_line = bool(runs[-1]) and runs[-1][-1][0] == len(tokens) - 1
    kept = [run for i, run in enumerate(runs) if len(run) >= 2 or (run and ends_line and i == len(runs) - 1)]
    return [column for run in kept for column in run if any(cell for _, cell in run)]


def _keep(block: _Block) -> list[Cell]:
    """Give each cell its column's year; drop stray whole numbers from decimal tables, and zeros."""
    _assign_years(block.cells, block.years)
    assign_headings(block.cells, block.heading_lines)
    headings = " ".join(block.heading_lines[-HEADER_LINES_BEFORE:])
    for cell in block.cells:
        cell.headings = headings if cell.heading is None and cell.slots else ""
    for cell in block.cells:
        cell.table_start = block.start
    cells = block.cells
    decimals = sum(c.decimal for c in cells)
    if decimals >= DECIMALS_ENOUGH or (cells and decimals / len(cells) >= DECIMAL_MAJORITY):
        cells = [c for c in cells if c.decimal]
    else:  # "leads to an 3": a likelihood score at the end of a line, not money
        cells = [c for c in cells if c.decimal or not c.lone]
    return [c for c in cells if c.amount != 0]


def _assign_years(cells: list[Cell], years: list[str]) -> None:
    """A cell takes the year of its column when the heading's years divide the row evenly. In a
    row with empty cells dropped (no tabs keep their places) its column, so its year, is unknown."""
    widest = max((cell.columns for cell in cells), default=0)
    for cell in cells:
        if len(years) == 1:
            cell.financial_year = years[0]
        elif years and cell.columns % len(years) == 0 and (cell.slots == 0 or cell.columns == widest):
            cell.financial_year = years[cell.column // (cell.columns // len(years))]
