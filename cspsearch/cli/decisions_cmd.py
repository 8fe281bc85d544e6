"""`cspsearch decisions`: what committees decided, recommended and voted on, with outcomes."""

from __future__ import annotations

from typing import Annotated

import typer

from cspsearch.cli.common import add_commands
from cspsearch.cli.options import CouncilsOption, FormatOption, IndexOption, JsonOption
from cspsearch.cli.output import chosen_format, emit
from cspsearch.library import Library


def register(app: typer.Typer) -> None:
    add_commands(app, decisions)


def decisions(
    topic: Annotated[list[str] | None, typer.Argument(help="Topic words, e.g. family hubs (optional).")] = None,
    council: CouncilsOption = None,
    committee: Annotated[str | None, typer.Option("--committee", help="Body or committee, e.g. Cabinet.")] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="First meeting date: YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Last meeting date: YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", help="decision, recommendation or motion (repeatable).")
    ] = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    index: IndexOption = None,
) -> None:
    """Decisions, recommendations and motions (with their votes and outcomes), in date order."""
    fmt = chosen_format(fmt, as_json)
    result = Library(index).decisions(council or None, committee, date_from, date_to, " ".join(topic or []) or None,
                                      kind)
    lines = [] if result.count else ["No decision, recommendation or motion matches these filters."]
    emit(fmt, result, [("Decisions", result.table(compact=fmt == "table"))], lines)
