"""The analysis layer over a real index of the sample corpus: expectations from the hand-labelled papers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cspsearch.analysis.ask import ask
from cspsearch.analysis.brief import brief
from cspsearch.analysis.compare import compare
from cspsearch.analysis.grants import grants
from cspsearch.analysis.law import law
from cspsearch.analysis.timeline import timeline

pytestmark = pytest.mark.slow

# CSP priority themes per (council, meeting year), from the hand-labelled sample papers.
_EXPECTED_FILE = Path(__file__).parent / "fixtures" / "analysis" / "expected_themes.json"
EXPECTED = {(r["council_id"], r["year"]): set(r["themes"]) for r in json.loads(_EXPECTED_FILE.read_text("utf-8"))}


@pytest.fixture(scope="module")
def comparison(corpus_index):
    return compare(["maidstone:2011-2023", "medway"], index=corpus_index)


def test_compare_matrix_over_the_sample_corpus(comparison):
    found: dict[tuple[str, int], set[str]] = {}
    for theme in comparison["themes"]:
        for cell in theme["cells"]:
            if cell["present"]:
                found.setdefault((cell["council_id"], cell["year"]), set()).add(theme["id"])
                assert cell["citations"] and cell["citations"][0]["page"] >= 1
    for key, themes in EXPECTED.items():
        assert themes <= found.get(key, set()), (key, themes - found.get(key, set()))
    assert {
        "council_id": "maidstone",
        "year": 2015,
        "papers": 1,
        "note": "no priority list found",
    } in comparison["gaps"]
    assert {"domestic_abuse", "substance_misuse"} <= set(comparison["across"]["shared"])


def test_compare_changes_over_the_sample_corpus(comparison):
    first = next(c for c in comparison["changes"] if (c["council_id"], c["from"]) == ("maidstone", 2011))
    assert first["to"] == 2017
    assert "road_safety" in first["dropped"] and "domestic_abuse" in first["continued"]
    assert any(r["theme"] == "domestic_abuse" for r in first["renamed"])


def test_timeline_of_domestic_abuse(corpus_index):
    result = {c["council_id"]: c for c in timeline("domestic abuse", index=corpus_index)["councils"]}
    assert result["maidstone"]["first"] == 2011
    assert {2011, 2017, 2023} <= set(result["maidstone"]["named_years"])
    assert result["medway"]["first"] == 2020


def test_grants_ledger(corpus_index):
    ledger = grants(index=corpus_index, councils=["maidstone", "medway"])
    got = {(e["council_id"], e["financial_year"], e["amount"]) for e in ledger["entries"]}
    assert {
        ("maidstone", "2014-15", 38449),
        ("maidstone", "2017-18", 37104),
        ("medway", "2019-20", 106460),
    } <= got
    pcc = grants(index=corpus_index, councils=["maidstone"], funder="PCC", year_from=2017, year_to=2017)
    assert [e["amount"] for e in pcc["entries"]] == [37104]


def test_law_precedent_and_ranking(corpus_index):
    s17 = law("crime and disorder act", index=corpus_index, provision="section 17")
    assert s17["instruments"][0]["instrument"] == "Crime and Disorder Act 1998"
    assert ("maidstone", 2015) in {(g["council_id"], g["year"]) for g in s17["groups"]}
    ranked = law(index=corpus_index, councils=["maidstone", "medway"])["instruments"]
    assert ranked[0]["instrument"] == "Crime and Disorder Act 1998"


QUESTIONS = [
    ("When did domestic abuse first become a priority for Maidstone?", "first_priority", "2011"),
    ("What were Medway's priorities in 2020?", "priorities_in_year", "Reducing re-offending"),
    ("How much PCC grant did Maidstone get in 2017-18?", "grant_amount", "£37,104"),
    ("Compare Maidstone and Medway priorities", "compare_priorities", "domestic abuse"),
    (
        "Which law requires the crime and disorder scrutiny committee?",
        "law_requires",
        "Police and Justice Act 2006",
    ),
    ("Which papers cite section 17 of the Crime and Disorder Act?", "law_cites", "Maidstone"),
    ("Was road safety ever a priority in Maidstone?", "ever_priority", "Yes"),
    ("What did the committee recommend in March 2017?", "recommendations", "March 2017"),
]


@pytest.mark.parametrize(("question", "kind", "word"), QUESTIONS, ids=[q for q, _, _ in QUESTIONS])
def test_ask_over_the_sample_corpus(corpus_index, question, kind, word):
    answer = ask(question, index=corpus_index)
    assert (answer["kind"], answer["fallback"]) == (kind, False), answer["answer"]
    assert word in answer["answer"] and answer["citations"]


def test_brief_over_the_sample_corpus(corpus_index):
    text = brief(["maidstone", "medway"], 2011, 2023, index=corpus_index)
    assert "## References" in text and "£37,104" in text and "Crime and Disorder Act 1998" in text
    assert "no list found in 1 paper" in text


def test_main_cli_has_the_analysis_commands(corpus_index):
    from cspsearch.cli import app

    runner = CliRunner()
    out = runner.invoke(
        app, ["compare", "maidstone:2011-2023", "medway", "--format", "json", "--index", str(corpus_index)]
    )
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["themes"]
    out = runner.invoke(
        app, ["ask", "What were Medway's priorities in 2020?", "--json", "--index", str(corpus_index)]
    )
    assert json.loads(out.output)["kind"] == "priorities_in_year"
