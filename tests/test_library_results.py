"""Typed ledger lines (cspsearch.results): the grants ledger builds them, and their JSON is pinned byte for byte."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from cspsearch.analysis.ledger import ledger_lines
from cspsearch.model import Citation
from cspsearch.results import LedgerEntry, Supersession

PAPER = {"doc_id": "a1", "title": "Revenue Budget", "council_id": "kent", "council": "Kent County Council",
         "committee": "County Council", "meeting_date": "2025-02-13", "year": 2025, "path": "papers/budget.pdf"}
MONEY = {**PAPER, "type": "money", "page": 12, "start": 100, "end": 112, "amount": 137100000.0,
         "financial_year": "2025-26", "funder": "Government", "recipient": "Kent County Council",
         "grant": "Social Care Grant", "role": "received", "row": "Social Care Grant", "column": "2025-26",
         "text": "137.1", "context": "Social Care Grant 137.1"}
PINNED = (
    '{"amount": 137100000.0, "financial_year": "2025-26", "funder": "Government", '
    '"recipient": "Kent County Council", "grant": "Social Care Grant", "council_id": "kent", '
    '"meeting_date": "2025-02-13", "text": "137.1", "role": "received", "superseded": false, '
    '"superseded_by": null, "row": "Social Care Grant", "column": "2025-26", "stage": null, "total_row": false, '
    '"citation": {"doc_id": "a1", "title": "Revenue Budget", "council_id": "kent", "committee": "County Council", '
    '"meeting_date": "2025-02-13", "page": 12, "start": 100, "end": 112, "path": "papers/budget.pdf", '
    '"text": "Social Care Grant 137.1"}, '
    '"citations": [{"doc_id": "a1", "title": "Revenue Budget", "council_id": "kent", "committee": "County Council", '
    '"meeting_date": "2025-02-13", "page": 12, "start": 100, "end": 112, "path": "papers/budget.pdf", '
    '"text": "Social Care Grant 137.1"}]}'
)


def test_a_ledger_line_json_is_pinned_byte_for_byte():
    entry = LedgerEntry.of(MONEY, "kent", "received", (Citation.of(MONEY),))
    assert json.dumps(entry.to_json()) == PINNED
    assert [json.dumps(line) for line in ledger_lines([MONEY])] == [PINNED]


def test_a_superseded_line_says_which_figure_stands():
    entry = LedgerEntry.of(MONEY, "kent", "received", (Citation.of(MONEY),))
    later = replace(entry, superseded_by=Supersession(140000000.0, "b2", 3, True))
    assert not entry.superseded and later.superseded
    assert later.to_json()["superseded"] is True
    assert later.to_json()["superseded_by"] == {"amount": 140000000.0, "doc_id": "b2", "page": 3, "by_later_paper": True}
    with pytest.raises(AttributeError):
        later.amount = 1.0  # type: ignore[misc]


def test_the_ledger_marks_an_earlier_papers_figure_superseded_by_the_later():
    draft = {**MONEY, "doc_id": "d0", "meeting_date": "2025-01-30", "amount": 132600000.0, "page": 4}
    standing, replaced = ledger_lines([draft, MONEY])
    assert (standing["amount"], standing["superseded"]) == (137100000.0, False)
    assert replaced["superseded_by"] == {"amount": 137100000.0, "doc_id": "a1", "page": 12, "by_later_paper": True}
    assert replaced["citation"] is replaced["citations"][0]  # one object, as the JSON has always shared it
