"""Blocks: a page's typed lines grouped into paragraphs, headed sections, lists and tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from cspsearch.ingest.page_lines import (
    CLAUSE_END,
    RUNS_ON,
    SENTENCE_END,
    SHORT_LINE,
    Line,
    classify_lines,
    heading_text,
    settle_kind,
    usual_width,
)

MIN_PASSAGE = 40  # smaller fragments (a caption, a lone heading) join a neighbour


@dataclass
class Block:
    """Consecutive lines of a page that belong in one passage."""

    lines: list[Line] = field(default_factory=list)
    kind: str = "text"
    paragraph: str | None = None
    heading: str | None = None

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def size(self) -> int:
        return self.end - self.start


@dataclass
class Carry:
    """What one page hands the next: the current heading and an unfinished numbered paragraph."""

    heading: str | None = None
    last_paragraph: str | None = None  # of the last block on the page
    runs_on: bool = False  # that block stops mid-sentence
    last_number: str | None = None


def page_blocks(page: str, carry: Carry) -> list[Block]:
    """The page's blocks in order, scraps joined to a neighbour; `carry` is updated for the next page."""
    lines = classify_lines(page)
    blocks = _merge_fragments(_blocks(lines, carry, usual_width(lines)))
    last = blocks[-1] if blocks else None
    carry.last_paragraph = last.paragraph if last else None
    carry.runs_on = last is not None and not SENTENCE_END.search(last.lines[-1].text)
    return blocks


# -- lines into blocks -----------------------------------------------------------------------

def _blocks(lines: list[Line | None], carry: Carry, width: int) -> list[Block]:
    blocks: list[Block] = []
    prev: Line | None = None
    blank_before = False
    for i, line in enumerate(lines):
        if line is None:
            blank_before = True
            continue
        nxt, blank_after = _next_line(lines, i)
        settle_kind(line, prev, nxt, blank_before, blank_after, width, carry.last_number)
        if line.kind == "numbered":
            carry.last_number = line.number
        if not blocks or _starts_block(line, prev, nxt, blocks[-1], blank_before, width):
            blocks.append(_new_block(line, carry, first=not blocks))
        blocks[-1].lines.append(line)
        if line.heading:
            carry.heading = heading_text(line)
            blocks[-1].heading = carry.heading
        prev, blank_before = line, False
    return blocks


def _next_line(lines: list[Line | None], i: int) -> tuple[Line | None, bool]:
    for j in range(i + 1, len(lines)):
        if lines[j] is not None:
            return lines[j], j > i + 1
    return None, True


def _new_block(line: Line, carry: Carry, first: bool) -> Block:
    kind = "table" if line.kind == "table" else "text"
    paragraph = line.number
    runs_on = line.kind == "bullet" or (line.kind == "text" and (carry.runs_on or line.text[0].islower()))
    if first and paragraph is None and runs_on and not line.heading:
        paragraph = carry.last_paragraph  # the paragraph (or its list) runs on from the previous page
    return Block(kind=kind, paragraph=paragraph, heading=carry.heading)


def _starts_block(line: Line, prev: Line | None, nxt: Line | None, block: Block, blank_before: bool,
                  width: int) -> bool:
    if prev is None:  # nothing before it on the page: it opens a block
        return True
    if (line.kind == "table") != (block.kind == "table"):
        return True
    if line.kind == "table":
        return blank_before
    if line.heading or line.kind == "numbered":
        return True
    if nxt is not None and nxt.kind == "table" and CLAUSE_END.search(prev.text) and not line.text[0].islower():
        return True  # a caption: it goes with the table below
    if prev.heading:
        return False  # a heading's body follows it in the same passage
    if line.kind == "bullet":
        return False  # a list stays with the paragraph that leads into it
    return not _continues(line, prev, blank_before, width)


def _continues(line: Line, prev: Line, blank_before: bool, width: int) -> bool:
    """True when `line` carries on the paragraph `prev` belongs to (a wrapped line)."""
    full_width = len(prev.text) >= SHORT_LINE * width
    if not blank_before:
        return not SENTENCE_END.search(prev.text) or full_width
    if CLAUSE_END.search(prev.text):
        return prev.text.endswith(":") and line.text[0].islower()
    # A blank line inside a sentence is an export artefact ("the Safer\n\nMaidstone Partnership").
    return line.text[0].islower() or bool(RUNS_ON.search(prev.text)) or (full_width and prev.kind != "bullet")


# -- fragments -------------------------------------------------------------------------------

def _merge_fragments(blocks: list[Block]) -> list[Block]:
    """Give headings their body and join scraps under MIN_PASSAGE characters to a neighbour.

    A block of headings only, a lead-in ending in ":" and a caption above a table join the
    block after them; other scraps join the block before. Numbered paragraphs keep their
    own passage however short. Blocks never join across a page.
    """
    merged: list[Block] = []
    pending: Block | None = None  # a block waiting to lead the next one
    for i, block in enumerate(blocks):
        if pending is not None:
            block, pending = _join(pending, block), None
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if nxt is not None and (_leads_into(block, nxt) or (_is_scrap(block) and not merged)):
            pending = block
        elif _is_scrap(block) and merged:
            merged[-1] = _join(merged[-1], block, keep_first=True)
        else:
            merged.append(block)
    return merged


def _leads_into(block: Block, nxt: Block) -> bool:
    if all(line.heading for line in block.lines):
        return True
    return _is_scrap(block) and (block.lines[-1].text.endswith(":") or nxt.kind == "table")


def _is_scrap(block: Block) -> bool:
    return block.size < MIN_PASSAGE and not _is_numbered(block)


def _is_numbered(block: Block) -> bool:
    return block.lines[0].kind == "numbered" and not block.lines[0].heading


def _join(first: Block, second: Block, keep_first: bool = False) -> Block:
    lead = first if keep_first else second
    kind = "table" if "table" in (first.kind, second.kind) else "text"
    # A heading's number stands for its body when the body has none of its own.
    paragraph = lead.paragraph if keep_first else second.paragraph or first.paragraph
    return Block(lines=first.lines + second.lines, kind=kind, paragraph=paragraph, heading=lead.heading)
