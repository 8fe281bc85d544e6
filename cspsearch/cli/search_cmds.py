"""`cspsearch search`, `entities` and `show`."""

from __future__ import annotations

from typing import Annotated

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
    found = Library(index).entities(type, council, year_from, year_to)
    rows = found.entities
    if fmt == "json":
        print_json(found.to_json())
        return
    if fmt in ("csv", "md"):
        emit_sheet(fmt, f"{len(rows)} entities", *found.sheet())
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
        table.add_row(row.type, escape(" ".join(row.text.split())[:80]), escape(row.value_text()),
                      escape(row.council_id or ""), escape(row.meeting_date or "undated"), row.doc_id, str(row.page))
    console.print(table)
    if len(rows) > limit:
        console.print(f"[dim]{len(rows) - limit} more: use --limit or --json[/dim]")


