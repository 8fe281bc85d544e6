"""How the priority scans read text: the word lists of extract/data/priorities.yaml, lines, sentences and counts."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from cspsearch.resources import load_yaml

SENTENCE_REACH = 600  # chars a lead-in sentence may reach back from its cue word (keeps scans linear)

SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)]*\s+(?=[A-Z0-9\"'\u2018\u201c(])")
LEADING_NUMBER = re.compile(r"(?:[-\u2022\u00b7*\u2013]\s+)?(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+)?")
_NON_SPACE = re.compile(r"\S")
_COUNT = re.compile(
    r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b(?![./:]\d)"
    r"(?!\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)",
    re.I)
_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


@dataclass(frozen=True)
class Vocabulary:
    """The word lists of data/priorities.yaml, ready to match with."""

    cue: re.Pattern[str]
    statuses: tuple[str, ...]
    question_words: frozenset[str]
    statement_subjects: frozenset[str]
    statement_verbs: frozenset[str]
    item_stop: re.Pattern[str]
    scheme_cues: dict[str, tuple[str, ...]]
    lead_in_reject: re.Pattern[str]
    objective_owner: re.Pattern[str]


@cache
def vocabulary() -> Vocabulary:
    """The word lists of data/priorities.yaml, compiled once."""
    data = load_yaml("cspsearch.extract", "data/priorities.yaml")
    cues = sorted((c.lower() for c in data["list_cues"]), key=len, reverse=True)
    stops = sorted(data["item_stops"], key=len, reverse=True)
    return Vocabulary(
        cue=re.compile(r"\b(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s") for c in cues) + r")\b", re.I),
        statuses=tuple(sorted((s.lower() for s in data["statuses"]), key=len, reverse=True)),
        question_words=frozenset(w.lower() for w in data["question_words"]),
        statement_subjects=frozenset(w.lower() for w in data["statement_subjects"]),
        statement_verbs=frozenset(w.lower() for w in data["statement_verbs"]),
        item_stop=re.compile(r"\s(?:,|" + "|".join(re.escape(s) for s in stops) + r")\s", re.I),
        scheme_cues={k: tuple(v.lower() for v in vs) for k, vs in data["scheme_cues"].items()},
        lead_in_reject=_any_word(data["lead_in_rejects"]),
        objective_owner=_any_word(data["objective_owners"]),
    )


def _any_word(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


class Lines:
    """Line arithmetic over the normalised text."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __len__(self) -> int:
        return len(self.starts)

    def index(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def span(self, i: int) -> tuple[int, int]:
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end

    def line(self, i: int) -> str:
        a, b = self.span(i)
        return self.text[a:b]

    def is_blank(self, i: int) -> bool:
        a, b = self.span(i)
        return _NON_SPACE.search(self.text, a, b) is None

    def next_filled(self, i: int, limit: int = 3) -> int | None:
        """The next non-blank line after line i, if it is near."""
        for j in range(i + 1, min(len(self), i + 1 + limit)):
            if not self.is_blank(j):
                return j
        return None

    def previous_filled(self, i: int, limit: int = 3) -> int | None:
        for j in range(i - 1, max(-1, i - 1 - limit), -1):
            if not self.is_blank(j):
                return j
        return None


def word_count(text: str) -> int:
    return len(text.split())


def sentence_start(text: str, line_start: int, pos: int) -> int:
    """Where the sentence holding `pos` starts (within its line), after paragraph numbers."""
    start = max(line_start, pos - SENTENCE_REACH)
    for m in SENTENCE_END.finditer(text, start, pos):
        start = m.end()
    lead = LEADING_NUMBER.match(text, start)
    return lead.end() if lead else start


def sentence_end(text: str, pos: int, line_end: int) -> int:
    """Where the sentence holding `pos` ends (the full stop included), within its line."""
    m = SENTENCE_END.search(text, pos, min(line_end, pos + SENTENCE_REACH))
    if m:
        return m.start() + 1
    return min(line_end, pos + SENTENCE_REACH)


def lead_in_before(text: str, lines: Lines, line_index: int,
                   any_sentence: bool = False) -> tuple[tuple[int, int], int] | None:
    """The lead-in just above a list: a sentence naming priorities and ending in ":" (with
    `any_sentence`, also one that ends in a full stop: "The plan has five priorities.").
    Returns its span and where its cue word stands."""
    j = lines.previous_filled(line_index, limit=2)
    if j is None:
        return None
    a, b = lines.span(j)
    b = a + len(text[a:b].rstrip())
    if not text.endswith((":", ":-"), a, b) and not (any_sentence and text.endswith(".", a, b)):
        return None
    cues = list(vocabulary().cue.finditer(text, max(a, b - SENTENCE_REACH), b))
    if not cues:
        return None
    cue = cues[-1]
    return (sentence_start(text, a, cue.start()), sentence_end(text, cue.end(), b)), cue.start()


def count_in(lead_in: str) -> int | None:
    """How many items a lead-in announces ("contains five priorities", "reduce to 4")."""
    numbers = [m.group(1).lower() for m in _COUNT.finditer(lead_in)]
    if not numbers:
        return None
    last = numbers[-1]
    return int(last) if last.isdigit() else _NUMBER_WORDS[last]


def number_value(token: str) -> int:
    """The value of a "Priority N" number: digits, a number word or a Roman numeral."""
    token = token.lower()
    if token.isdigit():
        return int(token)
    if token in _NUMBER_WORDS:
        return _NUMBER_WORDS[token]
    roman = {"i": 1, "v": 5, "x": 10}
    values = [roman[c] for c in token]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
