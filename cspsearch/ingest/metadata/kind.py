"""What sort of paper this is (report, minutes, agenda ...) and which plan period it is about."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from cspsearch.ingest.metadata.text import Line, cues


@cache
def _kind_rules() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    rules = []
    for entry in cues()["doc_kinds"]:
        for scope in ("top", "head", "title"):
            for cue in entry.get(scope, ()):
                rules.append((entry["kind"], scope, re.compile(cue, re.M)))
    return tuple(rules)


def infer_kind(lines: list[Line], title: str | None = None) -> str | None:
    """The first kind in the cue file with a cue in the top lines, the head, or (when given) the title."""
    top = "\n".join(line.text for line in lines[: int(cues()["top_lines"])])
    scopes = {"top": top, "head": "\n".join(line.text for line in lines), "title": title or ""}
    for kind, scope, pattern in _kind_rules():
        if (scope != "title" or title) and pattern.search(scopes[scope]):
            return kind
    return None


_YEARS = r"(?P<a>(?:19|20)\d\d)\s*(?:-|–|—|/|\bto\b)\s*(?P<b>(?:19|20)?\d\d)\b"
_LINK = r"(?:for|of|in|on|the|covering|covers|period|from|[A-Z][\w&'’-]*)"


@cache
def _plan_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = "|".join(re.escape(w) for w in cues()["plan_words"])
    after = re.compile(rf"(?i:\b(?:{words})\b)(?:\s+{_LINK}){{0,6}}?\s+\(?{_YEARS}")
    before = re.compile(rf"{_YEARS}\s+(?:[A-Z][\w&'’-]*\s+){{0,5}}?(?i:(?:{words})\b)")
    return after, before


def plan_periods(text: str) -> list[tuple[int, int]]:
    """Every (start, end) year range written next to a plan word: 'Plan 2013 - 2018', '2013-18 ... Plan'."""
    found = []
    for pattern in _plan_patterns():
        for match in pattern.finditer(text):
            start, end = int(match.group("a")), match.group("b")
            end_year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
            if 0 < end_year - start <= 25:
                found.append((match.start(), (start, end_year)))
    return [period for _, period in sorted(found)]


def infer_plan_period(text: str, head: str, title: str | None) -> tuple[int, int] | None:
    """The plan period the paper is about: the title's, else the one written most (head mentions count double)."""
    in_title = plan_periods(title or "")
    if in_title:
        return in_title[0]
    votes: Counter[tuple[int, int]] = Counter(plan_periods(text))
    votes.update(plan_periods(head))
    if not votes:
        return None
    first_seen = {p: i for i, p in reversed(list(enumerate(plan_periods(text))))}
    return max(votes, key=lambda p: (votes[p], -first_seen.get(p, 0)))
