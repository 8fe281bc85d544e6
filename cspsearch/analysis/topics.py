"""A question's topic against the text of extracted facts: which words it is about, how rare
each is among the facts, and how much of it (as words and as a phrase) a fact holds."""

from __future__ import annotations

import math
import re

from cspsearch.analysis.cells import Row, fold, stem
from cspsearch.analysis.questions import rules

YEAR = re.compile(r"^(?:19|20)\d{2}$")  # a year says when, not what: no part of a topic's phrase


def topic_words(text: str) -> set[str]:
    """A question's topic words: the words that say what it is about, not what kind of question it is."""
    skip = set(rules()["question_words"]) | set(rules()["topic_skip_words"])
    return {w for w in fold(text.replace("-", " ")).split() if w not in skip and not w.isdigit() and len(w) > 2}


def pairs(text: str) -> set[tuple[str, str]]:
    """Neighbouring words of a text once the words that say nothing are left out, singular:
    'the Local Transport Plan' -> {(local, transport), (transport, plan)}; numbers stay ('section 25')."""
    skip = set(rules()["question_words"]) | set(rules()["topic_skip_words"]) | set(rules()["phrase_skip_words"])
    words = [
        w.rstrip("s") if len(w) > 3 else w for w in fold(text.replace("-", " ")).split()
        if w not in skip and not YEAR.match(w)
    ]
    return set(zip(words, words[1:], strict=False))


def row_words(row: Row, fields: tuple[str, ...]) -> set[str]:
    return {w for f in fields for w in fold(str(row.get(f) or "").replace("-", " ")).split()}


TEXT_FIELDS = ("decision", "recommendation", "wording", "motion", "item", "funding_source", "amount_statement")
STEM_CREDIT = 0.6  # a word held only as a like stem ("government" for "governance") counts for less


def credit(word: str, held: set[str], stems: set[str]) -> float:
    """1 when `held` has the word (or its singular or plural), part when only its stem, else 0."""
    if word in held or word.rstrip("s") in held or f"{word}s" in held:
        return 1.0
    return STEM_CREDIT if stem(word) in stems else 0.0


def share(words: set[str], held: set[str], weight: dict[str, float] | None = None) -> float:
    """The (weighted) share of `words` found in `held`."""
    stems = {stem(w) for w in held}
    weight = weight or {}
    total = sum(weight.get(w, 1.0) for w in words)
    return sum(weight.get(w, 1.0) * credit(w, held, stems) for w in words) / total if total else 0.0


def rarity(words: set[str], rows: list[Row]) -> dict[str, float]:
    """Each topic word's weight: rare among the rows, heavy ('transport' over 'local' and 'plan');
    a word no row holds weighs most, so a topic the papers never mention is not matched."""
    held = [row_words(r, TEXT_FIELDS) for r in rows]
    stems = [{stem(w) for w in h} for h in held]
    weight = {}
    for word in words:
        found = sum(1 for h, st in zip(held, stems, strict=True) if credit(word, h, st))
        weight[word] = math.log((len(rows) + 1) / (found + 0.5))
    return weight


def topic_score(row: Row, words: set[str], weight: dict[str, float] | None = None,
                phrase: set[tuple[str, str]] | None = None) -> float:
    """The share of the topic's words a row holds (1.0 when there is no topic), plus a
    half share for those its agenda item names (the item says what a motion is about) and
    a quarter for how much of the item the topic covers ("Governance Updates" over
    "Governance & Audit Terms of Reference update" for "the Governance Update")."""
    if not words:
        return 1.0
    held = share(words, row_words(row, TEXT_FIELDS), weight)
    # A topic of several words is a phrase: some two of them must stand together in the text
    # ("Local Transport Plan" is not "Local Plan ... Growth, Environment & Transport").
    if not held or phrase and not phrase & pairs(" ".join(str(row.get(f) or "") for f in TEXT_FIELDS)):
        return 0.0
    item = topic_words(str(row.get("item") or ""))
    covered = share(item, words) if item else 0.0
    return held + 0.5 * share(words, item | row_words(row, ("item",)), weight) + 0.25 * covered
