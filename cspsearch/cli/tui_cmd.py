"""`cspsearch tui`: the Textual interface (Textual is imported only when the command runs)."""

from __future__ import annotations

from pathlib import Path

import typer

from cspsearch.cli.common import IndexOption


def register(app: typer.Typer) -> None:
    app.command()(tui)


def tui(index: Path = IndexOption) -> None:
    """Open the full-screen interface: search, read, compare, grants, law, ask."""
    from cspsearch.tui.app import CspSearchApp

    CspSearchApp(index).run()
