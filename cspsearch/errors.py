"""The one error family the core raises: each carries a sentence a person can act on."""


class CspSearchError(Exception):
    """Base of every error the core raises on purpose; str(err) is a human sentence."""


class ParseError(CspSearchError):
    """A file could not be read as a document (corrupt, encrypted, empty, unsupported)."""


class ImageOnlyWarning(CspSearchError):
    """A PDF has no text layer: OCR would be needed. A warning, not a failure."""


class IndexMissingError(CspSearchError):
    """There is no index at the given location yet."""


class IndexBusyError(CspSearchError):
    """Another process is writing the index."""


class QueryError(CspSearchError):
    """A search query or filter could not be understood."""


class NotFoundError(CspSearchError):
    """A document, council, theme or instrument asked for does not exist."""
