"""Money on long lists with no full stops: every amount is found and linked only to what is near it.

The inputs are the ones bench/money_speed.py times: before links were read within a
bounded reach, the 60 KB line took minutes (each amount rescanned the whole one-sentence
line); these tests would then run for minutes rather than fail, so the timing lives in bench/.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cspsearch.extract import extract_entities
from cspsearch.model import DocumentMeta

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from money_speed import budget_list, pound_line  # noqa: E402

FAMILIES = ("cspsearch_acronyms", "cspsearch_dates", "cspsearch_money")


def money(text: str) -> list[dict]:
    return [e.to_json() for e in extract_entities(text, DocumentMeta(), families=FAMILIES) if e.type == "money"]


def test_a_60kb_line_of_amounts_gives_every_amount():
    text = pound_line(1.0)
    assert len(text) == 60_000
    found = money(text)
    assert len(found) == 20_000
    assert {e["amount"] for e in found} == {1.0}
    assert {e["role"] for e in found} == {"other"}


def test_a_budget_list_links_each_amount_to_its_own_line_only():
    text = "Budget for 2024-25\n" + budget_list(0.1) + "Revenue Support Grant £5m for 2025-26\n"
    found = money(text)
    assert len(found) == 3 * 800 + 1
    assert found[-1]["grant"] == "Revenue Support Grant"
    assert {e["grant"] for e in found[:-1]} == {None}  # the grant on the last line stays there
    assert found[0]["financial_year"] == "2024-25"
    assert found[len(found) // 2]["financial_year"] is None  # the heading's year is far away
