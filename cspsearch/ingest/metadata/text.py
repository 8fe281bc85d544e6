"""Shared helpers for metadata inference: the cue file, a document's head lines, labels and casing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from cspsearch.resources import SHARED, load_yaml

SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
               "upon", "with", "under", "via"}
CONNECTOR_END = re.compile(r"(?:\b(?:and|of|the|for|to|in|on|with|from|by|at|or)|[,&/–—(-])\s*$", re.I)
_MARKUP = re.compile(r"\*\*|__|^#+\s+|^[-•·▪]\s+")


@cache
def cues() -> dict[str, Any]:
    """The editable cue file cspsearch/data/metadata_cues.yaml."""
    return load_yaml(SHARED, "data/metadata_cues.yaml")


@dataclass(frozen=True)
class Line:
    """One line of a document's head, cleaned of markup, with its offset in the document text."""

    text: str
    start: int
    blank_before: bool
    open_emphasis: bool = False  # a '**' opened on this line closes on a later one: the heading goes on


def clean_line(raw: str) -> str:
    """A line without markdown emphasis, bullets and surrounding blanks."""
    return " ".join(_MARKUP.sub("", raw.strip()).split())


def head_text(text: str, scale: float = 1.0) -> str:
    """The first page's opening characters, where cover-sheet facts live (`scale` times the usual length)."""
    limit = int(int(cues().get("head_chars", 2600)) * scale)
    first_page = text.split("\f", 1)[0]
    return first_page[:limit] if len(first_page) > 200 else text[:limit]


def head_lines(text: str, scale: float = 1.0) -> list[Line]:
    """The non-blank lines of the head, each knowing whether a blank line came before it."""
    lines, pos, blank, emphasis = [], 0, True, False
    source = text if scale == 0 else head_text(text, scale)  # scale 0: the whole text
    for raw in source.split("\n"):
        cleaned = clean_line(raw)
        emphasis ^= raw.count("**") % 2 == 1
        if cleaned:
            lines.append(Line(cleaned, pos + len(raw) - len(raw.lstrip()), blank, emphasis))
        blank = not cleaned
        pos += len(raw) + 1
    return lines


def heading_blocks(lines: list[Line], max_lines: int = 4) -> list[Line]:
    """Lines with their wrapped continuations joined: a heading or label value split over lines is one block.

    A line goes on when it ends with a connector ('and', ',', '('), leaves a bracket or '**' open, or is
    long (wrapped by the layout); the next line continues it when it starts in lower case or '('.
    A blank line, a 'Label:' line, a numbered paragraph or a line ending in a date ends a block.
    """
    blocks: list[Line] = []
    joined, last = 0, None
    for line in lines:
        if blocks and last and joined < max_lines and _continues(blocks[-1], last, line):
            prev = blocks[-1]
            blocks[-1] = Line(f"{prev.text} {line.text}", prev.start, prev.blank_before, line.open_emphasis)
            joined += 1
        else:
            blocks.append(line)
            joined = 1
        last = line
    return blocks


_ENDS_WITH_YEAR = re.compile(r"\b(?:19|20)\d\d(?:\s*[-/–]\s*\d{2,4})?\.?$")  # "... 2024", "Plan 2025-29"


def _continues(block: Line, last: Line, line: Line) -> bool:
    """Whether `line` carries on the block whose last physical line is `last`."""
    if line.blank_before or is_label_line(line.text) or re.match(r"^\d+(\.\d+)*\.?\s", line.text):
        return False
    if match_label(line.text, cues()["skip_labels"]) == "":
        return False  # a label whose value sits on the next line ("Responsible Officer")
    if last.open_emphasis or block.text.count("(") > block.text.count(")") or CONNECTOR_END.search(last.text):
        return True
    if line.text[:1].islower() or line.text.startswith("("):
        return True
    if _ENDS_WITH_YEAR.search(last.text) or last.text.endswith((".", ":", "?")):
        return False
    return len(last.text) >= 45 and len(line.text) < 90


@cache
def label_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    """Matches a line that starts with one of `labels` and captures what follows as group 'value'.

    A label ends at ':', a tab, '|' or the line end ("Author: James Brown" -> "James Brown"); a label of
    several words may also be followed by a plain space ("Report prepared by Sarah Robson"), a one-word
    label may not ("Open Spaces Strategy" is not the label "Open").
    """
    def alternation(group: list[str]) -> str:
        ordered = sorted(group, key=len, reverse=True)
        return "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in ordered) or "(?!)"

    strict = r"(?:\s*[:|\t]\s*|\s+[–-]\s+|\s*$)"
    multi = alternation([label for label in labels if " " in label.strip()])
    single = alternation([label for label in labels if " " not in label.strip()])
    return re.compile(rf"^\s*(?:(?:{multi})(?:{strict}|\s+)|(?:{single}){strict})(?P<value>.*)$", re.I)


def match_label(line: str, labels: list[str] | tuple[str, ...]) -> str | None:
    """The value after a leading label ('' when the value is on the next line), or None."""
    found = label_pattern(tuple(labels)).match(line)
    return found.group("value").strip() if found else None


def is_label_line(line: str) -> bool:
    """True for 'Label: value' lines such as 'Status: Unrestricted' or 'Decision no: 24/00109'."""
    return bool(re.match(r"^[A-Z][A-Za-z /&()'-]{1,40}:(?:\s|$)", line))


# Short words kept in capitals when an all-caps heading is re-cased.
_ACRONYMS = {"csp", "cctv", "asb", "nhs", "pcc", "smp", "kcc", "uk", "eu", "hr", "ict", "mtfp", "cse"}


def smart_case(text: str) -> str:
    """Title case for an ALL-CAPS heading; other text is returned unchanged."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or any(ch.islower() for ch in letters):
        return text
    out = []
    for i, word in enumerate(text.lower().split(" ")):
        core = word.strip("()[],.;:")
        if i and word in SMALL_WORDS:
            out.append(word)
        elif core in _ACRONYMS or core.removesuffix("s") in _ACRONYMS:
            out.append(word.upper())
        else:
            out.append(re.sub(r"(^|[-(/'‘“])([a-z])", lambda m: m.group(1) + m.group(2).upper(), word))
    return " ".join(out)


def tidy(text: str) -> str:
    """Collapse spaces, drop trailing punctuation left over from layout."""
    text = " ".join(text.split())
    return text.strip(" ,;:-–—|*").strip()
