"""Search results: the papers found (DocumentHit), each with its passages (PassageHit), facets and notes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cspsearch.results.record import Record, many


@dataclass(frozen=True, kw_only=True)
class LeftOut(Record):
    """Papers a filter left out because a field of theirs is unknown: `note` says how many and how to keep them."""

    field: str
    papers: int
    note: str


@dataclass(frozen=True, kw_only=True)
class PassageHit(Record):
    """A passage found: its page and paragraph, the snippet with the terms found in <b> marks, its score."""

    page: int
    snippet: str
    start: int | None = None
    end: int | None = None
    paragraph: str | None = None
    heading: str | None = None
    score: float | None = None

    @property
    def plain_snippet(self) -> str:
        """The snippet without the <b> marks of the terms found (a spreadsheet shows them as text)."""
        return " ".join(re.sub(r"</?b>", "", self.snippet).split())

    @property
    def where(self) -> str:
        """'p.3 ¶2.1', or 'p.3' when the passage has no paragraph number."""
        return f"p.{self.page}" + (f" \u00b6{self.paragraph}" if self.paragraph else "")


@dataclass(frozen=True, kw_only=True)
class PaperFields(Record):
    """What names a paper wherever one is listed or found: whose, which meeting, what kind, its title, where."""

    doc_id: str
    title: str | None = None
    council_id: str | None = None
    council: str | None = None
    committee: str | None = None
    meeting_date: str | None = None
    year: int | None = None
    doc_kind: str | None = None
    path: str | None = None
    source_url: str | None = None


@dataclass(frozen=True, kw_only=True)
class DocumentHit(PaperFields):
    """A paper found, with the fields that cite it and its best passages, the best first."""

    score: float | None = None
    matches: int | None = None
    passages: tuple[PassageHit, ...] = ()

    nested = {"passages": many(PassageHit.from_json)}

    @property
    def source(self) -> str:
        """Where the paper can be opened: its source URL when it was fetched, else its file."""
        return self.source_url or self.path or "?"

    @property
    def pages(self) -> list[int]:
        """The pages its passages are on, once each, in the order found."""
        return list(dict.fromkeys(p.page for p in self.passages))


@dataclass(frozen=True, kw_only=True)
class SearchResult(Record):
    """Ranked papers with their passages (`results`), how many papers and passages matched in all, counts
    per council, year, kind and theme (`facets`), the synonyms also searched (`expanded`), whether the
    query was relaxed to any of its words, a spelling suggestion, a note, and the papers left out."""

    query: str
    total: int = 0
    passages_total: int = 0
    results: tuple[DocumentHit, ...] = ()
    facets: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    expanded: tuple[str, ...] = ()
    relaxed: bool = False
    did_you_mean: str | None = None
    note: str | None = None
    left_out: tuple[LeftOut, ...] = ()

    nested = {"results": many(DocumentHit.from_json), "left_out": many(LeftOut.from_json)}

    def spreadsheet(self) -> tuple[list[str], list[list[Any]]]:
        """A row per passage found: its paper (rank, council, ISO date, title), page and words."""
        headers = ["rank", "council", "committee", "meeting date", "kind", "title", "page", "paragraph", "heading",
                   "passage", "score", "doc_id", "source"]
        rows = [
            [rank, doc.council_id, doc.committee, doc.meeting_date, doc.doc_kind, doc.title, p.page, p.paragraph,
             p.heading, p.plain_snippet, round(p.score, 3) if p.score is not None else None, doc.doc_id,
             doc.source]
            for rank, doc in enumerate(self.results, 1)
            for p in doc.passages
        ]
        return headers, rows
