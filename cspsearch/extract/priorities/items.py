"""Priority list items: what a found list holds, and whether a piece of text can name a priority."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cspsearch.extract.priorities.text import vocabulary, word_count

MAX_ITEMS = 20
MAX_ITEM_WORDS = 30
MAX_INLINE_ITEM_WORDS = 12

_TRAILING_JUNK = re.compile(r"(?:[\s;,.:\u2013-]+|\s(?:and|or)\b)+$")
_LEADING_JUNK = re.compile(r"^(?:and|or)\s+", re.I)


@dataclass
class Item:
    """One priority: its wording's span in the normalised text, and what the layout adds."""

    start: int
    end: int
    status: str | None = None
    heading_lost: bool = False  # the wording is missing; `theme_text` describes the priority
    theme_text: str | None = None


@dataclass
class FoundList:
    """A list of priorities and the words that introduce it."""

    layout: str  # bullets | inline | numbered | status | table | lines
    items: list[Item]
    lead_in: tuple[int, int] | None = None  # span of the introducing sentence
    cue: int | None = None  # where the word "priorities"/"objectives" stands in the lead-in
    label: str | None = None  # a heading or table row label that names the list


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) to the item's own wording: no marker, trailing ";"/"and", spaces."""
    segment = text[start:end]
    stripped = segment.rstrip()
    junk = _TRAILING_JUNK.search(stripped)
    if junk:
        stripped = stripped[: junk.start()]
    lead = len(stripped) - len(stripped.lstrip())
    conj = _LEADING_JUNK.match(stripped[lead:])
    if conj:
        lead += conj.end()
    return start + lead, start + len(stripped)


def is_status(value: str) -> bool:
    """True for "On track", "Exceeding expectations", "Amber" and the like."""
    low = value.strip().lower().rstrip(".")
    if not low or word_count(low) > 6:
        return False
    return any(low == s or low.startswith(s + " ") or low.startswith(s + ",") for s in vocabulary().statuses)


def is_question(item: str) -> bool:
    words = item.strip().lower().split()
    return item.rstrip().endswith("?") or bool(words and (
        words[0] in vocabulary().question_words or " ".join(words[:2]) in vocabulary().question_words))


def is_statement(item: str) -> bool:
    """A sentence about the plan ("It will contribute ...") rather than a priority's name."""
    words = [w.strip(",;:").lower() for w in item.split()[:7]]
    vocab = vocabulary()
    return len(words) > 3 and words[0] in vocab.statement_subjects and any(
        w in vocab.statement_verbs for w in words[1:])


def acceptable(item: str, max_words: int = MAX_ITEM_WORDS) -> bool:
    """Whether a list entry can name a priority."""
    if not item or not any(c.isalpha() for c in item) or word_count(item) > max_words:
        return False
    return not (is_question(item) or is_statement(item) or item.lower().startswith("that "))


def items_from_parts(text: str, parts: list[tuple[int, int]], max_words: int) -> list[Item] | None:
    """Trimmed items from raw spans, or None when the entries do not look like a list of names."""
    items = []
    rejected = 0
    for a, b in parts:
        a, b = trim(text, a, b)
        if b > a and acceptable(text[a:b], max_words):
            items.append(Item(a, b))
        else:
            rejected += 1
    if not items or rejected * 2 > len(parts):
        return None
    return items
