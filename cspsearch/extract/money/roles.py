"""What an amount is (received, national, budget, spend, saving, change, reserve, proposed, risk, other),
decided from the cue words of data/money_roles.yaml nearest it: its clause, or its table row,
column and caption."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from cspsearch.resources import load_yaml

RECEIVED, NATIONAL, CHANGE, PROPOSED, OTHER = "received", "national", "change", "proposed", "other"
_QUALIFIER_WORDS = r"(?:(?:circa|c\.|about|around|approximately|approx\.?|over|under|nearly|almost|some|a further)\s+)?"


@cache
def role_data() -> dict[str, Any]:
    """The role cue lists, loaded once."""
    return load_yaml("cspsearch.extract", "data/money_roles.yaml")


def roles() -> list[str]:
    """Every role in order of precedence, "other" last."""
    return [*role_data()["roles"], OTHER]


@cache
def _cues(table: bool) -> re.Pattern[str]:
    """One pattern of every cue, each in a group named after its role (tables add the weak received cues)."""
    groups = [(role, cues) for role, cues in role_data()["roles"].items()]
    if table:
        groups = [(role, cues + role_data()["table_received"] if role == RECEIVED else cues)
                  for role, cues in groups]
    return re.compile("|".join(rf"(?P<{role}>\b(?:{'|'.join(cues)}))" for role, cues in groups), re.IGNORECASE)


@cache
def _lead_in(key: str) -> re.Pattern[str]:
    """Words of `key` standing right before an amount (its sign, bracket or £ sign)."""
    words = "|".join(role_data()[key])
    return re.compile(rf"\b(?:{words})\s+{_QUALIFIER_WORDS}(?=[-+(−–]?£)", re.IGNORECASE)


class LeadIns:
    """Where the words before an amount make it a level ("rose to £7m") or the pot a share is
    taken from ("a share of the £175m"): found once per document, looked up per amount."""

    def __init__(self, text: str) -> None:
        self._level = {m.end() for m in _lead_in("level_lead_ins").finditer(text)}
        self._pot = {m.end() for m in _lead_in("pot_lead_ins").finditer(text)}

    def level(self, start: int) -> bool:
        return start in self._level or start - 1 in self._level  # "+£5m", "(£5m" start after the sign

    def pot(self, start: int) -> bool:
        return start in self._pot or start - 1 in self._pot


@cache
def _totals() -> re.Pattern[str]:
    return re.compile(rf"^\W*(?:{'|'.join(role_data()['total_rows'])})", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    role: str
    start: int
    end: int


def cues_in(text: str, low: int, high: int, table: bool = False) -> list[Cue]:
    """The role cues found in text[low:high]."""
    found = []
    for match in _cues(table).finditer(text, low, high):
        if match.lastgroup:
            found.append(Cue(match.lastgroup, match.start(), match.end()))
    return found


def label_role(label: str, table: bool = True) -> str | None:
    """The role a table row label or column heading gives (`table`), or a caption (only the cues
    prose would heed); None when it has no cue."""
    found = {cue.role for cue in cues_in(label, 0, len(label), table=table)}
    return next((role for role in roles() if role in found), None)


def prose_role(text: str, start: int, end: int, low: int, high: int, council_near: list[int],
               leads: LeadIns) -> str:
    """The role of the amount text[start:end] from the cues in text[low:high] around it.

    The nearest cue wins (one after the amount counts double its distance). A national cue
    wins wherever it stands in reach unless a council is named nearer the amount. After
    "to" or "from" ("rose from £5m to £7m") the amount is a level, so no change cue counts;
    after "a share of" it is the pot shared out, so it is "other".
    """
    if leads.pot(start):
        return OTHER
    level = leads.level(start)
    order = roles()
    best: tuple[int, int, str] | None = None
    for cue in cues_in(text, low, high):
        if level and cue.role == CHANGE:
            continue
        gap = start - cue.end if cue.end <= start else 2 * max(0, cue.start - end)
        if cue.role == NATIONAL and not any(abs(offset - start) < gap for offset in council_near):
            return NATIONAL
        key = (gap, order.index(cue.role), cue.role)
        best = min(best, key) if best else key
    return best[2] if best else OTHER


def stage_of(heading: str) -> str | None:
    """"provisional" or "final" when a column heading or caption says which version it shows."""
    lowered = heading.lower()
    for stage, words in role_data()["stages"].items():
        if any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in words):
            return stage
    return None


@cache
def _stage_words() -> re.Pattern[str]:
    groups = [rf"(?P<{stage}>\b(?:{'|'.join(re.escape(w) for w in words)})\b)"
              for stage, words in role_data()["stages"].items()]
    return re.compile("|".join(groups), re.IGNORECASE)


def stage_near(text: str, start: int, end: int, low: int, high: int) -> str | None:
    """The version ("provisional", "final") the words nearest the amount text[start:end] in
    text[low:high] name: "the provisional allocation ... was £6.2m", "£6.8m in the final settlement"."""
    found = [(max(start - m.end(), m.start() - end), m.lastgroup) for m in _stage_words().finditer(text, low, high)]
    return min(found)[1] if found else None


def is_total(label: str) -> bool:
    """True for a row label that adds up other rows ("Total Grants", "Sub Total - Grants")."""
    return bool(_totals().search(label))


def national_body(heading: str) -> bool:
    """True when a column heading names all of England (or the country) rather than one council."""
    return any(re.search(rf"\b{re.escape(body)}\b", heading, re.IGNORECASE)
               for body in role_data()["national_bodies"])
