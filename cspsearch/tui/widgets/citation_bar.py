"""CitationBar: the always-visible citation of the page being read (council, committee, date, title, page, source)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.content import Content
from textual.widgets import Static

from cspsearch.library import DocumentRow


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


def citation_text(doc: DocumentRow, page: int) -> str:
    """The citation as one line a person can paste into a report."""
    who = ", ".join(v for v in (doc.council or doc.council_id, doc.committee) if v)
    title = doc.title or doc.path or doc.doc_id
    return f"{who}, {human_date(doc.meeting_date)}, \"{title}\", p. {page}"


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

    def cite(self, doc: DocumentRow, page: int, pages: int, ocr: str | None = None) -> None:
        """Show `page` of `pages` of the paper `doc`; `ocr` says how OCR read the page, when it did."""
        # Page and date first: on a narrow terminal the committee's long name is what wraps.
        rest = [human_date(doc.meeting_date), doc.council or doc.council_id, doc.committee]
        title = doc.title or doc.path or doc.doc_id or ""
        source = doc.source_url or shown_path(doc.path)  # where the paper itself can be opened
        self.update(Content.assemble((title, "bold"), "\n", (f"page {page} of {pages}", "bold $text-success"),
                                     (f" ({ocr})" if ocr else "", "$text-warning"),
                                     ("".join(f" · {v}" for v in rest if v), "$text-muted"),
                                     (f"\n{source}" if source else "", "$text-muted")))
