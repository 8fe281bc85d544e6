"""The TUI's rough edges a new user hit: where focus goes, what an error replaces, what the defaults show."""

from __future__ import annotations

import re

import pytest
from pilot_helpers import until
from textual.widgets import Input, SelectionList

from cspsearch import services
from cspsearch.analysis.compare import compare
from cspsearch.tui.app import CspSearchApp
from cspsearch.tui.screens.compare import listless_councils
from cspsearch.tui.screens.document import DocumentScreen
from cspsearch.tui.screens.help import HelpScreen
from cspsearch.tui.widgets.citation_list import CitationList
from cspsearch.tui.widgets.notice import Notice
from cspsearch.tui.widgets.theme_matrix import CELL_WIDTH, ThemeMatrix

SIZE = (100, 32)
pytestmark = pytest.mark.anyio


async def ask_on_screen(pilot, question: str) -> None:
    app = pilot.app
    await until(pilot, lambda: app.screen.query("#question"))
    app.screen.query_one("#question", Input).value = question
    app.screen.answer = None
    await pilot.press("enter")
    await until(pilot, lambda: app.screen.answer is not None, timeout=20)


async def test_after_an_answer_the_next_question_can_be_typed(corpus_index):
    # Before: the answer took focus, so typing "?" in the next question opened Help.
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await ask_on_screen(pilot, "What were Medway's priorities in 2020?")
        question = app.screen.query_one("#question", Input)
        assert app.focused is question
        question.value = ""
        await pilot.press(*"Who?")
        assert not isinstance(app.screen, HelpScreen)
        assert question.value == "Who?"


async def test_ctrl_l_returns_to_the_input_on_screens_with_one(corpus_index):
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        for key, input_id in (("f6", "question"), ("f4", "funder"), ("f5", "law-filter")):
            await pilot.press(key)
            await until(pilot, lambda box=f"#{input_id}": app.screen.query(box))
            app.screen.focus_next()  # anywhere else
            app.set_focus(None)
            await pilot.press("ctrl+l")
            assert app.focused is app.screen.query_one(f"#{input_id}", Input)


async def test_an_ask_error_replaces_the_previous_answer(corpus_index, tmp_path):
    # Before: the error sentence sat above the old answer and its citations, as if they answered it.
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await ask_on_screen(pilot, "What were Medway's priorities in 2020?")
        assert app.screen.query_one(CitationList).citations
        app.index = tmp_path / "no-index-here"
        app.screen.query_one("#question", Input).value = "What were Kent's priorities in 2020?"
        await pilot.press("enter")
        notice = app.screen.query_one("#ask-status", Notice)
        await until(pilot, lambda: "No index" in str(notice.render()), timeout=20)
        assert str(app.screen.query_one("#answer").render()).strip() == ""
        assert not app.screen.query_one(CitationList).citations
        assert app.screen.answer is None


SIDEBARS = (("f2", "#facets"), ("f3", ".sidebar"), ("f4", ".sidebar"))


@pytest.mark.parametrize("size, shown", [((80, 24), False), ((160, 45), True)])
async def test_sidebars_start_hidden_on_a_small_terminal_and_ctrl_b_toggles_them(corpus_index, size, shown):
    # Before: at 80x24 the filters took 30 of the 80 columns; only the search screen had Ctrl+B.
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=size) as pilot:
        for key, selector in SIDEBARS:
            await pilot.press(key)
            await until(pilot, lambda sel=selector: app.screen.query(sel))
            await pilot.pause(0.1)
            bar = app.screen.query_one(selector)
            assert bar.display is shown, (key, size)
            await pilot.press("ctrl+b")
            assert bar.display is not shown
            await pilot.press("ctrl+b")
            assert bar.display is shown


async def test_document_hit_count_counts_phrase_matches(corpus_index):
    # Before: a page with the phrase twice said "6 hits" for "community safety plan" (each word counted).
    phrase = '"community safety plan"'
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.query("#query"))
        app.screen.query_one("#query", Input).value = phrase
        await until(pilot, lambda: app.screen.shown_query == phrase)
        await pilot.press("enter", "down", "enter")
        await until(pilot, lambda: isinstance(app.screen, DocumentScreen) and app.screen.data is not None)
        doc = app.screen
        text = doc.data["text"]
        expected = len(re.findall(r"community\s+safety\s+plans?\b", text, re.IGNORECASE))
        assert expected >= 1
        assert len(doc.data["highlights"]) == expected
        for a, b in doc.data["highlights"]:
            assert re.fullmatch(r"community\s+safety\s+plans?", text[a:b], re.IGNORECASE)
        assert f"of {expected}" in str(doc.query_one(Notice).render()) or f"{expected} hit" in \
            str(doc.query_one(Notice).render())


async def test_compare_opens_on_councils_that_have_priority_lists(corpus_index):
    # Before: Compare ticked every council, so the first columns read "? no list" for councils without one.
    everyone = sorted({d["council_id"] for d in services.documents(corpus_index) if d.get("council_id")})
    without = listless_councils(compare(everyone, corpus_index, "csp"))
    assert without and len(without) < len(everyone)  # the corpus has both kinds
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("f3")
        await until(pilot, lambda: getattr(app.screen, "result", None) is not None
                    and {c["council_id"] for c in app.screen.result["councils"]} == set(everyone) - set(without))
        assert not listless_councils(app.screen.result)
        assert app.screen.query_one("#picker-councils", SelectionList).option_count == len(everyone)
        notice = str(app.screen.query_one("#compare-status", Notice).render())
        assert all(council in notice for council in without) and "no priority list" in notice


async def test_compare_cells_are_wider_on_a_wide_terminal(corpus_index):
    # Before: every cell was 14 characters ("✓ Domestic Ab…") however wide the terminal.
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=(200, 45)) as pilot:
        await pilot.press("f3")
        matrix = app.screen.query_one(ThemeMatrix)
        await until(pilot, lambda: app.screen.result is not None and matrix.row_count
                    and not listless_councils(app.screen.result))
        await pilot.pause(0.2)
        widths = [column.width for column in list(matrix.columns.values())[1:]]
        assert widths and min(widths) > CELL_WIDTH
        longest = max(len(str(matrix.get_cell_at((r, c)))) for r in range(matrix.row_count)
                      for c in range(1, len(matrix.columns)))
        assert longest > CELL_WIDTH


async def test_council_facet_is_a_multi_select_that_keeps_the_others_in_view(corpus_index):
    # Before: Space on a council showed only that council; the others vanished from the list.
    everything = services.search("community safety", corpus_index, limit=50)["facets"]["council_id"]
    councils = list(everything)
    assert len(councils) > 1
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: app.screen.query("#query"))
        app.screen.query_one("#query", Input).value = "community safety"
        await until(pilot, lambda: app.screen.shown_query == "community safety")
        picker = app.screen.query_one("#councils", SelectionList)
        picker.select(councils[0])
        await until(pilot, lambda: app.screen.result and {d["council_id"] for d in app.screen.result["results"]}
                    == {councils[0]} and picker.option_count == len(councils))
        labels = {str(picker.get_option_at_index(n).prompt) for n in range(picker.option_count)}
        assert labels == {f"{c} ({n})" for c, n in everything.items()}
        status = str(app.screen.query_one("#status", Notice).render())
        assert "Left out by the council filter" in status and councils[1] in status
        picker.select(councils[1])
        await until(pilot, lambda: {d["council_id"] for d in app.screen.result["results"]}
                    == {councils[0], councils[1]})
        assert picker.option_count == len(councils)


async def test_grants_screen_opens_on_the_same_ledger_as_the_cli(corpus_index):
    # The issue saw the TUI tick "all amounts" while the CLI did not; both now default to grants received.
    import json

    from typer.testing import CliRunner

    from cspsearch.cli import app as cli
    from cspsearch.tui.widgets.ledger_table import LedgerTable

    printed = CliRunner().invoke(cli, ["grants", "--index", str(corpus_index), "--format", "json"])
    ledger = json.loads(printed.stdout)
    lines = len(ledger["entries"]) + len(ledger["undated"]) + len(ledger["no_amount"])
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await until(pilot, lambda: getattr(app.screen, "result", None) is not None)
        assert app.screen.query_one("#include-all").value is False
        assert app.screen.result["total"] == ledger["total"]
        assert app.screen.query_one(LedgerTable).row_count == lines
