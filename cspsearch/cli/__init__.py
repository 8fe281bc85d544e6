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
    from cspsearch.cli import analysis_cmds, check_cmd, docs_cmd, fetch_cmd, ingest_cmds, search_cmds, tui_cmd

    for module in (ingest_cmds, search_cmds, analysis_cmds, check_cmd, tui_cmd, fetch_cmd):
        module.register(app)
    docs_cmd.register(app)
    from cspsearch.cli import doctor_cmd

    doctor_cmd.register(app)
    from cspsearch.cli import decisions_cmd

    decisions_cmd.register(app)
    from cspsearch.cli import serve_cmd

    serve_cmd.register(app)


_register()


def main() -> None:
    app()
