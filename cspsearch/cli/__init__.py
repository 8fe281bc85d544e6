"""The `cspsearch` command line: parse arguments, call services, print."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="cspsearch",
    help="Search and compare UK council committee papers: priorities, grants, dates and legal "
    "references, every fact cited to its page.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    from cspsearch.cli import ingest_cmds, search_cmds

    ingest_cmds.register(app)
    search_cmds.register(app)
    try:
        from cspsearch.cli import analysis_cmds
    except ImportError:  # pragma: no cover - the analysis commands are optional while being built
        return
    analysis_cmds.register(app)
    try:
        from cspsearch.cli import tui_cmd
    except ImportError:  # pragma: no cover
        return
    tui_cmd.register(app)


_register()


def main() -> None:
    app()
