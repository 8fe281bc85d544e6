"""Whose paper this is: council names, partnership names, acronyms and e-mail domains, scored and weighed."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from cspsearch.vocab.councils import (
    Council,
    acronym_index,
    council_for_host,
    get_council,
    name_index,
    normalise_name,
    place_index,
)

# Evidence weights. A full name or partnership name is strong, a domain or acronym nearly so; a bare
# place name ("Maidstone", "Kent") is weak, since papers name neighbours, venues and other bodies.
# A name that fills a line at the top of the cover ("MAIDSTONE BOROUGH COUNCIL") says whose paper it is,
# whatever else the paper discusses; lower down such a line is a page header.
NAME, ACRONYM, DOMAIN, PLACE = 3.0, 2.0, 2.0, 0.5
HEAD_FACTOR, HEADING_BONUS = 2.0, 3.0
COVER_CHARS = 600
MIN_SCORE, MIN_LEAD = 3.0, 1.3  # below this score, or without this lead over the runner-up: unknown
MIN_SCORE_OF_KIND = 1.0  # when the body ("County Council") already says which kind of council it is
MAX_NAME_WORDS = 9

_WORD = r"[A-Z][\w'’.-]*"
_CONNECTOR = r"(?:and|of|upon|on|under|in|the|with|nan|&)"
_PHRASE = re.compile(rf"{_WORD}(?:(?:[ \t]+|[ \t]*\n[ \t]*)(?:(?i:{_CONNECTOR})[ \t]+)*{_WORD})*")
_SENTENCE_START = re.compile(r"^(?:For|In|At|To|By|From|With|On|Across|Within|Throughout|Around|Of|And)\s+")
_EMAIL = re.compile(r"@([a-z0-9-]+(?:[ \t]*\n?[ \t]*\.[a-z0-9-]+)+)")
_HOST = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:gov\.uk|gov\.wales|llyw\.cymru|gov\.scot|org\.uk))\b")


@dataclass
class CouncilEvidence:
    """Evidence score per council id, and the councils whose name heads the cover."""

    scores: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    cover: set[str] = field(default_factory=set)


def score_councils(text: str, head_end: int) -> CouncilEvidence:
    """Every council named in `text`, scored; mentions within the head (before `head_end`) count double."""
    evidence = CouncilEvidence()

    def add(council: Council | None, weight: float, at: int) -> None:
        if council:
            evidence.scores[council.council_id] += weight * (HEAD_FACTOR if at < head_end else 1.0)

    for match in _PHRASE.finditer(text):
        for council, kind, start, end in _names_in_phrase(match.group(), match.start()):
            add(council, {"name": NAME, "acronym": ACRONYM, "place": PLACE}[kind], start)
            if kind == "name" and _is_heading(text, start, end):
                evidence.scores[council.council_id] += HEADING_BONUS
                if start < COVER_CHARS:
                    evidence.cover.add(council.council_id)
    for match in _EMAIL.finditer(text):
        add(council_for_host(re.sub(r"\s+", "", match.group(1))), DOMAIN, match.start())
    for match in _HOST.finditer(text):
        if text[max(0, match.start() - 1): match.start()] != "@":
            add(council_for_host(match.group(1)), DOMAIN, match.start())
    return evidence


def best_council(evidence: CouncilEvidence, body: str | None = None) -> str | None:
    """The council the cover names, else the leading one when its evidence is enough and clearly ahead.

    A paper for the "County Council" belongs to a county council: other councils it names are neighbours.
    """
    county_only = bool(body and re.search(r"(?i)\bcounty council\b", body))
    covers = [cid for cid in evidence.cover if not county_only or _is_county(get_council(cid))]
    if len(covers) == 1:
        return covers[0]
    scores = evidence.scores
    if county_only:
        scores = {cid: score for cid, score in scores.items() if _is_county(get_council(cid))}
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] < (MIN_SCORE_OF_KIND if county_only else MIN_SCORE):
        return None
    if len(ranked) > 1 and ranked[0][1] < ranked[1][1] * MIN_LEAD:
        return None
    return ranked[0][0]


def _is_county(council: Council) -> bool:
    return council.subtype == "CTY" or "County Council" in council.name


def _names_in_phrase(phrase: str, offset: int) -> list[tuple[Council, str, int, int]]:
    """Council names in one capitalised phrase, longest first; a place counts only standing alone."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", phrase)]
    words = [phrase[s:e] for s, e in spans]
    found, i = [], 0
    while i < len(words):
        hit = _longest_name(words, i)
        if hit:
            council, j = hit
            found.append((council, "name", offset + spans[i][0], offset + spans[j - 1][1]))
            i = j
            continue
        acronym = acronym_index().get(re.sub(r"[’']s$", "", words[i].strip(".,;:()")))
        if acronym:
            found.append((acronym, "acronym", offset + spans[i][0], offset + spans[i][1]))
        i += 1
    if not found:
        found = _standalone_places(phrase, offset)
    return found


def _longest_name(words: list[str], i: int) -> tuple[Council, int] | None:
    index = name_index()
    for j in range(min(len(words), i + MAX_NAME_WORDS), i, -1):
        council = index.get(normalise_name(" ".join(words[i:j])))
        if council:
            return council, j
    return None


def _standalone_places(phrase: str, offset: int) -> list[tuple[Council, str, int, int]]:
    """'Kent and Medway' names both places; 'Kent Police' names neither council."""
    index, found = place_index(), []
    lead = _SENTENCE_START.match(phrase)
    if lead:  # "For Medway these are": the capital is the sentence's, not the name's
        phrase, offset = phrase[lead.end():], offset + lead.end()
    whole = index.get(normalise_name(phrase))
    if whole:
        return [(whole, "place", offset, offset + len(phrase))]
    for part in re.finditer(r"[^&]+?(?=\s+(?:and|AND|&)\s+|$)", phrase):
        council = index.get(normalise_name(part.group().strip().removeprefix("and ").removeprefix("AND ")))
        if council:
            found.append((council, "place", offset + part.start(), offset + part.end()))
    return found


def _is_heading(text: str, start: int, end: int) -> bool:
    """True when the name fills its line, as in a 'MAIDSTONE BOROUGH COUNCIL' cover heading."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start: line_end if line_end >= 0 else len(text)].replace("*", "").strip()
    if re.match(r"^(?:[-•·▪–]|\d+[.)])\s", line):
        return False  # an item in a list of partners, not a heading
    return normalise_name(line) == normalise_name(text[start:end])
