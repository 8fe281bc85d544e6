"""Passages: each page cut into numbered paragraphs, headed blocks, lists and tables, with spans."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from cspsearch.model import PAGE_BREAK, Passage

MAX_PASSAGE = 1500  # characters; longer blocks are cut at sentence or line ends
MIN_PASSAGE = 40  # smaller fragments (a caption, a lone heading) join a neighbour
SHORT_LINE = 0.7  # a line shorter than this share of the page's usual width ends early

# "1.", "2.1", "4.2.1.", "3)" — optionally behind a list marker some exports add ("- 1.1").
_NUMBERED = re.compile(
    r"(?:[-*\u2022]\s+)?(?P<number>\d{1,2}(?:\.\d{1,3}){0,4})(?P<tail>[.)])?[ \t]+(?P<rest>\S.*)")
_BULLET = re.compile(
    r"(?:[\u2022\u00b7\u25aa\u25a0\u25cf\u25e6\u2023\u2043\u2219\u27a2\u2756\u2713\u25a1\u25ba\u25b6"
    r"\u2192\-*\u2013\u2014o\u00a7>]\s"
    r"|\(?[a-zA-Z]\)\s|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)\s|[a-zA-Z]\.\s)")
_PAGE_NUMBER = re.compile(
    r"(?:[-\u2013(\[]\s*)?(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-\u2013)\]])?", re.IGNORECASE)
_PAGE_LABEL = re.compile(r"page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"#{1,6}\s+(?P<rest>\S.*)")
_SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)\]]*$")
_CLAUSE_END = re.compile(r"[.!?:;][\"'\u2019\u201d)\]]*$")
# A line ending like this is unfinished: the next line carries on its sentence.
_RUNS_ON = re.compile(r"(?:[,&/(\-\u2013]|\b(?:and|or|of|the|to|for|in|on|with|by|a|an|at|from))$")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'\u2019\u201d)\]]*\s+(?=[\"'\u2018\u201c(]?[A-Z0-9\u00a3])")


@dataclass
class _Line:
    start: int  # offsets into the page, around the stripped text
    end: int
    text: str
    kind: str = "text"  # text | numbered | bullet | table
    number: str | None = None
    bare_number: bool = False  # "3 Background": a number only a heading may carry
    heading: bool = False


@dataclass
class _Block:
    lines: list[_Line] = field(default_factory=list)
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


def segment(doc_id: str, pages: Sequence[str]) -> list[Passage]:
    """Cut a document into passages; "\\f".join(pages)[start:end] is each passage's text."""
    passages: list[Passage] = []
    carry = _Carry()
    offset = 0
    for number, page in enumerate(pages, start=1):
        for start, end, block in _page_passages(page, carry):
            passages.append(Passage(
                doc_id=doc_id, index=len(passages), page=number, start=offset + start, end=offset + end,
                text=page[start:end], heading=block.heading, paragraph=block.paragraph,
            ))
        offset += len(page) + len(PAGE_BREAK)
    return passages


@dataclass
class _Carry:
    """What one page hands the next: the current heading and an unfinished numbered paragraph."""

    heading: str | None = None
    last_paragraph: str | None = None  # of the last block on the page
    runs_on: bool = False  # that block stops mid-sentence
    last_number: str | None = None


def _page_passages(page: str, carry: _Carry):
    lines = _classify(page)
    blocks = _merge_fragments(_blocks(lines, carry, _usual_width(lines)))
    for block in blocks:
        for start, end in _pieces(page, block):
            yield start, end, block
    last = blocks[-1] if blocks else None
    carry.last_paragraph = last.paragraph if last else None
    carry.runs_on = bool(last) and not _SENTENCE_END.search(last.lines[-1].text)


# -- lines -----------------------------------------------------------------------------------

def _classify(page: str) -> list[_Line | None]:
    """Each line of the page, stripped and typed; None for blank and page-number lines."""
    lines: list[_Line | None] = []
    pos = 0
    for raw in page.split("\n"):
        lines.append(_line(raw, pos))
        pos += len(raw) + 1
    _drop_page_numbers(lines)
    return lines


def _line(raw: str, pos: int) -> _Line | None:
    text = raw.strip()
    if not text:
        return None
    start = pos + len(raw) - len(raw.lstrip())
    line = _Line(start=start, end=start + len(text), text=text)
    numbered = _NUMBERED.fullmatch(text)
    if numbered and _opens_paragraph(numbered["rest"]):
        line.kind, line.number = "numbered", numbered["number"]
        line.bare_number = "." not in numbered["number"] and not numbered["tail"]
    elif "\t" in text:
        line.kind = "table"
    elif _BULLET.match(text):
        line.kind = "bullet"
    return line


def _opens_paragraph(rest: str) -> bool:
    """What follows a paragraph number: a capital or an opening bracket or quote, not a figure."""
    return "\t" not in rest and (rest[0].isupper() or rest[0] in "(\"'\u2018\u201c[")


def _drop_page_numbers(lines: list[_Line | None]) -> None:
    """Page numbers at the top or bottom of a page, and "Page 3" lines anywhere, are not text."""
    present = [i for i, line in enumerate(lines) if line is not None]
    edges = set(present[:1] + present[-1:])
    for i in present:
        text = lines[i].text
        if _PAGE_LABEL.fullmatch(text) or (i in edges and _PAGE_NUMBER.fullmatch(text)):
            lines[i] = None


def _usual_width(lines: list[_Line | None]) -> int:
    """The length of a full line on this page (its 80th-percentile line length)."""
    lengths = sorted(len(line.text) for line in lines if line is not None and line.kind != "table")
    return lengths[int(len(lengths) * 0.8)] if lengths else 0


# -- blocks ----------------------------------------------------------------------------------

def _blocks(lines: list[_Line | None], carry: _Carry, width: int) -> list[_Block]:
    blocks: list[_Block] = []
    prev: _Line | None = None
    blank_before = False
    for i, line in enumerate(lines):
        if line is None:
            blank_before = True
            continue
        nxt, blank_after = _next_line(lines, i)
        if line.kind == "numbered" and not _numbered_starts(line, prev, blank_before, width, carry):
            line.kind, line.number = "text", None
        line.heading = _is_heading(line, prev, nxt, blank_before, blank_after, width)
        if line.kind == "numbered" and line.bare_number and not line.heading:
            line.kind, line.number = "text", None
        if line.kind == "numbered":
            carry.last_number = line.number
        if not blocks or _starts_block(line, prev, nxt, blocks[-1], blank_before, width):
            blocks.append(_new_block(line, carry, first=not blocks))
        blocks[-1].lines.append(line)
        if line.heading:
            carry.heading = _heading_text(line)
            blocks[-1].heading = carry.heading
        prev, blank_before = line, False
    return blocks


def _next_line(lines: list[_Line | None], i: int) -> tuple[_Line | None, bool]:
    for j in range(i + 1, len(lines)):
        if lines[j] is not None:
            return lines[j], j > i + 1
    return None, True


def _new_block(line: _Line, carry: _Carry, first: bool) -> _Block:
    kind = "table" if line.kind == "table" else "text"
    paragraph = line.number
    runs_on = line.kind == "bullet" or (line.kind == "text" and (carry.runs_on or line.text[0].islower()))
    if first and paragraph is None and runs_on and not line.heading:
        paragraph = carry.last_paragraph  # the paragraph (or its list) runs on from the previous page
    return _Block(kind=kind, paragraph=paragraph, heading=carry.heading)


def _starts_block(line: _Line, prev: _Line, nxt: _Line | None, block: _Block, blank_before: bool,
                  width: int) -> bool:
    if (line.kind == "table") != (block.kind == "table"):
        return True
    if line.kind == "table":
        return blank_before
    if line.heading or line.kind == "numbered":
        return True
    if nxt is not None and nxt.kind == "table" and _CLAUSE_END.search(prev.text) and not line.text[0].islower():
        return True  # a caption: it goes with the table below
    if prev.heading:
        return False  # a heading's body follows it in the same passage
    if line.kind == "bullet":
        return False  # a list stays with the paragraph that leads into it
    return not _continues(line, prev, blank_before, width)


def _continues(line: _Line, prev: _Line, blank_before: bool, width: int) -> bool:
    """True when `line` carries on the paragraph `prev` belongs to (a wrapped line)."""
    full_width = len(prev.text) >= SHORT_LINE * width
    if not blank_before:
        return not _SENTENCE_END.search(prev.text) or full_width
    if _CLAUSE_END.search(prev.text):
        return prev.text.endswith(":") and line.text[0].islower()
    # A blank line inside a sentence is an export artefact ("the Safer\n\nMaidstone Partnership").
    return line.text[0].islower() or bool(_RUNS_ON.search(prev.text)) or (full_width and prev.kind != "bullet")


def _numbered_starts(line: _Line, prev: _Line | None, blank_before: bool, width: int, carry: _Carry) -> bool:
    """A number starts a paragraph unless the line before runs on into it ("... up by\n2.5 The").

    The next number in sequence (4.1 after 3.3, 4.1 after 4) is believed wherever it stands.
    """
    if prev is None or blank_before or prev.heading or prev.kind == "table":
        return True
    if _follows(carry.last_number, line.number or ""):
        return True
    return bool(_CLAUSE_END.search(prev.text)) or len(prev.text) < SHORT_LINE * width


def _follows(last: str | None, number: str) -> bool:
    """True when `number` can come next after `last` in a numbered document."""
    parts = [int(p) for p in number.split(".")]
    if last is None:
        return all(p == 1 for p in parts)
    before = [int(p) for p in last.split(".")]
    if parts == [*before, 1]:
        return True
    for depth in range(min(len(before), len(parts))):
        if parts[:depth] == before[:depth] and parts[depth] == before[depth] + 1:
            return all(p == 1 for p in parts[depth + 1:])
    return False


def _is_heading(line: _Line, prev: _Line | None, nxt: _Line | None, blank_before: bool,
                blank_after: bool, width: int) -> bool:
    """Short title-like or UPPER CASE lines that stand on their own."""
    if _MARKDOWN_HEADING.fullmatch(line.text):
        return True
    if line.kind not in ("text", "numbered"):
        return False
    body = _NUMBERED.fullmatch(line.text)["rest"] if line.kind == "numbered" else line.text
    if not _looks_like_title(body):
        return False
    stands_apart = prev is None or prev.heading or prev.kind == "table" or (
        not _RUNS_ON.search(prev.text)
        and (blank_before or _SENTENCE_END.search(prev.text) or len(prev.text) < SHORT_LINE * width))
    followed_apart = nxt is None or blank_after or not nxt.text[0].islower()
    # A full-width line may be the first line of a paragraph, unless a numbered one follows.
    short = len(line.text) < SHORT_LINE * width or body.isupper() or (nxt is not None and nxt.kind == "numbered")
    return bool(stands_apart and followed_apart and short)


def _looks_like_title(body: str) -> bool:
    letters = sum(c.isalpha() for c in body)
    digits = sum(c.isdigit() for c in body)
    if letters < 3 or digits > 0.3 * len(body) or "\u00a3" in body or ": " in body:
        return False
    if body[-1] in ".,;:" or not (body[0].isupper() or body[0].isdigit()):
        return False
    return len(body) <= 90 if body.isupper() else len(body) <= 70 and len(body.split()) <= 10


def _heading_text(line: _Line) -> str:
    markdown = _MARKDOWN_HEADING.fullmatch(line.text)
    text = markdown["rest"] if markdown else line.text
    return re.sub(r"^[-*\u2022]\s+", "", text).strip()


# -- fragments and sizes ---------------------------------------------------------------------

def _merge_fragments(blocks: list[_Block]) -> list[_Block]:
    """Give headings their body and join scraps under MIN_PASSAGE characters to a neighbour.

    A block of headings only, a lead-in ending in ":" and a caption above a table join the
    block after them; other scraps join the block before. Numbered paragraphs keep their
    own passage however short. Blocks never join across a page.
    """
    merged: list[_Block] = []
    pending: _Block | None = None  # a block waiting to lead the next one
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


def _leads_into(block: _Block, nxt: _Block) -> bool:
    if all(line.heading for line in block.lines):
        return True
    return _is_scrap(block) and (block.lines[-1].text.endswith(":") or nxt.kind == "table")


def _is_scrap(block: _Block) -> bool:
    return block.size < MIN_PASSAGE and not _is_numbered(block)


def _is_numbered(block: _Block) -> bool:
    return block.lines[0].kind == "numbered" and not block.lines[0].heading


def _join(first: _Block, second: _Block, keep_first: bool = False) -> _Block:
    lead = first if keep_first else second
    kind = "table" if "table" in (first.kind, second.kind) else "text"
    # A heading's number stands for its body when the body has none of its own.
    paragraph = lead.paragraph if keep_first else second.paragraph or first.paragraph
    return _Block(lines=first.lines + second.lines, kind=kind, paragraph=paragraph, heading=lead.heading)


def _pieces(page: str, block: _Block) -> list[tuple[int, int]]:
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
        sentence_lines = [p for p in line_ends if _CLAUSE_END.search(page[start:p].rstrip())]
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
