"""Legal references: Acts, statutory instruments and council rules, resolved to their exact titles.

Titles come from data/legislation.tsv. A title followed by its year ("... Act 1998",
"... Regulations 2007", "... Order 1987") is found from the year backwards, then matched
on a normalised key (case, brackets, punctuation and "the" dropped, & = and), then fuzzily
among titles of that year; a title the list lacks is kept as written. Titles cited
without a year, abbreviations and phrases such as "Schedule 12A" come from a spaCy
PhraseMatcher. Back-references ("the 1998 Act", "the Act", "the Regulations") resolve to
the nearest earlier citation they fit; provisions ("section 5(1)(a) of", "Sections 5 to 7")
attach to the instrument written next to them, a bare "Regulation 10" to the last
regulations cited.
"""

from __future__ import annotations

import bisect
import csv
import difflib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from cspsearch.extract import CONTEXT_KEY, ENTITIES_KEY
from cspsearch.extract.provisions import Provision, find_provisions, legislation_url

DATA_FILE = Path(__file__).parent / "data" / "legislation.tsv"
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
# What may sit between a provision and the instrument after it: "of the", "(The Full Council) of
# the Council's", "under".
# Only spaces: a kept line break or tab ends a citation (list items, table cells).
_CONNECT = re.compile(
    r" ?,? ?(?:\([^()\n\t]{1,60}\) ?)?(?:(?:of|to|under|in|within|from) )?(?:(?:the|that) )?"
    r"(?:(?:[A-Z]\w* ){0,2}[A-Z]\w*(?:'s|’s) |[A-Z]{2,6} )?"
)
_REVERSE = re.compile(r" ?, ?| | ?\( ?")
# After a title and a bare space, only a short form reads as its provision ("Children Act 1989 s.17");
# "Equality Act 2010 Section 3 Options" is more often a table of contents.
_ABBREVIATED = re.compile(r"(?:[Ss]s?\.|[Ss]\d|[Ss]chs?\.|[Rr]egs?\.|[Aa]rts?\.|[Pp]aras?\.)")
_POINTS_ELSEWHERE = re.compile(r" ?(?:of|to|in|under|above|below)\b")
_YEAR_BEFORE = re.compile(r"\b((?:19|20)\d{2})\s$")
_DEFINITION_OPEN = re.compile(r" ?\( ?(?:hereafter |hereinafter )?[\"“‘']?")
_DEFINITION_CLOSE = re.compile(r"[\"”’']? ?\)")


@dataclass(frozen=True)
class Instrument:
    title: str
    year: int | None
    kind: str  # act | si | other
    uri: str | None

    @property
    def stem(self) -> str:
        """The key of the title without its year: what a citation without the year matches."""
        return title_key(re.sub(r"\s\d{4}$", "", self.title))


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


@dataclass(frozen=True)
class Catalogue:
    by_key: dict[tuple[str, int], Instrument]
    by_year: dict[int, list[tuple[str, Instrument]]]
    defaults: dict[str, Instrument]
    phrases: list[tuple[str, str, Any]]  # (pattern text, LOWER|ORTH, payload)
    named_provisions: dict[str, Instrument]  # "sch.12A" -> the Act a bare "Schedule 12A" belongs to


def title_key(title: str) -> str:
    """'The Crime & Disorder (Overview and Scrutiny) Regulations' -> 'crime and disorder overview ...'."""
    text = re.sub(r"['’]", "", title.lower().replace("&", " and "))
    return " ".join(w for w in re.split(r"[^a-z0-9]+", text) if w and w != "the")


@cache
def load_catalogue() -> Catalogue:
    """The instruments of data/legislation.tsv, indexed for matching (read once)."""
    by_key: dict[tuple[str, int], Instrument] = {}
    by_year: dict[int, list[tuple[str, Instrument]]] = {}
    defaults: dict[str, Instrument] = {}
    phrases: list[tuple[str, str, Any]] = []
    provisions: dict[str, Instrument] = {}
    with DATA_FILE.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in rows:
            inst = Instrument(row["short_title"].strip(), int(row["year"]) if row["year"] else None,
                              row["type"].strip(), row["legislation_gov_uk_id"].strip() or None)
            names = [inst.title] + [a.strip() for a in (row["aliases"] or "").split("|") if a.strip()]
            for name in names:
                _index_name(name, inst, by_key, by_year, defaults, phrases, provisions)
    return Catalogue(by_key, by_year, defaults, phrases, provisions)


def _index_name(name: str, inst: Instrument, by_key: dict, by_year: dict, defaults: dict, phrases: list,
                provisions: dict) -> None:
    fixed = re.search(r"\s*\[([^\]]+)\]$", name)
    if fixed:  # "Schedule 12A [sch.12A]", "Section 114 notice [s.114]": a phrase naming a provision
        phrase = name[: fixed.start()]
        parsed = find_provisions(phrase)
        if len(parsed) == 1 and parsed[0].end - parsed[0].start == len(phrase):
            provisions.setdefault(parsed[0].normalised, inst)
        else:
            phrases.append((phrase, "LOWER", ("alias", inst, fixed.group(1))))
        return
    year = re.search(r"\s\(?((?:19|20)\d{2})\)?$", name)
    abbreviation = re.match(r"[A-Z][A-Za-z&]*[A-Z]\b", name) is not None
    if inst.kind == "other":
        by_key.setdefault((title_key(name), 0), inst)  # "Financial Regulations 2019" stays the council's
        for variant in {name, name.upper()}:
            phrases.append((variant, "ORTH", ("alias", inst, None)))
    elif year:
        key, value = title_key(name[: year.start()]), int(year.group(1))
        by_key.setdefault((key, value), inst)
        by_year.setdefault(value, []).append((key, inst))
        if name == inst.title:
            phrases.append((name[: year.start()], "LOWER", ("stem", key)))
        elif abbreviation:
            phrases.append((name, "ORTH", ("alias", inst, None)))
    elif abbreviation:
        phrases.append((name, "ORTH", ("alias", inst, None)))
    else:  # a title without its year: this instrument is what it means
        defaults.setdefault(title_key(name), inst)
        phrases.append((name, "LOWER", ("stem", title_key(name))))


@cache
def _matchers(vocab_id: int, vocab: Any) -> tuple[PhraseMatcher, PhraseMatcher, list[Any]]:
    import spacy

    nlp = spacy.blank("en", vocab=vocab)
    payloads: list[Any] = []
    matchers = {"LOWER": PhraseMatcher(vocab, attr="LOWER"), "ORTH": PhraseMatcher(vocab, attr="ORTH")}
    for text, attr, payload in load_catalogue().phrases:
        variants = {text, text.replace(" and ", " & "), re.sub(r"[()]", "", text).replace("  ", " ")}
        matchers[attr].add(str(len(payloads)), [nlp.make_doc(v) for v in variants])
        payloads.append(payload)
    return matchers["LOWER"], matchers["ORTH"], payloads


@Language.component("cspsearch_legal")
def legal_component(doc: Doc) -> Doc:
    doc.user_data.setdefault(ENTITIES_KEY, []).extend(find_legal(doc))
    return doc


def find_legal(doc: Doc) -> list[dict[str, Any]]:
    """Legal entity dicts (normalised-text offsets) for every citation in the doc."""
    text = _text_of(doc)
    mentions = sorted(_titled_mentions(text) + _backref_mentions(text), key=lambda m: m.start)
    mentions += _phrase_mentions(doc, text, mentions)
    mentions.sort(key=lambda m: m.start)
    _resolve(text, mentions)
    starts = [m.start for m in mentions]
    found = [_provision_entity(text, p, mentions, starts) for p in find_provisions(text)]
    found += [_entity(m.start, m.end, m.instrument, m.provision) for m in mentions
              if m.instrument and not m.used and not m.definition]
    return [f for f in found if f]


def _titled_mentions(text: str) -> list[Mention]:
    """'... Act 1998', '... Regulations (2007)': the title read back from its last word."""
    mentions = []
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


def _text_of(doc: Doc) -> str:
    """The doc's text; spaCy rebuilds doc.text on every access, the context holds it ready."""
    context = doc.user_data.get(CONTEXT_KEY)
    return context.norm.text if context is not None else doc.text


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
    if inst:
        return Mention(year.start(), end, inst)
    return Mention(start, end, stem=stem)


def _resolve(text: str, mentions: list[Mention]) -> None:
    """Give back-references and year-less titles the instrument they point at, in text order."""
    defaults = load_catalogue().defaults
    latest: dict[tuple[str, int | None], Instrument] = {}  # ("Act", 1998), ("Regulations", None), ...
    stems: dict[str, set[Instrument]] = {}
    previous: Mention | None = None
    for mention in mentions:
        if mention.ref:
            mention.instrument = latest.get(mention.ref)
        elif mention.stem:
            # A title without its year means the one this paper cited before, when only one was.
            earlier = stems.get(mention.stem, set())
            mention.instrument = next(iter(earlier)) if len(earlier) == 1 else defaults.get(mention.stem)
        inst = mention.instrument
        if inst is None:
            continue
        mention.definition = previous is not None and _defines(text, previous, mention)
        previous = mention
        stems.setdefault(inst.stem, set()).add(inst)
        for word in _REFERRED_AS.get(inst.kind, ()):
            if inst.kind == "act" or word in inst.title.split():
                latest[(word, None)] = latest[(word, inst.year)] = inst


# Provision kinds an instrument of each type never has: "Section 2 The ... Regulations 2009" is a
# table of contents, not section 2 of the regulations.
_FOREIGN_UNITS = {"act": ("reg", "r", "so"), "si": ("s", "so")}
_REFERRED_AS = {"act": ("Act",), "si": ("Regulations", "Order")}


def _defines(text: str, before: Mention, mention: Mention) -> bool:
    """'Crime and Disorder Act 1998 (the 1998 Act)': the bracket names what precedes it."""
    opening = _DEFINITION_OPEN.fullmatch(text, before.end, mention.start)
    return bool(opening) and bool(_DEFINITION_CLOSE.match(text, mention.end))


def _provision_entity(text: str, provision: Provision, mentions: list[Mention], starts: list[int]
                      ) -> dict[str, Any] | None:
    """The provision with the instrument it belongs to, or None when it names none."""
    i = bisect.bisect_left(starts, provision.end)
    after = mentions[i] if i < len(mentions) else None
    inside = _phrase_inside(provision, mentions, starts)
    if after and _fits(provision, after.instrument) and _CONNECT.fullmatch(text, provision.end, after.start):
        after.used = True
        return _entity(provision.start, after.end, after.instrument, provision)
    j = i - 1
    while j >= 0 and mentions[j].end > provision.start:
        j -= 1
    before = mentions[j] if j >= 0 else None
    if before and _reads_backwards(text, before, provision):
        before.used = True
        closing = text.startswith(")", provision.end) and "(" in text[before.end:provision.start]
        return _entity(before.start, provision.end + closing, before.instrument, provision)
    if inside:  # "Section 42 enquiries"
        return _entity(provision.start, max(provision.end, inside.end), inside.instrument, provision)
    catalogue = load_catalogue()
    named = catalogue.named_provisions.get(provision.units[0].normalised)
    if named:  # "paragraph 3 of Part 1 of Schedule 12A"
        return _entity(provision.start, provision.end, named, provision)
    if provision.head.kind == "reg":  # "Regulation 10" after the regulations were named
        inst = _last_regulations(mentions, starts, provision.start)
        return _entity(provision.start, provision.end, inst, provision)
    if provision.head.kind == "so":  # "Standing Order 12"
        return _entity(provision.start, provision.end, catalogue.by_key.get(("standing orders", 0)), provision)
    return None


def _reads_backwards(text: str, before: Mention, provision: Provision) -> bool:
    """'Children Act 1989 s.17', 'Local Government Act 1972, Schedule 12A', 'Human Rights Act (Article 8)'."""
    if not _fits(provision, before.instrument) or before.instrument.kind == "other" or before.definition:
        return False
    if not _REVERSE.fullmatch(text, before.end, provision.start):
        return False
    if provision.start - before.end == 1 and not _ABBREVIATED.match(text, provision.start):
        return False
    return not _POINTS_ELSEWHERE.match(text, provision.end)


def _fits(provision: Provision, inst: Instrument | None) -> bool:
    """Acts have sections, statutory instruments regulations and articles; council rules anything."""
    return inst is not None and provision.head.kind not in _FOREIGN_UNITS.get(inst.kind, ())


def _phrase_inside(provision: Provision, mentions: list[Mention], starts: list[int]) -> Mention | None:
    """A phrase naming a provision ("Section 42 enquiries") that starts inside this one; it is
    used up by the provision either way."""
    for mention in mentions[bisect.bisect_left(starts, provision.start):bisect.bisect_left(starts, provision.end)]:
        if mention.provision:
            mention.used = True
            return mention
    return None


def _last_regulations(mentions: list[Mention], starts: list[int], before: int) -> Instrument | None:
    i = bisect.bisect_left(starts, before) - 1
    while i >= 0 and not (mentions[i].instrument and mentions[i].instrument.kind == "si"):
        i -= 1  # bare regulations are rare, and the regulations they follow are near
    return mentions[i].instrument if i >= 0 else None


def _entity(start: int, end: int, inst: Instrument | None, provision: Provision | str | None
            ) -> dict[str, Any] | None:
    """The contract's legal entity; `provision` parsed, or a phrase's fixed normalised provision."""
    if inst is None:
        return None
    if isinstance(provision, str):
        provision = (find_provisions(provision) or [provision])[0]
    parsed = provision if isinstance(provision, Provision) else None
    return {"type": "legal", "start": start, "end": end, "instrument": inst.title,
            "instrument_type": inst.kind, "year": inst.year,
            "provision": parsed.normalised if parsed else provision,
            "url": legislation_url(inst.uri, parsed)}
