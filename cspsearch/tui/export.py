"""Export of what a screen shows: a View (name, headers, rows) written as CSV or Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cspsearch.analysis import formats

SUFFIXES = {".csv": "csv", ".md": "md", ".markdown": "md"}


@dataclass(frozen=True)
class View:
    """A table as the person sees it on screen, ready to be written out."""

    name: str
    headers: list[str]
    rows: list[list[str]]

    @property
    def table(self) -> formats.Table:
        return self.headers, self.rows


def view_of(screen: Any) -> View | None:
    """The exportable table of `screen`, or None when it offers none (or has nothing yet)."""
    export = getattr(screen, "export_view", None)
    return export() if callable(export) else None


def default_file_name(name: str) -> str:
    """A safe file name for a view: 'search-CCTV Medway' -> 'search-cctv-medway.csv'."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "view"
    return f"{slug[:60]}.csv"


def render(view: View, kind: str) -> str:
    """The view as CSV text, or as a Markdown document titled with the view's name."""
    if kind == "md":
        return formats.md_document(view.name, [(view.name, view.table)])
    return formats.csv_text(view.table)


def write_view(view: View, path: Path) -> Path:
    """Write `view` to `path`: CSV for .csv, Markdown for .md (any other name gets .csv added)."""
    path = Path(path).expanduser()
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        path, kind = path.with_name(path.name + ".csv"), "csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(view, kind), encoding="utf-8")
    return path
