"""The decisions screen: what bodies resolved, what reports recommended, and how motions were voted."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Static

from cspsearch.library import Decision, Decisions
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


def row_cells(record: Decision) -> list[Text]:
    """A decision as the table shows it; Text, as a paper's words may hold brackets."""
    movers = " / ".join(p for p in (record.proposer, record.seconder) if p)
    amount = f"£{record.amount:,.0f}" if record.amount is not None else ""
    text = " ".join((record.text or "").split())
    cells = [record.date or "undated", record.council_id or "council unknown", record.body or "",
             (record.kind or "").replace("_", " "), amount, record.outcome_text, movers,
             text[:90] + ("…" if len(text) > 90 else "")]
    return [Text(cell) for cell in cells]


def searchable(record: Decision) -> str:
    """Every known value of a decision but its citation, as one lowercase text for the word filter."""
    return " ".join(str(v) for k, v in record.to_json().items() if k != "citation" and v).lower()


class DecisionsScreen(ViewScreen):
    """Filter by words; moving over a row shows the whole decision; Enter opens its page."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[Decision] = []
        self.shown: list[Decision] = []
        self._text: list[str] = []  # each record's searchable text, in the same order

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
        result, error = attempt(self.library.decisions)
        self.app.call_from_thread(self._loaded, result, error)

    def _loaded(self, result: Decisions | None, error: str | None) -> None:
        if error or result is None:
            self.query_one(Notice).say(error or "The decisions could not be listed.", error=True)
            return
        self.records = list(result.decisions)
        self._text = [searchable(r) for r in self.records]
        self._show()

    def _show(self) -> None:
        words = self.query_one(QueryBar).value.lower().split()
        self.shown = [r for r, text in zip(self.records, self._text, strict=True) if all(w in text for w in words)]
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
            cite = record.citation
            where = f"{cite.title or cite.doc_id}, p.{cite.page}" if cite else "source unknown"
            self.query_one("#decision-detail", Static).update(f"{record.text or ''}\n— {where}")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.shown):
            cite = self.shown[event.cursor_row].citation
            if cite is not None:
                self.open_citation(cite.to_json())

    def export_view(self) -> View | None:
        if not self.shown:
            return None
        headers, rows = Decisions.from_json({"decisions": [r.to_json() for r in self.shown]}).table()
        return View("decisions", headers, rows, decisions_values(self.shown, rows))
