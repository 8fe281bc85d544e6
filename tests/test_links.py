"""Opening a cited page: the link to the paper at that page, and the Document screen's `o` key."""

from __future__ import annotations

import webbrowser

import pytest
from pilot_helpers import until
from textual.widgets import Input

from cspsearch.links import page_link
from cspsearch.tui.app import CspSearchApp
from cspsearch.tui.screens.document import DocumentScreen


def test_the_source_address_wins_then_the_file_then_nothing(tmp_path):
    paper = tmp_path / "paper one.pdf"
    paper.write_bytes(b"%PDF-1.4")
    url = "https://democracy.example.gov.uk/documents/s1/Report.pdf"
    assert page_link({"source_url": url + "#page=2", "path": str(paper)}, 7) == url + "#page=7"
    assert page_link({"path": str(paper)}, 3) == paper.resolve().as_uri() + "#page=3"
    assert "%20" in page_link({"path": str(paper)}, 3)
    assert page_link({"path": str(tmp_path / "gone.pdf")}, 1) is None
    assert page_link({}, 1) is None


async def _open_first_result(pilot) -> DocumentScreen:
    app = pilot.app
    await until(pilot, lambda: app.screen.query("#query"))
    app.screen.query_one("#query", Input).value = "CCTV"
    await until(pilot, lambda: app.screen.shown_query == "CCTV")
    await pilot.press("enter", "down", "enter")
    await until(pilot, lambda: isinstance(app.screen, DocumentScreen) and app.screen.data is not None)
    return app.screen


@pytest.mark.anyio
@pytest.mark.parametrize("browser", [True, False])
async def test_o_opens_the_page_or_shows_its_link(corpus_index, monkeypatch, browser):
    def no_browser():
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", (lambda: object()) if browser else no_browser)
    opened: list[str] = []
    app = CspSearchApp(corpus_index)
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    async with app.run_test(size=(100, 32)) as pilot:
        doc = await _open_first_result(pilot)
        await pilot.press("o")
        await pilot.pause(0.2)
        link = page_link(doc.data["doc"], doc.page)
        assert link and link.endswith(f"#page={doc.page}")
        messages = [n.message for n in app._notifications]
        if browser:
            assert opened == [link]
        else:
            assert opened == [] and any(link in m for m in messages)
