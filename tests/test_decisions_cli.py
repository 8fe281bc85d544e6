"""`cspsearch decisions` over an index of real Kent papers: filters, formats and errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cspsearch import services
from cspsearch.cli import app

KENT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-real" / "kent_county_council"
PAPERS = [
    KENT / "full_council_2025-02-13__Printed_minutes_13th-Feb-2025_09.30_County_Council.pdf",
    KENT / "full_council_2025-02-13__5_-_Amendment_-_Liberal_Democrats_-_Capital_Support_to_Districts_on_Fly-tipping.pdf",
    KENT / "cabinet_2025-01-30__Printed_minutes_30th-Jan-2025_10.00_Cabinet.pdf",
]
pytestmark = pytest.mark.skipif(not all(p.exists() for p in PAPERS), reason="needs ../shared/corpus-real")
runner = CliRunner()


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("decisions")
    report = services.ingest(PAPERS, folder, jobs=1)
    assert not report.failed, report.failed
    return folder


def run(index: Path, *args: str):
    return runner.invoke(app, ["decisions", *args, "--index", str(index)], env={"COLUMNS": "200"})


def test_topic_words_find_the_amendment_with_its_vote(index):
    result = run(index, "fly", "tipping", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    voted = [d for d in data["decisions"] if d["outcome"]]
    assert [(d["outcome"], d["for"], d["against"], d["abstain"]) for d in voted] == [("lost", 13, 39, 3)]
    assert {d["proposer"] for d in data["decisions"]} == {"Mr Passmore", "Mr Chris Passmore"}
    assert all(d["citation"]["page"] >= 1 and d["citation"]["doc_id"] for d in data["decisions"])


def test_committee_and_period_filter_the_list(index):
    result = run(index, "--committee", "Cabinet", "--from", "2025-01", "--to", "2025-01", "--kind", "decision",
                 "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and {r["Body"] for r in rows} == {"Cabinet"} and {r["Date"] for r in rows} == {"2025-01-30"}
    assert any("Strengthening Independence Service" in r["Text"] for r in rows)
    assert any(r["Item"].startswith("24/00109 - Transfer the 18-25 section") for r in rows)
    later = run(index, "--committee", "Cabinet", "--from", "2025-02", "-f", "json")
    assert json.loads(later.output)["count"] == 0


def test_an_empty_result_says_so_and_a_bad_date_is_a_sentence(index):
    empty = run(index, "library", "opening", "hours")
    assert empty.exit_code == 0 and "No decision, recommendation or motion matches" in empty.output
    bad = run(index, "--from", "2025-13")
    assert bad.exit_code == 1 and "YYYY-MM" in bad.output and "Traceback" not in bad.output
    kind = run(index, "--kind", "vote")
    assert kind.exit_code == 1 and "decision, recommendation or motion" in kind.output


def test_markdown_lists_the_budget_decision(index):
    result = run(index, "--committee", "County Council", "--kind", "decision", "-f", "md")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Decisions")
    assert "County Council, having given due regard to the s25 Report" in result.output


def test_the_brief_lists_decisions_and_votes_with_references(index):
    from cspsearch.analysis.brief import brief

    text = brief(["kent"], 2025, 2025, index=index)
    section = text.split("## 5. Decisions", 1)[1].split("\n## ", 1)[0]
    assert "lost (13-39-3)" in section and "carried (41-10-7)" in section
    assert "Cabinet agree the Commissioning Plan for Education Provision in Kent 2025-29" in section
    assert "more decisions and motions are listed by `cspsearch decisions`" in section
    assert section.count("| [") >= 15
