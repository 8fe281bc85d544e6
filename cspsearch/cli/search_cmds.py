"""`cspsearch search`, `entities` and `show`."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from cspsearch.cli.common import add_commands, b_to_markup, console, fail, print_json
from cspsearch.cli.options import (
    CommitteeOption,
    CouncilsOption,
    FromYearOption,
    IncludeUndatedOption,
    IndexOption,
    JsonOption,
    KindOption,
    ToYearOption,
)
from cspsearch.cli.output import chosen_format, emit_sheet
from cspsearch.library import Library
from cspsearch.results import SearchResult
from cspsearch.results.writing import spreadsheet_year


def register(app: typer.Typer) -> None:
    from cspsearch.cli.show_cmd import show

    add_commands(app, search, entities, show)


def search(
    query: Annotated[str, typer.Argument(help='Words, "phrases", AND/OR/NOT, field:value, wildcards.')],
    index: IndexOption = None,
    council: CouncilsOption = None,
    year_from: FromYearOption = None,
    year_to: ToYearOption = None,
    committee: CommitteeOption = None,
    kind: KindOption = None,
    law: Annotated[str | None, typer.Option(
        "--law", help='Papers citing an instrument, e.g. "Crime and Disorder Act 1998".')] = None,
    theme: Annotated[str | None, typer.Option("--theme", help="Passages on a theme: id, label or phrasing.")] = None,
    sort: Annotated[str, typer.Option("--sort", help="relevance, date or -date.")] = "relevance",
    limit: Annotated[int, typer.Option("--limit", help="Documents to show.")] = 10,
    include_undated: IncludeUndatedOption = False,
    as_json: JsonOption = False,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="table, csv (a row per passage), json or md (a table of passages).")] = "table",
    as_csv: Annotated[bool, typer.Option(
        "--csv", help="Same as -f csv: a row per passage, for a spreadsheet.")] = False,
) -> None:
    """Search passages; results grouped per document with page citations."""
    if limit < 1:
        fail("--limit must be 1 or more.")
    fmt = "csv" if as_csv else chosen_format(fmt, as_json)
    result = Library(index).search(query, council, year_from, year_to, committee, kind, law, theme, sort, limit,
                                   include_undated)
    if fmt == "json":
        print_json(result.to_json())
    elif fmt in ("csv", "md"):
        emit_sheet(fmt, f"Search: {query}", *result.spreadsheet())
        for note in result.left_out:
            typer.echo(note.note, err=True)
    else:
        _print_results(result)


def _print_results(result: SearchResult) -> None:
    for note in result.expanded:
        console.print(f"[dim]also searching: {escape(note)}[/dim]")
    if result.note:
        console.print(f"[yellow]{escape(result.note)}[/yellow]")
    if result.did_you_mean and result.results:
        console.print(f"Did you mean: [bold]{escape(result.did_you_mean)}[/bold]?")
    if not result.results:
        hint = f" Did you mean: {result.did_you_mean}?" if result.did_you_mean else ""
        console.print(escape(f"No passages match {result.query!r}.{hint}"), highlight=False)
        _print_left_out(result)
        return
    console.print(f"[bold]{result.total}[/bold] documents ({result.passages_total} passages)")
    for n, doc in enumerate(result.results, 1):
        head = (f"{n}. [bold]{escape(doc.title or doc.path or '?')}[/bold] — {escape(doc.council or '?')}, "
                f"{escape(doc.committee or '?')}, {doc.meeting_date or 'undated'}  [dim]{doc.doc_id}[/dim]")
        console.print(head, highlight=False)
        pages = ", ".join(f"p.{page}" for page in doc.pages)
        console.print(f"   [dim]{escape(doc.source)}{', ' + pages if pages else ''}[/dim]", highlight=False)
        for p in doc.passages:
            console.print(f"   [cyan]{p.where}[/cyan] {b_to_markup(p.snippet)}", highlight=False)
    parts = [f"{name}: " + ", ".join(f"{k} {v}" for k, v in list(counts.items())[:6])
             for name, counts in result.facets.items() if counts]
    console.print("[dim]" + escape(" · ".join(parts)) + "[/dim]")
    _print_left_out(result)


def _print_left_out(result: SearchResult) -> None:
    for note in result.left_out:
        console.print(f"[yellow]{escape(note.note)}[/yellow]", highlight=False)


def entities(
    type: Annotated[str | None, typer.Option(
        "--type", help="money, legal, priority, date, acronym, organisation, person, ...")] = None,
    index: IndexOption = None,
    council: CouncilsOption = None,
    year_from: FromYearOption = None,
    year_to: ToYearOption = None,
    limit: Annotated[int, typer.Option("--limit", help="Rows to print in the table.")] = 200,
    as_json: JsonOption = False,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="table, csv or md (every row, for a spreadsheet or a document) or json.")] = "table",
) -> None:
    """List extracted entities with their citations."""
    if limit < 1:
        fail("--limit must be 1 or more.")
    fmt = chosen_format(fmt, as_json)
    rows = Library(index).entity_rows(type, council, year_from, year_to)
    if fmt == "json":
        print_json({"total": len(rows), "entities": rows})
        return
    if fmt in ("csv", "md"):
        emit_sheet(fmt, f"{len(rows)} entities", *entities_sheet(rows))
        return
    table = Table(title=f"{len(rows)} entities")
    table.add_column("type", no_wrap=True)
    table.add_column("text", ratio=1)
    # Who paid whom for what: the widest column, folded rather than cut short on a narrow terminal.
    table.add_column("value", ratio=3, overflow="fold")
    for name in ("council", "date"):
        table.add_column(name, no_wrap=True)
    table.add_column("doc", overflow="fold")
    table.add_column("page", no_wrap=True, justify="right")
    for row in rows[:limit]:
        table.add_row(row["type"], escape(" ".join(row["text"].split())[:80]), escape(entity_value(row)),
                      escape(row.get("council_id") or ""), escape(row.get("meeting_date") or "undated"),
                      row["doc_id"], str(row["page"]))
    console.print(table)
    if len(rows) > limit:
        console.print(f"[dim]{len(rows) - limit} more: use --limit or --json[/dim]")


# Where an entity was found, first; then whatever fields its kind has, in the order they first appear.
PLACE = ["type", "text", "council_id", "committee", "meeting_date", "title", "page", "doc_id"]
NOT_IN_SHEET = {"start", "end", "context", "council", "year", "path", "doc_kind"}


def entities_sheet(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """Every entity as a spreadsheet row: amounts as numbers, dates ISO, financial years that Excel keeps."""
    fields = [k for k in dict.fromkeys(k for row in rows for k in row) if k not in NOT_IN_SHEET and k not in PLACE]
    headers = PLACE + fields

    def cell(row: dict[str, Any], key: str) -> Any:
        value = row.get(key)
        if key == "text":
            return " ".join(str(value or "").split())
        if key == "financial_year" or (key == "value" and row["type"] == "financial_year"):
            return spreadsheet_year(value)
        return value

    return headers, [[cell(row, key) for key in headers] for row in rows]


# Columns of their own, or context: not repeated in an entity's value.
NOT_VALUE = {"type", "text", "page", "start", "end", "doc_id", "council", "council_id", "committee",
             "meeting_date", "year", "title", "path", "doc_kind", "context"}
# Who and what first: on a narrow terminal the value wraps, and these are what a reader looks for.
VALUE_FIRST = ("funder", "recipient", "grant", "financial_year", "role", "amount")


def entity_value(row: dict[str, Any]) -> str:
    """An entity's own fields as 'funder=PCC, recipient=..., amount=...', the telling ones first."""
    keys = [k for k in VALUE_FIRST if k in row] + [k for k in row if k not in VALUE_FIRST]
    return ", ".join(f"{k}={row[k]}" for k in keys if k not in NOT_VALUE and row[k] not in (None, [], ""))
