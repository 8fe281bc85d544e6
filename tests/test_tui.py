"""The TUI's main flows, driven with Textual's Pilot over the sample-corpus index."""

from __future__ import annotations

import pytest
from pilot_helpers import until
from textual.widgets import DataTable, Input, SelectionList

from cspsearch import services
from cspsearch.analysis.grants import grants
from cspsearch.tui.app import CspSearchApp
from cspsearch.tui.screens.document import DocumentScreen
from cspsearch.tui.screens.help import HelpScreen
from cspsearch.tui.screens.search import RESULT_LIMIT
from cspsearch.tui.widgets.citation_list import CitationList
from cspsearch.tui.widgets.ledger_table import LedgerTable
from cspsearch.tui.widgets.notice import Notice
from cspsearch.tui.widgets.result_list import ResultList
from cspsearch.tui.widgets.theme_matrix import ThemeMatrix

SIZE = (100, 32)
pytestmark = pytest.mark.anyio  # anyio's pytest plugin runs the async tests on asyncio


def status(screen, selector: str) -> str:
    return str(screen.query_one(selector, Notice).render())


async def search(pilot, text: str, typed: bool = False) -> None:
    """Enter a query: key by key when `typed`, else set at once (the same Input.Changed path, faster)."""
    app = pilot.app
    await until(pilot, lambda: app.screen.query("#query"))
    if typed:
        await pilot.press(*text)
    else:
        app.screen.query_one("#query", Input).value = text
    await until(pilot, lambda: app.screen.shown_query == text)


async def opened_document(pilot) -> DocumentScreen:
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, DocumentScreen) and app.screen.data is not None)
    return app.screen


async def test_search_as_you_type_then_open_the_page(corpus_index):
    expected = services.search("CCTV", corpus_index, limit=RESULT_LIMIT)
    first_doc, first_passage = expected["results"][0], expected["results"][0]["passages"][0]
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "CCTV", typed=True)
        screen = app.screen
        assert screen.result["total"] == expected["total"] > 0
        assert f"{expected['total']} document" in status(screen, "#status")
        results = screen.query_one(ResultList)
        assert results.option_count >= 1 + len(first_doc["passages"])
        await pilot.press("enter")  # from the query box to the results
        assert app.focused is results
        await pilot.press("down", "enter")  # the first passage of the first document
        doc = await opened_document(pilot)
        assert doc.doc_id == first_doc["doc_id"]
        assert doc.page == first_passage["page"]
        assert doc.data["highlights"], "the query's terms are marked on the page"
        assert doc.hit is not None
        start = doc.data["highlights"][doc.hit][0] + doc.data["page_start"]
        assert start >= first_passage["start"], "the view starts at the chosen passage's first hit"
        assert first_doc["council_id"] in str(doc.query_one("#citation").render()).lower()


async def test_document_keys_step_hits_pages_and_copy_the_citation(corpus_index):
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "CCTV")
        await pilot.press("enter", "down", "enter")
        doc = await opened_document(pilot)
        hits, first = len(doc.data["highlights"]), doc.hit
        if hits > 1:
            await pilot.press("n")
            assert doc.hit == (first + 1) % hits
            await pilot.press("N")
            assert doc.hit == first
        await pilot.press("c")
        assert f"p. {doc.page}" in app.clipboard
        assert (doc.data["doc"]["title"] or "") in app.clipboard
        await pilot.press("escape")
        assert app.screen.__class__.__name__ == "SearchScreen"


async def test_page_keys_turn_pages_and_the_citation_follows(corpus_index):
    doc_row = max(services.documents(corpus_index), key=lambda d: d["pages"])
    assert doc_row["pages"] > 1, "the corpus holds a paper of several pages"
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.query("#query"))
        app.open_document({"doc_id": doc_row["doc_id"], "page": 1})
        doc = await opened_document(pilot)
        await pilot.press("right_square_bracket")
        await until(pilot, lambda: doc.data["page"] == 2)
        assert f"page 2 of {doc_row['pages']}" in str(doc.query_one("#citation").render())
        await pilot.press("left_square_bracket")
        await until(pilot, lambda: doc.data["page"] == 1)


async def test_entity_panel_lists_the_document_entities_and_goes_to_one(corpus_index):
    docs = services.documents(corpus_index)
    rows = [r for r in services.entity_rows(corpus_index, type="money") if r["page"] > 1]
    assert rows, "some paper has money on a later page"
    target = rows[0]
    doc = next(d for d in docs if d["doc_id"] == target["doc_id"])
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.query("#query"))
        app.open_document({"doc_id": target["doc_id"], "page": 1})
        screen = await opened_document(pilot)
        panel = screen.query_one("#entities")
        await until(pilot, lambda: panel.option_count > 1)
        labels = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert any(label.startswith("Money") for label in labels)
        assert doc["title"] in str(screen.query_one("#citation").render())
        key = next(k for k, row in panel.entries.items() if row["start"] == target["start"])
        panel.focus()
        panel.highlighted = panel.get_option_index(key)
        await pilot.press("enter")
        await until(pilot, lambda: screen.data["page"] == target["page"])


async def test_year_filter_narrows_results_and_recounts(corpus_index):
    everything = services.search("community safety", corpus_index, limit=RESULT_LIMIT)
    years = sorted(int(y) for y in everything["facets"]["year"] if y.isdigit())
    assert len(years) > 1, "the corpus spans several years"
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "community safety")
        screen = app.screen
        assert screen.result["total"] == everything["total"]
        screen.query_one("#years", SelectionList).select(years[-1])
        await until(pilot, lambda: screen.result["total"] < everything["total"])
        assert {d["year"] for d in screen.result["results"]} == {years[-1]}


async def test_council_filter_keeps_one_council(corpus_index):
    everything = services.search("community safety", corpus_index, limit=RESULT_LIMIT)
    councils = list(everything["facets"]["council_id"])
    assert len(councils) > 1
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "community safety")
        screen = app.screen
        screen.query_one("#councils", SelectionList).select(councils[-1])
        await until(pilot, lambda: screen.result and {d["council_id"] for d in screen.result["results"]}
                    == {councils[-1]})
        assert "error" not in screen.query_one("#status", Notice).classes


async def test_missing_index_is_an_empty_state_not_a_crash(tmp_path):
    app = CspSearchApp(tmp_path / "nothing-here")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "No index yet" in status(app.screen, "#status"))
        assert "cspsearch ingest corpus" in status(app.screen, "#status")
        await pilot.press("f3")
        await until(pilot, lambda: "No index yet" in status(app.screen, "#compare-status"))


async def test_compare_cell_leads_to_its_source_and_changes_are_listed(corpus_index):
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await until(pilot, lambda: getattr(app.screen, "result", None) is not None, timeout=15)
        matrix = app.screen.query_one(ThemeMatrix)
        target = next((row, col + 1) for row, theme in enumerate(matrix.themes)
                      for col, cell in enumerate(theme["cells"]) if cell["present"])
        cell = matrix.themes[target[0]]["cells"][target[1] - 1]
        matrix.focus()
        matrix.move_cursor(row=target[0], column=target[1])
        await pilot.pause()
        wording = str(app.screen.query_one("#wording").render())
        assert cell["wording"][0] in wording
        changes = app.screen.query_one("#changes", DataTable)
        assert changes.row_count == len(app.screen.result["changes"])
        await pilot.press("enter")
        doc = await opened_document(pilot)
        assert doc.doc_id == cell["citations"][0]["doc_id"]
        assert doc.page == cell["citations"][0]["page"]


async def test_grants_funder_filter_matches_the_ledger(corpus_index):
    expected = grants(corpus_index, funder="PCC")
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await until(pilot, lambda: getattr(app.screen, "result", None) is not None, timeout=15)
        everything = app.screen.query_one(LedgerTable).row_count
        app.screen.query_one("#funder", Input).focus()
        await pilot.press(*"PCC")
        ledger = app.screen.query_one(LedgerTable)
        wanted = len(expected["entries"]) + len(expected["undated"]) + len(expected["no_amount"])
        await until(pilot, lambda: app.screen.result and app.screen.result["total"] == expected["total"]
                    and ledger.row_count == wanted)
        assert ledger.row_count <= everything
        if wanted:
            ledger.focus()
            await pilot.press("enter")
            doc = await opened_document(pilot)
            assert doc.doc_id == ledger.citations[0]["doc_id"]


async def test_law_tree_opens_a_citing_paper(corpus_index):
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        tree = app.screen.query_one("#law-tree")
        await until(pilot, lambda: app.screen.instruments and tree.root.children)
        top = tree.root.children[0]
        tree.focus()
        tree.move_cursor(top)
        await pilot.press("enter")  # expand: provisions, then papers, load
        await until(pilot, lambda: top.children and top.children[0].children)
        paper = top.children[0].children[0]
        tree.move_cursor(paper)
        await pilot.press("enter")
        doc = await opened_document(pilot)
        assert doc.doc_id == paper.data["line"]["citation"]["doc_id"]


async def test_ask_gives_a_cited_answer_that_opens(corpus_index):
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await until(pilot, lambda: app.screen.query("#question"))
        app.screen.query_one("#question", Input).value = "What were Medway's priorities in 2020?"
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.answer is not None, timeout=15)
        assert "Medway" in str(app.screen.query_one("#answer").render())
        citations = app.screen.query_one(CitationList)
        assert citations.citations
        citations.focus()
        await pilot.press("enter")
        doc = await opened_document(pilot)
        assert doc.doc_id == citations.citations[0]["doc_id"]


async def test_export_writes_csv_and_markdown(corpus_index, tmp_path):
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "CCTV")
        for name in ("hits.csv", "hits.md"):
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen.query("#path"))
            app.screen.query_one("#path", Input).value = str(tmp_path / name)
            await pilot.press("enter")
            await until(pilot, lambda n=name: (tmp_path / n).exists())
    csv_text = (tmp_path / "hits.csv").read_text(encoding="utf-8-sig")  # with the mark Excel needs
    assert csv_text.startswith("title,council,committee,date,page")
    assert "CCTV" in csv_text
    assert "| title | council |" in (tmp_path / "hits.md").read_text()


async def test_help_and_palette_commands(corpus_index):
    from cspsearch.tui.commands import ScreenCommands

    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.query("#query"))
        app.screen.query_one("#results").focus()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        titles = [title for title, _, _ in ScreenCommands(app.screen).commands()]
        assert {"Go to Search", "Go to Compare", "Go to Grants", "Go to Law", "Go to Ask"} <= set(titles)
        assert any("Export" in t for t in titles)


def test_tui_command_is_registered_without_loading_textual():
    from typer.testing import CliRunner

    from cspsearch.cli import app

    result = CliRunner().invoke(app, ["tui", "--help"])
    assert result.exit_code == 0
    assert "--index" in result.output


def test_export_file_names_are_safe(tmp_path):
    from cspsearch.tui.export import View, default_file_name, write_view

    assert default_file_name("search-CCTV / Medway?") == "search-cctv-medway.csv"
    path = write_view(View("v", ["a"], [["1"]]), tmp_path / "no-suffix")
    assert path.name == "no-suffix.csv" and path.read_text(encoding="utf-8-sig") == "a\n1\n"
