"""`cspsearch grants`: the ledger of what each council received, each grant and financial year once."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from cspsearch.cli.common import console
from cspsearch.cli.options import (
    CouncilsOption,
    FormatOption,
    FromFinancialYearOption,
    IndexOption,
    JsonOption,
    ToFinancialYearOption,
)
from cspsearch.cli.output import chosen_format, emit, emit_sheet
from cspsearch.library import Library


def grants(
    council: CouncilsOption = None,
    year_from: FromFinancialYearOption = None,
    year_to: ToFinancialYearOption = None,
    funder: Annotated[str | None, typer.Option("--funder", help="Funder words or initials, e.g. PCC.")] = None,
    grant: Annotated[str | None, typer.Option("--grant", help="Words of the grant's name.")] = None,
    include_all: Annotated[bool, typer.Option(
        "--all", help="Every money amount with its role (national, budget, change...), not only grants received."
    )] = False,
    chart: Annotated[bool, typer.Option("--chart", help="Draw the totals per financial year as bars.")] = False,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    index: IndexOption = None,
) -> None:
    """What each council received: each grant and year once, the latest paper's amount standing; totals."""
    from cspsearch.analysis.grants import ledger_lines_note, ledger_table, totals_table

    fmt = chosen_format(fmt, as_json)
    result = Library(index).grants(council or None, year_from, year_to, funder, grant, include_all)
    if fmt == "csv":  # every ledger line, typed for a spreadsheet
        emit_sheet(fmt, "Grants", *grants_sheet(result))
        return
    tables = [("Grants", ledger_table(result)),
              ("Totals received per council and financial year", totals_table(result))]
    emit(fmt, result, tables, ledger_lines_note(result))
    if chart and fmt == "table":
        draw_bars(result["by_year"])


def grants_sheet(result: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """Every ledger line for a spreadsheet: the amount a number, the meeting date ISO, the source in columns."""
    from cspsearch.analysis import formats
    from cspsearch.analysis.cells import council_label
    from cspsearch.analysis.grants import status

    headers = ["status", "council", "financial year", "amount", "amount as written", "role", "funder",
               "recipient", "grant", "meeting date", "title", "page", "table row", "doc_id"]
    rows = []
    for kind, key in (("current", "entries"), ("undated", "undated"), ("no amount", "no_amount")):
        for line in result[key]:
            cite = line["citation"]
            rows.append([status(line, kind), council_label(line["council_id"]),
                         formats.spreadsheet_year(line["financial_year"]), line["amount"], line["text"],
                         line.get("role"), line["funder"], line["recipient"], line["grant"],
                         cite.get("meeting_date"), cite.get("title"), cite.get("page"), line.get("row"),
                         cite["doc_id"]])
    return headers, rows


def draw_bars(by_year: list[dict[str, Any]], width: int = 40) -> None:
    """Totals per financial year as horizontal bars."""
    from cspsearch.analysis.grants import money

    if not by_year:
        console.print("No dated grants to chart.")
        return
    top = max(item["total"] for item in by_year) or 1
    table = Table(title="Grants per financial year", show_header=False, box=None, title_justify="left")
    for item in by_year:
        bar = "\u2588" * max(1, round(width * item["total"] / top))
        table.add_row(item["financial_year"], f"[green]{bar}[/green]", money(item["total"]))
    console.print(table)
