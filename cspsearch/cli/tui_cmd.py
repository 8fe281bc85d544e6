"""`cspsearch tui`: the Textual interface (Textual is imported only when the command runs)."""

from __future__ import annotations

import typer

from cspsearch.cli.common import add_commands
from cspsearch.cli.options import IndexOption


def register(app: typer.Typer) -> None:
    add_commands(app, tui)


def tui(index: IndexOption = None) -> None:
    """Open the full-screen interface: search, read, compare, grants, law, ask."""
    from cspsearch.tui.app import CspSearchApp

    CspSearchApp(index).run()
