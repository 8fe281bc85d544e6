"""A page read by pdfium and shown to pdfplumber's table and text code as if pdfplumber had parsed it.

pdfplumber's table finder and text layout need only a page's characters, its ruling edges
and its box. pdfium gives both lists (readers/pdfium_text.py, readers/pdfium_geometry.py)
many times faster than pdfminer's parse, so `PdfiumPage` carries them with the few page
methods the PDF reader calls (find_tables, within_bbox, filter, extract_words,
extract_text), each doing what pdfplumber's own does with the same objects.
"""

from __future__ import annotations

from collections.abc import Callable


class PdfiumPage:
    """Characters and edges of one page, with pdfplumber's `Page` methods the PDF reader uses."""

    def __init__(self, chars: list[dict], edges: list[dict], width: float, height: float,
                 bbox: tuple[float, float, float, float] | None = None) -> None:
        self.chars = chars
        self.edges = edges
        self.width, self.height = width, height
        self.bbox = bbox or (0.0, 0.0, width, height)

    def find_tables(self) -> list:
        """pdfplumber's tables, with its default settings (ruling lines both ways)."""
        from pdfplumber.table import TableFinder, TableSettings

        return TableFinder(self, TableSettings.resolve(None)).tables  # type: ignore[arg-type]

    def within_bbox(self, bbox: tuple[float, float, float, float]) -> PdfiumPage:
        """The characters wholly inside `bbox` (pdfplumber's `within_bbox`)."""
        from pdfplumber.utils import within_bbox

        x0, top, x1, bottom = bbox
        # a plain comparison first narrows the page to the box; pdfplumber's test then has the last word
        near = [c for c in self.chars if c["x0"] >= x0 and c["x1"] <= x1 and c["top"] >= top and c["bottom"] <= bottom]
        return PdfiumPage(within_bbox(near, bbox), [], self.width, self.height, bbox)

    def filter(self, keep: Callable[[dict], bool]) -> PdfiumPage:
        return PdfiumPage([char for char in self.chars if keep(char)], [edge for edge in self.edges if keep(edge)],
                          self.width, self.height, self.bbox)

    def extract_words(self) -> list[dict]:
        from pdfplumber.utils import extract_words

        return extract_words(self.chars)

    def extract_text(self) -> str:
        from pdfplumber.utils.text import chars_to_textmap

        textmap = chars_to_textmap(self.chars, layout_bbox=self.bbox, layout_width=self.width,
                                   layout_height=self.height)
        return textmap.as_string


def read_page(page) -> PdfiumPage | None:
    """The pypdfium2 page as pdfplumber would see it; None when only pdfplumber can read it right:
    a text object pdfium may have cut short, or a page turned or offset on its sheet, whose
    coordinates pdfplumber maps in its own way."""
    from cspsearch.ingest.readers import pdfium_geometry, pdfium_text

    width, height = page.get_size()
    if page.get_rotation() or page.get_mediabox()[:2] != (0, 0) or page.get_cropbox() != page.get_mediabox():
        return None
    chars = pdfium_text.page_chars(page)
    if chars is None:
        return None
    return PdfiumPage(chars, pdfium_geometry.page_edges(page), width, height)
