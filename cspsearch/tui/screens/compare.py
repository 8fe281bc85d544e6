"""The compare screen: councils and years against themes, the wording behind each cell, the changes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Label, Select, Static, TabbedContent, TabPane

from cspsearch.library import Comparison, bands, theme_label
from cspsearch.tui.export import View
from cspsearch.tui.screens.base import CouncilScreen, attempt
from cspsearch.tui.widgets.citation_list import CitationList
from cspsearch.tui.widgets.council_picker import CouncilPicker
from cspsearch.tui.widgets.notice import Notice
from cspsearch.tui.widgets.screen_bar import ScreenBar
from cspsearch.tui.widgets.theme_matrix import ThemeMatrix
from cspsearch.tui.widgets.theme_timeline import ThemeTimeline

SCHEMES = [("community safety", "csp"), ("corporate", "corporate"), ("cross-cutting", "cross_cutting"),
           ("objectives", "objective"), ("all lists", "all")]
CHANGE_HEADERS = ["council", "from", "to", "added", "dropped", "renamed"]


def specs_of(councils: list[str], year_from: int | None, year_to: int | None) -> list[str]:
    """compare() specs ('maidstone:2011-2023') for the chosen councils and years (open ends kept open)."""
    if year_from is None and year_to is None:
        return list(councils)
    return [f"{c}:{year_from or 1900}-{year_to or 2100}" for c in councils]


def listless_councils(result: Comparison | Mapping[str, Any]) -> list[str]:
    """Councils with no priority list in any of their years: columns that would read "no list" only."""
    gaps = {(g["council_id"], g["year"]) for g in result["gaps"]}
    return [c["council_id"] for c in result["councils"] if all((c["council_id"], y) in gaps for y in c["years"])]


def change_rows(result: Comparison) -> list[list[str]]:
    """One row per council and pair of years: themes added, dropped and renamed."""

    def names(ids: list[str]) -> str:
        return ", ".join(theme_label(t) for t in ids)

    return [[c["council_id"], str(c["from"]), str(c["to"]), names(c["added"]), names(c["dropped"]),
             "; ".join(f"{r['from']} → {r['to']}" for r in c["renamed"])] for c in result.changes]


class CompareScreen(CouncilScreen):
    """Pick councils and years; move over the matrix to read a cell's wording, Enter opens its source."""

    # The matrix is what the screen is for: one key back to it from the sidebar or another tab.
    BINDINGS = [Binding("m", "focus_matrix", "Matrix")]

    def __init__(self) -> None:
        super().__init__()
        self.result: Comparison | None = None
        self.councils_loaded = False
        self.listless: list[str] = []  # unticked at first because they have no list; still offered

    def compose(self) -> ComposeResult:
        yield ScreenBar("compare")
        with Horizontal(classes="body"):
            with Vertical(classes="sidebar"):
                yield CouncilPicker(id="picker")
                yield Label("Priority lists")
                yield Select(SCHEMES, value="csp", allow_blank=False, id="scheme", compact=True)
            with Vertical():
                yield Notice("Loading the councils…", id="compare-status")
                with TabbedContent(id="compare-tabs"):
                    with TabPane("Matrix", id="matrix-tab"):
                        yield ThemeMatrix(id="matrix")
                    with TabPane("Timeline", id="timeline-tab"):
                        yield ThemeTimeline(id="timeline")
                    with TabPane("Changes", id="changes-tab"):
                        yield DataTable(id="changes", zebra_stripes=True)
                        yield Static(id="change-notes", markup=False)
                with Vertical(classes="detail", id="cell-detail"):
                    yield Static(id="wording", markup=False)
                    yield CitationList(id="cell-citations")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Compare"
        self.load_councils()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refresh_view()

    def action_focus_matrix(self) -> None:
        self.query_one(TabbedContent).active = "matrix-tab"
        self.query_one(ThemeMatrix).focus()

    def refresh_view(self) -> None:
        picker = self.query_one(CouncilPicker)
        if not self.councils_loaded:
            return
        if not picker.councils:
            self.query_one(Notice).say("Tick at least one council to compare.")
            return
        scheme = self.query_one("#scheme", Select).selection or "csp"
        self.query_one("#compare-tabs").loading = True
        self.run_comparison(specs_of(picker.councils, *picker.years), scheme)

    @work(thread=True, exclusive=True, group="compare")
    def run_comparison(self, specs: list[str], scheme: str) -> None:
        result, error = attempt(self.library.compare, specs, scheme)
        self.app.call_from_thread(self._show, result, error)

    def _show(self, result: Comparison | None, error: str | None) -> None:
        self.query_one("#compare-tabs").loading = False
        notice = self.query_one(Notice)
        if error or result is None:
            notice.say(error or "No comparison came back.", error=True)
            return
        first = self.result is None
        self.result = result
        listless = listless_councils(result)
        if first and listless and len(listless) < len(result.councils):
            # Open on what can be compared; the next comparison (without them) follows at once.
            self.listless = listless
            self.query_one(CouncilPicker).untick(listless)
        shown = result.to_json()  # the matrix and the bands walk its themes' cells
        self.query_one(ThemeMatrix).show(shown)
        self.query_one(ThemeTimeline).show(shown)
        # The loading overlay of a later comparison takes focus from the matrix: give it back.
        if first or self.app.focused is None:
            self.query_one(ThemeMatrix).focus()
        gaps = len(result.gaps)
        notice.say(f"{len(result.themes)} themes × {sum(len(c['years']) for c in result.councils)} "
                   "council-years" + (f" ({gaps} without a list)" if gaps else "") + ". Enter opens the source."
                   + self._listless_note())
        changes = self.query_one("#changes", DataTable)
        changes.clear(columns=True)
        changes.add_columns(*CHANGE_HEADERS)
        changes.add_rows(change_rows(result))
        self.query_one("#change-notes", Static).update("\n".join(result.change_lines()[len(result.changes):]))
        if not result.themes:
            self._show_cell(None, None)

    def _listless_note(self) -> str:
        unticked = [c for c in self.listless if c not in self.query_one(CouncilPicker).councils]
        if not unticked:
            return ""
        return f" Not shown, having no priority list: {', '.join(unticked)} (tick to add)."

    def on_theme_matrix_cell_chosen(self, event: ThemeMatrix.CellChosen) -> None:
        self._show_cell(event.theme, event.cell)
        if event.opened and event.cell["citations"]:
            self.open_citation(event.cell["citations"][0])

    def on_theme_timeline_cell_chosen(self, event: ThemeTimeline.CellChosen) -> None:
        if self.query_one(TabbedContent).active != "timeline-tab":
            return  # drawn while hidden: the detail pane belongs to the tab on show
        if event.cell is None:
            self.query_one("#wording", Static).update(
                f"{event.theme['label']} · {event.council_id} {event.year}: "
                "no papers from this council that year (the band is blank here).")
            self.query_one(CitationList).show([])
            return
        self._show_cell(event.theme, event.cell)
        if event.opened and event.cell["citations"]:
            self.open_citation(event.cell["citations"][0])

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # The detail pane follows the tab: the timeline's cursor, not the matrix's, once it is shown.
        if self.result is None:
            return
        if event.pane.id == "timeline-tab":
            self.query_one(ThemeTimeline).focus_grid()
        elif event.pane.id == "matrix-tab":
            matrix = self.query_one(ThemeMatrix)
            row, column = matrix.cursor_coordinate
            if row < len(matrix.themes) and column >= 1:
                self._show_cell(matrix.themes[row], matrix.themes[row]["cells"][column - 1])

    def _show_cell(self, theme: dict[str, Any] | None, cell: dict[str, Any] | None) -> None:
        wording = self.query_one("#wording", Static)
        citations = self.query_one(CitationList)
        if theme is None or cell is None:
            wording.update("No priority list was found for these councils and years.")
            citations.show([])
            return
        where = f"{theme['label']} · {cell['council_id']} {cell['year']}: "
        if cell["present"] is None:
            wording.update(where + "no priority list was found in this year's papers.")
        elif not cell["present"]:
            wording.update(where + "not named as a priority.")
        else:
            wording.update(where + "; ".join(f"“{w}”" for w in cell["wording"]))
        citations.show(cell["citations"])

    def on_citation_list_citation_chosen(self, event: CitationList.CitationChosen) -> None:
        self.open_citation(event.citation)

    def export_view(self) -> View | None:
        if not self.result:
            return None
        if self.query_one(TabbedContent).active == "changes-tab":
            return View("compare-changes", CHANGE_HEADERS, change_rows(self.result))
        if self.query_one(TabbedContent).active == "timeline-tab":
            return View("compare-timeline", *bands.timeline_table(bands.evolution(self.result.to_json())))
        headers, rows = self.result.table()
        return View("compare-matrix", headers, rows)
