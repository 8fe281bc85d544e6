"""`cspsearch show`: one page of a paper with its citation, for reading a search hit."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.text import Text

from cspsearch.analysis.formats import spreadsheet_csv
from cspsearch.cli.common import console, print_json
from cspsearch.cli.options import IndexOption, JsonOption
from cspsearch.cli.output import chosen_format
from cspsearch.cli.search_cmds import source_of
from cspsearch.library import Library
from cspsearch.links import citation_note

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
        print_json(result)
    elif fmt == "csv":
        typer.echo(spreadsheet_csv(*page_sheet(result)), nl=False)
    elif fmt == "md":
        typer.echo(page_markdown(result), nl=False)
    else:
        print_page(result)


def citation_line(result: dict[str, Any]) -> str:
    """'Maidstone Borough Council · Cabinet · 2017-03-28 · page 2 of 5', with the OCR note when there is one."""
    doc = result["doc"]
    ocr = citation_note(doc, result["page"])
    return (f"{doc.get('council') or '?'} · {doc.get('committee') or '?'} · {doc.get('meeting_date') or 'undated'}"
            f" · page {result['page']} of {result['pages']}" + (f" ({ocr})" if ocr else ""))


def page_sheet(result: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """The page as one spreadsheet row: the paper's citation fields, then the page's words."""
    doc = result["doc"]
    headers = ["doc_id", "council", "committee", "meeting date", "title", "page", "pages", "source", "text"]
    return headers, [[doc.get("doc_id"), doc.get("council_id"), doc.get("committee"), doc.get("meeting_date"),
                      doc.get("title"), result["page"], result["pages"], source_of(doc), result["text"]]]


def page_markdown(result: dict[str, Any]) -> str:
    """The page for a document: its title as the heading, the citation in italics, the words as paragraphs."""
    doc = result["doc"]
    cited = f"_{citation_line(result)}; {source_of(doc)}, p.{result['page']}_"
    return f"# {doc.get('title') or doc.get('path')}\n\n{cited}\n\n{result['text'].strip()}\n"


def print_page(result: dict[str, Any]) -> None:
    """The page in the terminal: the citation above it, entities coloured by kind and the query's words marked."""
    doc = result["doc"]
    console.print(f"[bold]{escape(doc.get('title') or doc['path'])}[/bold]", highlight=False)
    ocr = citation_note(doc, result["page"])
    console.print(f"{escape(doc.get('council') or '?')} · {escape(doc.get('committee') or '?')} · "
                  f"{escape(doc.get('meeting_date') or 'undated')} · page {result['page']} of {result['pages']}"
                  + (f" [yellow]({escape(ocr)})[/yellow]" if ocr else ""), highlight=False)
    console.print(f"[dim]{escape(source_of(doc))}, p.{result['page']}[/dim]", highlight=False)
    if doc.get("source_url") and doc.get("path"):
        console.print(f"[dim]file: {escape(doc['path'])}[/dim]", highlight=False)
    sources = doc.get("meta_sources") or {}
    if sources:
        said = " · ".join(f"{field} from {source}" for field, source in sources.items())
        console.print(f"[dim]{escape(said)}[/dim]", highlight=False)
    text = Text(result["text"])
    base = result["page_start"]
    for e in result["entities"]:
        text.stylize(COLOURS.get(e["type"], "underline"), e["start"] - base, e["end"] - base)
    for a, b in result["highlights"]:
        text.stylize("reverse", a, b)
    console.print(text)
