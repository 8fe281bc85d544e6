"""Where an amount sits: its sentence, its line and the years and names within reach of it.

Every question an amount asks ("the nearest grant in my sentence") is answered from
indexes built once per document (sentence starts, line starts, mention starts) and
within a bounded window either side of the amount, never by reading its whole sentence:
a list with no full stops is one "sentence" of hundreds of kilobytes, and scanning it
for each of its thousands of amounts made extraction quadratic in the text.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from cspsearch.extract.money.funding import Mention

# Characters either side of an amount that its links may come from: a long sentence
# is read only this far around the amount.
REACH = 240
# Where a new sentence starts: after a full stop (or ! ?) and space before a capital, a
# digit, a bracketed list letter or a bullet; at a blank line; or at a line that starts
# a list item. The spaCy sentencizer would miss "£0.2m. B) New Homes Bonus": the
# tokenizer keeps "m." as an abbreviation.
_SENTENCE_START = re.compile(
    r"(?<=[.!?])[\"'’”)\]]*\s+(?=[A-Z0-9(•\u2022£])"
    r"|\n\n+"
    r"|\n(?=[•\u2022\-*]\s|\(?[0-9a-z]{1,3}[.)]\s)"
)


def sentence_starts(text: str) -> list[int]:
    """Offsets where the sentences of `text` begin."""
    return [0] + [m.end() for m in _SENTENCE_START.finditer(text)]


def distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, a_start - b_end, b_start - a_end)


class Links:
    """What an amount at a given place can be linked to: sentences, lines, years and names."""

    def __init__(self, text: str, found: list[dict[str, Any]], mentions: list[Mention]) -> None:
        self.text = text
        self.sentence_starts = sentence_starts(text)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        years = [e for e in found if e["type"] == "financial_year"]
        self.years = sorted((e["start"], e["end"], e["value"]) for e in years)
        self.year_starts = [y[0] for y in self.years]
        self.mentions = mentions
        self.by_kind: dict[str, list[Mention]] = {}
        for mention in mentions:  # already sorted by position
            self.by_kind.setdefault(mention.kind, []).append(mention)
        self.starts = {kind: [m.start for m in found] for kind, found in self.by_kind.items()}

    def sentence(self, offset: int) -> int:
        """The index of the sentence holding `offset`."""
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def bounds(self, index: int) -> tuple[int, int]:
        """Where sentence `index` starts and ends; (0, 0) past either end of the text."""
        if index < 0 or index >= len(self.sentence_starts):
            return 0, 0
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else len(self.text)
        return self.sentence_starts[index], end

    def window(self, index: int, start: int, end: int) -> tuple[int, int]:
        """The part of sentence `index` within REACH of [start, end)."""
        low, high = self.bounds(index)
        return max(low, start - REACH), min(high, end + REACH)

    def line(self, offset: int) -> tuple[int, int]:
        """Where the line holding `offset` starts and ends (its line break excluded)."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[index]
        end = self.line_starts[index + 1] - 1 if index + 1 < len(self.line_starts) else len(self.text)
        return start, end

    def year(self, start: int, end: int) -> str | None:
        """The financial year nearest [start, end) in its sentence, else the previous, else the next."""
        here = self.sentence(start)
        for index in (here, here - 1, here + 1):
            low, high = self.window(index, start, end)
            first, last = bisect.bisect_left(self.year_starts, low), bisect.bisect_left(self.year_starts, high)
            near = self.years[first:last]
            if near:  # ties go to the year after the amount: "£37,104 for 2017-18"
                return min(near, key=lambda y: (distance(y[0], y[1], start, end), y[0] < start))[2]
        return None

    def nearest(self, kind: str, start: int, end: int, index: int) -> Mention | None:
        """The mention of `kind` in sentence `index`, within reach, nearest [start, end)."""
        low, high = self.window(index, start, end)
        return self.nearest_in(kind, start, end, low, high)

    def nearest_in(self, kind: str, start: int, end: int, low: int, high: int) -> Mention | None:
        """The mention of `kind` starting in [low, high) nearest [start, end)."""
        starts = self.starts.get(kind, [])
        near = self.by_kind.get(kind, [])[bisect.bisect_left(starts, low):bisect.bisect_left(starts, high)]
        return min(near, key=lambda m: distance(m.start, m.end, start, end)) if near else None

    def starts_in(self, kind: str, low: int, high: int) -> list[int]:
        """Where the mentions of `kind` starting in [low, high) start."""
        starts = self.starts.get(kind, [])
        return starts[bisect.bisect_left(starts, low):bisect.bisect_left(starts, high)] if high > low else []

    def first(self, kind: str, low: int, high: int) -> Mention | None:
        """The first mention of `kind` starting in [low, high)."""
        starts = self.starts.get(kind, [])
        index = bisect.bisect_left(starts, low)
        return self.by_kind[kind][index] if index < len(starts) and starts[index] < high else None

    def says(self, pattern: re.Pattern[str], index: int, start: int, end: int) -> bool:
        """Whether sentence `index` holds `pattern` within reach of [start, end)."""
        low, high = self.window(index, start, end)
        return bool(pattern.search(self.text, low, high))
