"""`cspsearch brief`: a briefing on councils' priorities, as Markdown (printed or written) or a Word document."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from cspsearch.cli.common import console, fail
from cspsearch.cli.options import ForceOption, FromYearOption, IndexOption, ToYearOption
from cspsearch.library import Library

BRIEF_FORMATS = ("md", "docx")


def brief(
    councils: Annotated[list[str], typer.Argument(help="Councils to compare, e.g. maidstone medway.")],
    year_from: FromYearOption = None,
    year_to: ToYearOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the Markdown here instead of printing it.")
    ] = None,
    scheme: Annotated[str, typer.Option("--scheme", help="Priority scheme to compare.")] = "csp",
    force: ForceOption = False,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="md (Markdown) or docx (Word, needs -o FILE.docx).")
    ] = "md",
    index: IndexOption = None,
) -> None:
    """A briefing: matrix, changes, grants, legal basis, decisions and numbered references.

    With -o brief.md, the priorities by year are drawn to brief-evolution.png beside it and linked;
    with -f docx -o brief.docx, a Word document holds the picture and real tables.
    """
    if fmt not in BRIEF_FORMATS:
        fail(f"Unknown format \u201c{fmt}\u201d: a briefing is md (Markdown) or docx (Word).")
    if fmt == "docx":
        brief_word(councils, year_from, year_to, output, scheme, force, index)
        return
    image = output.with_name(f"{output.stem}-evolution.png") if output is not None else None
    for path in (output, image):
        if path is not None and (path.exists() or path.is_symlink()) and not force:
            fail(f"{path} already exists; add --force to replace it.")
    try:
        text = Library(index).brief(councils, year_from, year_to, scheme, image)
    except OSError as err:
        fail(f"Cannot write {image}: {err.strerror or err}.")
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        Library.write_text(output, text)
    except OSError as err:
        fail(f"Cannot write {output}: {err.strerror or err}.")
    console.print(f"Briefing written to {escape(str(output))}, its picture to {escape(str(image))}.",
                  highlight=False)


def brief_word(
    councils: list[str], year_from: int | None, year_to: int | None, output: Path | None, scheme: str,
    force: bool, index: Path | None,
) -> None:
    """`brief -f docx -o FILE`: the Word briefing, written whole."""
    if output is None:
        fail("A Word briefing needs a file to go to: add -o brief.docx.")
    if (output.exists() or output.is_symlink()) and not force:
        fail(f"{output} already exists; add --force to replace it.")
    try:
        Library(index).brief_docx(councils, output, year_from, year_to, scheme)
    except OSError as err:
        fail(f"Cannot write {output}: {err.strerror or err}.")
    console.print(f"Word briefing written to {escape(str(output))}.", highlight=False)
