"""Funders, grant names and recipients named in a document, read from data/funding.yaml.

`find_mentions` lists every place the text names a funder ("the PCC", "Home Office"), a
grant ("Safer Streets 4", "Revenue Support Grant", any "<Capitalised words> Grant") or a
council or partnership that may receive money, each with its canonical name.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from dateutil.parser import parserinfo
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from cspsearch.resources import load_yaml

FUNDER, GRANT, RECIPIENT = "funder", "grant", "recipient"
_INFO = parserinfo()
# A name is capitalised words (small joining words allowed inside) before a head word such
# as "Grant" or "Council", on one line. Scanning for the head first and reading the words
# backwards from it keeps the cost of a long document low.
_GRANT_HEAD = re.compile(r"(?:Grant|Fund|Bonus)(?![\w’'-])")
_GRANT_JOINS = frozenset({"and", "&", "for", "of", "to", "in", "on"})
_RECIPIENT_JOINS = frozenset({"and", "&"})  # not "of": "Leader of Medway Council"
_CAPITALISED_WORD = re.compile(r"[A-Z][\w’'&-]*")
NAME_REACH = 90  # characters a name may run back from its head word
_ROUND = re.compile(r"(?:\sFund)?(?:,?\s\(?(?i:round)\s(?P<r>\d{1,2})\)?|\s(?P<n>\d{1,2})\b(?!\.\d|,\d|%))")


@dataclass(frozen=True)
class Mention:
    """A funder, grant or recipient named in the text; `funder` is a grant's usual payer."""

    kind: str
    start: int
    end: int
    name: str
    funder: str | None = None
    known: bool = True


@cache
def funding_data() -> dict[str, Any]:
    """The funding word lists, loaded once."""
    return load_yaml("cspsearch.extract", "data/funding.yaml")


@cache
def _tokenizer() -> Any:
    import spacy

    return spacy.blank("en").tokenizer


Labels = dict[str, tuple[str, str, str | None, bool]]  # match key -> (kind, name, usual funder, rounds?)
_MATCHERS: dict[int, tuple[Vocab, PhraseMatcher, PhraseMatcher, Labels]] = {}


def _matchers(vocab: Vocab) -> tuple[Vocab, PhraseMatcher, PhraseMatcher, Labels]:
    """Phrase matchers for the funder and grant phrasings: acronyms as written, names in any case."""
    cached = _MATCHERS.get(id(vocab))
    if cached is None or cached[0] is not vocab:
        exact, anycase = PhraseMatcher(vocab, attr="ORTH"), PhraseMatcher(vocab, attr="LOWER")
        labels: Labels = {}
        data = funding_data()
        entries = [(FUNDER, f["name"], None, False, f["phrasings"]) for f in data["funders"]]
        entries += [(GRANT, g["name"], g.get("funder"), bool(g.get("rounds")), g["phrasings"])
                    for g in data["grants"]]
        for number, (kind, name, funder, rounds, phrasings) in enumerate(entries):
            key = f"{kind}:{number}"
            labels[key] = (kind, name, funder, rounds)
            for phrase in phrasings:
                words = [t.text for t in _tokenizer()(phrase)]
                matcher = exact if len(words) == 1 and phrase != phrase.lower() else anycase
                matcher.add(key, [Doc(vocab, words=words)])
        _MATCHERS[id(vocab)] = (vocab, exact, anycase, labels)
    return _MATCHERS[id(vocab)]


def find_mentions(doc: Doc, text: str, acronyms: dict[str, str], council: str | None) -> list[Mention]:
    """Funders, grants and recipients named in `doc` (whose text is `text`), sorted by position."""
    mentions = _phrase_mentions(doc, text)
    mentions += _generic_grants(text, mentions)
    mentions += _recipients(text, acronyms, council, mentions)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


def _phrase_mentions(doc: Doc, text: str) -> list[Mention]:
    _, exact, anycase, labels = _matchers(doc.vocab)
    spans = [(doc.vocab.strings[key], start, end) for key, start, end in exact(doc) + anycase(doc)]
    spans.sort(key=lambda s: (s[1], -(s[2] - s[1])))
    found: list[Mention] = []
    last_end = -1
    for key, start, end in spans:
        if start < last_end:
            continue  # the longest phrasing at a place wins ("Office of the PCC" over "PCC")
        last_end = end
        kind, name, funder, rounds = labels[key]
        span = doc[start:end]
        if kind == GRANT and _inside_not_grant(text, span.start_char, span.end_char):
            continue
        mention = Mention(kind, span.start_char, span.end_char, name, funder)
        found.append(_with_round(text, mention) if rounds else mention)
    return found


def _inside_not_grant(text: str, start: int, end: int) -> bool:
    """"Police Grant Settlement" names a settlement, not the Police Grant."""
    window = text[max(0, start - 30):end + 30].lower()
    offset = max(0, start - 30)
    for phrase in funding_data()["not_grants"]:
        for match in re.finditer(re.escape(phrase.lower()), window):
            if match.start() + offset <= start and end <= match.end() + offset:
                return True
    return False


def _with_round(text: str, mention: Mention) -> Mention:
    """"Safer Streets 4" / "Safer Streets Fund round 4" -> "Safer Streets Fund round 4"."""
    match = _ROUND.match(text, mention.end)
    if not match or not (match.group("r") or match.group("n")):
        return mention
    number = match.group("r") or match.group("n")
    return Mention(GRANT, mention.start, match.end(), f"{mention.name} round {number}", mention.funder)


def _generic_grants(text: str, known: list[Mention]) -> list[Mention]:
    """"<Capitalised words> Grant|Fund|Bonus" names the data file does not list."""
    stop = {name.lower() for name in funding_data()["not_grants"]}
    taken = _Spans(known)
    found = []
    for start, end, name in _names(text, _GRANT_HEAD, _GRANT_JOINS, 6):
        if name.lower() in stop or any(name.lower().endswith(s) for s in stop) or taken.overlaps(start, end):
            continue
        found.append(Mention(GRANT, start, end, name.replace("’", "'"), None, known=False))
    return found


def _names(text: str, head: re.Pattern[str], joins: frozenset[str],
           most: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of each "<Capitalised words> <head>" name in `text`."""
    found = []
    for match in head.finditer(text):
        start = _name_start(text, match.start(), joins, most)
        if start is not None:
            found.append((start, match.end(), text[start:match.end()]))
    return found


def _name_start(text: str, head_start: int, joins: frozenset[str], most: int) -> int | None:
    """Where the capitalised words before a head word begin, or None when there are none.

    Reading backwards, a name stops at a line break, a lower-case word, a stop word
    ("The", "Appendix"), a month, another head word ("Kent County Council and Medway
    Council" gives "Medway Council") or an acronym joined by "and" ("KCC and Medway Council").
    """
    window = text[max(0, head_start - NAME_REACH):head_start]
    if not window.endswith(" "):
        return None
    words = re.split(r"[\n\t\f]", window)[-1][:-1].split(" ")
    stops = _name_stops()
    taken: list[str] = []
    join: str | None = None
    capitalised = 0
    for word in reversed(words):
        if word in joins and taken and join is None:
            join = word
            continue
        if (capitalised >= most or not _CAPITALISED_WORD.fullmatch(word) or word in stops
                or _INFO.month(word) or (join and word.isupper())):
            break
        taken = [word, join, *taken] if join else [word, *taken]
        join, capitalised = None, capitalised + 1
    if not taken:
        return None
    return head_start - 1 - len(" ".join(taken))


@cache
def _name_stops() -> frozenset[str]:
    data = funding_data()
    heads = {w.split()[-1] for w in data["council_words"] + data["partnership_words"]}
    heads |= {"Grant", "Fund", "Bonus"}
    return frozenset(data["name_stop_words"]) | heads | {h + "s" for h in heads}


@cache
def _recipient_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = funding_data()
    council = "|".join(re.escape(w) for w in sorted(data["council_words"], key=len, reverse=True))
    partnership = "|".join(re.escape(w) for w in sorted(data["partnership_words"], key=len, reverse=True))
    named = re.compile(rf"(?:{council}|{partnership})\b(?!\s[A-Z])")
    # "the Council" or "The Council": only the first letter's case may vary.
    phrases = data["own_council"] + data["own_partnership"]
    own = "|".join(f"[{w[0].upper()}{w[0].lower()}]{re.escape(w[1:])}" for w in phrases)
    return named, re.compile(rf"\b(?:{own})\b(?!\s[A-Z])|\bthe\s(?P<short>[A-Z]{{2,6}})\b")


def _recipients(text: str, acronyms: dict[str, str], council: str | None,
                taken: list[Mention]) -> list[Mention]:
    """Councils and partnerships by name; "the Council" as the document's council when known."""
    data = funding_data()
    stop = {w.lower() for w in data["not_recipients"]}
    own_council = {" ".join(w.lower().split()) for w in data["own_council"]}
    named, own = _recipient_patterns()
    spans = _Spans(taken)
    found = []
    for start, end, name in _names(text, named, _RECIPIENT_JOINS, 4):
        if name.lower() not in stop and not spans.overlaps(start, end):
            found.append(Mention(RECIPIENT, start, end, name))
            spans.add(start, end)
    for match in own.finditer(text):
        if spans.overlaps(match.start(), match.end()):
            continue
        own_name = _own_name(match, acronyms, council, own_council)
        if own_name:
            found.append(Mention(RECIPIENT, match.start(), match.end(), own_name))
            spans.add(match.start(), match.end())
    found += _own_acronyms(text, council, spans)
    return found


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def _own_acronyms(text: str, council: str | None, spans: _Spans) -> list[Mention]:
    """The document's council by its acronym ("KCC share in RSG"), as the council list knows it."""
    from cspsearch.vocab.councils import acronym_index, find_council

    own = find_council(council) if council else None
    if own is None:
        return []
    index = acronym_index()
    return [Mention(RECIPIENT, m.start(), m.end(), council or own.name) for m in _ACRONYM.finditer(text)
            if index.get(m.group()) == own and not spans.overlaps(m.start(), m.end())]


def _own_name(match: re.Match[str], acronyms: dict[str, str], council: str | None,
              own_council: set[str]) -> str | None:
    """Who "the Council", "the partnership" or "the SMP" stands for, or None when unknown."""
    if match.group("short"):
        long = acronyms.get(match.group("short"), "")
        return long if "Partnership" in long or "Council" in long else None
    if " ".join(match.group().lower().split()) in own_council:
        return council
    partnerships = [long for long in acronyms.values() if long.endswith("Partnership")]
    return partnerships[0] if partnerships else None


class _Spans:
    """Spans of text already named, sorted, for quick overlap tests."""

    NEIGHBOURS = 3  # names rarely nest, so a few spans starting just before `end` suffice

    def __init__(self, mentions: list[Mention]) -> None:
        self.spans = sorted((m.start, m.end) for m in mentions)

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.spans, (end, -1))
        return any(self.spans[i][1] > start for i in range(max(0, index - self.NEIGHBOURS), index))
