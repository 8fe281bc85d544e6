"""LedgerTable: the grants ledger, one row per grant, year and recipient (superseded figures marked); Enter opens the paper."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from cspsearch.analysis.grants import ledger_table

LEDGER_KEYS = (("current", "entries"), ("undated", "undated"), ("no amount", "no_amount"))
# Statuses of lines shown for reference but left out of the totals.
NOT_ADDED = frozenset({"superseded", "other figure", "total row"})


class LedgerTable(DataTable):
    """Rows of analysis.grants.ledger_table, each remembering its citation."""

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
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.citations: list[dict[str, Any]] = []

    def show(self, result: dict[str, Any]) -> None:
        """Fill the table from a grants() result (same order as ledger_table's rows)."""
        headers, rows = ledger_table(result)
        self.citations = [e["citation"] for _, key in LEDGER_KEYS for e in result[key]]
        self.clear(columns=True)
        self.add_columns(*headers)
        self.add_rows([[self.cell(text, row[0]) for text in row] for row in rows])

    @staticmethod
    def cell(text: str, status: str) -> Text:
        """A cell cut to 50 characters, dim on a line the totals do not add (superseded, total row)."""
        text = text if len(text) <= 50 else text[:49] + "…"
        return Text(text, style="dim" if status in NOT_ADDED else "")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = event.cursor_row
        if 0 <= row < len(self.citations):
            self.post_message(self.EntryChosen(self.citations[row]))
