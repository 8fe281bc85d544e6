"""The lines of a page, typed: numbered paragraphs, bullets, table rows and headings, without page numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)\]]*$")
CLAUSE_END = re.compile(r"[.!?:;][\"'\u2019\u201d)\]]*$")
# A line ending like this is unfinished: the next line carries on its sentence.
RUNS_ON = re.compile(r"(?:[,&/(\-\u2013]|\b(?:and|or|of|the|to|for|in|on|with|by|a|an|at|from))$")


@dataclass
class Line:
    """One non-blank line of a page, stripped, with what kind of line it is."""

    start: int  # offsets into the page, around the stripped text
    end: int
    text: str
    kind: str = "text"  # text | numbered | bullet | table
    number: str | None = None
    bare_number: bool = False  # "3 Background": a number only a heading may carry
    heading: bool = False


def classify_lines(page: str) -> list[Line | None]:
    """Each line of the page, stripped and typed; None for blank and page-number lines."""
    lines: list[Line | None] = []
    pos = 0
    for raw in page.split("\n"):
        lines.append(_line(raw, pos))
        pos += len(raw) + 1
    _drop_page_numbers(lines)
    return lines


def usual_width(lines: list[Line | None]) -> int:
    """The length of a full line on this page (its 80th-percentile line length)."""
    lengths = sorted(len(line.text) for line in lines if line is not None and line.kind != "table")
    return lengths[int(len(lengths) * 0.8)] if lengths else 0


def settle_kind(line: Line, prev: Line | None, nxt: Line | None, blank_before: bool, blank_after: bool,
                width: int, last_number: str | None) -> None:
    """Decide from its neighbours whether `line` is a heading and whether its number opens a paragraph."""
    if line.kind == "numbered" and not _numbered_starts(line, prev, blank_before, width, last_number):
        line.kind, line.number = "text", None
    line.heading = _is_heading(line, prev, nxt, blank_before, blank_after, width)
    if line.kind == "numbered" and line.bare_number and not line.heading:
        line.kind, line.number = "text", None


def heading_text(line: Line) -> str:
    """The heading a line gives, without a markdown or list marker."""
    markdown = _MARKDOWN_HEADING.fullmatch(line.text)
    text = markdown["rest"] if markdown else line.text
    return re.sub(r"^[-*\u2022]\s+", "", text).strip()


# -- one line on its own ---------------------------------------------------------------------

def _line(raw: str, pos: int) -> Line | None:
    text = raw.strip()
    if not text:
        return None
    start = pos + len(raw) - len(raw.lstrip())
    line = Line(start=start, end=start + len(text), text=text)
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


def _drop_page_numbers(lines: list[Line | None]) -> None:
    """Page numbers at the top or bottom of a page, and "Page 3" lines anywhere, are not text."""
    present = [i for i, line in enumerate(lines) if line is not None]
    edges = set(present[:1] + present[-1:])
    for i in present:
        line = lines[i]
        text = line.text if line is not None else ""
        if _PAGE_LABEL.fullmatch(text) or (i in edges and _PAGE_NUMBER.fullmatch(text)):
            lines[i] = None


# -- a line among its neighbours -------------------------------------------------------------

def _numbered_starts(line: Line, prev: Line | None, blank_before: bool, width: int,
                     last_number: str | None) -> bool:
    """A number starts a paragraph unless the line before runs on into it ("... up by\n2.5 The").

    The next number in sequence (4.1 after 3.3, 4.1 after 4) is believed wherever it stands.
    """
    if prev is None or blank_before or prev.heading or prev.kind == "table":
        return True
    if _follows(last_number, line.number or ""):
        return True
    return bool(CLAUSE_END.search(prev.text)) or len(prev.text) < SHORT_LINE * width


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


def _is_heading(line: Line, prev: Line | None, nxt: Line | None, blank_before: bool,
                blank_after: bool, width: int) -> bool:
    """Short title-like or UPPER CASE lines that stand on their own."""
    if _MARKDOWN_HEADING.fullmatch(line.text):
        return True
    if line.kind not in ("text", "numbered"):
        return False
    numbered = _NUMBERED.fullmatch(line.text) if line.kind == "numbered" else None
    body = numbered["rest"] if numbered else line.text
    if not _looks_like_title(body):
        return False
    stands_apart = prev is None or prev.heading or prev.kind == "table" or (
        not RUNS_ON.search(prev.text)
        and (blank_before or SENTENCE_END.search(prev.text) or len(prev.text) < SHORT_LINE * width))
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
