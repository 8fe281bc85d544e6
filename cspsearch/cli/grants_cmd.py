"""`cspsearch grants`: the ledger of what each council received, each grant and financial year once."""

from __future__ import annotations

from typing import Annotated

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
from cspsearch.results import GrantsLedger


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
    fmt = chosen_format(fmt, as_json)
    result = Library(index).grants(council or None, year_from, year_to, funder, grant, include_all)
    if fmt == "csv":  # every ledger line, typed for a spreadsheet
        emit_sheet(fmt, "Grants", *result.spreadsheet())
        return
    tables = [("Grants", result.table()),
              ("Totals received per council and financial year", result.totals_table())]
    emit(fmt, result, tables, result.notes())
    if chart and fmt == "table":
        draw_bars(result)


def draw_bars(ledger: GrantsLedger, width: int = 40) -> None:
    """Totals per financial year as horizontal bars."""
    by_year = ledger.by_year
    if not by_year:
        console.print("No dated grants to chart.")
        return
    top = max(item["total"] for item in by_year) or 1
    table = Table(title="Grants per financial year", show_header=False, box=None, title_justify="left")
    for item in by_year:
        bar = "\u2588" * max(1, round(width * item["total"] / top))
        table.add_row(item["financial_year"], f"[green]{bar}[/green]", ledger.money(item["total"]))
    console.print(table)
