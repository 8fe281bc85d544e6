"""Money answers follow the ledger: what the council received, latest figure, role named, no sums across roles."""

from __future__ import annotations

import types

from test_ledger import FINAL, PROVISIONAL, money, paper

from cspsearch.analysis.answers import Lookup
from cspsearch.analysis.grant_answers import grant_amount, pounds
from cspsearch.analysis.questions import Question

DOCS = [PROVISIONAL, FINAL, paper("letter", None, None, title=None)]


def lookup(rows: list[dict]) -> Lookup:
    """A Lookup over fixed rows, as the index reader would return them."""
    services = types.SimpleNamespace(
        documents=lambda **_: [dict(d) for d in DOCS],
        entity_rows=lambda type=None, **_: [dict(r) for r in rows if r["type"] == type],
    )
    return Lookup(services)


def ask(rows: list[dict], **slots) -> dict:
    return grant_amount(lookup(rows), Question(text="", kind="grant_amount", **slots))


def test_the_answer_is_the_latest_received_figure_with_its_paper_and_row():
    rows = [money(PROVISIONAL, 132_600_000), money(FINAL, 137_100_000, row="Social Care Grant", page=12)]
    answer = ask(rows, councils=["kent"], financial_year="2025-26", grant="Social Care Grant")["answer"]
    assert answer.startswith("Kent received £137.1m of Social Care Grant")
    assert "for 2025-26" in answer and "row \u201cSocial Care Grant\u201d, p.12" in answer
    assert answer.endswith("; it replaces £132.6m given in Draft Revenue Budget, 30 January 2025, p.1.")


def test_amounts_of_other_roles_are_named_and_never_added():
    rows = [
        money(FINAL, 5_924_000_000, role="national"),
        money(FINAL, 20_100_000, role="change", start=10),
    ]
    answer = ask(rows, councils=["kent"], financial_year="2025-26", grant="Social Care Grant")["answer"]
    assert answer.startswith("The papers record no grant")
    assert "£5.924bn of Social Care Grant" in answer and "a national total" in answer
    assert "a change from another year" in answer
    assert "£5,944" not in answer and "5.944" not in answer


def test_a_total_is_given_only_over_one_year_and_one_role():
    rows = [
        money(FINAL, 137_100_000),
        money(FINAL, 15_700_000, grant="Revenue Support Grant", start=10),
        money(FINAL, 117_000_000, financial_year="2024-25", start=20),
        money(FINAL, 900_000_000, role="national", start=30),
    ]
    one_year = ask(rows, councils=["kent"], financial_year="2025-26")["answer"]
    assert one_year.startswith("Kent received £152.8m for 2025-26 in 2 grants")
    every_year = ask(rows, councils=["kent"])["answer"]
    assert every_year.startswith("Kent received: ") and "£269.8m" not in every_year


def test_the_papers_own_total_row_answers_a_question_naming_no_grant():
    rows = [
        money(FINAL, 137_100_000, row="Social Care Grant"),
        money(FINAL, 511_200_000, grant=None, funder=None, row="Total grants", total=True, start=10),
    ]
    answer = ask(rows, councils=["kent"], financial_year="2025-26")["answer"]
    assert answer.startswith("Kent received £511.2m for 2025-26 in all")
    assert "the paper's own total" in answer
    spending_power = money(
        FINAL, 1_505_100_000, grant=None, funder=None, row="Total Core Spending Power", total=True
    )
    answer = ask([rows[0], spending_power], councils=["kent"], financial_year="2025-26")["answer"]
    assert answer.startswith("Kent received £137.1m of Social Care Grant") and "1,505" not in answer


def test_papers_of_unknown_council_do_not_crash_an_answer_for_every_council():
    rows = [money(paper("letter", None, None, title=None), 25_000, grant=None, funder="Home Office")]
    answer = ask(rows, financial_year="2025-26")
    assert answer["answer"].startswith("The councils received £25,000 from Home Office")
    assert "undated" in answer["answer"]


def test_pounds_are_short_only_when_exact():
    assert (pounds(137_100_000), pounds(1_050_000_000), pounds(37_104), pounds(137_123_456)) == (
        "£137.1m",
        "£1.05bn",
        "£37,104",
        "£137,123,456",
    )


def test_of_a_papers_subtotal_and_grand_total_of_grants_the_grand_total_answers():
    rows = [
        money(FINAL, 501_100_000, grant=None, funder=None, row="Sub Total - Grants", total=True),
        money(FINAL, 511_200_000, grant=None, funder=None, row="Total Grants", total=True, start=10),
    ]
    answer = ask(rows, councils=["kent"], financial_year="2025-26")["answer"]
    assert answer.startswith("Kent received £511.2m for 2025-26 in all")


def test_a_grant_named_inside_a_longer_phrase_is_found():
    rows = [money(FINAL, 222_000_000, grant="Revenue Support Grant"), money(FINAL, 137_100_000, start=10)]
    answer = ask(rows, councils=["kent"], financial_year="2025-26", grant="Kent's Revenue Support Grant")
    assert answer["answer"].startswith("Kent received £222m of Revenue Support Grant")
    assert "137.1" not in answer["answer"]


def test_the_answer_data_is_the_grants_ledger_of_the_year_asked():
    rows = [
        money(FINAL, 137_100_000),
        money(FINAL, 117_000_000, financial_year="2024-25", start=20),
        money(FINAL, 900_000_000, role="national", start=30),
    ]
    data = ask(rows, councils=["kent"], financial_year="2025-26")["data"]
    assert [(e["amount"], e["role"]) for e in data["entries"]] == [(137_100_000, "received")]
    assert data["total"] == 137_100_000
