"""Plain renderings of analysis results: CSV (csv module), Markdown tables and JSON. No terminal styling."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from typing import Any

Table = tuple[list[str], list[list[str]]]
FORMATS = ("table", "csv", "json", "md")


def csv_text(table: Table) -> str:
    """A table as CSV text with a header row."""
    headers, rows = table
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def md_cell(value: Any) -> str:
    """A value safe inside a Markdown table cell: no pipes or line breaks."""
    return " ".join(str(value if value is not None else "").split()).replace("|", "\\|")


def md_table(table: Table) -> str:
    """A table as a GitHub/pandoc pipe table (pastes into Word via most Markdown converters)."""
    headers, rows = table
    lines = ["| " + " | ".join(md_cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def json_text(data: Any) -> str:
    """One JSON object, indented, non-ASCII kept as written."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def md_document(title: str, tables: list[tuple[str, Table]], lines: list[str] | None = None) -> str:
    """A small Markdown document: a heading, titled tables, then bullet lines."""
    parts = [f"# {title}\n"]
    for name, table in tables:
        parts.append(md_table(table) if name == title else f"## {name}\n\n{md_table(table)}")
    if lines:
        parts.append("\n".join(f"- {line}" for line in lines) + "\n")
    return "\n".join(parts)


# Text a spreadsheet would run as a formula if a cell began with it (a paper's words are not to be trusted).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")
FINANCIAL_YEAR = re.compile(r"(\d{4})[-/](\d{2}|\d{4})")


def plain_number(amount: float | None) -> str:
    """An amount as a spreadsheet reads a number: 38449, 37104.5, -15000 (no £, no commas; '' if missing)."""
    if amount is None:
        return ""
    return str(int(amount)) if float(amount).is_integer() else repr(float(amount))


def spreadsheet_year(financial_year: str | None) -> str:
    """'2011-12' as '2011 to 2012': Excel would read '2011-12' as December 2011 (and GOV.UK writes it so)."""
    if not financial_year:
        return ""
    match = FINANCIAL_YEAR.fullmatch(financial_year.strip())
    if not match:
        return financial_year
    return f"{match[1]} to {int(match[1]) + 1}"


def spreadsheet_cell(value: Any) -> str:
    """One value for a CSV that Excel opens as meant: numbers plain, dates ISO, lists joined, no formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return plain_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(spreadsheet_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    if text.startswith(FORMULA_START) and not NUMBER.fullmatch(text):
        return "'" + text  # shown as text, never evaluated
    return text


def spreadsheet_csv(headers: list[str], rows: list[list[Any]]) -> str:
    """A table of typed values as CSV for a spreadsheet: each cell through `spreadsheet_cell`."""
    return csv_text((headers, [[spreadsheet_cell(v) for v in row] for row in rows]))
