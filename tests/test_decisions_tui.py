"""The Decisions screen lists what the index's papers decided and opens a decision's page."""

from __future__ import annotations

import pytest
from pilot_helpers import until
from textual.widgets import DataTable, Static

from cspsearch import services
from cspsearch.analysis.decisions import decisions
from cspsearch.tui.app import CspSearchApp
from cspsearch.tui.screens.decisions import DecisionsScreen
from cspsearch.tui.screens.document import DocumentScreen

MINUTES = """Medway Council
Cabinet
Minutes of the meeting held on 14 January 2025

12 Community wardens [budget]

RESOLVED that the Cabinet agrees to fund six community wardens from reserves.

13 Fly-tipping cameras

RESOLVED that the Cabinet defers the purchase of fly-tipping cameras to March.
"""


@pytest.fixture(scope="module")
def minutes_index(tmp_path_factory):
    papers = tmp_path_factory.mktemp("minutes")
    (papers / "minutes.txt").write_text(MINUTES, encoding="utf-8")
    folder = tmp_path_factory.mktemp("minutes-index")
    assert not services.ingest([papers], folder).failed
    return folder


@pytest.mark.anyio
async def test_decisions_screen_filters_and_opens_the_page(minutes_index):
    expected = decisions(services, minutes_index)["decisions"]
    assert len(expected) >= 2, "both resolutions are extracted"
    app = CspSearchApp(minutes_index)
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, DecisionsScreen) and app.screen.records)
        screen = app.screen
        assert screen.query_one(DataTable).row_count == len(expected)
        screen.query_one("#decisions-filter").value = "fly-tipping"
        await until(pilot, lambda: len(screen.shown) == 1)
        assert "fly-tipping cameras" in screen.shown[0]["text"]
        table = screen.query_one(DataTable)
        table.focus()
        await pilot.pause(0.2)
        await until(pilot, lambda: "defers the purchase of fly-tipping cameras"
                    in str(screen.query_one("#decision-detail", Static).render()))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DocumentScreen) and app.screen.data is not None)
        assert app.screen.page == screen.shown[0]["citation"]["page"]
