"""cspsearch: search and compare UK council committee papers, every fact cited to its page.

The Python API is one object, `Library`, over an index folder:

    from cspsearch import Library
    library = Library("index")
    library.search("domestic abuse", councils=["maidstone"])

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
from cspsearch.results import LedgerEntry, Supersession

__version__ = "0.1.0"

__all__ = [
    "Citation",
    "CspSearchError",
    "DocumentMeta",
    "DocumentRecord",
    "Entity",
    "IndexBusyError",
    "IndexMissingError",
    "IndexReader",
    "LedgerEntry",
    "Library",
    "NotFoundError",
    "ParseError",
    "Passage",
    "QueryError",
    "Source",
    "Supersession",
    "__version__",
]
