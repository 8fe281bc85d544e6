"""The pdfium-led PDF reader records the same facts as pdfplumber reading every page itself.

The reference is computed here, at test time, by `read_pdf(fast=False)`: nothing is
stored. Every real paper of up to six pages is checked (prose, agendas, forms, grant and
pay tables, a scan); bench/ingest.py runs the same check over every real PDF.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

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


def _unspaced(text: str) -> str:
    # pdfplumber splits a few words pdfium keeps whole ("Gra de"); the fact is the same
    return "".join(text.split())


def _facts(pages: list[str], path: Path) -> Counter[tuple[str, ...]]:
    """Each entity (type, page, text, every field) and the document's metadata, as ingest records them."""
    from cspsearch.extract import extract_entities
    from cspsearch.ingest.layout import clean_pages
    from cspsearch.ingest.metadata import infer_meta
    from cspsearch.model import PAGE_BREAK

    cleaned = clean_pages(pages)
    text = PAGE_BREAK.join(cleaned)
    meta = infer_meta(text, cleaned, path)
    found: Counter[tuple[str, ...]] = Counter(
        (e.type, str(e.page), _unspaced(e.text), _unspaced(json.dumps(e.attrs, sort_keys=True, default=str)))
        for e in (extract_entities(text, meta) if text.strip() else []))
    found[("meta", _unspaced(repr(meta)))] += 1
    return found


pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="the real council papers are not beside this checkout")


@pytest.mark.parametrize("path", _short_real_pdfs() if REAL.is_dir() else [], ids=lambda p: p.name[:60])
def test_real_paper_gives_the_facts_pdfplumber_gives(path):
    data = path.read_bytes()
    fast_pages, fast_warnings = read_pdf(data, path.name)
    slow_pages, slow_warnings = read_pdf(data, path.name, fast=False)
    assert len(fast_pages) == len(slow_pages) and fast_warnings == slow_warnings
    assert _facts(fast_pages, path) == _facts(slow_pages, path)


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
