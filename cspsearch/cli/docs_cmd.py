"""`cspsearch docs`: the list of indexed papers, with `docs set` and `docs import` to correct their metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from cspsearch.cli.common import Command, Group, console
from cspsearch.cli.options import (
    CommitteeOption,
    CouncilsOption,
    FormatOption,
    FromYearOption,
    IncludeUndatedOption,
    IndexOption,
    JsonOption,
    KindOption,
    ToYearOption,
)
from cspsearch.cli.output import chosen_format
from cspsearch.library import Library
from cspsearch.results import DocumentList
from cspsearch.results.writing import json_text, md_table, spreadsheet_csv

docs_app = typer.Typer(cls=Group, help="The list of indexed papers; correct their council, committee, date or title.")


def register(app: typer.Typer) -> None:
    app.add_typer(docs_app, name="docs")


@docs_app.callback(invoke_without_command=True)
def docs(
    ctx: typer.Context,
    index: IndexOption = None,
    council: CouncilsOption = None,
    year_from: FromYearOption = None,
    year_to: ToYearOption = None,
    committee: CommitteeOption = None,
    kind: KindOption = None,
    missing: Annotated[str | None, typer.Option("--missing", help="Only papers lacking this field: council, "
                                                "committee, meeting_date, title or kind.")] = None,
    include_undated: IncludeUndatedOption = False,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
) -> None:
    """List the indexed papers: council, committee, meeting date, kind, title, pages and source."""
    if ctx.invoked_subcommand:
        return
    fmt = chosen_format(fmt, as_json)
    result = Library(index).list_documents(council, year_from, year_to, committee, kind, missing, include_undated)
    if fmt == "json":
        typer.echo(json_text(result.to_json()), nl=False)
        return
    columns, rows = result.table()
    if fmt == "csv":  # through the spreadsheet writer, so a title that starts like a formula stays text
        typer.echo(spreadsheet_csv(columns, [list(row) for row in rows]), nl=False)
    elif fmt == "md":
        typer.echo(md_table((columns, rows)), nl=False)
    else:
        _print_table(result, rows)
    for note in result.left_out:
        typer.echo(note.note, err=fmt != "table")


def _print_table(result: DocumentList, rows: list[list[str]]) -> None:
    title = f"{result.total} of {result.indexed} papers"
    table = Table("doc", "council", "committee", "date", "kind", "title", "pages", "source", "from",
                  title=title, show_lines=False)
    for row, doc in zip(rows, result.documents, strict=True):
        source = doc.source_url or doc.path or ""
        table.add_row(row[0], escape(row[1] or "?"), escape(row[2] or "?"), row[3] or "?", row[4],
                      escape((row[5] or "")[:60]), row[6], escape(source), escape(row[9]))
    console.print(table)


@docs_app.command("set", cls=Command)
def set_fields(
    target: Annotated[str, typer.Argument(help="The paper: its doc id (or the start of it) or its path.")],
    council: Annotated[str | None, typer.Option("--council", help="Council slug or name.")] = None,
    committee: Annotated[str | None, typer.Option("--committee", help="The committee (meeting body).")] = None,
    meeting_date: Annotated[str | None, typer.Option("--meeting-date", help="YYYY-MM-DD (or YYYY-MM).")] = None,
    title: Annotated[str | None, typer.Option("--title", help="The paper's title.")] = None,
    index: IndexOption = None,
) -> None:
    """Correct a paper's metadata: writes its sidecar PAPER.meta.yaml and updates the index, without
    reading the paper again."""
    fields = {"council": council, "committee": committee, "meeting_date": meeting_date, "title": title}
    row = Library(index).correct(target, {k: v for k, v in fields.items() if v})
    console.print(f"{row['doc_id']}: {escape(row.get('council') or '?')} · {escape(row.get('committee') or '?')} · "
                  f"{row.get('meeting_date') or 'undated'} · {escape(row.get('title') or '')}", highlight=False)


@docs_app.command("import", cls=Command)
def import_csv(
    csv_file: Annotated[Path, typer.Argument(help="CSV: a doc_id or path column, plus any of council, committee, "
                                             "meeting_date, title.")],
    index: IndexOption = None,
) -> None:
    """Correct many papers' metadata from a CSV; a sentence for each row that could not be applied."""
    result = Library(index).import_corrections(csv_file)
    console.print(f"{result['corrected']} papers corrected.", highlight=False)
    for problem in result["problems"]:
        console.print(f"[yellow]{escape(problem)}[/yellow]", highlight=False)
    if result["problems"]:
        raise typer.Exit(1)
