"""Reading a paper's structure for the decision families: agenda items, where a block of
text (a resolution, a list of recommendations) ends, and which body a sentence names."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from cspsearch.extract.decisions.cues import Cues

# A line that continues a list: (a), (iv), A), a., -, bullets.
LIST_ITEM = re.compile(r"^\s*(?:\(?[a-zA-Z]{1,4}\)|\([a-z]{1,4}\)|[a-zA-Z]\.\s|[-\u2022\u00b7\u25aa\uf0b7*]\s?)")
SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s*$")
MAX_BLOCK = 6000  # a budget resolution with its (a) to (v) runs to about 4,000 characters
NUMBERED = re.compile(r"\b\d{1,4}\.\s+(?=[A-Z])")


@dataclass(frozen=True)
class Items:
    """Agenda item headings of a paper, by position."""

    starts: list[int]
    titles: list[str]
    default: str | None

    @classmethod
    def find(cls, text: str, cues: Cues, default: str | None) -> Items:
        # A heading read from an earlier numbered line keeps only its last numbered part.
        found = [(m.start(), NUMBERED.split(" ".join(m["title"].split()))[-1]) for m in cues.item_heading.finditer(text)]
        found += [(m.start(), " ".join(m["title"].split())) for m in cues.title_of_decision.finditer(text)]
        found.sort()
        return cls([s for s, _ in found], [t for _, t in found], default)

    def at(self, pos: int) -> str | None:
        """The title of the item holding `pos` (the paper's default before the first heading)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.titles[i] if i >= 0 else self.default

    def index_at(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1


def block_end(text: str, start: int, cues: Cues, items: Items | None = None, lists_only: bool = False) -> int:
    """Where the block that starts at `start` (inside its first line) ends.

    A block runs on through list items and wrapped lines. It ends at an agenda item, a
    stop heading, the next paragraph numbered like the one it opened in, a blank line not
    followed by a list item, or after a sentence when the next line starts a new
    sentence, unless the block opened with a colon (then numbered lines are its list).
    With `lists_only` it stops at any line that is not a list item (a recommendation list).
    """
    line_start = text.rfind("\n", 0, start) + 1
    first_end = text.find("\n", start)
    if first_end < 0:
        return len(text)
    head = text[start:first_end].rstrip()
    opened = marker(text[line_start:first_end])
    colon = head.endswith(":")
    end, pos, previous = first_end, first_end + 1, head
    limit = min(len(text), start + MAX_BLOCK)
    item_starts = set(items.starts) if items else set()
    while pos < limit:
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        line = text[pos:line_end].strip()
        if pos in item_starts:
            break
        if not line:  # a blank line: a page break or a paragraph break
            after = text.find("\n", line_end + 1)
            nxt = text[line_end + 1 : after if after >= 0 else len(text)].strip()
            if not nxt or not (previous.endswith(":") or LIST_ITEM.match(nxt) or colon and not _stops(nxt, cues)):
                break
            pos = line_end + 1
            continue
        numbered = marker(line)
        if any(p.match(line) for p in cues.stop_headings):
            break
        if numbered and (not colon or opened is None or _next_paragraph(opened, numbered)):
            break
        listed = bool(LIST_ITEM.match(line)) or numbered is not None
        if lists_only and not listed and not previous.endswith(":"):
            break
        if not listed and SENTENCE_END.search(previous) and not colon:
            break
        end, previous, pos = line_end, line, line_end + 1
    return end


MARKER = re.compile(r"^\s*(?:\((\d{1,3})\)|(\d{1,3})\)|(\d{1,4})\.\s)")


def marker(line: str) -> tuple[int, int] | None:
    """A paragraph number's (style, number): '(27)' -> (0, 27), '26)' -> (1, 26), '7. ' -> (2, 7)."""
    match = MARKER.match(line)
    if not match:
        return None
    style = next(i for i, g in enumerate(match.groups()) if g)
    return style, int(match.groups()[style])


def _next_paragraph(opened: tuple[int, int], line: tuple[int, int]) -> bool:
    """Whether a numbered line is the paragraph after the one a block opened in (same style, later)."""
    return line[0] == opened[0] and line[1] > opened[1]


def _stops(line: str, cues: Cues) -> bool:
    return any(p.match(line) for p in cues.stop_headings)


def clean(text: str) -> str:
    """Block text as one line: whitespace folded, surrounding quotes and spaces dropped."""
    return " ".join(text.split()).lstrip(":;,.-– ").strip(" \"“”'‘’")


def named_body(phrase: str, cues: Cues) -> str | None:
    """The body a phrase starts or ends with ('the County Council makes' -> 'County Council')."""
    nouns = "|".join(re.escape(n) for n in cues.raw["body_nouns"])
    match = re.match(rf"\s*(?:that\s+)?(?:the\s+)?((?:[A-Z][\w'’&,-]*\s+){{0,5}}?(?:{nouns}))\b", phrase)
    if not match:
        match = re.search(rf"((?:[A-Z][\w'’&-]*\s+){{0,5}}(?:{nouns}))\s*$", phrase)
    return re.sub(r"^(?:The|This)\s+", "", " ".join(match[1].split())) if match else None


def body_for(phrase: str, committee: str | None, cues: Cues) -> str | None:
    """The named body, or the paper's committee when the name is generic or missing."""
    named = named_body(phrase, cues)
    if named is None:
        return committee
    if named.lower() in cues.raw["generic_bodies"]:
        # "the Council" in County Council minutes is that council; "the Committee" in a
        # report to Cabinet is some other committee, so it stays as written.
        noun = named.split()[-1].lower()
        executive = (committee or "").lower() in cues.raw["executive_bodies"]
        return committee if committee and (noun in committee.lower() or not executive) else named
    return named
