"""The ledger over real ingested papers: a later paper's figure stands, CLI, ask and TUI agree, unknown councils show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pilot_helpers import until
from textual.widgets import Checkbox
from typer.testing import CliRunner

from cspsearch import services
from cspsearch.analysis.ask import ask
from cspsearch.analysis.grants import grants
from cspsearch.cli import app
from cspsearch.tui.app import CspSearchApp
from cspsearch.tui.widgets.ledger_table import LedgerTable

PAPER = """Maidstone Borough Council
Communities, Housing and Environment Committee
{date}

Community Safety Partnership: {title}

The Police and Crime Commissioner has allocated {amount} of Community Safety Fund to Maidstone Borough Council for 2024-25.
"""

LETTER = """Dear colleague,

The Council has been allocated £25,000 of Safer Streets Fund by the Home Office for 2024-25.

Yours sincerely
"""

runner = CliRunner()


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    """The provisional figure in January, the final one in March, and a letter naming no council."""
    papers = tmp_path_factory.mktemp("ledger-papers")
    (papers / "maidstone").mkdir()
    (papers / "maidstone" / "january.txt").write_text(
        PAPER.format(date="15 January 2024", title="provisional funding", amount="£40,000"), encoding="utf-8"
    )
    (papers / "maidstone" / "march.txt").write_text(
        PAPER.format(date="20 March 2024", title="final funding", amount="£42,500"), encoding="utf-8"
    )
    (papers / "letter.txt").write_text(LETTER, encoding="utf-8")
    folder = tmp_path_factory.mktemp("ledger-index")
    assert not services.ingest([papers], folder, jobs=1).failed
    return folder


def test_the_march_figure_stands_and_the_january_one_is_superseded(index):
    ledger = grants(index, councils=["maidstone"])
    got = [(e["amount"], e["superseded"], e["meeting_date"]) for e in ledger["entries"]]
    assert got == [(42500, False, "2024-03-20"), (40000, True, "2024-01-15")]
    assert ledger["total"] == 42500


def test_the_cli_gives_role_and_superseded_and_lists_papers_of_unknown_council(index):
    data = json.loads(runner.invoke(app, ["grants", "-f", "json", "--index", str(index)]).output)
    assert {(e["role"], e["superseded"]) for e in data["entries"]} == {
        ("received", False),
        ("received", True),
    }
    assert data["total"] == 42500
    table = runner.invoke(app, ["grants", "--all", "--index", str(index)], env={"COLUMNS": "220"})
    assert table.exit_code == 0 and "council unknown" in table.output and "role" in table.output
    assert "superseded" in table.output


def test_ask_gives_the_standing_figure_only(index):
    answer = ask("How much PCC grant did Maidstone get in 2024-25?", index=index)["answer"]
    assert answer.startswith("Maidstone received £42,500") and "82,500" not in answer
    assert (
        "; it replaces £40,000 given in Community Safety Partnership: provisional funding, 15 January 2024"
        in answer
    )


@pytest.mark.anyio
async def test_the_grants_screen_marks_superseded_lines_and_shows_unknown_councils(index):
    tui = CspSearchApp(index)
    async with tui.run_test(size=(120, 32)) as pilot:
        await pilot.press("f4")
        await until(pilot, lambda: getattr(tui.screen, "result", None) is not None)
        ledger = tui.screen.query_one(LedgerTable)
        statuses = [str(ledger.get_row_at(n)[0]) for n in range(ledger.row_count)]
        assert statuses == ["current", "superseded"]
        tui.screen.query_one(Checkbox).value = True
        await until(pilot, lambda: ledger.row_count == 3)
        councils = [str(ledger.get_row_at(n)[1]) for n in range(ledger.row_count)]
        assert councils[-1] == "council unknown"


def test_brief_lists_the_standing_figure_and_marks_the_superseded_one(index):
    from cspsearch.analysis.brief import brief

    text = brief(["maidstone"], index=index)
    grants_part = text.split("## 3. Grants")[1].split("## 4.")[0]
    assert "£42,500" in grants_part and "£40,000 (superseded by a later paper)" in grants_part
    assert "Maidstone 2024-25: £42,500" in grants_part
