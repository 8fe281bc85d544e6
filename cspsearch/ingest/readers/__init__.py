"""One reader per format behind `read_document`: the file's pages of text, cleaned, with warnings."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from cspsearch.errors import ParseError
from cspsearch.ingest.discover import kind_of
from cspsearch.ingest.layout import clean_pages
from cspsearch.ingest.readers.ocr import run_for
from cspsearch.ingest.readers.pdf import read_pdf
from cspsearch.model import ParsedDocument, Source

Reader = Callable[[bytes, str], tuple[list[str], list[str]]]


def read_document(path: Path) -> ParsedDocument:
    """Read a document of any supported format; user-caused failures raise ParseError.

    Error sentences name the file; warnings do not, as they are shown beside the path.
    """
    path = Path(path)
    kind = kind_of(path)
    data = _read_bytes(path)
    if not data:
        raise ParseError(f"{path.name} is empty (0 bytes).")
    sha256 = hashlib.sha256(data).hexdigest()
    ocr = run_for(sha256) if kind == "pdf" else None  # None unless this process turned OCR on
    pages, warnings = read_pdf(data, path.name, ocr) if ocr is not None else _reader(kind)(data, path.name)
    pages = clean_pages(pages)
    if not any(page.strip() for page in pages) and not warnings:
        warnings.append("no text was found in this file.")
    source = Source(path=str(path), sha256=sha256, kind=kind, size=len(data))
    return ParsedDocument(source=source, pages=tuple(pages), warnings=tuple(warnings),
                          ocr_pages=tuple(ocr.pages) if ocr is not None else ())


def _read_bytes(path: Path) -> bytes:
    """The whole file, read once: the hash and the parse see the same bytes."""
    try:
        return path.read_bytes()
    except FileNotFoundError as err:
        raise ParseError(f"{path.name} disappeared before it could be read.") from err
    except PermissionError as err:
        raise ParseError(f"{path.name} cannot be read: permission denied.") from err
    except IsADirectoryError as err:
        raise ParseError(f"{path.name} is a folder, not a document.") from err
    except OSError as err:
        raise ParseError(f"{path.name} could not be read: {err.strerror or err}.") from err


def _reader(kind: str) -> Reader:
    # Each reader module imports its library only when called, so start-up stays light.
    if kind == "pdf":
        from cspsearch.ingest.readers.pdf import read_pdf
        return read_pdf
    if kind == "docx":
        from cspsearch.ingest.readers.docx import read_docx
        return read_docx
    if kind == "html":
        from cspsearch.ingest.readers.html import read_html
        return read_html
    if kind == "xlsx":
        from cspsearch.ingest.readers.xlsx import read_xlsx
        return read_xlsx
    from cspsearch.ingest.readers.text import read_text
    return read_text
