"""LedgerTable: the grants ledger, one row per grant, year and recipient (superseded figures marked); Enter opens the paper."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from cspsearch.library import GrantsLedger
from cspsearch.tui.widgets.fitted_table import FittedTable

# Statuses of lines shown for reference but left out of the totals.
NOT_ADDED = frozenset({"superseded", "other figure", "total row"})
# Never cut: the financial year and the amount; funder, recipient, grant and source shrink instead.
KEEP = ("council", "financial year", "amount")  # a council label is short and must read whole


class LedgerTable(FittedTable):
    """Rows of the grants ledger's table, each remembering its citation; amounts always whole."""

    DEFAULT_CSS = """
    LedgerTable {
        height: 1fr;
    }
    """

    class EntryChosen(Message):
        """A ledger row was chosen: open its citation."""

        def __init__(self, citation: dict[str, Any]) -> None:
            super().__init__()
            self.citation = citation

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.citations: list[dict[str, Any]] = []

    def show(self, result: GrantsLedger) -> None:
        """Fill the table from a grants ledger (its lines current, undated, then without an amount, as its
        table lists them)."""
        headers, rows = result.table()
        lines = [*result.entries, *result.undated, *result.no_amount]
        self.citations = [line.citation.to_json() for line in lines]
        keep = {headers.index(name) for name in KEEP}
        self.fill(headers, [[self.cell(text, row[0]) for text in row] for row in rows], keep)

    @staticmethod
    def cell(text: str, status: str) -> Text:
        """A cell, dim on a line the totals do not add (superseded, total row)."""
        return Text(text, style="dim" if status in NOT_ADDED else "")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = event.cursor_row
        if 0 <= row < len(self.citations):
            self.post_message(self.EntryChosen(self.citations[row]))
