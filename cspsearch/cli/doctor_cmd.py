"""`cspsearch doctor`: what this machine's installation can do (OCR of scanned pages)."""

from __future__ import annotations

import typer

from cspsearch.cli.common import add_commands, console, print_json
from cspsearch.cli.options import FormatOption, JsonOption
from cspsearch.cli.output import chosen_format, emit_sheet
from cspsearch.library import Library


def register(app: typer.Typer) -> None:
    add_commands(app, doctor)


def doctor(fmt: FormatOption = "table", as_json: JsonOption = False) -> None:
    """Say whether OCR is available to read scanned pages; exits 1 when it is not."""
    fmt = chosen_format(fmt, as_json)
    report = Library.doctor()
    ocr = report.ocr
    if fmt == "json":
        print_json(report.to_json())
    elif fmt in ("csv", "md"):
        emit_sheet(fmt, "What this installation can do", *report.sheet())
    elif ocr["available"]:
        console.print(f"[green]ok[/green]  OCR: {ocr['engine']} reads pages that have no text layer.",
                      highlight=False)
    else:
        console.print(f"[red]missing[/red]  {ocr['problem']} Until then scanned pages are not read.",
                      highlight=False)
    if not ocr["available"]:
        raise typer.Exit(1)
