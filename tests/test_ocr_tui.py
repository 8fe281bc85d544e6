"""The TUI's citation bar says when the page being read came from OCR, and not otherwise."""

from __future__ import annotations

import pytest
from pilot_helpers import until
from test_ocr import APPENDIX, GRANT, scanned_page, write_scan

from cspsearch import services
from cspsearch.tui.app import CspSearchApp
from cspsearch.tui.screens.document import DocumentScreen

pytestmark = pytest.mark.anyio


async def test_the_citation_bar_marks_a_page_read_by_ocr(tmp_path, corpus_index):
    write_scan(tmp_path / "scan.pdf", [scanned_page(GRANT), scanned_page(APPENDIX)])
    report = services.ingest([tmp_path / "scan.pdf"], tmp_path / "index", jobs=1)
    assert report.ocr_pages == 2
    app = CspSearchApp(tmp_path / "index")
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: app.screen.query("#query"))
        app.open_document({"doc_id": services.documents(tmp_path / "index")[0]["doc_id"], "page": 2})
        await until(pilot, lambda: isinstance(app.screen, DocumentScreen) and app.screen.data is not None)
        assert "page 2 of 2 (read by OCR, 9" in str(app.screen.query_one("#citation").render())

    typed = services.documents(corpus_index)[0]  # a typed paper: no mark
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: app.screen.query("#query"))
        app.open_document({"doc_id": typed["doc_id"], "page": 1})
        await until(pilot, lambda: isinstance(app.screen, DocumentScreen) and app.screen.data is not None)
        assert "OCR" not in str(app.screen.query_one("#citation").render())
