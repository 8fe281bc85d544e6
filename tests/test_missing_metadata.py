"""Papers that lack a council, committee, meeting date or title: every command and screen still works.

A third of real papers (appendices, amendment forms, letters) say nothing of their meeting. They
must group under "council unknown" / "undated", sort after known values and stay counted.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pilot_helpers import until
from typer.testing import CliRunner

from cspsearch import services
from cspsearch.cli import app
from cspsearch.tui.app import CspSearchApp

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

LETTER = """Dear colleague,

Community safety funding

The Home Office has allocated £25,000 of Safer Streets grant funding to the partnership for
2024-25. This letter is sent under section 17 of the Crime and Disorder Act 1998.

The partnership agreed these priorities for 2024 to 2027:
• Domestic abuse
• Anti-social behaviour
• Serious violence

Yours sincerely
"""

APPENDIX = """Appendix B

Kent County Council received £1.2m from the Police and Crime Commissioner in 2023-24 for
community wardens, as section 17 of the Crime and Disorder Act 1998 requires it to consider crime.
"""

runner = CliRunner()


@pytest.fixture(scope="module")
def sparse_index(tmp_path_factory) -> Path:
    """An index of a letter with no metadata, a council appendix with no meeting, and a full paper."""
    papers = tmp_path_factory.mktemp("sparse-papers")
    (papers / "letter.txt").write_text(LETTER, encoding="utf-8")
    (papers / "appendix.txt").write_text(APPENDIX, encoding="utf-8")
    shutil.copy(CORPUS / "maidstone" / "2017-03-28-csp-plan-refresh.txt", papers)
    folder = tmp_path_factory.mktemp("sparse-index")
    report = services.ingest([papers], folder)
    assert not report.failed
    return folder


def test_the_fixture_really_lacks_metadata(sparse_index):
    docs = services.documents(index=sparse_index)
    assert len(docs) == 3
    assert any(d.get("council_id") is None and d.get("meeting_date") is None for d in docs)
    assert any(d.get("council_id") == "kent" and d.get("meeting_date") is None for d in docs)


COMMANDS = [
    ["law"],
    ["law", "-f", "json"],
    ["law", "-f", "csv"],
    ["law", "crime and disorder act"],
    ["law", "crime and disorder act", "--provision", "s.17", "-f", "md"],
    ["grants"],
    ["grants", "--all"],
    ["grants", "--all", "-f", "json"],
    ["grants", "--chart"],
    ["grants", "--council", "kent"],
    ["compare", "maidstone", "kent"],
    ["compare", "kent", "-f", "json"],
    ["timeline", "domestic_abuse"],
    ["timeline", "domestic_abuse", "--council", "kent", "-f", "md"],
    ["entities", "--type", "money"],
    ["entities", "--type", "priority", "--json"],
    ["search", "funding"],
    ["search", "funding", "--sort", "-date"],
    ["search", "funding", "--sort", "date", "--json"],
    ["search", "funding", "--from", "2011", "--to", "2030"],
    ["search", "grant", "--council", "kent", "--kind", "letter"],
    ["ask", "How much PCC grant did Kent get in 2023-24?"],
    ["ask", "When did domestic abuse first become a priority?"],
    ["ask", "Which law requires a community safety partnership?"],
    ["ask", "What were the priorities in 2024?", "--json"],
    ["ask", "What did the committee recommend in March 2017?"],
    ["ask", "What is the weather in Dover?"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_every_command_runs_over_papers_without_metadata(sparse_index, args):
    result = runner.invoke(app, [*args, "--index", str(sparse_index)], env={"COLUMNS": "160"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output


def test_brief_and_show_run_over_papers_without_metadata(sparse_index, tmp_path):
    out = tmp_path / "brief.md"
    result = runner.invoke(app, ["brief", "kent", "maidstone", "-o", str(out), "--index", str(sparse_index)])
    assert result.exit_code in (0, 1), result.output
    letter = next(d for d in services.documents(index=sparse_index) if d.get("council_id") is None)
    shown = runner.invoke(app, ["show", letter["doc_id"], "--index", str(sparse_index)])
    assert shown.exit_code == 0, shown.output
    assert "undated" in shown.output


def test_law_counts_the_letter_under_council_unknown(sparse_index):
    result = runner.invoke(app, ["law", "crime and disorder act", "-f", "json", "--index", str(sparse_index)])
    data = json.loads(result.output)
    councils = [group["council_id"] for group in data["groups"]]
    assert None in councils and "kent" in councils
    assert councils[-1] is None, "papers with no council sort after the known ones"
    table = runner.invoke(app, ["law", "crime and disorder act", "--index", str(sparse_index)],
                          env={"COLUMNS": "200"})
    assert "council unknown" in table.output
    ranking = json.loads(runner.invoke(app, ["law", "-f", "json", "--index", str(sparse_index)]).output)
    act = next(i for i in ranking["instruments"] if i["instrument"] == "Crime and Disorder Act 1998")
    assert act["papers"] == 3 and act["councils"] == ["kent", "maidstone", None]


def test_entities_of_papers_without_metadata_are_listed(sparse_index):
    rows = services.entity_rows(index=sparse_index, type="money")
    assert any(r.get("council_id") is None and r.get("amount") == 25000 for r in rows)


@pytest.mark.anyio
@pytest.mark.parametrize("key", ["f2", "f3", "f4", "f5", "f6"])
async def test_every_screen_opens_over_papers_without_metadata(sparse_index, key):
    app_ = CspSearchApp(sparse_index)
    async with app_.run_test(size=(100, 32)) as pilot:
        await pilot.press(key)
        await pilot.pause(0.5)
        await until(pilot, lambda: all(w.is_finished for w in app_.workers))
        assert app_.is_running
        assert not [n for n in app_._notifications if n.severity == "error"]


def test_compare_counts_a_councils_undated_papers(sparse_index):
    result = runner.invoke(app, ["compare", "kent", "maidstone", "-f", "json", "--index", str(sparse_index)])
    councils = {c["council_id"]: c for c in json.loads(result.output)["councils"]}
    assert councils["kent"]["undated_papers"] == 1 and councils["maidstone"]["undated_papers"] == 0
    table = runner.invoke(app, ["compare", "kent", "--index", str(sparse_index)], env={"COLUMNS": "200"})
    assert "kent: 1 paper(s) with no meeting date are not in the matrix" in table.output


@pytest.mark.anyio
async def test_tui_search_says_how_many_undated_papers_a_year_filter_left_out(sparse_index):
    from textual.widgets import SelectionList

    from cspsearch.tui.widgets.notice import Notice

    expected = services.search("funding", sparse_index, year_from=2017)["left_out"]
    assert expected and expected[0]["papers"] == 1
    app_ = CspSearchApp(sparse_index)
    async with app_.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: app_.screen.query("#query"))
        app_.screen.query_one("#query").value = "funding"
        await until(pilot, lambda: app_.screen.shown_query == "funding")
        years = app_.screen.query_one("#years", SelectionList)
        await until(pilot, lambda: years.option_count)
        for year in [years.get_option_at_index(n).value for n in range(years.option_count)]:
            if year >= 2017:  # the years from 2017 on, ticked
                years.select(year)
        await until(pilot, lambda: "left out" in str(app_.screen.query_one("#status", Notice).render()))
        said = str(app_.screen.query_one("#status", Notice).render())
        assert "1 paper with no meeting date was left out." in said and "--include-undated" not in said
