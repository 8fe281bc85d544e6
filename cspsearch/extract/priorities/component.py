"""The "cspsearch_priorities" component: what each priority list found is, and which themes its items name.

Each item gets its scheme (CSP, corporate, cross-cutting, objective), period, status, lead-in
and theme ids. The layouts are found by `lists`; this module decides what each list is:
whose priorities (the words that introduce it, then its surroundings, then what the
whole paper is about), for which period, and which themes each item names.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from cspsearch.extract import CONTEXT_KEY, ENTITIES_KEY
from cspsearch.extract.context import ExtractionContext
from cspsearch.extract.priorities.items import FoundList, Item
from cspsearch.extract.priorities.lists import find_lists
from cspsearch.extract.priorities.text import vocabulary
from cspsearch.vocab.themes import match_themes

CONTEXT_CHARS = 800  # text read above a lead-in when the lead-in names no scheme
CUE_NEIGHBOURHOOD = 40  # chars before "priorities" that say whose they are ("Strategic Plan priorities")
DOC_CSP_PER_1000_WORDS = 0.5

_YEAR_PAIR = re.compile(r"\b((?:19|20)\d{2})\s*(?:[/\-\u2013]|\sto\s|\suntil\s)\s*((?:19|20)?\d{2})\b")
_ACRONYM = re.compile(r"\b[A-Z][A-Za-z]*[A-Z]s?\b")
_DOC_CSP_CUES = re.compile(
    r"community safety|crime and disorder|\bCSPs?\b|\bSMP\b|safer [A-Z][a-z]+ partnership|police and crime",
    re.I)


@Language.component("cspsearch_priorities")
def priorities_component(doc: Doc) -> Doc:
    """Append the priority entities of the document to the shared entity list."""
    ctx: ExtractionContext = doc.user_data[CONTEXT_KEY]
    found: list[dict[str, Any]] = doc.user_data[ENTITIES_KEY]
    acronyms = {e["short"]: e["long"] for e in found
                if e.get("type") == "acronym" and e.get("short") and e.get("long")}
    found.extend(extract_priorities(ctx.norm.text, ctx, acronyms))  # doc.text is rebuilt per access
    return doc


def extract_priorities(text: str, ctx: ExtractionContext | None = None,
                       acronyms: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Priority entity dicts (offsets into the normalised `text`)."""
    original = ctx.original if ctx else None
    offsets = ctx.norm.offsets if ctx else None
    lists = find_lists(text, original, offsets)
    if not lists:
        return []
    about_csp = _about_community_safety(text, ctx)
    out = []
    for found in lists:
        scheme = scheme_of(found, text, about_csp)
        lead_in = text[slice(*found.lead_in)].strip() if found.lead_in else None
        if scheme == "objective" and not vocabulary().objective_owner.search(lead_in or ""):
            continue  # "the objectives of this review": not an organisation's objectives
        period = period_of(lead_in or "", scheme, ctx)
        for item in found.items:
            out.append({
                "type": "priority", "start": item.start, "end": item.end,
                "themes": themes_of(item, text, acronyms or {}),
                "scheme": scheme, "period": period, "status": item.status, "lead_in": lead_in,
                "layout": found.layout, "heading_lost": item.heading_lost,
            })
    return out


# -- whose priorities ------------------------------------------------------------------
def scheme_of(found: FoundList, text: str, about_csp: bool) -> str:
    """csp, pcc, corporate, cross_cutting or objective: read from the words just before
    "priorities", then the whole lead-in or label, then the text above, then the paper."""
    readings = [found.label or ""]
    if found.lead_in:
        start, end = found.lead_in
        if found.cue is not None:
            readings.insert(0, text[max(start, found.cue - CUE_NEIGHBOURHOOD):found.cue + 25])
        readings.append(f"{found.label or ''} {text[start:end]}")
    for words in readings:
        named = _scheme_named(words)
        if named:
            return named
    above = found.lead_in[0] if found.lead_in else found.items[0].start
    if _DOC_CSP_CUES.search(text, max(0, above - CONTEXT_CHARS), above):
        return "csp"
    return "csp" if about_csp else "corporate"


def _scheme_named(words: str) -> str | None:
    """The first scheme whose cue words appear, in the data file's order."""
    for scheme in vocabulary().scheme_cues:
        if _has_cue(words, scheme):
            if scheme == "objective" and re.search(r"priorit", words, re.I):
                continue  # "priorities and objectives" are still priorities
            return scheme
    return None


def _has_cue(words: str, scheme: str) -> bool:
    low = words.lower().replace("\u2019", "'")
    return any(re.search(r"\b" + re.escape(cue) + r"\b", low) for cue in vocabulary().scheme_cues[scheme])


def _about_community_safety(text: str, ctx: ExtractionContext | None) -> bool:
    """Whether the paper as a whole is about community safety (its title, or how often it says so)."""
    title = ctx.meta.title if ctx and ctx.meta.title else ""
    if _DOC_CSP_CUES.search(title):
        return True
    words = max(1, len(text) // 6)
    hits = sum(1 for _ in _DOC_CSP_CUES.finditer(text))
    return hits >= 3 and hits * 1000 / words >= DOC_CSP_PER_1000_WORDS


# -- for when ---------------------------------------------------------------------------
def period_of(lead_in: str, scheme: str, ctx: ExtractionContext | None) -> str | None:
    """The financial year ("2017-18") or plan period ("2020-2024") a list is for."""
    m = _YEAR_PAIR.search(lead_in)
    if m:
        first = int(m.group(1))
        second = int(m.group(2)) if len(m.group(2)) == 4 else first // 100 * 100 + int(m.group(2))
        if second == first + 1:
            return f"{first}-{second % 100:02d}"
        if second > first:
            return f"{first}-{second}"
    if scheme == "csp" and ctx and ctx.meta.plan_period:
        first, last = ctx.meta.plan_period
        return f"{first}-{last}"
    return None


# -- about what -------------------------------------------------------------------------
def themes_of(item: Item, text: str, acronyms: dict[str, str]) -> list[str]:
    """Theme ids the item names; acronyms the paper defines are read as their long forms."""
    wording = item.theme_text if item.heading_lost and item.theme_text else text[item.start:item.end]
    themes = match_themes(wording)
    for short in _ACRONYM.findall(wording):
        long = acronyms.get(short) or acronyms.get(short.rstrip("s"))
        if long:
            themes += [t for t in match_themes(long) if t not in themes]
    return themes
