"""Frozen records shared by every layer: documents, pages, passages, entities, citations."""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, cast

PAGE_BREAK = "\f"


@dataclass(frozen=True)
class Source:
    """A file found on disk, identified by its content hash."""

    path: str
    sha256: str
    kind: str  # pdf | docx | html | text
    size: int = 0


@dataclass(frozen=True)
class PageOcr:
    """How a page without a text layer was read by OCR: its mean word confidence (0 to 1)."""

    page: int
    confidence: float
    low: bool = False  # too low to trust: the text is indexed but flagged


@dataclass(frozen=True)
class ParsedDocument:
    """The plain text of a document, page by page, as the reader produced it."""

    source: Source
    pages: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    ocr_pages: tuple[PageOcr, ...] = ()  # the pages whose text came from OCR

    @property
    def text(self) -> str:
        """The document text: pages joined by a form feed. Every offset points into this."""
        return PAGE_BREAK.join(self.pages)

    def page_starts(self) -> list[int]:
        """Offset in `text` where each page begins."""
        starts, pos = [], 0
        for page in self.pages:
            starts.append(pos)
            pos += len(page) + 1
        return starts


def page_of(page_starts: list[int], offset: int) -> int:
    """The 1-based page number holding `offset`."""
    return max(1, bisect.bisect_right(page_starts, offset))


@dataclass(frozen=True)
class DocumentMeta:
    """What a document is: whose, which meeting, what about. Unknown values are None."""

    council: str | None = None
    council_id: str | None = None
    committee: str | None = None
    meeting_date: str | None = None  # ISO: YYYY-MM-DD, or YYYY-MM when only the month is known
    year: int | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    doc_kind: str | None = None
    plan_period: tuple[int, int] | None = None
    source_url: str | None = None  # where the paper was published, when it was fetched from a site
    agenda_item: str | None = None
    # Where each field came from: content, folder, sidecar, site, meeting (inherited) or given (--council).
    meta_sources: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    # Pages read by OCR, kept with the metadata so every citation of the page can say so.
    ocr_pages: tuple[PageOcr, ...] = field(default=(), hash=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["authors"] = list(self.authors)
        data["plan_period"] = list(self.plan_period) if self.plan_period else None
        return data


@dataclass(frozen=True)
class Passage:
    """A searchable block of a document: a numbered paragraph, a heading's block, a table."""

    doc_id: str
    index: int
    page: int
    start: int
    end: int
    text: str
    heading: str | None = None
    paragraph: str | None = None
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entity:
    """An extracted fact with its place in the document text and its normalised value.

    `attrs` holds the family's fields (amount, value, instrument, themes, ...) exactly as
    the `extract --json` contract names them.
    """

    type: str
    text: str
    page: int
    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": self.type, "text": self.text, "page": self.page, "start": self.start, "end": self.end,
        }
        data.update(self.attrs)
        return data


@dataclass(frozen=True)
class Citation:
    """Where a fact came from: enough to open the page and show the passage."""

    doc_id: str
    page: int
    start: int
    end: int
    title: str | None = None
    council_id: str | None = None
    committee: str | None = None
    meeting_date: str | None = None
    path: str | None = None
    text: str | None = None

    @classmethod
    def of(cls, row: Mapping[str, Any], text: str | None = None) -> Citation:
        """The citation of an entity, document or passage row (a row merged with its document's fields).

        `text` is what is quoted; without it the row's context, else its text. A row without a page
        cites page 1, without offsets 0-0."""
        doc_id = cast(str, row.get("doc_id"))  # every row the layers cite carries its document's id
        return cls(doc_id=doc_id, page=row.get("page") or 1, start=row.get("start") or 0,
                   end=row.get("end") or 0, title=row.get("title"), council_id=row.get("council_id"),
                   committee=row.get("committee"), meeting_date=row.get("meeting_date"), path=row.get("path"),
                   text=text if text is not None else row.get("context") or row.get("text"))

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Citation:
        """The citation a JSON citation object (as `to_json` writes it) describes."""
        return cls(doc_id=data["doc_id"], page=data["page"], start=data["start"], end=data["end"],
                   title=data.get("title"), council_id=data.get("council_id"), committee=data.get("committee"),
                   meeting_date=data.get("meeting_date"), path=data.get("path"), text=data.get("text"))

    def to_json(self) -> dict[str, Any]:
        """The citation object of every JSON output, its keys in the order the contract has them."""
        return {"doc_id": self.doc_id, "title": self.title, "council_id": self.council_id,
                "committee": self.committee, "meeting_date": self.meeting_date, "page": self.page,
                "start": self.start, "end": self.end, "path": self.path, "text": self.text}


@dataclass(frozen=True)
class DocumentRecord:
    """Everything ingest learns about one file, ready to be written to the index."""

    doc_id: str
    source: Source
    meta: DocumentMeta
    pages: tuple[str, ...]
    passages: tuple[Passage, ...]
    entities: tuple[Entity, ...]
    warnings: tuple[str, ...] = ()
    fingerprint: str = ""  # the file's sha256, plus its sidecar's when it has one
    pipeline: str = ""  # which reading made it (ingest.version): another one reads the file again

    @property
    def text(self) -> str:
        return PAGE_BREAK.join(self.pages)
