"""Money tables written without tabs (a PDF page without ruling lines): column headings matched
to the figures by their order, on the text pdfplumber gives for Kent's Table 3.1 and on a
monitoring table whose headings sit at the foot of the page before it."""

from __future__ import annotations

from pathlib import Path

from cspsearch.extract import extract_entities
from cspsearch.model import DocumentMeta

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "money"
KCC = DocumentMeta(council="Kent County Council")
FAMILIES = ("cspsearch_acronyms", "cspsearch_dates", "cspsearch_money")


def money(text: str) -> list[dict]:
    return [e.to_json() for e in extract_entities(text, KCC, families=FAMILIES) if e.type == "money"]


def table_3_1_cells() -> list[dict]:
    text = (FIXTURES / "budget-report-tables.txt").read_text(encoding="utf-8")
    start, end = text.index("Table 3.1 2025-26"), text.index("Schools & Alternative")
    return [e for e in money(text) if start <= e["start"] < end]


def table_3_1() -> dict[tuple[str, str], dict]:
    return {(e["row"], e["text"]): e for e in table_3_1_cells()}


def test_full_rows_take_body_and_year_from_the_heading_lines():
    cells = table_3_1()
    kent, england = cells[("Social Care Grant", "137.1")], cells[("Social Care Grant", "5,044.0")]
    assert (kent["role"], kent["recipient"], kent["financial_year"]) == ("received", "Kent County Council", "2025-26")
    assert (england["role"], england["recipient"], england["financial_year"]) == ("national", None, "2024-25")


def test_rows_with_empty_cells_keep_whose_figures_but_not_which_year():
    cells = table_3_1()
    # "Recovery Grant 0.0 600.0" is 2025-26 and "Services Grant 1.3 87.4" 2024-25: without
    # the cells' places the year cannot be told, but Kent/England repeats, so whose can.
    recovery, services = cells[("Recovery Grant", "600.0")], cells[("Services Grant", "1.3")]
    assert (recovery["role"], recovery["financial_year"]) == ("national", None)
    assert (services["role"], services["recipient"], services["financial_year"]) == (
        "received", "Kent County Council", None)


def test_no_england_figure_is_received():
    cells = table_3_1_cells()  # the excerpt stops at the Employer NICs row: 26 England figures
    england = [e for e in cells if e.get("column", "").startswith("England")]
    assert len(england) == 26 and {e["role"] for e in england} == {"national"}
    assert not [e for e in cells if e["role"] == "received" and e["amount"] > 1_100_000_000]


def test_headings_at_the_foot_of_a_page_name_the_columns_on_the_next():
    text = ("Overspends are reported in three directorates.\nAll figures in £m\n"
            "Directorate Revenue Revenue Revenue %\nPage 5 of 54\f"
            "Budget Forecast Variance Variance\n"
            "Adult Social Care & Health 586.1 621.6 +35.4 +6.0%\n"
            "Directorates Position 1,432.3 1,455.6 + 23.3 +1.6%\n"
            "Schools' Delegated Budgets 0.0 30.4 +30.4\n")
    found = {(e.get("row"), e["text"]): (e["role"], e.get("column"), e["amount"]) for e in money(text)}
    assert found[("Adult Social Care & Health", "586.1")] == ("budget", "Revenue Budget", 586_100_000.0)
    assert found[("Adult Social Care & Health", "621.6")] == ("spend", "Revenue Forecast", 621_600_000.0)
    assert found[("Adult Social Care & Health", "+35.4")] == ("change", "Revenue Variance", 35_400_000.0)
    assert found[("Directorates Position", "23.3")][:2] == ("change", "Revenue Variance")
    # three figures under four headings that do not repeat: which columns is unknown
    assert ("Schools' Delegated Budgets", "30.4") not in found or found[("Schools' Delegated Budgets", "30.4")][1] is None


def test_a_row_named_england_is_national_and_unmatched_headings_still_speak():
    text = ("Table 2 - Reserves\nAll figures in £m\nOpening Forecast Projected\n"
            "Reserve Balance Contribution Balance Details of key movements\n"
            "Insurance -12.4 -1.2 -13.6\n")
    opening, forecast, projected = money(text)
    assert (opening["role"], forecast["role"], projected["role"]) == ("reserve", "spend", "reserve")
    assert forecast["column"] == "Forecast"
    rows = money("Table 1\n£m £m\nKent 10.5 11.0\nEngland 800.0 850.0\n")
    assert [(e["row"], e["role"]) for e in rows] == [("Kent", "other")] * 2 + [("England", "national")] * 2
