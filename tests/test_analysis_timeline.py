"""A theme's timeline: the years each council named it, its wording, first appearance and gaps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cspsearch.analysis.cells import resolve_theme
from cspsearch.analysis.timeline import build_timeline, timeline_lines, timeline_table
from cspsearch.errors import NotFoundError

FIXTURES = Path(__file__).parent / "fixtures" / "analysis"
DOCS = json.loads((FIXTURES / "docs.json").read_text(encoding="utf-8"))
PRIORITIES = [
    r for r in json.loads((FIXTURES / "entities.json").read_text(encoding="utf-8")) if r["type"] == "priority"
]


def by_council(result):
    return {c["council_id"]: c for c in result["councils"]}


def test_domestic_abuse_every_year_with_its_wording():
    result = by_council(build_timeline("domestic_abuse", DOCS, PRIORITIES))
    maidstone = result["maidstone"]
    assert maidstone["first"] == 2011 and maidstone["named_years"] == [2011, 2017, 2023]
    wording = {y["year"]: y.get("wording") for y in maidstone["years"]}
    assert wording[2011] == ["domestic abuse"]
    assert wording[2017] == ["Domestic Abuse & violent crime"]
    assert wording[2023] == ["Reducing the harm caused by domestic abuse"]
    assert maidstone["gaps"] == [{"year": 2015, "reason": "no priority list found in 1 paper"}]
    assert result["medway"]["first"] == 2020


def test_a_dropped_theme_shows_its_gaps_and_a_council_that_never_named_it():
    result = by_council(build_timeline("road_safety", DOCS, PRIORITIES))
    assert result["maidstone"]["named_years"] == [2011]
    assert [g["year"] for g in result["maidstone"]["gaps"]] == [2015, 2017, 2023]
    assert {g["reason"] for g in result["maidstone"]["gaps"]} >= {"not named"}
    assert result["medway"]["first"] is None
    lines = timeline_lines(build_timeline("road_safety", DOCS, PRIORITIES))
    assert any("never named" in line and "medway" in line for line in lines)


def test_table_rows_mark_the_first_year():
    headers, rows = timeline_table(build_timeline("domestic_abuse", DOCS, PRIORITIES))
    assert headers[:3] == ["council", "year", "state"]
    assert ["maidstone", "2011", "named (first)"] == rows[0][:3]
    assert rows[0][4] == "2011-03-14 p.1"


def test_theme_names_resolve_forgivingly():
    assert resolve_theme("domestic abuse") == "domestic_abuse"
    assert resolve_theme("Domestic-Abuse") == "domestic_abuse"
    assert resolve_theme("anti-social behaviour") == "asb"
    assert resolve_theme("road safety") == "road_safety"
    with pytest.raises(NotFoundError, match="no theme called"):
        resolve_theme("quantum widgets")
