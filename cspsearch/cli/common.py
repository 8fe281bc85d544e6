"""What every command shares: the consoles, user errors printed as one sentence, flags shown as flags."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import typer
from rich.console import Console
from typer.core import TyperCommand, TyperGroup

from cspsearch.errors import CspSearchError

# Piped or redirected, Rich would assume 80 columns and break lines and tables mid-word; a file
# or a pager has room, so tables get a wide page and sentences are not broken at all (COLUMNS,
# when set, still decides).
PIPED_WIDTH = 160


def terminal_console(stderr: bool = False) -> Console:
    """A console for people: the terminal's width, or PIPED_WIDTH when the output is not a terminal."""
    made = Console(stderr=stderr)
    if made.is_terminal or os.environ.get("COLUMNS"):
        return made
    return Console(stderr=stderr, width=PIPED_WIDTH, soft_wrap=True)


console = terminal_console()
err_console = terminal_console(stderr=True)


def fail(err: CspSearchError | str, code: int = 1) -> NoReturn:
    """Print the error's sentence, without a traceback, and exit non-zero."""
    from rich.markup import escape

    # The sentence may quote a query, a path or a paper's words: none of it is markup.
    err_console.print(f"[red]Error:[/red] {escape(str(err))}", highlight=False, markup=True)
    raise typer.Exit(code)


def flags_as_flags(params: list[Any]) -> list[Any]:
    """A yes/no option needs no value: its help shows `--json`, not `--json <bool>`; a repeatable
    option shows the one value each use takes (`--council <str>`, not `<list[str]>`)."""
    for param in params:
        if getattr(param, "is_flag", False) and not getattr(param, "count", False) and param.metavar is None:
            param.metavar = ""
        elif getattr(param, "multiple", False) and param.metavar is None:
            item = getattr(getattr(param, "type_descriptor", None), "annotation", None)
            item = next(iter(getattr(item, "__args__", ())), str)  # list[Path] -> Path
            param.metavar = f"<{getattr(item, '__name__', 'str').lower()}>"
    return params


class ReportsUserErrors:
    """What every command and group of ours does: a user error (any CspSearchError) prints as one sentence and
    exits 1, wherever it is raised; yes/no options show as flags in --help."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)  # type: ignore[misc]
        except CspSearchError as err:
            fail(err)

    def get_params(self, ctx: Any) -> list[Any]:
        return flags_as_flags(super().get_params(ctx))  # type: ignore[misc]


class Command(ReportsUserErrors, TyperCommand):
    """A command of cspsearch (register with `add_commands`, or `cls=Command`)."""


class Group(ReportsUserErrors, TyperGroup):
    """A group of cspsearch: the app and `docs`; it also covers a subcommand registered without `Command`."""


def add_commands(app: typer.Typer, *functions: Callable[..., Any]) -> None:
    """Register each function as a command of `app`, with the shared error handling and help."""
    for function in functions:
        app.command(cls=Command)(function)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def b_to_markup(snippet: str) -> str:
    """Search snippets mark terms with <b>; show them bold in the terminal."""
    from html import unescape

    from rich.markup import escape

    parts = snippet.replace("</b>", "<b>").split("<b>")
    return "".join(f"[bold yellow]{escape(unescape(p))}[/]" if i % 2 else escape(unescape(p))
                   for i, p in enumerate(parts))
