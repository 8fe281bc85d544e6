"""The papers screen (F7): the list of indexed papers, and correcting one with `e`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pilot_helpers import until
from textual.widgets import DataTable, Input

from cspsearch import services
from cspsearch.tui.app import CspSearchApp
from cspsearch.tui.screens.docs import CorrectionForm, DocsScreen
from cspsearch.tui.screens.document import DocumentScreen
from cspsearch.tui.widgets.citation_bar import CitationBar

REAL = Path("/work/shared/corpus-real/kent_county_council")
AMENDMENT = REAL / "full_council_2025-02-13__5_-_Amendment_-_Liberal_Democrats_-_Capital_Support_to_Districts_on_Fly-tipping.pdf"
AGENDA = REAL / "cabinet_2025-03-04__Agenda_frontsheet_04th-Mar-2025_10.00_Cabinet.pdf"
pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(not REAL.is_dir(), reason="the real council papers are not on this machine")]


@pytest.fixture()
def index(tmp_path) -> Path:
    papers = []
    for folder, paper in (("one", AMENDMENT), ("two", AGENDA)):  # apart, so the amendment inherits no meeting
        (tmp_path / folder).mkdir()
        papers.append(tmp_path / folder / paper.name)
        shutil.copyfile(paper, papers[-1])
    services.ingest(papers, tmp_path / "index", jobs=1)
    return tmp_path / "index"


async def test_the_papers_screen_lists_filters_opens_and_corrects(index):
    app = CspSearchApp(index)
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.press("f7")
        await until(pilot, lambda: isinstance(app.screen, DocsScreen) and app.screen.documents)
        screen = app.screen
        table = screen.query_one(DataTable)
        assert table.row_count == 2
        screen.query_one("#docs-missing").value = True
        await until(pilot, lambda: table.row_count == 1)
        assert screen.shown[0]["path"].endswith(AMENDMENT.name)
        table.focus()
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, CorrectionForm))
        app.screen.query_one("#field-meeting_date", Input).value = "2025-02-13"
        app.screen.query_one("#field-committee", Input).value = "County Council"
        app.screen.query_one("#field-council", Input).value = "Kent County Council"
        app.screen.query_one("#field-meeting_date", Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: screen.documents and any(d.get("meeting_date") == "2025-02-13"
                                                            for d in screen.documents))
        row = next(d for d in services.list_documents(index)["documents"] if d["path"].endswith(AMENDMENT.name))
        assert (row["committee"], row["meeting_date"]) == ("County Council", "2025-02-13")
        assert row["meta_sources"]["committee"] == "sidecar"
        assert table.row_count == 0  # it no longer lacks anything
        screen.query_one("#docs-missing").value = False
        await until(pilot, lambda: table.row_count == 2)
        table.focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DocumentScreen) and app.screen.data is not None)
        bar = str(app.screen.query_one(CitationBar).render())
        assert str(index.parent / "one") in bar or str(index.parent / "two") in bar  # the file it cites
