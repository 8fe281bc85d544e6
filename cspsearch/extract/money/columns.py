"""Column headings of tab-separated tables, and what each heading says about the figures under it.

A ruled table comes out of the PDF reader as tab-separated rows, a cell per field, empty
cells kept between tabs. The heading rows are the rows above the first row with a figure;
a heading cell spanning several columns ("2025-26 Final" over "Kent £'m | England £'m")
stands in its first field with the fields after it empty, so an empty heading field takes
the text to its left. `Column` reads one heading: its body (a council, or all of England),
financial year, unit, whether it is a change column and which version (provisional, final)
it shows.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from cspsearch.extract.money.roles import CHANGE, label_role, national_body, stage_of
from cspsearch.extract.yearspans import financial_years_in

_FIGURE = re.compile(r"[-+(]?£?\s?\d[\d,]*(?:\.\d+)?\)?(?:\s?(?:m|k|bn|%))?\)?")
_YEAR = re.compile(r"(?:19|20)\d\d(?:[-/–]\d{2,4})?")
_UNIT = re.compile(r"\(?£\s?['’]?(?P<unit>000s?|k|m|bn|p)\)?(?=\s|$)")
UNIT_SCALE = {"000": 1e3, "000s": 1e3, "k": 1e3, "m": 1e6, "bn": 1e9, "p": 1.0}
# Words of a heading that are neither its body nor its year: what is left names whose figures they are.
_NOT_BODY = re.compile(r"\b(?:final|provisional|draft|budget|forecast|actual|outturn|estimate|total|revised|"
                       r"original|approved|change|variance|movement|difference|£\S*|\d\S*)\b", re.IGNORECASE)
_SEPARATOR = re.compile(r"[\n\f]")
_FIGURE_OR_UNIT = re.compile(r"[£$%\d]")
MAX_NAME_WORDS = 5  # words a council's name may take in a column heading
HEADING_ROWS = 4  # heading rows a table may have above its first row of figures


@dataclass(frozen=True)
class Column:
    """What a column heading says about its figures."""

    heading: str
    year: str | None = None
    scale: float | None = None
    body: str | None = None  # the council whose figures they are
    national: bool = False
    change: bool = False
    stage: str | None = None


@dataclass
class TabTable:
    """A run of tab-separated rows: where it starts and ends and its heading per field."""

    start: int
    end: int
    headings: list[str]

    def heading(self, field: int) -> str | None:
        return self.headings[field] if field < len(self.headings) and self.headings[field] else None


def is_figure(field: str) -> bool:
    """True for a field holding one figure (an amount, a number, a percentage), not a year."""
    field = field.strip()
    return bool(field) and bool(_FIGURE.fullmatch(field)) and not _YEAR.fullmatch(field)


def tab_tables(text: str) -> list[TabTable]:
    """The tab-separated tables of `text`, each with the headings of its columns; a page break
    ends a table (the next page repeats its heading rows, or has none)."""
    tables: list[TabTable] = []
    rows: list[tuple[int, int, str]] = []  # (start, end, line) of the current run of tab rows
    gap = 0
    for position, end, page_break in _lines(text):
        line = text[position:end]
        if page_break and rows:
            tables.append(_table(rows))
            rows, gap = [], 0
        if "\t" in line:
            rows.append((position, end, line))
            gap = 0
        elif rows and gap == 0 and line.strip():
            gap = 1  # one untabbed row inside a table: a section label such as "Grants"
        elif rows:
            tables.append(_table(rows))
            rows, gap = [], 0
    if rows:
        tables.append(_table(rows))
    return tables


def _lines(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, after a page break) of each line, lines ending at a line break or a form feed."""
    position, page_break = 0, False
    for separator in _SEPARATOR.finditer(text):
        yield position, separator.start(), page_break
        position, page_break = separator.end(), separator.group() == "\f"
    yield position, len(text), page_break


def _table(rows: list[tuple[int, int, str]]) -> TabTable:
    heading_rows: list[list[str]] = []
    for _, _, line in rows[:HEADING_ROWS]:
        fields = line.split("\t")
        if any(is_figure(f) for f in fields):
            break
        heading_rows.append(fields)
    width = max((len(f) for f in heading_rows), default=0)
    headings = [""] * width
    for depth, fields in enumerate(heading_rows):
        spanning = depth < len(heading_rows) - 1  # only upper rows span the columns below them
        last = ""
        for index in range(width):
            field = fields[index].strip() if index < len(fields) else ""
            last = field or (last if spanning and index else "")
            headings[index] = " ".join(part for part in (headings[index], last) if part)
    return TabTable(rows[0][0], rows[-1][1], headings)


class TabIndex:
    """Which tab table and column an offset of the original text falls in."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tables = tab_tables(text) if "\t" in text else []
        self.starts = [t.start for t in self.tables]
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)] if self.tables else [0]

    def table_at(self, offset: int) -> TabTable | None:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.tables[index] if index >= 0 and offset <= self.tables[index].end else None

    def line_start(self, offset: int) -> int:
        """Where the line holding `offset` starts."""
        return self.line_starts[bisect.bisect_right(self.line_starts, offset) - 1]

    def field_at(self, offset: int) -> int:
        """The field number of `offset` on its line: the tabs before it since the line began."""
        return self.text.count("\t", self.line_start(offset), offset)

    def heading_at(self, offset: int) -> str | None:
        table = self.table_at(offset)
        return table.heading(self.field_at(offset)) if table else None


@cache
def describe(heading: str, council: str | None = None) -> Column:
    """What `heading` says: "Kent £'m" under "2025-26 Final" is Kent's final 2025-26 figures in £m."""
    years = [value for *_, value in financial_years_in(heading)]
    unit = _UNIT.search(heading)
    national = national_body(heading)
    return Column(heading, years[-1] if years else None, UNIT_SCALE[unit.group("unit")] if unit else None,
                  None if national else _body(heading, council), national,
                  label_role(heading) == CHANGE, stage_of(heading))


def _body(heading: str, council: str | None) -> str | None:
    """The council a heading names ("Kent", "KCC", "Medway Council"), by its official name. The
    name must be all the heading says besides its year, unit and version: "Surrey Police" is
    no column of Surrey County Council's figures."""
    from cspsearch.vocab.councils import find_council

    words = [word for word in _NOT_BODY.sub(" ", heading).split() if not _FIGURE_OR_UNIT.search(word)]
    rest = " ".join(words).strip("()")
    found = find_council(rest) if rest and len(rest.split()) <= MAX_NAME_WORDS else None
    if found is None:
        return None
    return council if council and find_council(council) == found else found.name
