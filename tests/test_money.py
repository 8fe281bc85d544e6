"""Money: every written form of an amount, ranges, negatives, money tables and the links
to financial year, funder, recipient and grant, on the sample papers and real tables."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cspsearch.extract import extract_entities
from cspsearch.extract.money.amounts import find_amounts
from cspsearch.extract.money.funding import funding_data
from cspsearch.extract.money.tables import find_table_cells
from cspsearch.model import DocumentMeta

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "money"
FAMILIES = ("cspsearch_acronyms", "cspsearch_dates", "cspsearch_money")


def money(text: str, meta: DocumentMeta | None = None) -> list[dict]:
    entities = extract_entities(text, meta or DocumentMeta(), families=FAMILIES)
    for entity in entities:
        assert text[entity.start:entity.end] == entity.text
    return [e.to_json() for e in entities if e.type == "money"]


def read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def amounts(text: str) -> list[tuple[str, float | None]]:
    return [(e["text"], e["amount"]) for e in money(text)]


# --- written forms -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "written", "amount"), [
    ("attracted PCC funding of £38,449, calculated", "£38,449", 38449.0),
    ("a grant of £1.2m for", "£1.2m", 1_200_000.0),
    ("a grant of £1.2 million for", "£1.2 million", 1_200_000.0),
    ("costs £45k a year", "£45k", 45_000.0),
    ("the contract (£74,942.14) was", "£74,942.14", 74942.14),
    ("a budget of £2.5bn in", "£2.5bn", 2_500_000_000.0),
    ("a budget of £2.5 billion in", "£2.5 billion", 2_500_000_000.0),
    ("paid £ 12,000 to", "£ 12,000", 12_000.0),
    ("an underspend of -£1.2m on", "-£1.2m", -1_200_000.0),
    ("the RSG allocation of £15.7m.", "£15.7m", 15_700_000.0),
    ("a £6000 additional fee", "£6000", 6000.0),
    ("at £12.71 per hour", "£12.71", 12.71),
    ("a fee of £2,019 was", "£2,019", 2019.0),
])
def test_written_forms(text, written, amount):
    assert amounts(text) == [(written, amount)]


@pytest.mark.parametrize(("text", "qualifier", "amount"), [
    ("lease that costs c.£550k per year", "c.", 550_000.0),
    ("had decreased from circa £161m in", "circa", 161_000_000.0),
    ("receiving just over £1.4m in", "just over", 1_400_000.0),
    ("a potential for up to £69m was", "up to", 69_000_000.0),
])
def test_hedged_amounts_keep_the_hedge(text, qualifier, amount):
    [entity] = money(text)
    assert (entity["qualifier"], entity["amount"]) == (qualifier, amount)
    assert entity["text"].startswith("£")


@pytest.mark.parametrize(("text", "low", "high"), [
    ("a fee of £10k-£15k each", 10_000.0, 15_000.0),
    ("between £10,000 to £15,000 a year", 10_000.0, 15_000.0),
    ("Margate Family Hub: £250k - £450k (depending", 250_000.0, 450_000.0),
    ("a cost of £10-15m over", 10_000_000.0, 15_000_000.0),
    ("between £1m and £2m", 1_000_000.0, 2_000_000.0),
])
def test_a_range_is_one_entity_with_amount_max(text, low, high):
    [entity] = money(text)
    assert (entity["amount"], entity["amount_max"]) == (low, high)


@pytest.mark.parametrize("text", [
    "from £532m to £1,032m", "£5m and £6m", "-£289,929 -£701,977", "£5m to 2025",
])
def test_not_ranges(text):
    assert all("amount_max" not in e for e in money(text))


def test_bracketed_amount_is_negative_in_a_table_and_an_aside_in_prose():
    assert amounts("Variance\t(£1.2m)\t£0.5m") == [("(£1.2m)", -1_200_000.0), ("£0.5m", 500_000.0)]
    assert amounts("by £1.54 per week (£80.37 per year).") == [("£1.54", 1.54), ("£80.37", 80.37)]


@pytest.mark.parametrize("text", [
    "in 2019 the partnership", "costs in £ were", "the £2019/20 budget", "up 15% on last year",
    "call 01622 602000", "see paragraph 1.2.3", "£000", "All figures in £m", "figures in £'000",
])
def test_not_money(text):
    assert money(text) == []


def test_find_amounts_offsets():
    text = "The Council’s RSG has decreased from circa £161m in 2015-16 to circa £9.6m in 2020-21."
    assert [text[a.start:a.end] for a in find_amounts(text)] == ["£161m", "£9.6m"]


# --- links: financial year, funder, recipient, grant ---------------------------------------

SAMPLES = [
    ("maidstone/2015-02-community-safety-partnership-plan-2013-18.txt", "Maidstone Borough Council",
     38449.0, "2014-15", "Police and Crime Commissioner", "Maidstone Borough Council", None),
    ("maidstone/2017-03-28-csp-plan-refresh.txt", "Maidstone Borough Council",
     37104.0, "2017-18", "Police and Crime Commissioner", "Maidstone Borough Council",
     "Community Safety Grant"),
    ("medway/2020-12-03-annual-scrutiny-community-safety-partnership.txt", "Medway Council",
     106460.0, "2019-20", "Police and Crime Commissioner", "Medway CSP", "Crime Reduction Grant"),
]


@pytest.mark.parametrize(("name", "council", "amount", "year", "funder", "recipient", "grant"), SAMPLES)
def test_sample_papers_money_with_its_links(name, council, amount, year, funder, recipient, grant):
    found = [e for e in money(read(name), DocumentMeta(council=council)) if e["amount"] is not None]
    assert [e["amount"] for e in found] == [amount]
    [entity] = found
    assert (entity["financial_year"], entity["funder"], entity["recipient"], entity["grant"]) == (
        year, funder, recipient, grant)
    assert entity["currency"] == "GBP"


def test_papers_without_money_give_none():
    text = read("maidstone/2011-03-14-smp-update-crime-disorder-scrutiny.txt")
    assert money(text) == []


def test_grant_obtained_without_an_amount_is_money_with_a_null_amount():
    text = read("maidstone/2023-04-13-strategic-assessment-partnership-plan.txt")
    [entity] = money(text)
    assert (entity["text"], entity["amount"], entity["grant"], entity["funder"]) == (
        "Safer Streets 4", None, "Safer Streets Fund round 4", "Home Office")


def test_grant_named_in_passing_is_not_money():
    assert money("The Safer Streets Fund is a Home Office programme.") == []


def test_the_council_stands_for_the_documents_council():
    [entity] = money("The Council has been allocated £250,000 from the Household Support Fund for 2024/25.",
                     DocumentMeta(council="Kent County Council"))
    assert (entity["recipient"], entity["grant"], entity["funder"], entity["financial_year"]) == (
        "Kent County Council", "Household Support Fund", "Department for Work and Pensions", "2024-25")


def test_the_council_is_no_recipient_when_the_council_is_unknown():
    [entity] = money("The Council has been allocated £250,000 for 2024/25.")
    assert entity["recipient"] is None


def test_funder_phrasings_and_year_from_the_previous_sentence():
    text = ("The Office of the Police and Crime Commissioner confirmed the Crime Reduction Grant "
            "for 2021-22. Medway CSP was awarded £95,000.")
    [entity] = money(text)
    assert (entity["funder"], entity["grant"], entity["financial_year"], entity["recipient"]) == (
        "Police and Crime Commissioner", "Crime Reduction Grant", "2021-22", "Medway CSP")


def test_generic_grant_names_and_not_grants():
    [grant] = money("Kent received £1.2m of Family Hubs Grant in 2024-25.")
    assert grant["grant"] == "Family Hubs Grant"
    [fund] = money("The Pension Fund holds £15.5m of investments.")
    assert fund["grant"] is None


# --- money tables ---------------------------------------------------------------------------

def test_tab_separated_thousands_table_is_scaled():
    text = ("Budget summary\nService\t2023/24\t2024/25\n\t£000\t£000\n"
            "Community Safety\t120\t135\nCCTV\t(40)\t-\n")
    found = [(e["text"], e["amount"], e["scale"], e["financial_year"]) for e in money(text)]
    assert found == [("120", 120_000.0, 1000.0, "2023-24"), ("135", 135_000.0, 1000.0, "2024-25"),
                     ("(40)", -40_000.0, 1000.0, "2023-24")]


def test_real_budget_report_tables():
    text = (FIXTURES / "budget-report-tables.txt").read_text(encoding="utf-8")
    found = money(text)
    by_text = {e["text"]: e for e in found if "scale" in e}
    grant = by_text["137.1"]  # Social Care Grant, Kent, 2025-26, in a £'m table
    assert (grant["amount"], grant["grant"], grant["financial_year"]) == (
        137_100_000.0, "Social Care Grant", "2025-26")
    assert by_text["5,044.0"]["financial_year"] == "2024-25"
    # Tax base table: only its last column is in £000s; the Band D equivalents are not money.
    assert by_text["83,429.8"]["amount"] == 83_429_800.0
    assert "49,832.00" not in by_text
    assert "1.00%" not in {e["text"] for e in found}


def test_real_risk_register_and_monitoring_tables():
    text = (FIXTURES / "risk-register-and-monitoring.txt").read_text(encoding="utf-8")
    cells = {e["text"]: e for e in money(text) if "scale" in e}
    assert cells["12.0"]["amount"] == 12_000_000.0
    assert "4" not in cells and "3" not in cells  # likelihood scores beside the amounts
    assert cells["391"]["financial_year"] == "2024-25"  # Table 3, all figures in £m
    assert "5,118" not in cells  # Table 4 counts pupils: a new caption ends the money table


def test_prose_numbers_inside_a_money_table_are_not_cells():
    text = ("All figures in £m\nService Budget Forecast\nLibraries 10.5 11.0\n"
            "this ceased 3 years ago and 1 more\n")
    assert [cell.amount for cell in find_table_cells(text)] == [10_500_000.0, 11_000_000.0]


def test_lone_scores_at_line_ends_are_not_money():
    text = "£m £m\nRisk A costs that lead to an 4\nRisk B leads to an overspend 3\n"
    assert find_table_cells(text) == []


# --- the data file --------------------------------------------------------------------------

def test_funding_data_is_consistent():
    data = funding_data()
    funders = {f["name"] for f in data["funders"]}
    for grant in data["grants"]:
        assert grant["funder"] in funders, grant["name"]
        assert grant["phrasings"], grant["name"]
    raw = yaml.safe_load((ROOT / "cspsearch/extract/data/funding.yaml").read_text(encoding="utf-8"))
    assert raw == data
