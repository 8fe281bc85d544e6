"""What every command shares: the --index option, printing errors as sentences."""

from __future__ import annotations

import json
import os
import sys
from typing import Any, NoReturn

import typer
from rich.console import Console

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

IndexOption = typer.Option(None, "--index", help="Index folder (default: $CSPSEARCH_INDEX, else ./index).")
JsonOption = typer.Option(False, "--json", help="Print machine-readable JSON.")


def fail(err: CspSearchError | str, code: int = 1) -> NoReturn:
    """Print the error's sentence, without a traceback, and exit non-zero."""
    from rich.markup import escape

    # The sentence may quote a query, a path or a paper's words: none of it is markup.
    err_console.print(f"[red]Error:[/red] {escape(str(err))}", highlight=False, markup=True)
    raise typer.Exit(code)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def b_to_markup(snippet: str) -> str:
    """Search snippets mark terms with <b>; show them bold in the terminal."""
    from html import unescape

    from rich.markup import escape

    parts = snippet.replace("</b>", "<b>").split("<b>")
    return "".join(f"[bold yellow]{escape(unescape(p))}[/]" if i % 2 else escape(unescape(p))
                   for i, p in enumerate(parts))
