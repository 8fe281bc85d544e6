"""The `recommendation` family: what a report asks a body to do, kept apart from decisions.

Read from a "Recommendation(s)" heading's list ("1. That the Committee notes ...") and
from sentences addressed to a body ("The Committee is asked to note ...") outside the
motions and decisions already found.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from cspsearch.extract.decisions.blocks import LIST_ITEM, Items, block_end, body_for, clean, marker
from cspsearch.extract.decisions.cues import Cues

LIST_REACH = 2500  # how far after its heading a recommendation list may run
LIST_MARK = re.compile(r"^\s*(?:[-\u2022\u00b7\u25aa\uf0b7*]\s*)?(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]?|\(?[a-z]\))\s+")


def find_recommendations(text: str, cues: Cues, items: Items, committee: str | None, meeting_date: str | None,
                         taken: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Recommendation entity dicts (normalised offsets) not inside the spans in `taken`."""
    spans: list[tuple[int, int]] = []
    headings = {m.end(): m for p in cues.recommendation_headings for m in p.finditer(text)}
    for heading in headings.values():
        spans += [
            (a, b) for a, b in _listed(text, heading.end(), cues)
            if any(p.search(text[a:b]) for p in cues.recommendation_items)
        ]
    for sentence in (m for p in cues.recommendation_sentences for m in p.finditer(text)):
        line_start = text.rfind("\n", 0, sentence.start()) + 1
        # From the line's start unless a heading runs into it ("7. Recommendation The Council is asked to:").
        lead_in = text[line_start : sentence.start()]
        opening = sentence.start() if re.search(r"[A-Za-z]{3}", lead_in) else line_start
        spans.append((opening, block_end(text, sentence.start(), cues, items)))
    found: list[dict[str, Any]] = []
    taken = sorted(taken)
    taken_starts = [a for a, _ in taken]
    reached = -1  # the end of the last recommendation kept: spans come in order of their start
    for start, end in sorted(set(spans)):
        if start < reached or _overlaps(taken, taken_starts, start, end):
            continue
        wording = clean(LIST_MARK.sub("", text[start:end], count=1))
        if len(wording.split()) < 4:
            continue
        reached = end
        found.append({
            "type": "recommendation", "start": start, "end": end,
            "body": body_for(re.sub(r"^That\s+", "", wording), committee, cues),
            "date": meeting_date, "item": items.at(start), "recommendation": wording,
        })
    return found


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, not overlapping each other much)."""
    i = bisect.bisect_left(starts, end)
    return any(a < end and start < b for a, b in spans[max(0, i - 3) : i])


def _listed(text: str, start: int, cues: Cues) -> list[tuple[int, int]]:
    """The items after a recommendations heading: each numbered or bulleted paragraph, or the first paragraph."""
    spans: list[tuple[int, int]] = []
    pos, limit = start, min(len(text), start + LIST_REACH)
    current: list[int] | None = None
    blank = False
    while pos < limit:
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        line = text[pos:line_end].strip()
        if not line:
            blank = True
        elif any(p.match(line) for p in cues.stop_headings) or _heading_like(LIST_MARK.sub("", line, count=1)) and (
            spans or current
        ):
            break
        elif LIST_MARK.match(line) or LIST_ITEM.match(line) or marker(line):
            if current:
                spans.append((current[0], current[1]))
            current, blank = [pos, line_end], False
        elif current and not blank:
            current[1] = line_end
        elif current or spans:
            break
        else:
            current, blank = [pos, line_end], False
        pos = line_end + 1
    if current:
        spans.append((current[0], current[1]))
    return _absorb(text, spans)


def _absorb(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """An item ending in a colon ("The County Council is asked to:") takes in the items after it."""
    for i, (start, end) in enumerate(spans):
        if text[start:end].rstrip().endswith(":") and i + 1 < len(spans):
            return spans[:i] + [(start, spans[-1][1])]
    return spans


def _heading_like(line: str) -> bool:
    """A short line without a sentence's end: the next section's heading."""
    return len(line.split()) <= 8 and not re.search(r"[.;:,]$", line) and not LIST_MARK.match(line)
