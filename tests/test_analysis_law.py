"""Precedent by statutory duty: forgiving instrument matching, provisions, grouping, most cited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cspsearch.analysis.law import (
    build_precedent,
    most_cited,
    precedent_table,
    rank_duties,
    resolve_instruments,
)
from cspsearch.analysis.questions import content_words
from cspsearch.errors import NotFoundError
from cspsearch.extract.legal.provisions import normalise_provision, provision_matches

FIXTURES = Path(__file__).parent / "fixtures" / "analysis"
LEGAL = [
    r for r in json.loads((FIXTURES / "entities.json").read_text(encoding="utf-8")) if r["type"] == "legal"
]
NAMES = sorted({r["instrument"] for r in LEGAL})
CDA = "Crime and Disorder Act 1998"


@pytest.mark.parametrize(
    "query",
    [
        "crime and disorder act",
        "Crime & Disorder Act 1998",
        "CDA",
        "cda 1998",
        "the crime and disorder act 1998",
    ],
)
def test_instrument_matching_is_forgiving(query):
    assert resolve_instruments(query, NAMES) == [CDA]


def test_a_broad_name_finds_every_instrument_it_starts():
    found = resolve_instruments("crime and disorder", NAMES)
    assert CDA in found and "The Crime and Disorder (Overview and Scrutiny) Regulations 2009" in found


def test_unknown_instrument_suggests_close_ones():
    with pytest.raises(NotFoundError, match="Did you mean Crime and Disorder Act 1998"):
        resolve_instruments("Crime and Disorder Acts 1999", NAMES)
    with pytest.raises(NotFoundError, match="No paper in the index cites 'Licensing Act'"):
        resolve_instruments("Licensing Act", NAMES)


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        ("section 17", "s.17"),
        ("s17", "s.17"),
        ("17", "s.17"),
        ("sections 5 to 7", "ss.5-7"),
        ("Regulation 5", "reg.5"),
        ("schedule 3", "sch.3"),
        ("s.5(1)(a)", "s.5(1)(a)"),
    ],
)
def test_provisions_normalise(text, norm):
    assert normalise_provision(text) == norm


def test_provision_matching_understands_ranges_and_subsections():
    assert provision_matches("s.6", "ss.5-7")
    assert provision_matches("s.5", "s.5(1)(a)")
    assert not provision_matches("s.17", "s.17A")
    assert not provision_matches("s.17", "ss.5-7")
    assert not provision_matches("reg.5", "s.5")


def test_section_17_precedent_groups_by_council_and_year():
    result = build_precedent(LEGAL, "crime and disorder act", "section 17")
    assert result["provision"] == "s.17" and result["total"] == 1 and result["papers"] == 1
    group = result["groups"][0]
    assert (group["council_id"], group["year"]) == ("maidstone", 2015)
    line = group["citations"][0]
    assert "Section 17" in line["context"] and line["url"] == "https://www.legislation.gov.uk/ukpga/1998/37"
    assert line["citation"]["page"] == 1


def test_section_6_includes_papers_citing_sections_5_to_7():
    result = build_precedent(LEGAL, "crime and disorder act", "s.6")
    assert [(g["council_id"], g["year"]) for g in result["groups"]] == [
        ("maidstone", 2015),
        ("maidstone", 2017),
        ("maidstone", 2023),
        ("medway", 2020),
    ]
    headers, rows = precedent_table(result)
    assert headers[0] == "council" and len(rows) == result["total"]


def test_most_cited_instruments():
    ranked = most_cited(LEGAL)["instruments"]
    assert ranked[0]["instrument"] == CDA and ranked[0]["papers"] == 4
    assert ranked[0]["councils"] == ["maidstone", "medway"]
    assert "s.17" in ranked[0]["provisions"]


def test_duties_rank_by_shared_rare_words():
    words = content_words("Which law requires the crime and disorder scrutiny committee?")
    ranked = rank_duties(LEGAL, words)
    assert [(r["instrument"], r["provision"]) for r in ranked[:2]] == [
        ("Police and Justice Act 2006", "s.19"),
        ("The Crime and Disorder (Overview and Scrutiny) Regulations 2009", None),
    ]
