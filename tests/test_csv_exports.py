"""CSV for spreadsheets: search, entities, grants and docs give amounts as numbers and dates as ISO dates."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from typer.testing import CliRunner

from cspsearch.analysis.formats import plain_number, spreadsheet_cell, spreadsheet_year
from cspsearch.cli import app

runner = CliRunner()
ISO_DATE = re.compile(r"\d{4}(-\d{2}){0,2}")  # a paper that gives only the month is dated "2015-02" (ISO too)


@pytest.fixture
def cli(corpus_index):
    def run(*args: str) -> str:
        result = runner.invoke(app, [*args, "--index", str(corpus_index)], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        return result.stdout

    return run


def sheet(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def is_iso_or_blank(value: str) -> bool:
    if not value:
        return True
    if not ISO_DATE.fullmatch(value):
        return False
    year, month, day = (value.split("-") + ["01", "01"])[:3]
    return dt.date(int(year), int(month), int(day)) is not None


def test_grants_csv_amounts_are_numbers_matching_the_ledger(cli):
    rows = sheet(cli("grants", "-f", "csv"))
    ledger = json.loads(cli("grants", "-f", "json"))
    lines = ledger["entries"] + ledger["undated"] + ledger["no_amount"]
    assert len(rows) == len(lines) > 5
    for row, line in zip(rows, lines, strict=True):
        assert "£" not in row["amount"] and "," not in row["amount"]
        assert (float(row["amount"]) if row["amount"] else None) == line["amount"]
        assert row["meeting date"] == (line["citation"]["meeting_date"] or "")
        assert is_iso_or_blank(row["meeting date"])
        assert row["amount as written"] == line["text"]  # the paper's own words kept beside the number
    maidstone = [r for r in rows if r["council"] == "maidstone" and r["status"] == "current"]
    assert {"financial year": "2014 to 2015", "amount": "38449"}.items() <= next(
        r for r in maidstone if r["amount"] == "38449").items()
    # The table and JSON keep pounds as they were.
    assert "£38,449" in cli("grants", "--council", "maidstone")


def test_search_csv_a_row_per_passage(cli):
    found = json.loads(cli("search", "domestic abuse", "--json"))
    for flags in (["--csv"], ["-f", "csv"]):
        rows = sheet(cli("search", "domestic abuse", *flags))
        assert len(rows) == sum(len(doc["passages"]) for doc in found["results"]) > 0
        assert all(is_iso_or_blank(r["meeting date"]) for r in rows)
        assert all("<b>" not in r["passage"] for r in rows)
        assert all(int(r["page"]) >= 1 and int(r["rank"]) >= 1 and float(r["score"]) > 0 for r in rows)
    first = found["results"][0]
    assert rows[0]["doc_id"] == first["doc_id"] and rows[0]["meeting date"] == (first["meeting_date"] or "")


def test_entities_csv_money_and_dates(cli):
    money = json.loads(cli("entities", "--type", "money", "--json"))["entities"]
    rows = sheet(cli("entities", "--type", "money", "-f", "csv"))
    assert len(rows) == len(money) > 10  # every row, not the table's --limit
    for row, entity in zip(rows, money, strict=True):
        assert (float(row["amount"]) if row["amount"] else None) == entity.get("amount")
        assert re.fullmatch(r"-?\d+(\.\d+)?|", row["amount"])
        assert is_iso_or_blank(row["meeting_date"])
        assert "context" not in row and "start" not in row
    dates = sheet(cli("entities", "--type", "date", "-f", "csv"))
    assert dates and all(re.fullmatch(r"\d{4}(-\d{2}){0,2}", r["value"]) for r in dates)
    years = sheet(cli("entities", "--type", "financial_year", "-f", "csv"))
    assert years and all(re.fullmatch(r"\d{4} to \d{4}", r["value"]) for r in years)


def test_docs_csv_dates_and_pages(cli):
    rows = sheet(cli("docs", "-f", "csv"))
    listed = json.loads(cli("docs", "-f", "json"))["documents"]
    assert len(rows) == len(listed) > 5
    assert all(is_iso_or_blank(r["meeting_date"]) and int(r["pages"]) >= 1 for r in rows)


def test_a_bad_format_is_a_sentence(corpus_index):
    result = runner.invoke(app, ["search", "abuse", "-f", "xlsx", "--index", str(corpus_index)])
    assert result.exit_code == 1 and "--format must be one of table, csv, json, md" in result.output


def test_cells_a_spreadsheet_reads_as_meant():
    assert plain_number(38449.0) == "38449" and plain_number(37104.5) == "37104.5"
    assert plain_number(-15000) == "-15000" and plain_number(None) == ""
    assert spreadsheet_year("2011-12") == "2011 to 2012" and spreadsheet_year("1999/2000") == "1999 to 2000"
    assert spreadsheet_year("Q3") == "Q3" and spreadsheet_year(None) == ""
    assert spreadsheet_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert spreadsheet_cell("-1500") == "-1500" and spreadsheet_cell(-1500.0) == "-1500"
    assert spreadsheet_cell(dt.date(2017, 3, 28)) == "2017-03-28"
    assert spreadsheet_cell(["a", "b"]) == "a; b" and spreadsheet_cell(True) == "TRUE"
