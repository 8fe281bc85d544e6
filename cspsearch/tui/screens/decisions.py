"""The decisions screen: what bodies resolved, what reports recommended, and how motions were voted."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Static

from cspsearch import services
from cspsearch.analysis.decisions import decisions, decisions_table, outcome_text
from cspsearch.tui.export import View
from cspsearch.tui.screens.base import ViewScreen, attempt
from cspsearch.tui.sheets import decisions_values
from cspsearch.tui.widgets.fitted_table import FittedTable
from cspsearch.tui.widgets.notice import Notice
from cspsearch.tui.widgets.query_bar import QueryBar
from cspsearch.tui.widgets.screen_bar import ScreenBar

# The amount before the long columns: on a narrow terminal those are what scrolls out of view.
HEADERS = ["date", "council", "body", "kind", "amount", "outcome", "moved by", "text"]
KEEP = {HEADERS.index("date"), HEADERS.index("amount")}  # never cut; the words shrink instead


def row_cells(record: dict[str, Any]) -> list[Text]:
    """A decision as the table shows it; Text, as a paper's words may hold brackets."""
    movers = " / ".join(p for p in (record.get("proposer"), record.get("seconder")) if p)
    amount = f"£{record['amount']:,.0f}" if record.get("amount") is not None else ""
    text = " ".join((record.get("text") or "").split())
    cells = [record.get("date") or "undated", record.get("council_id") or "council unknown",
             record.get("body") or "", (record.get("kind") or "").replace("_", " "), amount, outcome_text(record),
             movers, text[:90] + ("…" if len(text) > 90 else "")]
    return [Text(cell) for cell in cells]


def searchable(record: dict[str, Any]) -> str:
    return " ".join(str(v) for k, v in record.items() if k != "citation" and v).lower()


class DecisionsScreen(ViewScreen):
    """Filter by words; moving over a row shows the whole decision; Enter opens its page."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[dict[str, Any]] = []
        self.shown: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield ScreenBar("decisions")
        yield QueryBar(placeholder="Filter by words: a topic, a body, a mover, an outcome", id="decisions-filter",
                       compact=True)
        yield Notice("Loading the decisions…", id="decisions-status")
        yield FittedTable(id="decisions-table")
        yield Static(id="decision-detail", classes="detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Decisions"
        self.query_one(FittedTable).fill(HEADERS, [], KEEP)
        self.load()

    @work(thread=True, exclusive=True, group="decisions")
    def load(self) -> None:
        result, error = attempt(decisions, services, self.index)
        self.app.call_from_thread(self._loaded, result, error)

    def _loaded(self, result: dict[str, Any] | None, error: str | None) -> None:
        if error or result is None:
            self.query_one(Notice).say(error or "The decisions could not be listed.", error=True)
            return
        self.records = result["decisions"]
        self._show()

    def _show(self) -> None:
        words = self.query_one(QueryBar).value.lower().split()
        self.shown = [r for r in self.records if all(w in searchable(r) for w in words)]
        self.query_one(FittedTable).fill(HEADERS, [row_cells(r) for r in self.shown], KEEP)
        if not self.records:
            self.query_one(Notice).say("No decision, recommendation or motion was found in the indexed papers.")
        else:
            self.query_one(Notice).say(f"{len(self.shown)} of {len(self.records)} decisions, recommendations "
                                       "and motions. Enter opens the page.")

    def on_query_bar_query_changed(self, event: QueryBar.QueryChanged) -> None:
        self._show()
        if event.submitted:
            self.query_one(DataTable).focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.shown):
            record = self.shown[event.cursor_row]
            cite = record["citation"]
            where = f"{cite.get('title') or cite.get('doc_id')}, p.{cite.get('page')}"
            self.query_one("#decision-detail", Static).update(f"{record.get('text') or ''}\n— {where}")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.shown):
            self.open_citation(self.shown[event.cursor_row]["citation"])

    def export_view(self) -> View | None:
        if not self.shown:
            return None
        headers, rows = decisions_table({"decisions": self.shown})
        return View("decisions", headers, rows, decisions_values(self.shown, rows))
