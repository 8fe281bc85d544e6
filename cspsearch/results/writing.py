"""How a result is written for other programs: CSV, Markdown and JSON text, with no terminal styling.

The renderings live in cspsearch.analysis.formats; front ends reach them here, beside the results."""

from __future__ import annotations

from cspsearch.analysis.formats import (
    FORMATS,
    Table,
    csv_text,
    json_text,
    md_document,
    md_table,
    plain_number,
    spreadsheet_csv,
    spreadsheet_year,
)

__all__ = ["FORMATS", "Table", "csv_text", "json_text", "md_document", "md_table", "plain_number",
           "spreadsheet_csv", "spreadsheet_year"]
