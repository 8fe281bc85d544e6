"""Printing a result in the format asked for: rich tables for people; CSV, JSON or Markdown for other programs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from cspsearch.cli.common import console, print_json
from cspsearch.errors import QueryError
from cspsearch.results import writing as formats
from cspsearch.results.record import Written

FORMATS = formats.FORMATS  # table, csv, json, md: every command that prints results takes all four

TitledTable = tuple[str, formats.Table]


def chosen_format(fmt: str, as_json: bool = False, allowed: Sequence[str] = FORMATS) -> str:
    """The format to print in: json when --json is given, else -f checked against what the command writes."""
    if as_json:
        return "json"
    if fmt not in allowed:
        raise QueryError(f"--format must be one of {', '.join(allowed)}, not {fmt!r}.")
    return fmt


def emit(fmt: str, data: Written, tables: list[TitledTable], lines: Sequence[str] = ()) -> None:
    """Print a result as rich tables (+ sentences), CSV of the main table, JSON or Markdown."""
    if fmt == "json":
        print_json(data.to_json())
    elif fmt == "csv":
        typer.echo(formats.csv_text(tables[0][1]), nl=False)
    elif fmt == "md":
        typer.echo(formats.md_document(tables[0][0], tables, list(lines)), nl=False)
    else:
        for title, (headers, rows) in tables:
            show_table(title, headers, rows)
        for line in lines:
            console.print(escape(line), highlight=False)


def emit_sheet(fmt: str, title: str, headers: list[str], rows: list[list[Any]], intro: str = "") -> None:
    """A spreadsheet-shaped result as CSV (numbers and ISO dates kept for Excel) or a titled Markdown table."""
    if fmt == "csv":
        typer.echo(formats.spreadsheet_csv(headers, rows), nl=False)
        return
    cells = [[md_value(value) for value in row] for row in rows]
    text = formats.md_document(title, [(title, (headers, cells))])
    if intro:  # a sentence between the heading and the table, e.g. the answer the table cites
        heading, _, table = text.partition("\n")
        text = f"{heading}\n\n{intro}\n{table}"
    typer.echo(text, nl=False)


def md_value(value: Any) -> str:
    """A typed value as a reader of a Markdown table expects it: yes/no, 38449 not 38449.0, lists joined."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return formats.plain_number(value)
    if isinstance(value, list | tuple):
        return "; ".join(md_value(item) for item in value)
    return "" if value is None else str(value)


def show_table(title: str, headers: list[str], rows: list[list[str]]) -> None:
    table = Table(title=escape(title), show_lines=True, title_justify="left")
    for header in headers:
        table.add_column(escape(header), overflow="fold")
    for row in rows:
        table.add_row(*(escape(cell) for cell in row))
    console.print(table)
