"""Where a paper names an instrument: titles with or without their year, phrases, back-references.

A title followed by its year ("... Act 1998", "... Regulations 2007", "... Order 1987") is
found from the year backwards, then matched on its key, then fuzzily among titles of that
year; a title the list lacks is kept as written. Titles cited without a year,
abbreviations and phrases such as "Schedule 12A" come from a spaCy PhraseMatcher.
Back-references ("the 1998 Act", "the Act", "the Regulations") are found here and
resolved by the legal component.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from cspsearch.extract.legal.catalogue import load_catalogue
from cspsearch.vocab.legislation import Instrument, title_key

FUZZY_MIN = 0.9

# A title's last word and year: the anchor every titled citation is found from.
_ANCHOR = re.compile(
    r"(?<![\w-])(?P<word>Act|Regulations|Order)(?:\s?\((?:as amended|No\.?\s?\d+)\))?,?\s?(?:of\s)?"
    r"(?:\((?P<bracketed>(?:19|20)\d{2})\)|(?P<year>(?:19|20)\d{2})(?![\d/]|[-–]\d))"
)
_BACKREF = re.compile(
    r"(?<![\w-])(?:[Tt]he|[Tt]hat)\s(?:same\s)?(?:(?P<year>(?:19|20)\d{2})\s)?"
    r"(?P<word>Act|Regulations|Order|(?<=\d\s)regulations)\b"
    r"(?!\s?\(?(?:19|20)\d{2})(?!\sof\sParliament)(?!\s[A-Z][a-z])"
)
# Where a title cannot reach back across: line and cell breaks, sentence ends, opening quotes.
_BARRIER = re.compile(r"[\n\t\f;:!?“\"‘]|(?<!\betc)(?<!\bNo)\.\s")
_TOKEN = re.compile(r"[A-Za-z][\w'’-]*\.?|&|[(),]|\d+")
# Small words inside titles ("Representation of the People", "Health and Safety at Work etc.").
_CONNECTORS = frozenset({"and", "of", "for", "in", "on", "to", "at", "etc.", "&", ","})
# Capitalised words that open a sentence rather than a title ("Under the ...", "In ...").
_OPENERS = frozenset({"the", "under", "in", "by", "see", "as", "per", "pursuant", "of", "to", "and", "for",
                      "with", "within", "from", "on", "at", "also", "this", "that", "its", "their", "our"})
_YEAR_BEFORE = re.compile(r"\b((?:19|20)\d{2})\s$")


@dataclass
class Mention:
    """A place the text names an instrument, directly or by reference."""

    start: int
    end: int
    instrument: Instrument | None = None
    provision: str | None = None  # a phrase such as "Schedule 12A" names a provision too
    stem: str | None = None  # a title without its year, resolved from earlier citations
    ref: tuple[str, int | None] | None = None  # "the 1998 Act" -> ("Act", 1998)
    definition: bool = False  # "(the 1998 Act)" right after the title: defines, cites nothing new
    used: bool = False


def find_mentions(doc: Doc, text: str) -> list[Mention]:
    """Every place the doc names an instrument, in text order; back-references still unresolved."""
    mentions = sorted(_titled_mentions(text) + _backref_mentions(text), key=lambda m: m.start)
    mentions += _phrase_mentions(doc, text, mentions)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _titled_mentions(text: str) -> list[Mention]:
    """'... Act 1998', '... Regulations (2007)': the title read back from its last word."""
    mentions: list[Mention] = []
    for anchor in _ANCHOR.finditer(text):
        tokens = _title_tokens(text, anchor.start())
        if not tokens:
            continue
        year, word_end = int(anchor.group("year") or anchor.group("bracketed")), anchor.end("word")
        kind = "act" if anchor.group("word") == "Act" else "si"
        inst, start = _known_title(text, tokens, word_end, year, kind)
        if inst is None:
            inst, start = _unlisted_title(text, tokens, anchor, kind)
        if inst is not None:
            if kind == "si" and text[max(0, start - 4):start] == "The ":
                start -= 4
            # "The Equality Act 2010 (Specific Duties ...) Regulations 2017" holds an Act's title: one citation.
            while mentions and start <= mentions[-1].start:
                mentions.pop()
            mentions.append(Mention(start, anchor.end(), inst))
    return mentions


def _title_tokens(text: str, end: int) -> list[re.Match[str]]:
    """The words before a title's last word that can belong to the title, in text order."""
    window_start = max(0, end - 300)
    barriers = list(_BARRIER.finditer(text, window_start, end))
    tokens = list(_TOKEN.finditer(text, barriers[-1].end() if barriers else window_start, end))
    first, depth, i = len(tokens), 0, len(tokens) - 1
    while i >= 0:
        tok = tokens[i].group()
        if tok == ")" or (depth and tok != "("):
            depth += tok == ")"
        elif tok == "(":
            if not depth:
                break
            depth -= 1
        elif not _title_word(tok):
            left = tokens[i - 1].group() if i else ""
            connects = tok.lower() in _CONNECTORS and (_title_word(left) or left == ")")
            the_inside = tok == "the" and left in ("of", "to", "and") and i > 1 and _title_word(tokens[i - 2].group())
            act_year = left == "Act" and len(tok) == 4 and tok.isdigit()  # "... Act 2008 (Regulated ...)"
            if not (connects or the_inside or act_year):
                break
        first = i
        i -= 1
    tokens = tokens[first:]
    while tokens and (tokens[0].group().lower() in _CONNECTORS or tokens[0].group() == "the"):
        tokens = tokens[1:]
    return tokens


def _title_word(tok: str) -> bool:
    return bool(tok) and tok[0].isupper()


def _known_title(text: str, tokens: list[re.Match[str]], end: int, year: int, kind: str
                 ) -> tuple[Instrument | None, int]:
    """The listed title the longest possible tail of the words names, exactly or nearly."""
    catalogue = load_catalogue()
    keys = []
    for token in tokens:
        if _title_word(token.group()) or token.group() == "(":
            key = title_key(text[token.start():end])
            inst = catalogue.by_key.get((key, year))
            if inst and inst.kind == kind:
                return inst, token.start()
            keys.append((key, token.start()))
    best, best_ratio, best_start = None, FUZZY_MIN, 0
    for key, start in keys:
        for title, inst in catalogue.by_year.get(year, ()):
            if inst.kind != kind:
                continue
            matcher = difflib.SequenceMatcher(None, key, title)
            if matcher.real_quick_ratio() >= best_ratio and matcher.ratio() >= best_ratio:
                best, best_ratio, best_start = inst, matcher.ratio(), start
    return best, best_start


def _unlisted_title(text: str, tokens: list[re.Match[str]], anchor: re.Match[str], kind: str
                    ) -> tuple[Instrument | None, int]:
    """A title the list lacks, kept as written: 'Finance Act 2024'."""
    while tokens and tokens[0].group().lower() in _OPENERS:
        tokens = tokens[1:]
    if not tokens or not _title_word(tokens[0].group()):
        return None, 0
    words = text[tokens[0].start():anchor.end("word")]
    council_rules = load_catalogue().by_key.get((title_key(words), 0))
    if council_rules:
        return council_rules, tokens[0].start()
    if anchor.group("word") == "Order" and "(" not in words:
        return None, 0  # "Purchase Order 2021": statutory orders name their subject in brackets
    year = anchor.group("year") or anchor.group("bracketed")
    title = ("The " if kind == "si" else "") + words + " " + year
    return Instrument(title, int(year), kind, None), tokens[0].start()


def _backref_mentions(text: str) -> list[Mention]:
    mentions = []
    for match in _BACKREF.finditer(text):
        year = int(match.group("year")) if match.group("year") else None
        mentions.append(Mention(match.start(), match.end(), ref=(match.group("word").capitalize(), year)))
    return mentions


@cache
def _matchers(vocab_id: int, vocab: Any) -> tuple[PhraseMatcher, PhraseMatcher, list[Any]]:
    """PhraseMatchers (by lower case, by exact form) for the list's phrases, and each match id's payload."""
    import spacy

    nlp = spacy.blank("en", vocab=vocab)
    payloads: list[Any] = []
    matchers = {"LOWER": PhraseMatcher(vocab, attr="LOWER"), "ORTH": PhraseMatcher(vocab, attr="ORTH")}
    for text, attr, payload in load_catalogue().phrases:
        variants = {text, text.replace(" and ", " & "), re.sub(r"[()]", "", text).replace("  ", " ")}
        matchers[attr].add(str(len(payloads)), [nlp.make_doc(v) for v in variants])
        payloads.append(payload)
    return matchers["LOWER"], matchers["ORTH"], payloads


def _phrase_mentions(doc: Doc, text: str, taken: list[Mention]) -> list[Mention]:
    """Titles without a year, abbreviations, council rules and provision phrases."""
    from spacy.util import filter_spans

    lower, orth, payloads = _matchers(id(doc.vocab), doc.vocab)
    label = {}
    for match_id, s, e in list(lower(doc)) + list(orth(doc)):
        span = doc[s:e]
        if not _overlaps(span.start_char, span.end_char, taken):
            label[(s, e)] = payloads[int(doc.vocab.strings[match_id])]
    mentions = []
    for span in filter_spans([doc[s:e] for s, e in label]):
        payload, a, b = label[(span.start, span.end)], span.start_char, span.end_char
        if payload[0] == "alias":
            mentions.append(Mention(a, b, payload[1], payload[2]))
        elif span.text[0].isupper() and span[-1].text[0].isupper():  # a title, not prose
            mentions.append(_stem_mention(text, a, b, payload[1]))
    return mentions


def _overlaps(start: int, end: int, mentions: list[Mention]) -> bool:
    """Whether [start, end) overlaps one of `mentions` (sorted by start, not nested)."""
    i = bisect.bisect_left(mentions, end, key=lambda m: m.start)
    return i > 0 and mentions[i - 1].end > start


def _stem_mention(text: str, start: int, end: int, stem: str) -> Mention:
    """A title without its year after it; 'the 1972 Local Government Act' puts the year first."""
    year = _YEAR_BEFORE.search(text, max(0, start - 6), start)
    inst = load_catalogue().by_key.get((stem, int(year.group(1)))) if year else None
    if year and inst:
        return Mention(year.start(), end, inst)
    return Mention(start, end, stem=stem)
