"""`cspsearch decisions`: what committees decided, recommended and voted on, with outcomes."""

from __future__ import annotations

from pathlib import Path

import typer

from cspsearch.cli.analysis_cmds import CouncilOption, FormatOption, check_format, emit
from cspsearch.cli.common import IndexOption, fail
from cspsearch.errors import CspSearchError


def register(app: typer.Typer) -> None:
    app.command()(decisions)


def decisions(
    topic: list[str] = typer.Argument(None, help="Topic words, e.g. family hubs (optional)."),
    council: list[str] = CouncilOption,
    committee: str = typer.Option(None, "--committee", help="Body or committee, e.g. Cabinet."),
    date_from: str = typer.Option(None, "--from", help="First meeting date: YYYY, YYYY-MM or YYYY-MM-DD."),
    date_to: str = typer.Option(None, "--to", help="Last meeting date: YYYY, YYYY-MM or YYYY-MM-DD."),
    kind: list[str] = typer.Option(None, "--kind", help="decision, recommendation or motion (repeatable)."),
    fmt: str = FormatOption,
    index: Path = IndexOption,
) -> None:
    """Decisions, recommendations and motions (with their votes and outcomes), in date order."""
    from cspsearch.analysis.cells import services
    from cspsearch.analysis.decisions import decisions as run
    from cspsearch.analysis.decisions import decisions_table

    try:
        result = run(services(), index=index, councils=council or None, committee=committee,
                     date_from=date_from, date_to=date_to, topic=" ".join(topic or []) or None, kinds=kind)
        lines = [] if result["count"] else ["No decision, recommendation or motion matches these filters."]
        table = decisions_table(result, compact=check_format(fmt) == "table")
        emit(fmt, result, [("Decisions", table)], lines)
    except CspSearchError as err:
        fail(err)
