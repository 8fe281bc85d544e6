"""`cspsearch check [--repair]`: say what is wrong with an index, and rebuild it from its papers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from cspsearch.cli.common import add_commands, console, print_json
from cspsearch.cli.options import FormatOption, IndexOption, JsonOption
from cspsearch.cli.output import chosen_format, emit_sheet
from cspsearch.library import Health, Library, Repair


def register(app: typer.Typer) -> None:
    add_commands(app, check)


def check(
    papers: Annotated[list[Path] | None, typer.Argument(
        help="With --repair: more papers or folders to rebuild from (for an index too damaged to name its own).")
    ] = None,
    index: IndexOption = None,
    repair: Annotated[bool, typer.Option(
        "--repair", help="Rebuild a damaged index from its papers into a fresh one, swapped in; the damaged one "
        "is kept as INDEX.damaged-<time>.")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="With --repair: worker processes.")] = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
) -> None:
    """Verify the index (table of contents, segment files, records); exit 1 when something is wrong."""
    fmt = chosen_format(fmt, as_json)
    library = Library(index)
    health = library.check()
    result = library.repair(papers or [], jobs=jobs) if repair and not health.healthy else None
    if fmt == "json":
        print_json({**health.to_json(), "repair": result.to_json() if result else None} if repair
                   else health.to_json())
    elif fmt in ("csv", "md"):
        emit_sheet(fmt, "Index check", *(result.health if result else health).sheet())
    else:
        _print_health(health)
        if result:
            _print_repair(result)
    if result:
        raise typer.Exit(0 if result.health.healthy else 1)
    if not health.healthy:
        if not repair and fmt == "table":
            console.print(f"Rebuild it from its papers with `cspsearch check --repair --index {health.path}`.",
                          highlight=False, markup=False)
        raise typer.Exit(1)


def _print_health(health: Health) -> None:
    if health.healthy:
        console.print(f"[green]The index at {escape(health.path)} is healthy:[/green] {health.counts()}.",
                      highlight=False)
        return
    console.print(f"[red]The index at {escape(health.path)} has problems[/red] (read: {health.counts()}):",
                  highlight=False)
    for problem in health.problems:
        console.print(f"  - {escape(problem)}", highlight=False)


def _print_repair(result: Repair) -> None:
    rebuilt = result.health
    console.print(f"[green]Rebuilt[/green] {rebuilt.documents} documents from {result.ingested} papers "
                  f"into {escape(result.path)}.", highlight=False)
    if result.damaged_kept_at:
        console.print(f"The damaged index is kept at {escape(result.damaged_kept_at)}.", highlight=False)
    if result.gone:
        console.print(f"[yellow]{len(result.gone)} papers the index named are gone from disk and were not "
                      "rebuilt:[/yellow]", highlight=False)
        for path in result.gone:
            console.print(f"  - {escape(path)}", highlight=False)
    for path, reason in result.failed:
        console.print(f"[yellow]Not rebuilt:[/yellow] {escape(path)}: {escape(reason)}", highlight=False)
