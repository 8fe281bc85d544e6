"""The law screen: the instruments the papers cite, their provisions, and the papers citing each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.widgets import Footer, Static
from textual.widgets.tree import TreeNode

from cspsearch.library import LawResult
from cspsearch.tui.export import View
from cspsearch.tui.screens.base import ViewScreen, attempt
from cspsearch.tui.sheets import retyped
from cspsearch.tui.widgets.law_tree import LawTree
from cspsearch.tui.widgets.notice import Notice
from cspsearch.tui.widgets.query_bar import QueryBar
from cspsearch.tui.widgets.screen_bar import ScreenBar

INSTRUMENT_LIMIT = 500
EXPORT_HEADERS = ["instrument", "type", "papers", "mentions", "councils", "provisions", "link"]


class LawScreen(ViewScreen):
    """Expand an Act to see its provisions; Enter on a paper opens the cited page."""

    def __init__(self) -> None:
        super().__init__()
        self.instruments: list[Mapping[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield ScreenBar("law")
        yield QueryBar(placeholder="Filter instruments, e.g. crime and disorder", id="law-filter", compact=True)
        yield Notice("Loading the legislation cited…", id="law-status")
        yield LawTree(id="law-tree")
        yield Static(id="law-detail", classes="detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Law"
        self.query_one(LawTree).loading = True
        self.load_instruments()

    @work(thread=True, group="law")
    def load_instruments(self) -> None:
        result, error = attempt(self.library.law, None, limit=INSTRUMENT_LIMIT)
        self.app.call_from_thread(self._instruments_loaded, result, error)

    def _instruments_loaded(self, result: LawResult | None, error: str | None) -> None:
        tree = self.query_one(LawTree)
        tree.loading = False
        if not self.query_one(QueryBar).value:  # unless the person began typing a filter meanwhile
            tree.focus()
        if error or result is None:
            self.query_one(Notice).say(error or "The legislation could not be listed.", error=True)
            return
        self.instruments = list(result.instruments)
        self._show_instruments(self.query_one(QueryBar).value)

    def _show_instruments(self, text: str) -> None:
        words = text.lower().split()
        shown = [i for i in self.instruments if all(w in i["instrument"].lower() for w in words)]
        self.query_one(LawTree).show_instruments(shown)
        if not self.instruments:
            self.query_one(Notice).say("No paper in the index cites an Act or regulation.")
        else:
            self.query_one(Notice).say(f"{len(shown)} of {len(self.instruments)} instruments, most cited first. "
                                       "Enter expands; Enter on a paper opens it.")

    def on_query_bar_query_changed(self, event: QueryBar.QueryChanged) -> None:
        self._show_instruments(event.query)
        if event.submitted:
            self.query_one(LawTree).focus()

    def on_law_tree_instrument_opened(self, event: LawTree.InstrumentOpened) -> None:
        self.load_papers(event.node)

    @work(thread=True, group="law-papers")
    def load_papers(self, node: TreeNode[dict[str, Any]]) -> None:
        if node.data is None:
            return
        name = node.data["instrument"]["instrument"]
        result, error = attempt(self.library.law, name)
        if error or result is None:
            self.app.call_from_thread(self.query_one(Notice).say, error or "The papers could not be listed.", True)
            return
        lines = [line for group in result.groups for line in group["citations"] if line["instrument"] == name]
        self.app.call_from_thread(self.query_one(LawTree).add_papers, node, lines)

    def on_law_tree_paper_chosen(self, event: LawTree.PaperChosen) -> None:
        line = event.line
        link = f"\n{line['url']}" if line.get("url") else ""
        self.query_one("#law-detail", Static).update(f"“{line.get('context') or ''}”{link}")
        if event.opened:
            self.open_citation(line["citation"])

    def export_view(self) -> View | None:
        if not self.instruments:
            return None
        rows = [[i["instrument"], i.get("instrument_type") or "", str(i["papers"]), str(i["mentions"]),
                 ", ".join(c or "council unknown" for c in i["councils"]), ", ".join(i["provisions"]), i.get("url") or ""] for i in self.instruments]
        typed = retyped(rows, self.instruments, {2: lambda i: i["papers"], 3: lambda i: i["mentions"]})
        return View("law-instruments", EXPORT_HEADERS, rows, typed)
