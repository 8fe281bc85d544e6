"""The `vote` family: counts for, against and abstaining, and the outcome of a motion.

A vote is anchored on its outcome line ("Amendment lost.", "Motion carried.", "Agreed
unanimously."); the counts are the "For (N) ... Against (N) ... Abstain (N)" block
since the previous outcome.
"""

from __future__ import annotations

from typing import Any

from cspsearch.extract.decisions.cues import Cues

COUNT_WINDOW = 4000  # the longest roll-call block read back from an outcome line


def find_votes(text: str, cues: Cues) -> list[dict[str, Any]]:
    """Vote entity dicts (normalised offsets) with counts and outcome; `motion` is linked later."""
    outcomes = [(m.start(), m.end(), cues.outcome_of(m["outcome"]), m["what"]) for m in cues.outcome_line.finditer(text)]
    outcomes += [(m.start(), m.end(), "carried", "unanimous") for m in cues.unanimous.finditer(text)]
    outcomes += [(m.start(), m.end(), cues.outcome_of(m["outcome"]), "") for m in cues.bare_outcome.finditer(text)]
    outcomes.sort()
    votes: list[dict[str, Any]] = []
    previous_end = 0
    for start, end, outcome, what in outcomes:
        if outcome is None or start < previous_end:
            continue
        window_start = max(previous_end, start - COUNT_WINDOW)
        counts, count_start = _counts(text, window_start, start, cues)
        unanimous = what == "unanimous"
        votes.append({
            "type": "vote", "start": count_start if count_start is not None else start, "end": end,
            "for": counts.get("for"), "against": counts.get("against"), "abstain": counts.get("abstain"),
            "outcome": outcome, "unanimous": unanimous,
            "on": " ".join(what.lower().split()) if what and not unanimous else None,
            "motion": None, "target_paragraph": _target(text, window_start, start, cues),
        })
        previous_end = end
    return votes


def _counts(text: str, lo: int, hi: int, cues: Cues) -> tuple[dict[str, int], int | None]:
    """The last For/Against/Abstain block in text[lo:hi], and where its "For" starts."""
    fors = list(cues.counts["for"].finditer(text, lo, hi))
    if not fors:
        return {}, None
    first = fors[-1]
    counts = {"for": _number(first)}
    for label in ("against", "abstain"):
        match = cues.counts[label].search(text, first.end(), hi)
        if match:
            counts[label] = _number(match)
    return counts, first.start()


def _number(match: Any) -> int:
    return int(next(g for g in match.groups() if g))


def _target(text: str, lo: int, hi: int, cues: Cues) -> int | None:
    """The paragraph a vote names ("put to the vote the amendment set out in paragraph 7")."""
    put = text.rfind("vote", lo, hi)
    if put < 0:
        return None
    found = list(cues.vote_target.finditer(text, max(lo, put - 250), min(hi, put + 250)))
    return int(found[-1][1]) if found else None
