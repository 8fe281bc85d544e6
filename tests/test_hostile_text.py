"""Text that looks like markup, in queries, options or papers, is shown as written: no command or screen fails.

Rich and Textual read "[/x]" as a closing tag; a query, a council, a theme, a compare spec, a file
path or a paper's own words can hold one. A Hypothesis run sends arbitrary strings through every
command's string arguments: a sentence and exit 1 is fine, a traceback never is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pilot_helpers import until
from textual.widgets import Input
from typer.testing import CliRunner

from cspsearch import services
from cspsearch.cli import app
from cspsearch.tui.app import CspSearchApp
from cspsearch.tui.screens.document import DocumentScreen

PAPER = """Report title: [/x] Community [bold]Safety[/b] update

Maidstone Borough Council

1. The [/x] partnership [link=foo]received[/link] £5,000 grant funding from the PCC in 2019-20 [/].
2. The priorities are: • [/x] domestic abuse • anti-social behaviour
3. Section 17 of the Crime and Disorder Act 1998 [/x] applies.
"""

runner = CliRunner()
MARKUP = ["[/x]", "[bold]", "[/]", "[link=x]y[/link]", "[red", "]", "[[/x]]", "\\[/x]"]


@pytest.fixture(scope="module")
def markup_index(tmp_path_factory) -> Path:
    papers = tmp_path_factory.mktemp("markup-papers")
    (papers / "weird.txt").write_text(PAPER, encoding="utf-8")
    folder = tmp_path_factory.mktemp("markup-index")
    assert not services.ingest([papers], folder).failed
    return folder


def invoke(index: Path, *args: str):
    result = runner.invoke(app, [*args, "--index", str(index)], env={"COLUMNS": "160"})
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    # Exit 2 is Click's own usage error (a value such as "-0" read as an option): a sentence too.
    assert result.exit_code in (0, 1) or (result.exit_code == 2 and "Usage:" in result.output), (
        args, result.output)
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("text", MARKUP)
def test_markup_in_every_string_option_gets_a_sentence_or_a_result(markup_index, text):
    for args in (["search", text], ["search", "partnership", "--council", text],
                 ["search", "partnership", "--theme", text], ["search", "partnership", "--committee", text],
                 ["compare", text], ["compare", f"maidstone:{text}"], ["timeline", text],
                 ["law", text], ["law", "crime and disorder act", "--provision", text], ["ask", text],
                 ["show", text], ["entities", "--type", text], ["grants", "--funder", text],
                 ["brief", text]):
        invoke(markup_index, *args)


def test_a_papers_own_brackets_are_printed_as_written(markup_index):
    result = invoke(markup_index, "search", "partnership")
    assert result.exit_code == 0
    assert "[/x]" in result.output and "[link=foo]received[/link]" in result.output
    doc_id = services.search("partnership", markup_index)["results"][0]["doc_id"]
    shown = invoke(markup_index, "show", doc_id)
    assert "[/x] partnership" in shown.output
    missing = invoke(markup_index, "search", "nothing[/x]here")
    assert "nothing[/x]here" in missing.output


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
       | st.sampled_from(MARKUP))
def test_any_string_in_search_compare_law_and_ask_never_ends_in_a_traceback(markup_index, text):
    for args in (["search", text], ["compare", text], ["law", text], ["ask", text],
                 ["timeline", text], ["search", "partnership", "--council", text]):
        invoke(markup_index, *args)


@pytest.mark.anyio
async def test_tui_search_and_document_show_brackets_as_written(markup_index):
    tui = CspSearchApp(markup_index)
    async with tui.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: tui.screen.query("#query"))
        for query in ("[/x]", "[bold]x", "[/]", "partnership"):
            tui.screen.query_one("#query", Input).value = query
            await until(pilot, lambda q=query: tui.screen.shown_query == q)
            assert tui.is_running
        await pilot.press("enter", "down", "enter")
        await until(pilot, lambda: isinstance(tui.screen, DocumentScreen) and tui.screen.data is not None)
        for key in ("f3", "f4", "f5", "f6"):
            await pilot.press(key)
            await pilot.pause(0.3)
            assert tui.is_running
