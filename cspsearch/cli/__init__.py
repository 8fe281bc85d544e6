"""The `cspsearch` command line: parse arguments, call the library, print."""

from __future__ import annotations

from typing import Annotated

import typer

from cspsearch.cli.common import Group

app = typer.Typer(
    name="cspsearch",
    cls=Group,
    help="Search and compare UK council committee papers: priorities, grants, dates and legal references, "
    "every fact cited to its page.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def print_version(asked: bool) -> None:
    """`cspsearch --version`: the installed package's version, then exit."""
    if asked:
        from importlib.metadata import version

        typer.echo(f"cspsearch {version('cspsearch')}")
        raise typer.Exit()


@app.callback()
def options(
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=print_version, help="Print the version of cspsearch and exit.")] = False,
) -> None:
    """Search and compare UK council committee papers."""


def _register() -> None:
    from cspsearch.cli import (
        analysis_cmds,
        check_cmd,
        decisions_cmd,
        docs_cmd,
        doctor_cmd,
        fetch_cmd,
        ingest_cmds,
        reindex_cmd,
        search_cmds,
        serve_cmd,
        tui_cmd,
    )

    for module in (ingest_cmds, search_cmds, analysis_cmds, check_cmd, tui_cmd, fetch_cmd, docs_cmd, doctor_cmd,
                   decisions_cmd, serve_cmd, reindex_cmd):
        module.register(app)


_register()


def main() -> None:
    app()
