"""CitationBar: the always-visible citation of the page being read (council, committee, date, title, page, source)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual.content import Content
from textual.widgets import Static

from cspsearch.links import citation_note


def human_date(value: str | None) -> str:
    """'2011-03-14' -> '14 March 2011'; '2015-02' -> 'February 2015'; unknown -> 'undated'."""
    if not value:
        return "undated"
    parts = [int(p) for p in value.split("-") if p.isdigit()]
    try:
        if len(parts) == 3:
            return date(*parts).strftime("%-d %B %Y")
        if len(parts) == 2:
            return date(parts[0], parts[1], 1).strftime("%B %Y")
    except ValueError:
        pass
    return value


def shown_path(path: str | None) -> str | None:
    """A paper's path as short as it is unambiguous: relative to the working folder when inside it."""
    if not path:
        return None
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path


def citation_text(doc: dict[str, Any], page: int) -> str:
    """The citation as one line a person can paste into a report."""
    who = ", ".join(v for v in (doc.get("council") or doc.get("council_id"), doc.get("committee")) if v)
    title = doc.get("title") or doc.get("path") or doc.get("doc_id")
    return f"{who}, {human_date(doc.get('meeting_date'))}, \"{title}\", p. {page}"


class CitationBar(Static):
    """The title, then 'page n of m · date · council · committee', then the file or source URL."""

    DEFAULT_CSS = """
    CitationBar {
        height: auto;
        max-height: 5;
        padding: 0 1;
        background: $boost;
        border-bottom: solid $foreground 20%;
    }
    """

    def cite(self, doc: dict[str, Any], page: int, pages: int) -> None:
        # Page and date first: on a narrow terminal the committee's long name is what wraps.
        rest = [human_date(doc.get("meeting_date")), doc.get("council") or doc.get("council_id"), doc.get("committee")]
        title = doc.get("title") or doc.get("path") or doc.get("doc_id") or ""
        ocr = citation_note(doc, page)
        source = doc.get("source_url") or shown_path(doc.get("path"))  # where the paper itself can be opened
        self.update(Content.assemble((title, "bold"), "\n", (f"page {page} of {pages}", "bold $text-success"),
                                     (f" ({ocr})" if ocr else "", "$text-warning"),
                                     ("".join(f" · {v}" for v in rest if v), "$text-muted"),
                                     (f"\n{source}" if source else "", "$text-muted")))
