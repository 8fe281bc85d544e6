"""A query typed as an officer's question, read engine-neutrally: the words to match and the soft boosts it names.

"How much funding did Maidstone get from the Police and Crime Commissioner?" asks for
passages on funding from the Police and Crime Commissioner, from Maidstone's papers first:
the question words and filler are dropped, "Maidstone" becomes a preference for that
council's papers rather than a word every passage must contain, and a year ("in 2020") a
preference for that meeting year, kept among the words (a passage saying "2020/21" is the
one to show). Themes and Acts named are preferences too, kept in the words as well. Keyword queries keep every word; queries with operators, quotes or fields
are left exactly as typed. Each engine turns a `Question` into its own query.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from cspsearch.resources import SHARED, load_yaml

_STRUCTURED = re.compile(r'\b(AND|OR|NOT)\b|["():*\[\]{}^~]|\w:\S')
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-/&]*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ACT = re.compile(r"\b((?:[A-Z][\w'’]*|and|of|the|for|in)(?:\s+(?:[A-Z][\w'’]*|and|of|the|for|in))*\s+Act\s+(?:19|20)\d\d)\b")
_LONGEST_NAME = 5  # words in the longest council name looked for ("royal borough of kingston upon thames")


@dataclass(frozen=True)
class Question:
    """What a query asks for: `core` must match; the rest only ranks what matches higher."""

    text: str  # the query as typed
    core: str  # the query to match: as typed, or a question without its filler and councils
    is_question: bool  # a question matches passages with any of its core's words, the more the higher
    dropped: tuple[str, ...] = ()  # filler words left out of `core`
    councils: tuple[str, ...] = ()  # council ids named
    years: tuple[int, ...] = ()  # years named on their own ("in 2020", not "2025-26")
    themes: tuple[str, ...] = ()  # theme ids named
    instruments: tuple[str, ...] = ()  # Acts named, lower case as the index keeps them
    words: tuple[str, ...] = ()  # the core's words in order, for phrase and proximity boosts; () when structured

    def preference(self, paper: dict[str, Any]) -> float:
        """How much the council and year this query names favour a paper (its fields): see PREFERRED."""
        factor = 1.0
        if paper.get("council_id") in self.councils:
            factor *= PREFERRED["council_id"]
        if paper.get("year") in self.years:
            factor *= PREFERRED["year"]
        return factor


# A paper of the council or meeting year a query names ("Maidstone's priorities for 2017")
# scores this much higher, on either engine: a preference, not a filter, and in proportion to how well it matches.
PREFERRED = {"council_id": 2.0, "year": 1.5}


def search_json(query: str, papers: int, passages: int, results: list[dict[str, Any]], facets: dict[str, Any],
                notes: list[str], relaxed: bool, suggest: Callable[[], str | None]) -> dict[str, Any]:
    """The search JSON, alike on either engine; `suggest` (a "did you mean") is asked only when nothing matched
    all the words."""
    out: dict[str, Any] = {
        "query": query, "total": papers, "passages_total": passages, "results": results, "facets": facets,
        "expanded": notes, "relaxed": relaxed, "did_you_mean": None,
    }
    if relaxed:
        out["note"] = "No passage has all of your words; showing passages with any of them."
    if not papers or relaxed:
        out["did_you_mean"] = suggest()
    return out


def paper_hit(doc_id: str, paper: dict[str, Any], passages: list[dict[str, Any]], matches: int) -> dict[str, Any]:
    """A paper's row of the search JSON, alike on either engine: its fields, its best passage's score, how many
    of its passages match and those shown."""
    return {
        "doc_id": doc_id, "title": paper.get("title"), "council_id": paper.get("council_id"),
        "council": paper.get("council"), "committee": paper.get("committee"),
        "meeting_date": paper.get("meeting_date"), "year": paper.get("year"), "doc_kind": paper.get("doc_kind"),
        "path": paper.get("path"), "score": round(passages[0]["score"], 3) if passages else 0.0,
        "matches": matches, "passages": passages,
    }


@cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    data = load_yaml(SHARED, "data/question_words.yaml")
    return frozenset(data["starts"]), frozenset(data["filler"])


def understand(query: str) -> Question:
    """The Question a query string asks (never raises: an unsearchable core fails later, in the parser)."""
    text = query.strip()
    if _STRUCTURED.search(text) or not text:
        return Question(query, query, False)
    starts, filler = _vocabulary()
    tokens = _WORD.findall(text)
    is_question = bool(tokens) and (tokens[0].lower() in starts or text.endswith("?")) and len(tokens) > 1
    instruments = tuple(dict.fromkeys(re.sub(r"^(?:(?:the|and|of|for|in)\s+)+", "", m.group(1).lower())
                                      for m in _ACT.finditer(text)))
    themes = _themes(text)
    spans, councils = _councils(tokens)
    in_acts = {y for title in instruments for y in _YEAR.findall(title)}
    years = tuple(dict.fromkeys(int(t) for t in tokens if _YEAR.fullmatch(t) and t not in in_acts))
    if not is_question:
        core = text.rstrip("?").strip() if len(tokens) > 1 else text
        return Question(query, core, False, (), councils, years, themes, instruments, tuple(_WORD.findall(core)))
    kept, dropped = [], []
    for n, token in enumerate(tokens):
        bare = _bare(token)
        if n in spans:
            continue
        if bare.lower() in filler:
            dropped.append(bare)
        else:
            kept.append(bare)
    if all(_YEAR.fullmatch(w) for w in kept):  # nothing but a council or year ("What about Medway?"): search for that
        kept = [_bare(t) for n, t in enumerate(tokens) if n in spans or _YEAR.fullmatch(t)] or [_bare(t) for t in tokens]
    core = " ".join(kept)
    return Question(query, core, True, tuple(dropped), councils, years, themes, instruments, tuple(kept))


def _bare(token: str) -> str:
    """A word without a possessive ("Maidstone's" -> "Maidstone") or trailing punctuation."""
    return re.sub(r"['’]s?$", "", token).strip("-/&")


def _councils(tokens: list[str]) -> tuple[set[int], tuple[str, ...]]:
    """(positions of the words naming councils, their ids): full names in any case, place names
    ("Medway") only capitalised, since several are also common words ("Reading", "Wells")."""
    from cspsearch.vocab.councils import name_index, normalise_name, place_index

    names, places = name_index(), place_index()
    taken: set[int] = set()
    found: list[str] = []
    n = 0
    while n < len(tokens):
        for width in range(min(_LONGEST_NAME, len(tokens) - n), 0, -1):
            words = tokens[n:n + width]
            key = normalise_name(" ".join(_bare(w) for w in words))
            council = names.get(key) if width > 1 or words[0][:1].isupper() else None
            if council is None and words[0][:1].isupper():
                council = places.get(key)
            if council is not None:
                found.append(council.council_id)
                taken.update(range(n, n + width))
                n += width
                break
        else:
            n += 1
    return taken, tuple(dict.fromkeys(found))


def _themes(text: str) -> tuple[str, ...]:
    from cspsearch.vocab.themes import match_themes

    return tuple(match_themes(text))
