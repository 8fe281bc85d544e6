"""The Compare screen's Timeline tab, driven with Pilot over the sample-corpus index."""

from __future__ import annotations

import pytest
from pilot_helpers import until
from textual.coordinate import Coordinate
from textual.widgets import TabbedContent

from cspsearch.tui.app import CspSearchApp
from cspsearch.tui.screens.document import DocumentScreen
from cspsearch.tui.widgets.theme_timeline import CURSOR_BLANK, LEAD, ThemeTimeline, TimelineGrid

pytestmark = [pytest.mark.anyio, pytest.mark.slow]


async def timeline_shown(pilot, app) -> ThemeTimeline:
    await pilot.press("f3")
    await until(pilot, lambda: getattr(app.screen, "result", None) is not None, timeout=20)
    app.screen.query_one("#compare-tabs", TabbedContent).active = "timeline-tab"
    timeline = app.screen.query_one(ThemeTimeline)
    await until(pilot, lambda: timeline.grid.row_count > 0 and timeline.grid.has_focus)
    return timeline


def wording(app) -> str:
    return str(app.screen.query_one("#wording").render())


def find(timeline: ThemeTimeline, present: bool | None) -> tuple[int, int, dict]:
    """The grid coordinate of the first cell whose compare() `present` is `present`."""
    assert timeline.evolution is not None
    for row, (_, band) in enumerate(timeline.rows):
        for n, year in enumerate(timeline.evolution.years):
            cell = band.cells.get(year)
            if cell is not None and cell["present"] is present:
                return row, n + LEAD, cell
    raise AssertionError(f"no cell with present={present}")


async def test_moving_over_the_bands_shows_wording_gaps_and_enter_opens_the_page(corpus_index):
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=(100, 32)) as pilot:
        timeline = await timeline_shown(pilot, app)
        result = app.screen.result
        drawn = {c["council_id"] for t in result["themes"] for c in t["cells"] if c["present"] is not None}
        assert timeline.grid.row_count == len(result["themes"]) * len(drawn)
        exported = app.screen.export_view()  # Ctrl+S on this tab writes the bands, not the matrix
        assert exported.name == "compare-timeline" and len(exported.rows) == timeline.grid.row_count
        grid = app.screen.query_one(TimelineGrid)

        row, column, _ = find(timeline, None)
        grid.move_cursor(row=row, column=column)
        await until(pilot, lambda: "no priority list was found" in wording(app))

        row, column, _ = find(timeline, False)
        grid.move_cursor(row=row, column=column)
        await until(pilot, lambda: "not named as a priority" in wording(app))

        row, column, cell = find(timeline, True)
        grid.move_cursor(row=row, column=column)
        await until(pilot, lambda: cell["wording"][0] in wording(app))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DocumentScreen) and app.screen.page is not None)
        assert app.screen.doc_id == cell["citations"][0]["doc_id"]
        assert app.screen.page == cell["citations"][0]["page"]


async def test_the_grid_uses_the_width_and_still_fits_a_small_terminal(corpus_index):
    widths = {}
    for size in ((80, 24), (160, 45)):
        app = CspSearchApp(corpus_index)
        async with app.run_test(size=size) as pilot:
            timeline = await timeline_shown(pilot, app)
            assert timeline.shape is not None
            widths[size[0]] = timeline.shape.cell
            grid = timeline.grid
            # No paper that year: the cursor says so rather than 'not a priority'.
            years = timeline.evolution.years if timeline.evolution else []
            _, band = timeline.rows[0]
            empty = next(n for n, year in enumerate(years) if year not in band.cells)
            grid.move_cursor(row=0, column=empty + LEAD)
            await until(pilot, lambda shown=app: "no papers from this council that year" in wording(shown))
            # The cursor shows a baseline there (a bare cursor would pass for a band without colour) ...
            assert grid.get_cell_at(Coordinate(0, empty + LEAD)).plain == CURSOR_BLANK * timeline.shape.cell
            grid.move_cursor(row=1, column=empty + LEAD)
            await pilot.pause()
            # ... and the year is blank again once the cursor leaves.
            assert grid.get_cell_at(Coordinate(0, empty + LEAD)).plain.strip() == ""
    assert widths[80] < widths[160]
