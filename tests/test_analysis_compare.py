"""Comparing priorities: the theme x (council, year) matrix, changes, shared themes, honest gaps."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from cspsearch.analysis.cells import CouncilSpec, known_councils, parse_spec, require_papers
from cspsearch.analysis.compare import build_comparison, change_lines, diff_years, matrix_table
from cspsearch.analysis.formats import csv_text, md_table
from cspsearch.errors import NotFoundError, QueryError

FIXTURES = Path(__file__).parent / "fixtures" / "analysis"
DOCS = json.loads((FIXTURES / "docs.json").read_text(encoding="utf-8"))
ROWS = json.loads((FIXTURES / "entities.json").read_text(encoding="utf-8"))
PRIORITIES = [r for r in ROWS if r["type"] == "priority"]

# CSP priority themes per (council, meeting year), from the hand-labelled sample papers.
_EXPECTED_FILE = Path(__file__).parent / "fixtures" / "analysis" / "expected_themes.json"
EXPECTED = {(r["council_id"], r["year"]): set(r["themes"]) for r in json.loads(_EXPECTED_FILE.read_text("utf-8"))}


@pytest.fixture(scope="module")
def result():
    councils = known_councils(DOCS)
    specs = [parse_spec("maidstone:2011-2023", councils), parse_spec("medway", councils)]
    return build_comparison(specs, DOCS, PRIORITIES)


def present(result) -> dict[tuple[str, int], set[str]]:
    found: dict[tuple[str, int], set[str]] = {}
    for theme in result["themes"]:
        for cell in theme["cells"]:
            if cell["present"]:
                found.setdefault((cell["council_id"], cell["year"]), set()).add(theme["id"])
    return found


def test_matrix_matches_the_hand_labelled_priorities(result):
    assert present(result) == EXPECTED
    assert [c["council_id"] for c in result["councils"]] == ["maidstone", "medway"]
    assert result["councils"][0]["years"] == [2011, 2015, 2017, 2023]


def test_a_year_without_a_list_is_a_gap_not_an_absence(result):
    assert result["gaps"] == [
        {"council_id": "maidstone", "year": 2015, "papers": 1, "note": "no priority list found"}
    ]
    cells = [
        c for t in result["themes"] for c in t["cells"] if (c["council_id"], c["year"]) == ("maidstone", 2015)
    ]
    assert cells and all(c["present"] is None for c in cells)
    headers, rows = matrix_table(result)
    column = headers.index("maidstone 2015")
    assert {row[column] for row in rows} == {"no list found in 1 paper"}


def test_cells_carry_wording_and_citation(result):
    theme = next(t for t in result["themes"] if t["id"] == "domestic_abuse")
    cell = next(c for c in theme["cells"] if (c["council_id"], c["year"]) == ("maidstone", 2017))
    assert cell["wording"] == ["Domestic Abuse & violent crime"]
    cite = cell["citations"][0]
    assert cite["doc_id"].startswith("2017-03-28") and cite["page"] == 1 and cite["end"] > cite["start"]
    assert theme["label"] == "Domestic abuse"


def test_shared_themes_come_first(result):
    ids = [t["id"] for t in result["themes"]]
    assert set(ids[:2]) == {"domestic_abuse", "substance_misuse"}
    assert set(result["across"]["shared"]) == {"domestic_abuse", "substance_misuse"}
    assert result["across"]["first_named"]["domestic_abuse"] == {"maidstone": 2011, "medway": 2020}
    assert "road_safety" in result["across"]["only"]["maidstone"]
    assert "reoffending" in result["across"]["only"]["medway"]


def test_changes_between_consecutive_lists(result):
    changes = {(c["council_id"], c["from"], c["to"]): c for c in result["changes"]}
    assert set(changes) == {("maidstone", 2011, 2017), ("maidstone", 2017, 2023)}  # 2015 holds no list
    first = changes[("maidstone", 2011, 2017)]
    assert set(first["dropped"]) == {"asb", "road_safety"}
    assert set(first["continued"]) == {"domestic_abuse", "substance_misuse"}
    assert {"organised_crime", "cse", "mental_health"} <= set(first["added"])
    renamed = {r["theme"]: r for r in first["renamed"]}
    assert renamed["domestic_abuse"]["from"] == "domestic abuse"
    assert renamed["domestic_abuse"]["to"] == "Domestic Abuse & violent crime"
    later = changes[("maidstone", 2017, 2023)]
    assert "children_young_people" in later["added"] and "mental_health" in later["dropped"]


def test_same_wording_is_continued_not_renamed():
    row = {"text": "Domestic abuse", "themes": ["domestic_abuse"]}
    diff = diff_years({"domestic_abuse": [row]}, {"domestic_abuse": [dict(row, text="domestic  ABUSE")]})
    assert diff["continued"] == ["domestic_abuse"] and diff["renamed"] == []


def test_scheme_and_theme_filters():
    councils = known_councils(DOCS)
    specs = [parse_spec("maidstone", councils)]
    corporate = build_comparison(specs, DOCS, PRIORITIES, scheme="corporate")
    assert not any(g["year"] == 2015 for g in corporate["gaps"])  # 2015 has a corporate list
    assert corporate["unthemed"] and corporate["unthemed"][0]["wording"]
    only = build_comparison(specs, DOCS, PRIORITIES, themes=["road_safety", "vawg"])
    assert [t["id"] for t in only["themes"]] == ["road_safety", "vawg"]
    assert not any(c["present"] for c in only["themes"][1]["cells"])


def test_json_shape_follows_the_public_spec(result):
    data = json.loads(json.dumps(result))
    assert set(data) >= {"councils", "themes", "gaps", "changes"}
    cell = data["themes"][0]["cells"][0]
    assert set(cell) >= {"council_id", "year", "present", "wording", "citations"}
    assert set(cell["citations"][0]) >= {"doc_id", "page", "start", "end"}
    assert set(data["changes"][0]) >= {"council_id", "from", "to", "added", "dropped", "continued", "renamed"}
    assert set(data["changes"][0]["renamed"][0]) == {"theme", "from", "to"}


def test_csv_and_markdown_views_parse(result):
    table = matrix_table(result)
    rows = list(csv.reader(io.StringIO(csv_text(table))))
    assert rows[0][0] == "theme" and len(rows) == len(result["themes"]) + 1
    assert all(len(r) == len(rows[0]) for r in rows)
    lines = md_table(table).strip().splitlines()
    assert all(line.startswith("|") and line.endswith("|") for line in lines)
    assert {line.count(" | ") for line in lines[2:]} == {len(table[0]) - 1}
    assert any("renamed Domestic abuse" in line for line in change_lines(result))


def test_spec_errors_are_sentences():
    councils = known_councils(DOCS)
    with pytest.raises(NotFoundError, match="Did you mean maidstone"):
        parse_spec("maidston", councils)
    with pytest.raises(QueryError, match="runs backwards"):
        parse_spec("maidstone:2023-2011", councils)
    with pytest.raises(QueryError, match="council spec"):
        parse_spec("maidstone:20", councils)
    with pytest.raises(NotFoundError, match="from 2011 to 2023"):
        require_papers(CouncilSpec("maidstone", 2030, 2031), DOCS)
    assert parse_spec("Medway Council", councils).council_id == "medway"
    assert parse_spec("maidstone:2017", councils) == CouncilSpec("maidstone", 2017, 2017)
