"""The papers in the index (DocumentList of DocumentRow) and one page of a paper (Page), with their tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cspsearch.results.record import Record, many
from cspsearch.results.search import LeftOut, PaperFields

COLUMNS = ("doc_id", "council", "committee", "meeting_date", "doc_kind", "title", "pages", "path", "source_url",
           "sources")


@dataclass(frozen=True, kw_only=True)
class DocumentRow(PaperFields):
    """A paper's listing: whose, which meeting, what kind, its title, pages and where it came from; and
    where each of those fields was learnt (`meta_sources`: content, folder, sidecar, site...)."""

    pages: int | None = None
    agenda_item: str | None = None
    meta_sources: Mapping[str, str] | None = None
    ocr_pages: tuple[Mapping[str, Any], ...] = ()

    @property
    def source(self) -> str:
        """Where the paper can be opened: its source URL when it was fetched, else its file."""
        return self.source_url or self.path or "?"

    @property
    def sources_text(self) -> str:
        """'council folder, title content': where each field came from."""
        return ", ".join(f"{name} {source}" for name, source in (self.meta_sources or {}).items())

    def link(self, page: int) -> str | None:
        """A link to `page` of the paper (`#page=N`): its site address, else its file while it is on disk."""
        from cspsearch.links import page_link

        return page_link(self.to_json(), page)

    def ocr_note(self, page: int) -> str | None:
        """'read by OCR, 87% confidence' when `page` of the paper was read by OCR, else None."""
        from cspsearch.links import citation_note

        return citation_note(self.to_json(), page)

    def cell(self, column: str) -> str:
        """The text of one of COLUMNS for this paper ('' for a value not known)."""
        if column == "sources":
            return self.sources_text
        if column == "council":
            return self.council_id or ""
        value = self.get(column)
        return "" if value is None else str(value)


@dataclass(frozen=True, kw_only=True)
class DocumentList(Record):
    """The papers a listing kept (`documents`), how many that is of all indexed, and those left out."""

    total: int = 0
    indexed: int = 0
    documents: tuple[DocumentRow, ...] = ()
    left_out: tuple[LeftOut, ...] = ()

    nested = {"documents": many(DocumentRow.from_json), "left_out": many(LeftOut.from_json)}

    def table(self) -> tuple[list[str], list[list[str]]]:
        """A row of text per paper under COLUMNS, for a table, CSV or Markdown."""
        return list(COLUMNS), [[doc.cell(column) for column in COLUMNS] for doc in self.documents]


@dataclass(frozen=True, kw_only=True)
class Page(Record):
    """One page of a paper for reading a hit: its text, where it starts in the paper's text, the query's
    highlights (offsets into `text`), the entities on it, and the paper's row (`doc`)."""

    doc: DocumentRow
    page: int
    pages: int
    text: str
    page_start: int = 0
    highlights: tuple[tuple[int, int], ...] = ()
    entities: tuple[Mapping[str, Any], ...] = ()

    nested = {"doc": DocumentRow.from_json, "highlights": many(tuple)}

    def ocr_note(self) -> str | None:
        """'read by OCR, 87% confidence' when the page was read by OCR, else None."""
        return self.doc.ocr_note(self.page)

    def link(self) -> str | None:
        """A link that opens the paper at this page, when its address or file is known."""
        return self.doc.link(self.page)

    def citation_line(self) -> str:
        """'Maidstone Borough Council · Cabinet · 2017-03-28 · page 2 of 5', with the OCR note when there is one."""
        doc, ocr = self.doc, self.ocr_note()
        return (f"{doc.council or '?'} · {doc.committee or '?'} · {doc.meeting_date or 'undated'}"
                f" · page {self.page} of {self.pages}" + (f" ({ocr})" if ocr else ""))

    def spreadsheet(self) -> tuple[list[str], list[list[Any]]]:
        """The page as one spreadsheet row: the paper's citation fields, then the page's words."""
        doc = self.doc
        headers = ["doc_id", "council", "committee", "meeting date", "title", "page", "pages", "source", "text"]
        return headers, [[doc.doc_id, doc.council_id, doc.committee, doc.meeting_date, doc.title, self.page,
                          self.pages, doc.source, self.text]]

    def markdown(self) -> str:
        """The page for a document: its title as the heading, the citation in italics, the words as paragraphs."""
        cited = f"_{self.citation_line()}; {self.doc.source}, p.{self.page}_"
        return f"# {self.doc.title or self.doc.path}\n\n{cited}\n\n{self.text.strip()}\n"
