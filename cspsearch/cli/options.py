"""The options many commands share, declared once as `Annotated` types so each means the same everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

IndexOption = Annotated[
    Path | None, typer.Option("--index", help="Index folder (default: $CSPSEARCH_INDEX, else ./index).")
]
CouncilsOption = Annotated[
    list[str] | None, typer.Option("--council", help="Council slug or name (repeatable).")
]
CommitteeOption = Annotated[str | None, typer.Option("--committee", help="Words of the committee's name.")]
KindOption = Annotated[str | None, typer.Option("--kind", help="Document kind: report, minutes, agenda, ...")]
IncludeUndatedOption = Annotated[
    bool, typer.Option("--include-undated", help="Keep papers with no meeting date when --from/--to is given.")
]
SchemeOption = Annotated[
    str, typer.Option("--scheme", help="csp, corporate, cross_cutting, objective or all.")
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace the --output file if it exists.")]
NoOcrOption = Annotated[bool, typer.Option("--no-ocr", help="Do not OCR pages that have no text layer (scans).")]

# --from/--to: a meeting year for the papers' filters; a financial year for the grants ledger.
FromYearOption = Annotated[int | None, typer.Option("--from", help="First meeting year.")]
ToYearOption = Annotated[int | None, typer.Option("--to", help="Last meeting year.")]
FromFinancialYearOption = Annotated[
    int | None, typer.Option("--from", help="First financial year (its first calendar year).")
]
ToFinancialYearOption = Annotated[
    int | None, typer.Option("--to", help="Last financial year (its first calendar year).")
]

# Every command that prints results takes the same four formats; --json stays as the older spelling of -f json.
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, csv, json or md.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON (same as -f json).")]
LimitOption = Annotated[int, typer.Option("--limit", help="Rows to show.")]
