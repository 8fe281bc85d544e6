"""What a table cell's row, column and caption say about it: role, recipient, year, unit, version.

The column speaks first: a change column makes every figure in it a change, an England
column makes them national, a council's column ("Kent £'m") names the recipient, its
words ("Budget 2024-25", "Financial Exposure") give the role. Then the row label
("Social Care Grant" is money received, "Savings" a saving), then the table's caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cspsearch.extract.money.columns import Column, TabIndex, describe, is_figure
from cspsearch.extract.money.roles import CHANGE, NATIONAL, OTHER, RECEIVED, is_total, label_role
from cspsearch.extract.money.tables import LABEL_LENGTH, Cell

CAPTION_LINES = 2  # lines above a table that may caption it
CAPTION_REACH = 400  # characters above a table read for its caption
_CAPTION = re.compile(r"(?:Table|Figure|Chart)\s+\d", re.IGNORECASE)
FIELD_SLACK = 12  # characters besides its amount a table cell may hold ("c.", "(note 1)")


@dataclass(frozen=True)
class CellCues:
    """The words around one table figure: its row label, its column and the table's caption."""

    row: str
    column: Column | None
    label_heading: str | None  # the heading over the row labels: "Change in Net Spending"
    headings: str  # a table's heading lines that could not be matched to its columns
    title: str  # the line above the table: "Table 5.1 - Dedicated Schools Grant"
    above: str  # the lines above the title


class TableCues:
    """Row, column and caption of any figure in the tables of one document's original text."""

    def __init__(self, original: str, council: str | None) -> None:
        self.original = original
        self.council = council
        self.tabs = TabIndex(original)

    def cell(self, cell: Cell) -> CellCues:
        """The cues of a bare number found by tables."""
        column = self._column(cell.start)
        if column is None and cell.heading:
            column = describe(cell.heading, self.council)
        return CellCues(cell.label, column, self.tabs.heading_at(cell.label_start), cell.headings,
                        *self._caption(cell.table_start))

    def row_at(self, offset: int) -> tuple[int | None, CellCues | None]:
        """For an amount at `offset` on a tab-separated row: where its row label (the nearest text
        field to its left) starts, and its cues."""
        table = self.tabs.table_at(offset)
        if table is None:
            return None, None
        line_start = self.tabs.line_start(offset)
        label, label_start = "", None
        position = line_start
        for field in self.original[line_start:offset].split("\t")[:-1]:
            if field.strip() and not is_figure(field) and len(field.strip()) <= LABEL_LENGTH:
                label, label_start = field.strip(), position + len(field) - len(field.lstrip())
            position += len(field) + 1
        label_heading = self.tabs.heading_at(label_start) if label_start is not None else None
        return label_start, CellCues(label, self._column(offset), label_heading, "", *self._caption(table.start))

    def fills_field(self, start: int, end: int) -> bool:
        """True when the text [start, end) is all its tab-separated field holds, but for a
        sign, a bracket or a few characters ("c.", "+")."""
        low = max(self.original.rfind("\t", max(0, start - FIELD_SLACK), start),
                  self.original.rfind("\n", max(0, start - FIELD_SLACK), start)) + 1
        ends = [i for i in (self.original.find("\t", end, end + FIELD_SLACK),
                            self.original.find("\n", end, end + FIELD_SLACK)) if i >= 0]
        high = min(ends) if ends else len(self.original)
        if low == 0 and start >= FIELD_SLACK or high - end >= FIELD_SLACK:
            return False
        return len(self.original[low:start].strip()) + len(self.original[end:high].strip()) < FIELD_SLACK

    def money_column(self, offset: int) -> bool:
        """False for a figure in a tab table whose other columns carry a £ unit and its own does
        not ("Likelihood (1-5)" beside "Exposure £m"): a score or a count, not money."""
        table = self.tabs.table_at(offset)
        if table is None or not any("£" in heading for heading in table.headings):
            return True
        return "£" in (self.tabs.heading_at(offset) or "")

    def _column(self, offset: int) -> Column | None:
        heading = self.tabs.heading_at(offset)
        return describe(heading, self.council) if heading else None

    def _caption(self, table_start: int) -> tuple[str, str]:
        """The table's title (the line above it, or from a "Table 7.1 - ..." line wrapped onto
        it) and the lines above that."""
        low = max(0, table_start - CAPTION_REACH)
        above = [line.strip() for line in self.original[low:table_start].split("\n")[-CAPTION_LINES - 1:-1]]
        first = next((i for i, line in enumerate(above) if _CAPTION.match(line)), len(above) - 1)
        return " ".join(above[first:]).strip(), " ".join(above[:first]).strip()


def cell_role(cues: CellCues) -> str:
    """The role of a table figure from its column, row label, column words and caption."""
    column = cues.column
    if (column and column.change) or (cues.label_heading and label_role(cues.label_heading) == CHANGE):
        return CHANGE
    if column and column.national:
        return NATIONAL
    # The column's and the row's own words first ("Forecast", "Savings"); then a caption of
    # changes ("Table 7.2 - Year on Year changes"); then words that only name money
    # received ("Income", "Funding").
    heading = column.heading if column else ""
    for words, caption in ((heading, False), (cues.row, False), (cues.headings, True)):
        role = label_role(words, table=False) if words else None
        if role and not (caption and role == NATIONAL):  # "Kent England Kent England" says whose, not what
            return role
    if _CAPTION.match(cues.title) and label_role(cues.title, table=False) == CHANGE:
        return CHANGE
    for words in (cues.row, heading):
        role = label_role(words) if words else None
        if role:
            return role
    role = label_role(cues.title) or label_role(cues.above, table=False)
    if role == NATIONAL:
        return OTHER  # "the core spending power for KCC and England": only a column says whose
    return role or OTHER


def table_attrs(cues: CellCues, entity: dict[str, Any]) -> dict[str, Any]:
    """The fields a table figure's cues give or correct: role, recipient, year, unit, row, column, stage, total."""
    column = cues.column
    role = cell_role(cues)
    if role == OTHER and entity.get("grant") and not (column and column.national):
        role = RECEIVED  # a row naming a grant ("Domestic Abuse Safe Accommodation") with no other cue
    attrs: dict[str, Any] = {"role": role}
    if role == NATIONAL:
        attrs["recipient"] = None
    elif column and column.body:
        attrs["recipient"] = column.body
    if column and column.year:
        attrs["financial_year"] = column.year
    scale = entity.get("scale")
    if column and column.scale and scale and column.scale != scale and entity.get("amount") is not None:
        attrs["amount"] = round(entity["amount"] / scale * column.scale, 2)
        attrs["scale"] = column.scale
    if cues.row:
        attrs["row"] = cues.row
    if column:
        attrs["column"] = column.heading
    stage = column.stage if column else None
    if stage:
        attrs["stage"] = stage
    if cues.row and is_total(cues.row):
        attrs["total"] = True
    return attrs
