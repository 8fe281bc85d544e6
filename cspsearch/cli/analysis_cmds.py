"""`cspsearch timeline`, `law` and `ask`; `register` adds every analysis command (compare, grants, brief too)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from cspsearch.cli.common import add_commands, console, fail, print_json
from cspsearch.cli.options import CouncilsOption, FormatOption, IndexOption, JsonOption, SchemeOption
from cspsearch.cli.output import chosen_format, emit, emit_sheet
from cspsearch.library import Library
from cspsearch.results import Answer


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
    fmt = chosen_format(fmt, as_json)
    result = Library(index).timeline(theme, council or None, scheme)
    emit(fmt, result, [(f"Timeline: {result.label}", result.table())], result.lines())


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
    if limit < 1:
        fail("--limit must be 1 or more.")
    fmt = chosen_format(fmt, as_json)
    result = Library(index).law(instrument, provision, council or None, limit)
    lines = [f"{result.total} citation(s) in {result.papers} paper(s)."] if result.is_precedent else []
    emit(fmt, result, [(result.title, result.table())], lines)


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
        print_json(result.to_json())
    elif fmt in ("csv", "md"):  # md: the question as the heading, the answer, then its sources
        emit_sheet(fmt, question.strip(), *result.spreadsheet(), intro=result.answer)
    else:
        print_answer(result)


def print_answer(result: Answer) -> None:
    """The answer in a sentence or two, then its first ten sources with the words cited."""
    if result.fallback:
        console.print("[yellow]Not understood as a known question: showing a passage search.[/yellow]")
    console.print(escape(result.answer), highlight=False)
    for n, cite in enumerate(result.citations[:10], start=1):
        console.print(f"  [cyan][{n}][/cyan] {escape(result.source(cite))}", highlight=False)
        if cite.path:  # the file, so the citation leads back to the paper itself
            console.print(f"      [dim]{escape(cite.path)}, p.{cite.page}[/dim]", highlight=False)
        if cite.text:
            console.print(f"      [dim]{escape(cite.text[:200])}[/dim]", highlight=False)
