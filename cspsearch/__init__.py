"""cspsearch: search and compare UK council committee papers, every fact cited to its page.

The Python API is one object, `Library`, over an index folder:

    from cspsearch import Library
    library = Library("index")
    found = library.search("domestic abuse", councils=["maidstone"])
    found.results[0].passages[0].page   # typed results (cspsearch.results); found.to_json() is `--json`

Errors a person can cause are `CspSearchError`s carrying a sentence to show them.
"""

from cspsearch.errors import (
    CspSearchError,
    IndexBusyError,
    IndexMissingError,
    NotFoundError,
    ParseError,
    QueryError,
)
from cspsearch.library import Library
from cspsearch.model import Citation, DocumentMeta, DocumentRecord, Entity, Passage, Source
from cspsearch.reading import IndexReader
from cspsearch.results import (
    Answer,
    Comparison,
    Decision,
    Decisions,
    DocumentHit,
    DocumentList,
    DocumentRow,
    GrantsLedger,
    LawResult,
    LedgerEntry,
    LeftOut,
    Page,
    PassageHit,
    SearchResult,
    Supersession,
    Timeline,
)

__version__ = "0.1.0"

__all__ = [
    "Answer",
    "Citation",
    "Comparison",
    "CspSearchError",
    "Decision",
    "Decisions",
    "DocumentHit",
    "DocumentList",
    "DocumentMeta",
    "DocumentRecord",
    "DocumentRow",
    "Entity",
    "GrantsLedger",
    "IndexBusyError",
    "IndexMissingError",
    "IndexReader",
    "LawResult",
    "LedgerEntry",
    "LeftOut",
    "Library",
    "NotFoundError",
    "Page",
    "ParseError",
    "Passage",
    "PassageHit",
    "QueryError",
    "SearchResult",
    "Source",
    "Supersession",
    "Timeline",
    "__version__",
]
