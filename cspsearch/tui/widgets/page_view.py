"""PageView: one page of a document, query terms highlighted and entities coloured by type."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from math import ceil
from typing import Any

from rich.cells import cell_len
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

# Colour says the family; the underline keeps entities visible when NO_COLOR strips colour.
ENTITY_STYLES = {
    "money": "underline $text-success",
    "date": "underline $text-primary", "financial_year": "underline $text-primary",
    "quarter": "underline $text-primary", "period": "underline $text-primary",
    "legal": "underline $text-secondary",
    "priority": "underline $text-warning",
}
OTHER_ENTITY_STYLE = "underline"
HIT_STYLE = "bold reverse"
CURRENT_HIT_STYLE = "bold reverse $text-accent"
_BLANK_LINES = re.compile(r"\n\s*\n")


def blocks_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of `text`: runs of lines separated by blank lines."""
    spans, start = [], 0
    for gap in _BLANK_LINES.finditer(text):
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a] or [(0, len(text))]


def styled(text: str, start: int, spans: list[tuple[int, int, str]]) -> Content:
    """Content for text[start:start+len(text)] with every (a, b, style) page span that overlaps it."""
    content = Content(text)
    end = start + len(text)
    for a, b, style in spans:
        if a < end and b > start:
            content = content.stylize(style, max(a, start) - start, min(b, end) - start)
    return content


class PageView(VerticalScroll, can_focus=True):
    """The page as paragraphs (so any offset can be scrolled into view)."""

    DEFAULT_CSS = """
    PageView {
        width: 1fr;
        padding: 0 1;
    }
    PageView > Static {
        margin-bottom: 1;
    }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self._blocks: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self.pending_offset: int | None = None  # set until a requested scroll has happened

    async def show_page(self, text: str, highlights: list[tuple[int, int]], entities: Sequence[Mapping[str, Any]],
                        page_start: int, current: int | None = None) -> None:
        """Render a page; `entities` carry document offsets, `highlights` are page-relative."""
        self.text = text
        spans = [(e["start"] - page_start, e["end"] - page_start,
                  ENTITY_STYLES.get(e["type"], OTHER_ENTITY_STYLE)) for e in entities]
        spans += [(a, b, CURRENT_HIT_STYLE if n == current else HIT_STYLE) for n, (a, b) in enumerate(highlights)]
        self._blocks = blocks_of(text)
        self._starts = [a for a, _ in self._blocks]
        await self.remove_children()
        if not text.strip():
            await self.mount(Static("This page has no text (it may be a scanned image)."))
            return
        await self.mount_all([Static(styled(text[a:b], a, spans)) for a, b in self._blocks])

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line holding page offset `offset` sits near the top (after layout)."""
        self.pending_offset = offset
        self.call_after_refresh(self._scroll_now, offset)

    def _scroll_now(self, offset: int, passes: int = 2) -> None:
        # Twice: the first layout may change (a scrollbar appears, lines rewrap), which moves the line.
        if passes > 1:
            self.call_after_refresh(self._scroll_now, offset, passes - 1)
        else:
            self.pending_offset = None
        if not self._blocks:
            return
        n = max(0, bisect_right(self._starts, offset) - 1)
        block = self.children[n] if n < len(self.children) else None
        if block is None:
            return
        width = max(1, block.content_region.width)
        before = self.text[self._blocks[n][0]:offset].split("\n")
        lines = sum(max(1, ceil(cell_len(line) / width)) for line in before[:-1])
        y = block.virtual_region.y + lines
        self.scroll_to(y=max(0, y - 2), animate=False)
