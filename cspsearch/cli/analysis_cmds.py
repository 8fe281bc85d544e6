"""`cspsearch timeline`, `law` and `ask`; `register` adds every analysis command (compare, grants, brief too)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from cspsearch.cli.common import add_commands, console, fail, print_json
from cspsearch.cli.options import CouncilsOption, FormatOption, IndexOption, JsonOption, SchemeOption
from cspsearch.cli.output import chosen_format, emit, emit_sheet
from cspsearch.library import Library


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the main app."""
    from cspsearch.cli.brief_cmd import brief
    from cspsearch.cli.compare_cmd import compare
    from cspsearch.cli.grants_cmd import grants

    add_commands(app, compare, timeline, grants, law, ask, brief)


def timeline(
    theme: Annotated[str, typer.Argument(help="Theme id, label or phrasing, e.g. domestic_abuse.")],
    council: CouncilsOption = None,
    scheme: SchemeOption = "csp",
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    index: IndexOption = None,
) -> None:
    """Every year each council named a theme, in what words; first appearance and gaps."""
    from cspsearch.analysis.timeline import timeline_lines, timeline_table

    fmt = chosen_format(fmt, as_json)
    result = Library(index).timeline(theme, council or None, scheme)
    emit(fmt, result, [(f"Timeline: {result['label']}", timeline_table(result))], timeline_lines(result))


def law(
    instrument: Annotated[
        str | None, typer.Argument(help='An Act or regulations, e.g. "crime and disorder act".')
    ] = None,
    provision: Annotated[str | None, typer.Option("--provision", help="e.g. s.17, section 6, reg.5.")] = None,
    council: CouncilsOption = None,
    limit: Annotated[int, typer.Option("--limit", help="Instruments to list when none is named.")] = 20,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    index: IndexOption = None,
) -> None:
    """Which papers cite a statutory duty, by council and year; without arguments, the most cited."""
    from cspsearch.analysis.law import precedent_table, ranking_table

    if limit < 1:
        fail("--limit must be 1 or more.")
    fmt = chosen_format(fmt, as_json)
    result = Library(index).law(instrument, provision, council or None, limit)
    if instrument:
        names = "; ".join(i["instrument"] for i in result["instruments"])
        title = f"{result['provision'] + ' of ' if result['provision'] else ''}{names}"
        lines = [f"{result['total']} citation(s) in {result['papers']} paper(s)."]
        emit(fmt, result, [(title, precedent_table(result))], lines)
    else:
        emit(fmt, result, [("Most cited instruments", ranking_table(result))])


def ask(
    question: Annotated[str, typer.Argument(help='A question, e.g. "What were Medway\'s priorities in 2020?".')],
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    index: IndexOption = None,
) -> None:
    """Answer a common member question in a sentence or two, with citations."""
    fmt = chosen_format(fmt, as_json)
    result = Library(index).ask(question)
    if fmt == "json":
        print_json(result)
    elif fmt in ("csv", "md"):  # md: the question as the heading, the answer, then its sources
        emit_sheet(fmt, question.strip(), *citations_sheet(result["citations"]), intro=result["answer"])
    else:
        print_answer(result)


def citations_sheet(citations: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """The answer's sources, a row each: the paper, its date, the page and the words cited."""
    headers = ["n", "council", "meeting date", "title", "page", "text", "doc_id", "path"]
    rows = [[n, cite.get("council_id"), cite.get("meeting_date"), cite.get("title"), cite.get("page"),
             " ".join(str(cite.get("text") or "").split()), cite.get("doc_id"), cite.get("path")]
            for n, cite in enumerate(citations, start=1)]
    return headers, rows


def print_answer(result: dict[str, Any]) -> None:
    """The answer in a sentence or two, then its first ten sources with the words cited."""
    from cspsearch.analysis.answers import source

    if result["fallback"]:
        console.print("[yellow]Not understood as a known question: showing a passage search.[/yellow]")
    console.print(escape(result["answer"]), highlight=False)
    for n, cite in enumerate(result["citations"][:10], start=1):
        console.print(f"  [cyan][{n}][/cyan] {escape(source(cite))}", highlight=False)
        if cite.get("path"):  # the file, so the citation leads back to the paper itself
            console.print(f"      [dim]{escape(cite['path'])}, p.{cite.get('page')}[/dim]", highlight=False)
        if cite.get("text"):
            console.print(f"      [dim]{escape(cite['text'][:200])}[/dim]", highlight=False)
