"""What a table cell's row, column and caption say about it: role, recipient, year, unit, version.

The column speaks first: a change column makes every figure in it a change, an England
column makes them national, a council's column ("Kent £'m") names the recipient. Then
the row label ("Social Care Grant" is money received, "Savings" a saving), then the
column heading's own words ("Budget 2024-25"), then the table's caption.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cspsearch.extract.money_columns import Column, TabIndex, describe
from cspsearch.extract.money_roles import CHANGE, NATIONAL, OTHER, is_total, label_role, stage_of
from cspsearch.extract.moneytables import Cell

CAPTION_LINES = 2  # lines above a table that may caption it
CAPTION_REACH = 400  # characters above a table read for its caption


@dataclass(frozen=True)
class CellCues:
    """The words around one table figure: its row label, its column and the table's caption."""

    row: str
    column: Column | None
    caption: str


class TableCues:
    """Row, column and caption of any figure in the tables of one document's original text."""

    def __init__(self, original: str, council: str | None) -> None:
        self.original = original
        self.council = council
        self.tabs = TabIndex(original)

    def cell(self, cell: Cell) -> CellCues:
        """The cues of a bare number found by moneytables."""
        return CellCues(cell.label, self._column(cell.start), self._caption(cell.table_start))

    def row_at(self, offset: int) -> tuple[int | None, CellCues | None]:
        """For an amount at `offset` on a tab-separated row: where its row label starts, and its cues."""
        table = self.tabs.table_at(offset)
        if table is None:
            return None, None
        line_start = self.original.rfind("\n", max(0, offset - 2000), offset) + 1
        first = self.original.find("\t", line_start, offset)
        label = self.original[line_start:first] if first >= 0 else ""
        label_start = line_start + len(label) - len(label.lstrip())
        cues = CellCues(label.strip(), self._column(offset), self._caption(table.start))
        return (label_start if label.strip() else None), cues

    def _column(self, offset: int) -> Column | None:
        heading = self.tabs.heading_at(offset)
        return describe(heading, self.council) if heading else None

    def _caption(self, table_start: int) -> str:
        """The lines just above the table and its first line."""
        low = max(0, table_start - CAPTION_REACH)
        above = self.original[low:table_start].split("\n")
        first_end = self.original.find("\n", table_start, table_start + CAPTION_REACH)
        first = self.original[table_start:first_end if first_end >= 0 else table_start + CAPTION_REACH]
        return " ".join([*[line.strip() for line in above[-CAPTION_LINES - 1:]], first.strip()]).strip()


def cell_role(cues: CellCues) -> str:
    """The role of a table figure from its column, row label, column words and caption."""
    column = cues.column
    if column and column.change:
        return CHANGE
    if column and column.national:
        return NATIONAL
    for words in (cues.row, column.heading if column else ""):
        role = label_role(words) if words else None
        if role:
            return role
    role = label_role(cues.caption) if cues.caption else None
    if role == NATIONAL and column and column.body:
        return OTHER  # "the core spending power for KCC and England": the column says whose
    return role or OTHER


def table_attrs(cues: CellCues, entity: dict[str, Any]) -> dict[str, Any]:
    """The fields a table figure's cues give or correct: role, recipient, year, unit, row, column, stage, total."""
    column = cues.column
    role = cell_role(cues)
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
    stage = (column.stage if column else None) or stage_of(cues.caption)
    if stage:
        attrs["stage"] = stage
    if cues.row and is_total(cues.row):
        attrs["total"] = True
    return attrs
