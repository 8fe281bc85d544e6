"""`cspsearch show`: one page of a paper with its citation, for reading a search hit."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.text import Text

from cspsearch.cli.common import console, print_json
from cspsearch.cli.options import IndexOption, JsonOption
from cspsearch.cli.output import chosen_format
from cspsearch.library import Library
from cspsearch.results import Page
from cspsearch.results.writing import spreadsheet_csv

COLOURS = {"money": "green", "legal": "magenta", "priority": "bold cyan", "date": "blue",
           "financial_year": "blue", "acronym": "yellow", "organisation": "red", "person": "bright_red"}


def show(
    doc_id: Annotated[str, typer.Argument(help="Document id (from search results).")],
    page: Annotated[int | None, typer.Option("--page", help="Page number (default 1).")] = None,
    query: Annotated[str | None, typer.Option("--query", help="Words to highlight.")] = None,
    index: IndexOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table (the page, highlighted), csv (the page as "
                                     "one row), json or md (the page as Markdown, its citation first).")] = "table",
    as_json: JsonOption = False,
) -> None:
    """Print a page of a document with its citation, query terms and entities highlighted."""
    fmt = chosen_format(fmt, as_json)
    result = Library(index).show(doc_id, page, query)
    if fmt == "json":
        print_json(result.to_json())
    elif fmt == "csv":
        typer.echo(spreadsheet_csv(*result.spreadsheet()), nl=False)
    elif fmt == "md":
        typer.echo(result.markdown(), nl=False)
    else:
        print_page(result)


def print_page(result: Page) -> None:
    """The page in the terminal: the citation above it, entities coloured by kind and the query's words marked."""
    doc = result.doc
    console.print(f"[bold]{escape(doc.title or doc.path or '?')}[/bold]", highlight=False)
    ocr = result.ocr_note()
    console.print(f"{escape(doc.council or '?')} · {escape(doc.committee or '?')} · "
                  f"{escape(doc.meeting_date or 'undated')} · page {result.page} of {result.pages}"
                  + (f" [yellow]({escape(ocr)})[/yellow]" if ocr else ""), highlight=False)
    console.print(f"[dim]{escape(doc.source)}, p.{result.page}[/dim]", highlight=False)
    if doc.source_url and doc.path:
        console.print(f"[dim]file: {escape(doc.path)}[/dim]", highlight=False)
    sources = doc.meta_sources or {}
    if sources:
        said = " · ".join(f"{field} from {source}" for field, source in sources.items())
        console.print(f"[dim]{escape(said)}[/dim]", highlight=False)
    text = Text(result.text)
    base = result.page_start
    for e in result.entities:
        text.stylize(COLOURS.get(e["type"], "underline"), e["start"] - base, e["end"] - base)
    for a, b in result.highlights:
        text.stylize("reverse", a, b)
    console.print(text)
