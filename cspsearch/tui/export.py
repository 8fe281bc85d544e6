"""Export of what a screen shows: a View written as a spreadsheet CSV, a Markdown table or a Word table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cspsearch.library import Library, Table, md_document, spreadsheet_csv

# The formats the CLI writes, by file suffix; any other name gets .csv added.
SUFFIXES = {".csv": "csv", ".md": "md", ".markdown": "md", ".docx": "docx"}
KINDS = {"csv": ("CSV for Excel", ".csv"), "md": ("Markdown", ".md"), "docx": ("Word", ".docx")}


@dataclass(frozen=True)
class View:
    """A table as the person sees it on screen, ready to be written out.

    `values` are the same cells typed for a spreadsheet (amounts as numbers, dates ISO, financial
    years as '2019 to 2020'); without them the CSV gets the display text.
    """

    name: str
    headers: list[str]
    rows: list[list[str]]
    values: list[list[Any]] | None = None

    @property
    def table(self) -> Table:
        return self.headers, self.rows


def view_of(screen: Any) -> View | None:
    """The exportable table of `screen`, or None when it offers none (or has nothing yet)."""
    export = getattr(screen, "export_view", None)
    return export() if callable(export) else None


def default_file_name(name: str, kind: str = "csv") -> str:
    """A safe file name for a view: 'search-CCTV Medway' -> 'search-cctv-medway.csv'."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "view"
    return f"{slug[:60]}{KINDS[kind][1]}"


def kind_of(path: Path) -> str | None:
    """The format a file name asks for ('csv', 'md', 'docx'), or None for a suffix we do not write."""
    return SUFFIXES.get(path.suffix.lower())


def render(view: View, kind: str) -> str:
    """The view as spreadsheet CSV text, or as a Markdown document titled with the view's name."""
    if kind == "md":
        return md_document(view.name, [(view.name, view.table)])
    return spreadsheet_csv(view.headers, view.values if view.values is not None else view.rows)


def save_docx(view: View, path: Path) -> None:
    """The view as a Word document: its name as the title over a real Word table (as the briefing's)."""
    Library.write_word_table(path, view.name, view.table)


def write_view(view: View, path: Path) -> Path:
    """Write `view` to `path` in the format its suffix names (.csv, .md, .docx; otherwise .csv is added)."""
    path = Path(path).expanduser()
    kind = kind_of(path)
    if kind is None:
        path, kind = path.with_name(path.name + ".csv"), "csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "docx":
        save_docx(view, path)
    else:
        # Excel reads a CSV without a byte-order mark as the machine's code page ("£" turns into "Â£");
        # the CLI prints CSV without one, for pipes, and says to save it with one for Excel.
        path.write_text(render(view, kind), encoding="utf-8-sig" if kind == "csv" else "utf-8")
    return path
