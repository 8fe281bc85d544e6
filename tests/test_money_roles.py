"""Money roles: what an amount is (received, national, change, ...) and whose, from its clause in
prose and from its row, column and caption in a table; on a real budget report and on sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspsearch.extract import extract_entities
from cspsearch.extract.money.roles import roles
from cspsearch.ingest.readers import read_document
from cspsearch.model import DocumentMeta

ROOT = Path(__file__).resolve().parents[1]
KENT = ROOT.parent / "shared" / "corpus-real" / "kent_county_council"
BUDGET = KENT / "full_council_2025-02-13__February_2025_Kent_County_Council_Budget_Report.pdf"
FAMILIES = ("cspsearch_acronyms", "cspsearch_dates", "cspsearch_money")
KCC = DocumentMeta(council="Kent County Council")


def money(text: str, meta: DocumentMeta | None = None) -> list[dict]:
    return [e.to_json() for e in extract_entities(text, meta or KCC, families=FAMILIES) if e.type == "money"]


def one(text: str, meta: DocumentMeta | None = None) -> dict:
    [entity] = money(text, meta)
    return entity


# --- a real ruled table: Table 3.1 of Kent's 2025 budget report ----------------------------

@pytest.fixture(scope="module")
def table_3_1() -> list[dict]:
    text = read_document(BUDGET).text
    start = text.index("Table 3.1\t")
    end = text.index("3.3 The overall", start)
    return [e.to_json() for e in extract_entities(text, KCC, families=FAMILIES)
            if e.type == "money" and start <= e.start < end]


def test_kent_column_is_received_by_kent_and_england_column_is_national(table_3_1):
    kent = [e for e in table_3_1 if e["column"].endswith("Kent £’m")]
    england = [e for e in table_3_1 if e["column"].endswith("England £’m")]
    assert len(kent) == 26 and len(england) == 30 and len(table_3_1) == 56
    assert {(e["role"], e["recipient"]) for e in kent} == {("received", "Kent County Council")}
    assert {(e["role"], e["recipient"]) for e in england} == {("national", None)}


def test_each_cell_takes_its_own_columns_year_even_where_cells_are_empty(table_3_1):
    by = {(e["row"], e["text"]): e for e in table_3_1}
    # "Recovery Grant | 0.0 | 600.0": England's 2025-26 figure, the 2024-25 cells empty
    recovery = by[("Recovery Grant", "600.0")]
    assert (recovery["financial_year"], recovery["role"]) == ("2025-26", "national")
    # "Services Grant | | | 1.3 | 87.4": Kent's 2024-25 grant, the 2025-26 cells empty
    services = by[("Services Grant", "1.3")]
    assert (services["financial_year"], services["role"], services["grant"]) == (
        "2024-25", "received", "Services Grant")
    assert services["amount"] == 1_300_000.0 and services["stage"] == "final"


def test_totals_are_marked_and_kent_total_grants_is_511m(table_3_1):
    totals = {(e["row"], e["financial_year"]) for e in table_3_1 if e.get("total")}
    assert ("Total Grants", "2025-26") in totals and ("Sub Total - Grants", "2024-25") in totals
    [grants] = [e for e in table_3_1 if e["row"] == "Total Grants" and e["role"] == "received"
                and e["financial_year"] == "2025-26"]
    assert grants["amount"] == 511_200_000.0
    assert not any(e.get("total") for e in table_3_1 if e["row"] == "Social Care Grant")


def test_grant_name_stays_on_its_own_row(table_3_1):
    assert {e["grant"] for e in table_3_1 if e["row"].startswith("Business Rate Compensation")} == {None}
    assert {e["grant"] for e in table_3_1 if e["row"] == "Social Care Grant"} == {"Social Care Grant"}


# --- tables written as tab-separated text --------------------------------------------------

def test_change_column_and_a_column_unit_of_its_own():
    text = ("Table 5 - Dedicated Schools Grant\nBlock\t2025-26 £m\t2024-25 £m\tChange £000\n"
            "Schools Block\t1,384.1\t1,275.7\t108,400\n")
    cells = {e["text"]: e for e in money(text)}
    assert (cells["1,384.1"]["role"], cells["1,384.1"]["financial_year"]) == ("received", "2025-26")
    assert cells["108,400"]["role"] == "change"
    assert cells["108,400"]["amount"] == 108_400_000.0  # £000, not the £m of the first unit heading


def test_a_risk_registers_exposure_column_is_risk_and_its_likelihood_scores_are_not_money():
    text = ("Risk Title\tConsequence\tLikelihood (1-5)\tAnnual Financial Exposure\n\t\t\t£m\n"
            "High Needs Spending\tOverspend on the revenue budget, requiring alternative compensating in year "
            "savings or temporary unbudgeted funding from reserves.\t4\t165.0\n")
    [exposure] = money(text)
    assert (exposure["text"], exposure["role"], exposure["row"]) == ("165.0", "risk", "High Needs Spending")


def test_two_tables_side_by_side_keep_their_own_row_labels():
    text = ("Table 7.3 - Net Spending and Funding\nSpending\tCore Funded\tFunding\tCore Funded\n"
            "Savings (new)\t-£72.6m\tCouncil Tax (incl. collection fund)\t£59.3m\n")
    saving, tax = money(text)
    assert (saving["row"], saving["role"]) == ("Savings (new)", "saving")
    assert (tax["row"], tax["role"]) == ("Council Tax (incl. collection fund)", "received")


# --- prose ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "role", "recipient"), [
    ("The Council's allocation for 2019-20 was £10.5m based on a formula.", "received", "Kent County Council"),
    ("KCC share in RSG £3.665m for 2025-26.", "received", "Kent County Council"),
    ("The Council's total Social Care Grant for 2023-24 was £88.771m.", "received", "Kent County Council"),
    ("£556.4m of this was allocated via the existing formula.", "other", None),
    ("KCC's allocation is based solely on a share of the £175m for RNF.", "other", None),
    ("This took the total grant nationally to £3.852bn in 2023-24.", "national", None),
    ("The government confirmed £515m was available across England.", "national", None),
    ("The forecast outturn is an overspend of £23.3m this year.", "change", None),
    ("Savings of £80.3m will be delivered.", "saving", None),
    ("A drawdown from reserves of £5m is planned.", "reserve", None),
    ("The estimated financial exposure is £12m if the risk occurs.", "risk", None),
    ("The amendment would fund £550k of wardens.", "proposed", None),
    ("The net budget of £1.5bn was agreed.", "budget", None),
    ("The contract costs £45k a year.", "spend", None),
    ("The Council's RSG has decreased from circa £161m in 2015-16.", "received", "Kent County Council"),
    ("Growth of +£59.3m is shown.", "change", None),
    ("Item £5m.", "other", None),
])
def test_prose_roles(text, role, recipient):
    entity = one(text)
    assert (entity["role"], entity["recipient"]) == (role, recipient)


def test_a_change_after_a_comma_belongs_to_the_next_amount():
    level, increase = money("The Council's total allocation for 2024-25 is £26.969m, an increase of £12.5m.")
    assert (level["role"], level["recipient"]) == ("received", "Kent County Council")
    assert increase["role"] == "change"


def test_a_grant_named_far_back_in_a_long_list_is_not_carried_onto_its_amounts():
    items = " ".join(f"item {n} £{n}," for n in range(1, 60))
    found = money(f"The Social Care Grant £9m covers {items} and more")
    assert found[0]["grant"] == "Social Care Grant"
    assert {e["grant"] for e in found[-10:]} == {None}


def test_every_money_entity_has_a_known_role():
    text = (ROOT / "tests" / "fixtures" / "money" / "budget-report-tables.txt").read_text(encoding="utf-8")
    found = money(text)
    assert found and {e["role"] for e in found} <= set(roles())


@pytest.mark.parametrize(("heading", "body", "national", "change", "year", "scale"), [
    ("2025-26 Final Kent £’m", "Kent County Council", False, False, "2025-26", 1e6),
    ("2024-25 Final England £’m", None, True, False, "2024-25", 1e6),
    ("Medway £000", "Medway Council", False, False, None, 1e3),
    ("KCC £m", "Kent County Council", False, False, None, 1e6),
    ("Change £m", None, False, True, None, 1e6),
    ("Surrey Police", None, False, False, None, None),  # a place inside another body's name
    ("Total Adults", None, False, False, None, None),
])
def test_what_a_column_heading_says(heading, body, national, change, year, scale):
    from cspsearch.extract.money.columns import describe

    column = describe(heading, "Kent County Council")
    assert (column.body, column.national, column.change, column.year, column.scale) == (
        body, national, change, year, scale)


def test_prose_stage_is_the_version_named_nearest_the_amount():
    provisional, final = money("The provisional allocation for the Council in 2025-26 was £6.2m, and this has "
                               "increased to £6.8m in the final settlement.")
    assert (provisional["stage"], final["stage"]) == ("provisional", "final")
    assert "stage" not in one("The Council's allocation is £10.1m.")


@pytest.mark.parametrize(("text", "role", "recipient"), [
    ("During 2024, KCC's Financial Hardship Programme allocated £46,100.00 to veteran homes.", "spend", None),
    ("The Council has been allocated £250,000 for 2024/25.", "received", "Kent County Council"),
    ("The Council received none of the new £600m Recovery Grant.", "other", None),
])
def test_who_gives_and_who_gets(text, role, recipient):
    entity = one(text)
    assert (entity["role"], entity["recipient"]) == (role, recipient)
