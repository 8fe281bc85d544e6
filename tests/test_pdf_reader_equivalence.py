"""The pdfium-led PDF reader records the same facts as pdfplumber reading every page itself.

The reference is computed here, at test time, by `read_pdf(fast=False)`: nothing is
stored. Every real paper of up to six pages is checked (prose, agendas, forms, grant and
pay tables, a scan); bench/ingest.py runs the same check over every real PDF.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.ingest import facts  # the same facts the bench compares over every real PDF
from cspsearch.ingest.readers.pdf import read_pdf

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus-real"
MAX_PAGES = 6


def _short_real_pdfs() -> list[Path]:
    import pypdfium2

    found = []
    for path in sorted(REAL.rglob("*.pdf")):
        document = pypdfium2.PdfDocument(path)
        if len(document) <= MAX_PAGES:
            found.append(path)
        document.close()
    return found


pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="the real council papers are not beside this checkout")


@pytest.mark.parametrize("path", _short_real_pdfs() if REAL.is_dir() else [], ids=lambda p: p.name[:60])
def test_real_paper_gives_the_facts_pdfplumber_gives(path):
    data = path.read_bytes()
    fast_pages, fast_warnings = read_pdf(data, path.name)
    slow_pages, slow_warnings = read_pdf(data, path.name, fast=False)
    assert len(fast_pages) == len(slow_pages) and fast_warnings == slow_warnings
    assert facts(fast_pages, path) == facts(slow_pages, path)


def test_the_checked_papers_include_tables_and_a_scan():
    """The sample is worth something only if pdfium's table path and the scan path are in it."""
    import pypdfium2

    from cspsearch.ingest.readers.pdf_tables import ruled_tables
    from cspsearch.ingest.readers.pdfium_page import read_page

    with_tables, scans = 0, 0
    for path in _short_real_pdfs():
        document = pypdfium2.PdfDocument(path)
        pages = [read_page(page) for page in document]
        with_tables += sum(1 for page in pages if page is not None and ruled_tables(page))
        scans += all(page is not None and not page.chars for page in pages)
        document.close()
    assert with_tables >= 5 and scans >= 1
