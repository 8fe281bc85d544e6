"""SVG snapshots of the main TUI screens at 80x24 (update with `pytest --snapshot-update`).

Deterministic by construction: fixed terminal size, no clock in the UI, the cursor blink
switched off, and every wait is for a state (results shown, page loaded), not for time.
Doc ids are content hashes, so the same corpus draws the same screens.
"""

from __future__ import annotations

from pilot_helpers import until
from textual.widgets import Input

from cspsearch.tui.app import CspSearchApp
from cspsearch.tui.screens.document import DocumentScreen

SIZE = (80, 24)


async def settle(pilot) -> None:
    """Stop cursor blinking (a blink mid-screenshot would change the SVG) and let layout finish."""
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause(0.2)


async def searched(pilot, text: str = "CCTV") -> None:
    app = pilot.app
    await until(pilot, lambda: app.screen.query("#query"))
    app.screen.query_one("#query", Input).value = text
    await until(pilot, lambda: app.screen.shown_query == text)


def test_search_results(snap_compare, corpus_index):
    async def run_before(pilot):
        await searched(pilot)
        await settle(pilot)

    assert snap_compare(CspSearchApp(corpus_index), terminal_size=SIZE, run_before=run_before)


def test_document_page(snap_compare, corpus_index):
    async def run_before(pilot):
        app = pilot.app
        await searched(pilot)
        await pilot.press("enter", "down", "enter")
        await until(pilot, lambda: isinstance(app.screen, DocumentScreen) and app.screen.data is not None)
        await until(pilot, lambda: app.screen.query_one("#entities").option_count > 1)
        await until(pilot, lambda: app.screen.query_one("#page").pending_offset is None)
        # The entity list has Pilot tests of its own; its rows arrive from a second worker,
        # so the picture holds the page and its citation only.
        app.screen.query_one("#entities").display = False
        await settle(pilot)

    assert snap_compare(CspSearchApp(corpus_index), terminal_size=SIZE, run_before=run_before)


def test_compare_matrix(snap_compare, corpus_index):
    async def run_before(pilot):
        from cspsearch.tui.widgets.theme_matrix import ThemeMatrix

        app = pilot.app
        await pilot.press("f3")
        await until(pilot, lambda: getattr(app.screen, "result", None) is not None)
        # The matrix takes focus and its cursor once the comparison is drawn: wait for both.
        await until(pilot, lambda: app.screen.query_one(ThemeMatrix).has_focus
                    and app.screen.query_one(ThemeMatrix).cursor_coordinate.column == 1)
        await settle(pilot)

    assert snap_compare(CspSearchApp(corpus_index), terminal_size=(120, 30), run_before=run_before)


def test_compare_timeline(snap_compare, corpus_index):
    async def run_before(pilot):
        app = pilot.app
        await pilot.press("f3")
        await until(pilot, lambda: getattr(app.screen, "result", None) is not None)
        app.screen.query_one("#compare-tabs").active = "timeline-tab"
        await until(pilot, lambda: app.screen.query_one("#timeline-grid").has_focus)
        await settle(pilot)

    assert snap_compare(CspSearchApp(corpus_index), terminal_size=(120, 30), run_before=run_before)


def test_grants_ledger(snap_compare, corpus_index):
    async def run_before(pilot):
        app = pilot.app
        await pilot.press("f4")
        await until(pilot, lambda: getattr(app.screen, "result", None) is not None)
        await settle(pilot)

    assert snap_compare(CspSearchApp(corpus_index), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare, corpus_index):
    async def run_before(pilot):
        await until(pilot, lambda: pilot.app.screen.query("#query"))
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(CspSearchApp(corpus_index), terminal_size=SIZE, run_before=run_before)


def test_no_index_empty_state(snap_compare, tmp_path):
    async def run_before(pilot):
        await until(pilot, lambda: "No index yet" in str(pilot.app.screen.query_one("#status").render()))
        await settle(pilot)

    assert snap_compare(CspSearchApp(tmp_path / "missing"), terminal_size=SIZE, run_before=run_before)
