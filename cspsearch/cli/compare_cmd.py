"""`cspsearch compare`: councils' priorities side by side, as a table, a chart in the terminal or an image."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from cspsearch.cli.common import console, fail
from cspsearch.cli.options import ForceOption, IndexOption, JsonOption, SchemeOption
from cspsearch.cli.output import FORMATS, chosen_format, emit
from cspsearch.library import Library
from cspsearch.results import Comparison

IMAGE_FORMATS = ("png", "svg")


def compare(
    specs: Annotated[list[str], typer.Argument(help="council[:YYYY[-YYYY]] ..., e.g. maidstone:2011-2023 medway.")],
    scheme: SchemeOption = "csp",
    theme: Annotated[list[str] | None, typer.Option("--theme", help="Only these theme ids (repeatable).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, json, md, or png/svg with -o.")] = "table",
    as_json: JsonOption = False,
    chart: Annotated[bool, typer.Option("--chart", help="Draw the themes by year, a band per council.")] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The image file to write (png or svg).")
    ] = None,
    force: ForceOption = False,
    index: IndexOption = None,
) -> None:
    """Compare councils' priorities: a theme x (council, year) matrix, changes, shared themes."""
    fmt = image_format(chosen_format(fmt, as_json, (*FORMATS, *IMAGE_FORMATS)), output)
    if chart and fmt not in ("table", *IMAGE_FORMATS):
        fail(f"--chart draws in the terminal: leave out -f {fmt}, or write an image with -f png -o FILE.")
    result = Library(index).compare(specs, scheme, theme or None)
    if output is not None and fmt in IMAGE_FORMATS:
        write_picture(result, output, fmt, force)
    elif chart:
        print_chart(result)
    else:
        emit(fmt, result, [("Priorities compared", result.table())], result.change_lines())


def image_format(fmt: str, output: Path | None) -> str:
    """The format asked for: -o picture.png alone means png; png/svg need -o, and -o needs an image."""
    if output is not None and fmt == "table" and output.suffix.lower().lstrip(".") in IMAGE_FORMATS:
        return output.suffix.lower().lstrip(".")
    if fmt in IMAGE_FORMATS and output is None:
        fail(f"-f {fmt} writes an image: name the file with -o, e.g. -o priorities.{fmt}.")
    if output is not None and fmt not in IMAGE_FORMATS:
        fail("-o writes an image: add -f png or -f svg (other formats print; redirect them with >).")
    return fmt


def print_chart(result: Comparison) -> None:
    """The themes-by-year picture in the terminal, each council in its colour and its own fill."""
    from rich.text import Text

    styles = result.chart_styles()
    console.print(Text(f"Priorities by year: {result.sources_line()}", style="bold"), highlight=False)
    for row in result.chart_rows(console.width):
        console.print(Text.assemble(*((text, styles.get(key, "")) for text, key in row)), highlight=False,
                      soft_wrap=True)


def write_picture(result: Comparison, output: Path, fmt: str, force: bool) -> None:
    """Write the themes-by-year image; an existing file stays unless --force."""
    if (output.exists() or output.is_symlink()) and not force:
        fail(f"{output} already exists; add --force to replace it.")
    try:
        result.draw(output, fmt)
    except OSError as err:
        fail(f"Cannot write {output}: {err.strerror or err}.")
    themes = len(result.themes)
    console.print(f"Priorities by year ({themes} theme{'s' if themes != 1 else ''}) drawn to "
                  f"{escape(str(output))}.", highlight=False)
