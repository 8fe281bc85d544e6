"""Passages: each page cut into numbered paragraphs, headed blocks, lists and tables, with spans."""

from __future__ import annotations

import re
from collections.abc import Sequence

from cspsearch.ingest.blocks import Block, Carry, page_blocks
from cspsearch.ingest.page_lines import CLAUSE_END
from cspsearch.model import PAGE_BREAK, Passage

MAX_PASSAGE = 1500  # characters; longer blocks are cut at sentence or line ends
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'\u2019\u201d)\]]*\s+(?=[\"'\u2018\u201c(]?[A-Z0-9\u00a3])")


def segment(doc_id: str, pages: Sequence[str]) -> list[Passage]:
    """Cut a document into passages; "\\f".join(pages)[start:end] is each passage's text."""
    passages: list[Passage] = []
    carry = Carry()
    offset = 0
    for number, page in enumerate(pages, start=1):
        for block in page_blocks(page, carry):
            for start, end in _pieces(page, block):
                passages.append(Passage(
                    doc_id=doc_id, index=len(passages), page=number, start=offset + start, end=offset + end,
                    text=page[start:end], heading=block.heading, paragraph=block.paragraph,
                ))
        offset += len(page) + len(PAGE_BREAK)
    return passages


# -- sizes -----------------------------------------------------------------------------------

def _pieces(page: str, block: Block) -> list[tuple[int, int]]:
    """The block's span, cut into pieces of at most MAX_PASSAGE characters."""
    start, end = block.start, block.end
    pieces = []
    while end - start > MAX_PASSAGE:
        cut = _cut_point(page, start, start + MAX_PASSAGE, rows=block.kind == "table")
        pieces.append(_trimmed(page, start, cut))
        start = cut
        while start < end and page[start].isspace():
            start += 1
    pieces.append(_trimmed(page, start, end))
    return [(a, b) for a, b in pieces if b > a]


def _cut_point(page: str, start: int, limit: int, rows: bool) -> int:
    """Where to end a piece: a line ending a sentence, a sentence end, a line end, a space."""
    floor = start + MAX_PASSAGE // 3
    window = page[start:limit]
    line_ends = [start + m.start() for m in re.finditer("\n", window)]
    if not rows:
        sentence_lines = [p for p in line_ends if CLAUSE_END.search(page[start:p].rstrip())]
        sentences = [start + m.start() for m in _SENTENCE_BREAK.finditer(window)]
        for candidates in (sentence_lines, sentences):
            good = [p for p in candidates if p >= floor]
            if good:
                return good[-1]
    for candidates in (line_ends, [start + m.start() for m in re.finditer(r"\s", window)]):
        good = [p for p in candidates if p >= floor]
        if good:
            return good[-1]
    return limit


def _trimmed(page: str, start: int, end: int) -> tuple[int, int]:
    while start < end and page[start].isspace():
        start += 1
    while end > start and page[end - 1].isspace():
        end -= 1
    return start, end
