"""What the analysis layer reads from an index: the IndexReader protocol and the store's reader."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from cspsearch.settings import index_dir

Row = dict[str, Any]


@runtime_checkable
class IndexReader(Protocol):
    """The four reads every analysis is built from, over one index (tests pass a fake of these)."""

    def documents(self, councils: Sequence[str] | None = None, year_from: int | None = None,
                  year_to: int | None = None) -> list[Row]:
        """Every document's fields (doc_id, title, council_id, council, committee, meeting_date, year, path...)."""
        ...

    def entity_rows(self, type: str | None = None, councils: Sequence[str] | None = None,
                    year_from: int | None = None, year_to: int | None = None,
                    doc_id: str | None = None) -> list[Row]:
        """Extracted entities with their documents' fields, optionally of one type or document."""
        ...

    def search(self, query: str, councils: Sequence[str] | None = None, year_from: int | None = None,
               year_to: int | None = None, committee: str | Sequence[str] | None = None,
               kind: str | Sequence[str] | None = None, law: str | None = None,
               theme: str | Sequence[str] | None = None, sort: str = "relevance", limit: int = 10,
               include_undated: bool = False, years: Sequence[int] | None = None) -> Row:
        """Ranked passages grouped per document: the `search --json` shape. `committee`, `kind` and `theme`
        may be lists (papers matching any); `years` keeps those meeting years when they are not one range."""
        ...

    def show(self, doc_id: str, page: int | None = None, query: str | None = None) -> Row:
        """One page of a document with its highlights and entities."""
        ...


class StoreReader:
    """The IndexReader over an index folder on disk, through the service layer's checks."""

    def __init__(self, index: str | os.PathLike[str] | None = None) -> None:
        self.folder: Path = index_dir(index)

    def documents(self, councils: Sequence[str] | None = None, year_from: int | None = None,
                  year_to: int | None = None) -> list[Row]:
        """Every document's fields, as services.documents gives them."""
        from cspsearch import services

        return services.documents(self.folder, councils, year_from, year_to)

    def entity_rows(self, type: str | None = None, councils: Sequence[str] | None = None,
                    year_from: int | None = None, year_to: int | None = None,
                    doc_id: str | None = None) -> list[Row]:
        """Extracted entities with their documents' fields, as services.entity_rows gives them."""
        from cspsearch import services

        return services.entity_rows(self.folder, type, councils, year_from, year_to, doc_id)

    def search(self, query: str, councils: Sequence[str] | None = None, year_from: int | None = None,
               year_to: int | None = None, committee: str | Sequence[str] | None = None,
               kind: str | Sequence[str] | None = None, law: str | None = None,
               theme: str | Sequence[str] | None = None, sort: str = "relevance", limit: int = 10,
               include_undated: bool = False, years: Sequence[int] | None = None) -> Row:
        """The `search --json` shape, as services.search gives it (`years`: the meeting years to keep)."""
        from cspsearch import services

        return services.search(query, self.folder, councils, year_from, year_to, committee, kind, law, theme,
                               sort, limit, include_undated, list(years) if years else None)

    def show(self, doc_id: str, page: int | None = None, query: str | None = None) -> Row:
        """One page of a document, as services.show gives it."""
        from cspsearch import services

        return services.show(doc_id, self.folder, page, query)


def open_reader(index: str | os.PathLike[str] | None = None) -> IndexReader:
    """The reader of the index folder `index` (the configured one when None). Every Library and every
    analysis called without a reader opens its reads here, so a test can put a fake in its place."""
    return StoreReader(index)


def reader_for(reader: IndexReader | None, index: str | os.PathLike[str] | None) -> IndexReader:
    """`reader` when given, else the reader of `index` (for callers that still pass an index folder)."""
    return reader if reader is not None else open_reader(index)
