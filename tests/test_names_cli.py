"""Every command that takes a council, a theme or an Act reads the same spellings of it, and gives the same answer."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cspsearch.cli import app

runner = CliRunner()

COUNCIL_SPELLINGS = ["Maidstone Borough Council", "Maidstone BC", "MAIDSTONE", "maidstone-borough-council"]
# Each command with the place a council goes ({} for it).
COUNCIL_COMMANDS = {
    "search": ["search", "crime", "--council", "{}", "-f", "json"],
    "entities": ["entities", "--council", "{}", "-f", "json"],
    "docs": ["docs", "--council", "{}", "-f", "json"],
    "grants": ["grants", "--council", "{}", "-f", "json"],
    "law": ["law", "--council", "{}", "-f", "json"],
    "timeline": ["timeline", "asb", "--council", "{}", "-f", "json"],
    "decisions": ["decisions", "--council", "{}", "-f", "json"],
    "compare": ["compare", "{}", "medway", "-f", "json"],
    "brief": ["brief", "{}"],
}
THEME_SPELLINGS = ["Domestic abuse", "domestic-abuse", "DA", "domestic abuse"]
THEME_COMMANDS = {
    "search": ["search", "partnership", "--theme", "{}", "-f", "json"],
    "compare": ["compare", "maidstone", "medway", "--theme", "{}", "-f", "json"],
    "timeline": ["timeline", "{}", "-f", "json"],
}

INSTRUMENT_SPELLINGS = ["crime and disorder act", "Crime & Disorder Act 1998", "CDA", "cda 1998"]
INSTRUMENT_COMMANDS = {
    "search": ["search", "partnership", "--law", "{}", "-f", "json"],
    "law": ["law", "{}", "-f", "json"],
}


def run(index, args: list[str], value: str) -> str:
    result = runner.invoke(app, [a.replace("{}", value) for a in args] + ["--index", str(index)],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, (args, value, result.output)
    return result.output


@pytest.mark.parametrize("command", list(COUNCIL_COMMANDS))
def test_every_council_spelling_gives_the_slugs_answer(corpus_index, command):
    args = COUNCIL_COMMANDS[command]
    expected = run(corpus_index, args, "maidstone")
    assert "maidstone" in expected.lower()
    for spelling in COUNCIL_SPELLINGS:
        assert run(corpus_index, args, spelling) == expected, (command, spelling)


@pytest.mark.parametrize("command", list(THEME_COMMANDS))
def test_every_theme_spelling_gives_the_ids_answer(corpus_index, command):
    args = THEME_COMMANDS[command]
    expected = run(corpus_index, args, "domestic_abuse")
    for spelling in THEME_SPELLINGS:
        assert run(corpus_index, args, spelling) == expected, (command, spelling)


@pytest.mark.parametrize("command", ["search", "entities", "docs", "grants", "law", "timeline", "decisions"])
def test_a_misspelt_council_is_one_sentence_with_the_same_suggestion(corpus_index, command):
    args = COUNCIL_COMMANDS[command]
    result = runner.invoke(app, [a.replace("{}", "maidston") for a in args] + ["--index", str(corpus_index)],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "council called 'maidston'" in result.output and "Did you mean maidstone" in result.output


@pytest.mark.parametrize("command", list(INSTRUMENT_COMMANDS))
def test_every_spelling_of_an_act_gives_its_titles_answer(corpus_index, command):
    args = INSTRUMENT_COMMANDS[command]
    expected = run(corpus_index, args, "Crime and Disorder Act 1998")
    for spelling in INSTRUMENT_SPELLINGS:
        assert run(corpus_index, args, spelling).replace(spelling, "Crime and Disorder Act 1998") == expected, (
            command, spelling)


COMMITTEE = "Partnership and Well Being Overview & Scrutiny Committee"
COMMITTEE_SPELLINGS = ["partnership and well-being overview and scrutiny committee", "Partnership & Well Being",
                       "PWBOSC"]
# Each command with what it found, as the doc_ids it cites.
COMMITTEE_COMMANDS = {
    "search": (["search", "safety", "--committee", "{}", "-f", "json"],
               lambda out: sorted(d["doc_id"] for d in out["results"])),
    "docs": (["docs", "--committee", "{}", "-f", "json"],
             lambda out: sorted(d["doc_id"] for d in out["documents"])),
    "decisions": (["decisions", "--committee", "{}", "-f", "json"],
                  lambda out: sorted(d["citation"]["doc_id"] for d in out["decisions"])),
}


@pytest.mark.parametrize("command", list(COMMITTEE_COMMANDS))
def test_every_committee_spelling_finds_the_committees_papers(corpus_index, command):
    import json

    args, found = COMMITTEE_COMMANDS[command]
    expected = found(json.loads(run(corpus_index, args, COMMITTEE)))
    assert expected
    for spelling in COMMITTEE_SPELLINGS:
        assert found(json.loads(run(corpus_index, args, spelling))) == expected, (command, spelling)


def test_a_misspelt_committee_is_the_same_sentence_everywhere(corpus_index):
    said = set()
    for args, _ in COMMITTEE_COMMANDS.values():
        result = runner.invoke(app, [a.replace("{}", "cabnet") for a in args] + ["--index", str(corpus_index)])
        assert result.exit_code == 1 and "Traceback" not in result.output
        said.add(result.output.strip())
    assert said == {"Error: No indexed paper is from a committee called 'cabnet'. Did you mean Cabinet?"}
