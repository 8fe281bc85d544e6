"""The grants ledger: amounts with financial year, funder and citation; totals; undated and unpriced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cspsearch.analysis.grants import build_ledger, initials, ledger_table, money, names_match, totals_table
from cspsearch.errors import QueryError

FIXTURES = Path(__file__).parent / "fixtures" / "analysis"
MONEY = [
    r for r in json.loads((FIXTURES / "entities.json").read_text(encoding="utf-8")) if r["type"] == "money"
]


def test_ledger_matches_the_sample_papers():
    ledger = build_ledger(MONEY)
    got = [(e["council_id"], e["financial_year"], e["amount"], e["funder"]) for e in ledger["entries"]]
    assert got == [
        ("maidstone", "2014-15", 38449, "Police and Crime Commissioner"),
        ("maidstone", "2017-18", 37104, "Police and Crime Commissioner"),
        ("medway", "2019-20", 106460, "Police and Crime Commissioner"),
    ]
    assert ledger["entries"][2]["grant"] == "Crime Reduction Grant"
    assert ledger["entries"][1]["citation"]["doc_id"].startswith("2017-03-28")
    assert ledger["total"] == 38449 + 37104 + 106460
    assert [t["financial_year"] for t in ledger["by_year"]] == ["2014-15", "2017-18", "2019-20"]


def test_a_grant_named_without_an_amount_is_listed_apart():
    ledger = build_ledger(MONEY)
    assert [e["text"] for e in ledger["no_amount"]] == ["Safer Streets 4"]
    assert ledger["no_amount"][0]["funder"] == "Home Office"


def test_amounts_without_a_financial_year_are_kept():
    row = dict(MONEY[0], financial_year=None, amount=5000.0, text="£5,000")
    ledger = build_ledger([*MONEY, row])
    assert [e["amount"] for e in ledger["undated"]] == [5000.0]
    assert 5000.0 not in [e["amount"] for e in ledger["entries"]]
    statuses = [r[0] for r in ledger_table(ledger)[1]]
    assert statuses.count("undated") == 1 and statuses.count("no amount") == 1


def test_filters_by_funder_initials_grant_and_years():
    assert len(build_ledger(MONEY, funder="PCC")["entries"]) == 3
    assert len(build_ledger(MONEY, funder="home office")["entries"]) == 0
    assert [e["amount"] for e in build_ledger(MONEY, grant="crime reduction")["entries"]] == [106460]
    assert [e["financial_year"] for e in build_ledger(MONEY, year_from=2015, year_to=2018)["entries"]] == [
        "2017-18"
    ]


def test_the_same_grant_reported_twice_is_one_line_counted_once():
    again = dict(MONEY[0], doc_id="another-paper", start=10, end=17)
    ledger = build_ledger([*MONEY, again])
    assert len(ledger["entries"]) == 3
    assert [c["doc_id"] for c in ledger["entries"][0]["citations"]] == [
        "2015-02-co-maidstone",
        "another-paper",
    ]
    first = next(t for t in ledger["totals"] if t["financial_year"] == "2014-15")
    assert first["total"] == 38449 and first["count"] == 1
    headers, rows = totals_table(ledger)
    assert rows[-1][0] == "all" and rows[-1][2] == money(38449 + 37104 + 106460)


def test_every_line_carries_its_role_and_whether_a_later_paper_replaced_it():
    ledger = build_ledger(MONEY)
    assert {(e["role"], e["superseded"]) for key in ("entries", "no_amount") for e in ledger[key]} == {
        ("received", False)
    }


def test_name_matching_helpers():
    assert initials("Police and Crime Commissioner") == "pcc"
    assert names_match("pcc", "Police & Crime Commissioner")
    assert names_match("crime commissioner", "Police and Crime Commissioner")
    assert not names_match("Home Office", "Police and Crime Commissioner")
    assert money(37104.0) == "£37,104" and money(12.5) == "£12.50" and money(None) == ""
    assert money(-15_000_000) == "-£15,000,000"


def test_backwards_years_are_refused():
    from cspsearch.analysis.grants import grants

    with pytest.raises(QueryError, match="backwards"):
        grants(year_from=2020, year_to=2010)
