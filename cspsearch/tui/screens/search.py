"""The search screen: search-as-you-type, facet filters, results grouped per document."""

from __future__ import annotations

import threading
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer
from textual.worker import get_current_worker

from cspsearch.library import SearchResult
from cspsearch.tui.export import View
from cspsearch.tui.screens.base import NO_INDEX, ViewScreen, attempt
from cspsearch.tui.sheets import retyped
from cspsearch.tui.widgets.facet_panel import FACETS, FacetPanel, facet_counts
from cspsearch.tui.widgets.notice import Notice
from cspsearch.tui.widgets.query_bar import QueryBar
from cspsearch.tui.widgets.result_list import ResultList, plain_snippet
from cspsearch.tui.widgets.screen_bar import ScreenBar

RESULT_LIMIT = 15  # about three screens of results; highlighting more costs time on every keystroke
# One search at a time: a superseded thread cannot be stopped, so the next one waits its turn
# instead of sharing the index searcher with it.
SEARCH_LOCK = threading.Lock()
HINT = "Type to search the papers; Enter moves to the results, Enter again opens the page."


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary(result: SearchResult) -> str:
    """The status line over the results: counts, notes, expansions, or what to try instead."""
    # What a filter left out, without the CLI's flag advice: the sidebar is where to widen it.
    left_out = [item.note.split(";")[0].rstrip(".") + "." for item in result.left_out]
    if not result.results:
        hint = f" Did you mean: {result.did_you_mean}?" if result.did_you_mean else ""
        return "\n".join([f"No passages match {result.query!r}.{hint}", *left_out])
    lines = [f"{plural(result.total, 'document')}, {plural(result.passages_total, 'passage')}"]
    if result.note:
        lines.append(result.note)
    if result.expanded:
        lines.append("also searching: " + "; ".join(result.expanded))
    return "\n".join(lines + left_out)


class SearchScreen(ViewScreen):
    """Type a query, narrow it with the filters, open a passage's page with Enter."""

    BINDINGS = [
        Binding("ctrl+l", "focus_query", "Query"),
        Binding("ctrl+b", "toggle_sidebar", "Filters"),
    ]
    SIDEBAR = "#facets"

    class ResultsArrived(Message):
        """A search finished (in its worker thread): its result, or an error sentence."""

        def __init__(self, query: str, result: SearchResult | None, error: str | None,
                     unfiltered: dict[str, dict[Any, int]] | None = None) -> None:
            super().__init__()
            self.query = query
            self.result = result
            self.error = error
            self.unfiltered = unfiltered  # a ticked facet's counts without its own filter

    def __init__(self) -> None:
        super().__init__()
        self.query_text = ""
        self.shown_query: str | None = None
        self.result: SearchResult | None = None
        self._spinner: Timer | None = None

    def compose(self) -> ComposeResult:
        yield ScreenBar("search")
        yield QueryBar(placeholder='Search papers: words, "phrases", AND/OR/NOT', id="query")
        with Horizontal(id="search-body"):
            yield FacetPanel(id="facets")
            with Vertical(id="results-pane"):
                yield Notice(HINT, id="status")
                yield ResultList(id="results")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Search"
        self.query_one(QueryBar).focus()
        # Well after the first paint: reading a big index's document list would only delay it.
        self.set_timer(0.5, self.check_index)

    def check_index(self) -> None:
        """Say early when there is no index, unless a search (which would say it too) has begun."""
        if not self.query_text:
            self.read_index()

    @work(thread=True, group="index-check")
    def read_index(self) -> None:
        status, error = attempt(self.library.status)
        if status and not status["exists"]:
            error = f"{NO_INDEX} (or start the TUI with --index DIR)."
        if error:
            self.app.call_from_thread(self.query_one("#status", Notice).say, error, True)

    def on_query_bar_query_changed(self, event: QueryBar.QueryChanged) -> None:
        self.query_text = event.query
        self.refresh_results()
        if event.submitted and self.query_one(ResultList).option_count:
            self.query_one(ResultList).focus()

    def on_facet_panel_filters_changed(self, event: FacetPanel.FiltersChanged) -> None:
        self.refresh_results()

    def refresh_results(self) -> None:
        """Search again for the current query and filters (nothing to do for an empty query)."""
        if not self.query_text:
            self.result = None
            self.shown_query = ""
            self.query_one(ResultList).show([])
            self.query_one("#status", Notice).say(HINT)
            return
        if self._spinner is None:
            # Only slow searches get a spinner: flashing one per keystroke would be noise.
            self._spinner = self.set_timer(0.3, lambda: self._set_loading(True))
        self.run_search(self.query_text, self.query_one(FacetPanel).filters)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, filters: dict[str, Any]) -> None:
        worker = get_current_worker()
        with SEARCH_LOCK:
            if worker.is_cancelled:
                return
            result, error = attempt(self.library.search, query, limit=RESULT_LIMIT, **filters)
            unfiltered = {}
            # Each facet is a multi-select: its values keep the count they would add, so the unticked
            # stay in view. Committees are counted from the papers found, so that search fetches a page.
            ticked = [name for name, _, _ in FACETS if filters.get(name)] if result is not None else []
            for name in ticked:
                if worker.is_cancelled:
                    return
                every, _ = attempt(self.library.search, query, **{**filters, name: None},
                                   limit=RESULT_LIMIT if name == "committee" else 1)
                if every:
                    unfiltered[name] = facet_counts(name, every.facets, every.results)
        if not worker.is_cancelled:
            self.post_message(self.ResultsArrived(query, result, error, unfiltered))

    def on_search_screen_results_arrived(self, event: ResultsArrived) -> None:
        if event.query != self.query_text:
            return  # a newer query is on its way
        self._set_loading(False)
        status = self.query_one("#status", Notice)
        results = self.query_one(ResultList)
        if event.error or event.result is None:
            self.result = None
            results.show([])
            status.say(event.error or "The search gave no result.", error=True)
        else:
            self.result = found = event.result
            results.show(found.results)
            left_out = self.query_one(FacetPanel).show_counts(found.facets, found.results, event.unfiltered)
            status.say("\n".join([summary(found), *left_out]))
        self.shown_query = event.query

    def _set_loading(self, on: bool) -> None:
        if not on and self._spinner is not None:
            self._spinner.stop()
            self._spinner = None
        self.query_one(ResultList).loading = on

    def on_result_list_passage_chosen(self, event: ResultList.PassageChosen) -> None:
        self.open_citation(event.citation, self.query_text)

    def action_focus_query(self) -> None:
        self.query_one(QueryBar).focus()

    def export_view(self) -> View | None:
        if not self.result or not self.result.results:
            return None
        rows = [[doc.title or "", doc.council_id or "", doc.committee or "", doc.meeting_date or "", str(p.page),
                 p.paragraph or "", plain_snippet(p.snippet), doc.doc_id]
                for doc in self.result.results for p in doc.passages]
        headers = ["title", "council", "committee", "date", "page", "paragraph", "snippet", "doc_id"]
        pages = [p for doc in self.result.results for p in doc.passages]
        return View(f"search-{self.query_text}", headers, rows, retyped(rows, pages, {4: lambda p: p.page}))
