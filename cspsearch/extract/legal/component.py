"""The "cspsearch_legal" component: citations of Acts, statutory instruments and council rules.

Instruments come from `catalogue` (the legislation list indexed), the places a paper names them from `citations`.
Back-references ("the 1998 Act", "the Act", "the Regulations") resolve to the nearest
earlier citation they fit; provisions ("section 5(1)(a) of", "Sections 5 to 7") attach
to the instrument written next to them, a bare "Regulation 10" to the last regulations
cited.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from cspsearch.extract import ENTITIES_KEY
from cspsearch.extract.context import text_of
from cspsearch.extract.legal.catalogue import load_catalogue
from cspsearch.extract.legal.citations import Mention, find_mentions
from cspsearch.extract.legal.provisions import Provision, find_provisions, legislation_url
from cspsearch.vocab.legislation import Instrument

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
_DEFINITION_OPEN = re.compile(r" ?\( ?(?:hereafter |hereinafter )?[\"“‘']?")
_DEFINITION_CLOSE = re.compile(r"[\"”’']? ?\)")
# Provision kinds an instrument of each type never has: "Section 2 The ... Regulations 2009" is a
# table of contents, not section 2 of the regulations.
_FOREIGN_UNITS = {"act": ("reg", "r", "so"), "si": ("s", "so")}
_REFERRED_AS = {"act": ("Act",), "si": ("Regulations", "Order")}


@Language.component("cspsearch_legal")
def legal_component(doc: Doc) -> Doc:
    doc.user_data.setdefault(ENTITIES_KEY, []).extend(find_legal(doc))
    return doc


def find_legal(doc: Doc) -> list[dict[str, Any]]:
    """Legal entity dicts (normalised-text offsets) for every citation in the doc."""
    text = text_of(doc)
    mentions = find_mentions(doc, text)
    _resolve(text, mentions)
    starts = [m.start for m in mentions]
    found = [_provision_entity(text, p, mentions, starts) for p in find_provisions(text)]
    found += [_entity(m.start, m.end, m.instrument, m.provision) for m in mentions
              if m.instrument and not m.used and not m.definition]
    return [f for f in found if f]


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
    inst = before.instrument
    if inst is None or not _fits(provision, inst) or inst.kind == "other" or before.definition:
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
    while i >= 0 and getattr(mentions[i].instrument, "kind", None) != "si":
        i -= 1  # bare regulations are rare, and the regulations they follow are near
    return mentions[i].instrument if i >= 0 else None


def _entity(start: int, end: int, inst: Instrument | None, provision: Provision | str | None
            ) -> dict[str, Any] | None:
    """The contract's legal entity; `provision` parsed, or a phrase's fixed normalised provision."""
    if inst is None:
        return None
    if isinstance(provision, str):
        provision = next(iter(find_provisions(provision)), provision)
    parsed = provision if isinstance(provision, Provision) else None
    return {"type": "legal", "start": start, "end": end, "instrument": inst.title,
            "instrument_type": inst.kind, "year": inst.year,
            "provision": parsed.normalised if parsed else provision,
            "url": legislation_url(inst.uri, parsed)}
