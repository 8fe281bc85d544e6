"""`cspsearch doctor`: what this machine's installation can do (OCR of scanned pages)."""

from __future__ import annotations

import typer

from cspsearch import services
from cspsearch.cli.common import JsonOption, console, print_json


def register(app: typer.Typer) -> None:
    app.command()(doctor)


def doctor(as_json: bool = JsonOption) -> None:
    """Say whether OCR is available to read scanned pages; exits 1 when it is not."""
    report = services.doctor()
    if as_json:
        print_json(report)
    else:
        ocr = report["ocr"]
        if ocr["available"]:
            console.print(f"[green]ok[/green]  OCR: {ocr['engine']} reads pages that have no text layer.",
                          highlight=False)
        else:
            console.print(f"[red]missing[/red]  {ocr['problem']} Until then scanned pages are not read.",
                          highlight=False)
    if not report["ocr"]["available"]:
        raise typer.Exit(1)
