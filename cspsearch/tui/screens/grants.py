"""The grants screen: what each council received (superseded figures marked), a chart per year, and the totals."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Footer, Label, SelectionList, TabbedContent, TabPane

from cspsearch.library import GrantsLedger
from cspsearch.tui.export import View
from cspsearch.tui.screens.base import CouncilScreen, attempt
from cspsearch.tui.sheets import ledger_values, totals_values
from cspsearch.tui.widgets.council_picker import CouncilPicker
from cspsearch.tui.widgets.fitted_table import FittedTable
from cspsearch.tui.widgets.grant_chart import GrantChart
from cspsearch.tui.widgets.ledger_table import LedgerTable
from cspsearch.tui.widgets.notice import Notice
from cspsearch.tui.widgets.query_bar import QueryBar
from cspsearch.tui.widgets.screen_bar import ScreenBar


def summary(result: GrantsLedger, counted: int) -> str:
    """The notice over the ledger: lines, the current received total, and what it leaves out."""
    parts = [f"{len(result.undated)} undated", f"{len(result.no_amount)} without an amount"]
    if result.superseded:
        parts.append(f"{result.superseded} superseded or set beside a standing figure")
    if result.council_unknown:
        parts.append(f"{result.council_unknown} of unknown council")
    return f"{counted} lines; current grants received total {result.money(result.total)} ({', '.join(parts)})."


class GrantsScreen(CouncilScreen):
    """Filter by council, financial years, funder and grant; Enter on a row opens its paper."""

    def __init__(self) -> None:
        super().__init__()
        self.result: GrantsLedger | None = None
        self.councils_loaded = False

    def compose(self) -> ComposeResult:
        yield ScreenBar("grants")
        with Horizontal(classes="body"):
            with Vertical(classes="sidebar"):
                yield CouncilPicker(years_label="Financial years from / to", id="picker")
                yield Label("Funder")
                yield QueryBar(placeholder="e.g. PCC, Home Office", id="funder", compact=True)
                yield Label("Grant")
                yield QueryBar(placeholder="e.g. community safety fund", id="grant", compact=True)
                yield Checkbox("All money amounts, with roles", id="include-all", compact=True)
            with Vertical():
                yield Notice("Loading the ledger…", id="grants-status")
                with TabbedContent(id="grants-tabs"):
                    with TabPane("Ledger", id="ledger-tab"):
                        yield LedgerTable(id="ledger")
                    with TabPane("Chart", id="chart-tab"):
                        yield GrantChart(id="chart")
                    with TabPane("Totals", id="totals-tab"):
                        yield FittedTable(id="totals")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Grants"
        self.load_councils()

    def on_query_bar_query_changed(self, event: QueryBar.QueryChanged) -> None:
        self.refresh_view()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.refresh_view()

    def filters(self) -> dict[str, Any]:
        """The sidebar's choices as keyword arguments for Library.grants."""
        picker = self.query_one(CouncilPicker)
        year_from, year_to = picker.years
        # Every council ticked means no filter, so lines of papers that name no council show too.
        every = len(picker.councils) == picker.query_one(SelectionList).option_count
        return {"councils": None if every else picker.councils, "year_from": year_from, "year_to": year_to,
                "funder": self.query_one("#funder", QueryBar).value.strip() or None,
                "grant": self.query_one("#grant", QueryBar).value.strip() or None,
                "include_all": self.query_one(Checkbox).value}

    def refresh_view(self) -> None:
        if not self.councils_loaded:
            return
        if not self.query_one(CouncilPicker).councils:
            self.query_one(Notice).say("Tick at least one council.")
            return
        self.query_one("#grants-tabs").loading = True
        self.run_ledger(self.filters())

    @work(thread=True, exclusive=True, group="grants")
    def run_ledger(self, filters: dict[str, Any]) -> None:
        result, error = attempt(self.library.grants, **filters)
        self.app.call_from_thread(self._show, result, error)

    def _show(self, result: GrantsLedger | None, error: str | None) -> None:
        self.query_one("#grants-tabs").loading = False
        notice = self.query_one(Notice)
        if error or result is None:
            notice.say(error or "The ledger could not be read.", error=True)
            return
        self.result = result
        self.query_one(LedgerTable).show(result)
        self.query_one(GrantChart).show(result)
        headers, rows = result.totals_table()
        self.query_one("#totals", FittedTable).fill(headers, rows, keep={1, 2, 3})
        counted = len(result.entries) + len(result.undated) + len(result.no_amount)
        if not counted:
            notice.say("No grant amounts match these filters.")
        else:
            notice.say(summary(result, counted))

    def on_ledger_table_entry_chosen(self, event: LedgerTable.EntryChosen) -> None:
        self.open_citation(event.citation)

    def export_view(self) -> View | None:
        if not self.result:
            return None
        if self.query_one(TabbedContent).active == "totals-tab":
            headers, rows = self.result.totals_table()
            return View("grants-totals", headers, rows, totals_values(self.result, rows))
        headers, rows = self.result.table()
        return View("grants-ledger", headers, rows, ledger_values(self.result, rows))
