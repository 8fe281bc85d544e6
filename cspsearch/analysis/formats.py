"""Plain renderings of analysis results: CSV (csv module), Markdown tables and JSON. No terminal styling."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

Table = tuple[list[str], list[list[str]]]
FORMATS = ("table", "csv", "json", "md")


def csv_text(table: Table) -> str:
    """A table as CSV text with a header row."""
    headers, rows = table
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def md_cell(value: Any) -> str:
    """A value safe inside a Markdown table cell: no pipes or line breaks."""
    return " ".join(str(value if value is not None else "").split()).replace("|", "\\|")


def md_table(table: Table) -> str:
    """A table as a GitHub/pandoc pipe table (pastes into Word via most Markdown converters)."""
    headers, rows = table
    lines = ["| " + " | ".join(md_cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def json_text(data: Any) -> str:
    """One JSON object, indented, non-ASCII kept as written."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def md_document(title: str, tables: list[tuple[str, Table]], lines: list[str] | None = None) -> str:
    """A small Markdown document: a heading, titled tables, then bullet lines."""
    parts = [f"# {title}\n"]
    for name, table in tables:
        parts.append(md_table(table) if name == title else f"## {name}\n\n{md_table(table)}")
    if lines:
        parts.append("\n".join(f"- {line}" for line in lines) + "\n")
    return "\n".join(parts)
