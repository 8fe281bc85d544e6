"""Opening a PDF: pdfium for every page, pdfplumber (pdfminer) only when a page needs it.

pdfium opens a document in a fraction of pdfplumber's time, so pdfplumber opens the file
only for a page pdfium cannot stand in for, or when pdfium cannot open the file at all;
then its errors say what is wrong (a password, an encryption, a damaged file).
"""

from __future__ import annotations

import io

from cspsearch.errors import ParseError


def open_fast(data: bytes):
    """The pdfium document, or None when pdfium cannot open the file (pdfplumber then reads every page)."""
    from cspsearch.ingest.readers import pdfium_text

    try:
        return pdfium_text.open_document(data)
    except Exception:
        return None


class PlumberDocument:
    """pdfplumber's view of the file, opened on first use and then kept."""

    def __init__(self, data: bytes, name: str) -> None:
        self.data, self.name = data, name
        self._pdf = None
        self._pages: list | None = None

    def count(self) -> int:
        """How many pages pdfplumber sees; raises ParseError when it cannot open the file."""
        return len(self.pages())

    def pages(self) -> list:
        if self._pages is None:
            self._pdf = _open(self.data, self.name)
            self._pages = _pages(self._pdf, self.name)
        return self._pages

    def page(self, index: int) -> LazyPage:
        return LazyPage(self, index)

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()


class LazyPage:
    """pdfplumber's page `index`, opened only when one of its attributes is asked for."""

    def __init__(self, document: PlumberDocument, index: int) -> None:
        self._document, self._page = document, None
        self.page_number = index + 1

    def __getattr__(self, name: str):  # called only for what this proxy does not have itself
        if self._page is None:
            self._page = self._document.pages()[self.page_number - 1]
        return getattr(self._page, name)

    def close(self) -> None:
        if self._page is not None:
            self._page.close()


def _open(data: bytes, name: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as err:
        cause = err.args[0] if err.args else err
        if isinstance(cause, PDFPasswordIncorrect):
            raise ParseError(f"{name} is password-protected; remove the password to ingest it.") from err
        if isinstance(cause, PDFEncryptionError):
            raise ParseError(f"{name} is encrypted in a way that cannot be read ({cause}).") from err
        raise ParseError(f"{name} is not a readable PDF: the file is damaged or not really a PDF.") from err
    except Exception as err:  # pdfminer raises plain KeyError/ValueError/TypeError on some wrecks
        raise ParseError(f"{name} is not a readable PDF: the file is damaged or not really a PDF.") from err


def _open_fast(data: bytes):
    """The pdfium document, or None when pdfium cannot open what pdfplumber could."""
    from cspsearch.ingest.readers import pdfium_text

    try:
        return pdfium_text.open_document(data)
    except Exception:  # pdfplumber reads every page instead
        return None


def _pages(pdf, name: str):
    try:
        return pdf.pages
    except Exception as err:
        raise ParseError(f"{name} is damaged: its list of pages cannot be read.") from err
