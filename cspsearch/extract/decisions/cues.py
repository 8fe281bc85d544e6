"""The decision families' cue words and patterns, read once from extract/data/decisions.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from cspsearch.resources import load_yaml

ML = re.I | re.M


@dataclass(frozen=True)
class Cues:
    """Compiled patterns; names follow the data file's keys."""

    raw: dict[str, Any]
    decision: tuple[re.Pattern[str], ...]
    inline_stops: tuple[re.Pattern[str], ...]
    stop_headings: tuple[re.Pattern[str], ...]
    recommendation_headings: tuple[re.Pattern[str], ...]
    recommendation_sentences: tuple[re.Pattern[str], ...]
    recommendation_items: tuple[re.Pattern[str], ...]
    proposed_records: tuple[re.Pattern[str], ...]
    movers: tuple[re.Pattern[str], ...]
    form_fields: dict[str, re.Pattern[str]]
    counts: dict[str, re.Pattern[str]]
    kind_words: dict[str, tuple[re.Pattern[str], ...]]
    outcome_line: re.Pattern[str]
    unanimous: re.Pattern[str]
    bare_outcome: re.Pattern[str]
    vote_target: re.Pattern[str]
    item_heading: re.Pattern[str]
    title_of_decision: re.Pattern[str]
    paragraph_start: re.Pattern[str]
    decision_maker: re.Pattern[str]
    purpose: re.Pattern[str]
    amount: re.Pattern[str]
    funding: re.Pattern[str]

    def outcome_of(self, word: str) -> str | None:
        """'defeated' -> 'lost', 'agreed' -> 'carried' (None for a word the data file does not know)."""
        for outcome, words in self.raw["outcome_words"].items():
            if word.lower() in words:
                return str(outcome)
        return None


def _all(patterns: list[str], flags: int = ML) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, flags) for p in patterns)


def _mover(kinds: dict[str, str]) -> str:
    """One alternation of every way the data file names a mover."""
    return "|".join(f"(?:{p})" for p in kinds.values())


@cache
def cues() -> Cues:
    raw = load_yaml("cspsearch.extract", "data/decisions.yaml")
    decision = _all(raw["decision_cues"]) + _all(raw["case_sensitive_cues"], re.M)
    return Cues(
        raw=raw,
        decision=decision,
        inline_stops=_all(raw["inline_stops"]),
        # One alternation: every line of a block is tried against them all.
        stop_headings=(re.compile("|".join(f"(?:{p})" for p in raw["stop_headings"]), ML),),
        recommendation_headings=_all(raw["recommendation_headings"]),
        recommendation_sentences=_all(raw["recommendation_sentences"]),
        # Case matters: "AGREE the revised Terms" and "Note the update" start an item, "the" does not.
        recommendation_items=_all(raw["recommendation_items"], re.M),
        proposed_records=_all(raw["proposed_record_markers"]),
        movers=_all([p.replace("{mover}", _mover(raw["movers"])) for p in raw["mover_patterns"]], re.M),
        form_fields={k: re.compile(v, ML) for k, v in raw["form_fields"].items()},
        # Counts are read in capitals only: "For (57)" heads a list, "for (a)" is prose.
        counts={k: re.compile(v, re.M) for k, v in raw["count_labels"].items()},
        kind_words={k: _all(v) for k, v in raw["kind_words"].items()},
        outcome_line=re.compile(raw["outcome_line"], ML),
        unanimous=re.compile(raw["unanimous"], ML),
        bare_outcome=re.compile(raw["bare_outcome"], re.M),
        vote_target=re.compile(raw["vote_target"], ML),
        item_heading=re.compile(raw["item_heading"], re.M),
        title_of_decision=re.compile(raw["title_of_decision"], ML),
        paragraph_start=re.compile(raw["paragraph_start"], re.M),
        decision_maker=re.compile(raw["decision_maker"], re.M),
        purpose=re.compile(raw["purpose_label"], ML),
        amount=re.compile(raw["amount_label"], ML),
        funding=re.compile(raw["funding_label"], ML),
    )
