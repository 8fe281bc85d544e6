"""The ledger's rules: received amounts only, each grant once, the latest paper standing, unknown metadata kept."""

from __future__ import annotations

from typing import Any

from cspsearch.analysis.grants import build_ledger, ledger_table, totals_table


def paper(
    doc_id: str, council_id: str | None, meeting_date: str | None, title: str | None = "Budget"
) -> dict:
    """The document fields every entity row carries, as the store returns them."""
    return {
        "doc_id": doc_id,
        "council_id": council_id,
        "council": None,
        "committee": None,
        "meeting_date": meeting_date,
        "year": int(meeting_date[:4]) if meeting_date else None,
        "title": title,
        "path": f"/papers/{doc_id}.pdf",
        "doc_kind": "report",
    }


def money(
    doc: dict, amount: float | None, role: str | None = "received", start: int = 0, **attrs: Any
) -> dict:
    """A money entity row: the paper's fields plus the entity's own, attrs flattened in."""
    row = {
        **doc,
        "type": "money",
        "text": f"£{amount:,.0f}" if amount is not None else attrs.pop("text", "a grant"),
        "page": attrs.pop("page", 1),
        "start": start,
        "end": start + 8,
        "amount": amount,
        "currency": "GBP",
        "financial_year": "2025-26",
        "funder": "Ministry of Housing, Communities and Local Government",
        "recipient": None,
        "grant": "Social Care Grant",
        "context": None,
    }
    if role is not None:
        row["role"] = role
    return {**row, **attrs}


PROVISIONAL = paper("provisional", "kent", "2025-01-30", "Draft Revenue Budget")
FINAL = paper("final", "kent", "2025-02-13", "Revenue Budget")
APPENDIX = paper("appendix", "kent", "2025-02-13", "Appendix A")


def test_the_latest_paper_stands_and_the_earlier_amount_is_shown_superseded():
    ledger = build_ledger(
        [money(PROVISIONAL, 132_600_000), money(FINAL, 137_100_000, row="Social Care Grant")]
    )
    amounts = [(e["amount"], e["superseded"], e["citation"]["doc_id"]) for e in ledger["entries"]]
    assert amounts == [(137_100_000, False, "final"), (132_600_000, True, "provisional")]
    assert ledger["total"] == 137_100_000 and ledger["totals"][0]["count"] == 1
    assert ledger["superseded"] == 1
    statuses = [row[0] for row in ledger_table(ledger)[1]]
    assert statuses == ["current", "superseded"]


def test_the_same_amount_in_several_papers_is_one_line_citing_each():
    ledger = build_ledger(
        [money(PROVISIONAL, 137_100_000), money(APPENDIX, 137_100_000), money(FINAL, 137_100_000)]
    )
    (line,) = ledger["entries"]
    assert {c["doc_id"] for c in line["citations"]} == {"provisional", "appendix", "final"}
    assert line["citation"]["meeting_date"] == "2025-02-13" and not line["superseded"]
    assert ledger["total"] == 137_100_000
    assert "(+2 more)" in ledger_table(ledger)[1][0][-1]


def test_an_undated_paper_ranks_below_a_dated_one():
    undated = paper("undated", "kent", None)
    ledger = build_ledger([money(FINAL, 137_100_000), money(undated, 99_000_000)])
    assert [(e["amount"], e["superseded"]) for e in ledger["entries"]] == [
        (137_100_000, False),
        (99_000_000, True),
    ]


def test_different_grants_years_and_recipients_stay_apart():
    rows = [
        money(FINAL, 137_100_000),
        money(FINAL, 117_000_000, financial_year="2024-25", start=20),
        money(FINAL, 15_700_000, grant="Revenue Support Grant", start=40),
        money(FINAL, 500_000, recipient="Kent Fire and Rescue Service", start=60),
    ]
    ledger = build_ledger(rows)
    assert sorted(e["amount"] for e in ledger["entries"]) == [500_000, 15_700_000, 117_000_000, 137_100_000]
    assert not any(e["superseded"] for e in ledger["entries"])


def test_unnamed_amounts_from_one_funder_are_not_taken_for_revisions():
    rows = [money(PROVISIONAL, 20_000, grant=None), money(FINAL, 30_000, grant=None)]
    ledger = build_ledger(rows)
    assert [(e["amount"], e["superseded"]) for e in ledger["entries"]] == [(20_000, False), (30_000, False)]
    assert ledger["total"] == 50_000


def test_only_received_amounts_are_the_ledger_and_all_shows_every_role():
    rows = [
        money(FINAL, 137_100_000),
        money(FINAL, 5_924_000_000, role="national", start=10),
        money(FINAL, 20_100_000, role="change", start=20),
        money(FINAL, 10_000_000, role="risk", start=30),
        money(FINAL, 42_900_000, role=None, start=40),
    ]
    ledger = build_ledger(rows)
    assert [e["amount"] for e in ledger["entries"]] == [137_100_000]
    everything = build_ledger(rows, include_all=True)
    roles = {e["amount"]: e["role"] for e in everything["entries"]}
    assert roles == {
        137_100_000: "received",
        5_924_000_000: "national",
        20_100_000: "change",
        10_000_000: "risk",
        42_900_000: "other",
    }
    assert everything["total"] == 137_100_000
    headers, table = ledger_table(everything)
    assert "role" in headers
    assert {row[headers.index("role")] for row in table} == {
        "received",
        "national",
        "change",
        "risk",
        "other",
    }


def test_papers_without_council_date_or_title_are_kept_counted_and_sorted_last():
    nowhere = paper("nowhere", None, None, title=None)
    other = paper("elsewhere", None, None, title=None)
    rows = [money(nowhere, 25_000), money(other, 40_000), money(FINAL, 137_100_000)]
    ledger = build_ledger(rows)
    assert [e["council_id"] for e in ledger["entries"]] == ["kent", None, None]
    # Two papers of unknown council may be two councils: neither replaces the other.
    assert not any(e["superseded"] for e in ledger["entries"])
    assert ledger["council_unknown"] == 2
    totals = totals_table(ledger)[1]
    assert [row[0] for row in totals] == ["kent", "council unknown", "all"]
    assert ledger["total"] == 137_100_000 + 65_000
    table = ledger_table(ledger)[1]
    assert table[-1][1] == "council unknown" and table[-1][-1].startswith("undated elsewhere p.1")


def test_amounts_without_a_year_or_an_amount_sort_after_known_ones():
    rows = [
        money(FINAL, None, financial_year=None, text="Safer Streets"),
        money(FINAL, 5_000, financial_year=None, start=10),
        money(paper("x", None, None), 7_000, financial_year=None),
    ]
    ledger = build_ledger(rows)
    assert [e["council_id"] for e in ledger["undated"]] == ["kent", None]
    assert [e["text"] for e in ledger["no_amount"]] == ["Safer Streets"]
    assert ledger["total"] == 0


def test_a_named_recipient_council_owns_the_amount():
    medway_grant = money(FINAL, 106_460, recipient="Medway Council", grant="Crime Reduction Grant")
    ledger = build_ledger([medway_grant, money(FINAL, 137_100_000)], councils=["medway"])
    assert [(e["council_id"], e["amount"]) for e in ledger["entries"]] == [("medway", 106_460)]
    assert ledger["entries"][0]["citation"]["council_id"] == "kent"
    assert [e["amount"] for e in build_ledger([medway_grant], councils=["kent"])["entries"]] == []


def test_a_final_column_replaces_the_provisional_one_in_the_same_paper():
    rows = [
        money(FINAL, 132_600_000, stage="provisional", row="Social Care Grant", column="Provisional 2025-26"),
        money(FINAL, 137_100_000, stage="final", row="Social Care Grant", column="Final 2025-26", start=10),
    ]
    ledger = build_ledger(rows)
    assert [(e["amount"], e["superseded"], e["stage"]) for e in ledger["entries"]] == [
        (137_100_000, False, "final"),
        (132_600_000, True, "provisional"),
    ]
    assert ledger["total"] == 137_100_000


def test_a_papers_own_total_row_is_shown_but_not_added():
    rows = [
        money(FINAL, 137_100_000, row="Social Care Grant"),
        money(FINAL, 15_700_000, grant="Revenue Support Grant", row="Revenue Support Grant", start=10),
        money(FINAL, 152_800_000, grant=None, funder=None, row="Total grants", total=True, start=20),
    ]
    ledger = build_ledger(rows)
    assert ledger["total"] == 137_100_000 + 15_700_000
    statuses = {row[3]: row[0] for row in ledger_table(ledger)[1]}
    assert statuses["£152,800,000"] == "total row"


def test_a_received_amount_naming_no_grant_or_funder_is_left_out_but_counted():
    rows = [
        money(FINAL, 137_100_000),
        money(FINAL, 993_900_000, grant=None, funder=None, row="Council Tax", start=10),
    ]
    ledger = build_ledger(rows)
    assert [e["amount"] for e in ledger["entries"]] == [137_100_000]
    assert ledger["unnamed_received"] == 1
    assert 993_900_000 in [e["amount"] for e in build_ledger(rows, include_all=True)["entries"]]


def test_of_two_figures_in_one_paper_the_larger_stands_and_the_other_is_not_called_a_revision():
    rows = [
        money(FINAL, 3_665_000, grant="Revenue Support Grant", text="rolled in grants"),
        money(FINAL, 15_700_000, grant="Revenue Support Grant", start=40),
    ]
    ledger = build_ledger(rows)
    assert [(e["amount"], e["superseded"]) for e in ledger["entries"]] == [
        (15_700_000, False),
        (3_665_000, True),
    ]
    assert ledger["entries"][1]["superseded_by"] == {
        "amount": 15_700_000,
        "doc_id": "final",
        "page": 1,
        "by_later_paper": False,
    }
    assert [row[0] for row in ledger_table(ledger)[1]] == ["current", "other figure"]
    assert ledger["total"] == 15_700_000


def test_a_total_row_naming_a_grant_does_not_replace_the_grants_own_line():
    rows = [
        money(FINAL, 17_200_000, row="Social Care Grant", column="Adults"),
        money(FINAL, 20_100_000, row="Total Social Care Grant", total=True, start=10),
    ]
    ledger = build_ledger(rows)
    assert [(e["amount"], e["superseded"], e["total_row"]) for e in ledger["entries"]] == [
        (17_200_000, False, False),
        (20_100_000, False, True),
    ]
    assert ledger["total"] == 17_200_000


def test_brief_marks_superseded_other_figures_and_total_rows():
    from cspsearch.analysis.brief import References, grants_section

    rows = [
        money(PROVISIONAL, 132_600_000),
        money(FINAL, 137_100_000, row="Social Care Grant"),
        money(FINAL, 20_100_000, row="Passported Social Care Grant", start=5),
        money(FINAL, 511_200_000, grant=None, funder=None, row="Total Grants", total=True, start=10),
        money(paper("nowhere", None, None), 25_000, grant="Safer Streets Fund"),
    ]
    text = grants_section(build_ledger(rows), References([PROVISIONAL, FINAL]))
    assert "£132,600,000 (superseded by a later paper)" in text
    assert "£20,100,000 (another figure; £137,100,000 stands)" in text
    assert "£511,200,000 (the paper's total \u201cTotal Grants\u201d, not added)" in text
    assert "| Council unknown | 2025-26 | £25,000 |" in text
    assert "Kent 2025-26: £137,100,000; Council unknown 2025-26: £25,000" in text
