"""The `motion` family: motions, amendments and budget amendments with their movers.

Minutes say "Mr A proposed, and Mr B seconded the following amendment:" before the
quoted text; a budget amendment adds "Proposed Purpose / Amount / Funding Source"; a
budget amendment form lays the same out as labelled fields.
"""

from __future__ import annotations

import re
from typing import Any

from cspsearch.extract.decisions.blocks import Items, block_end, clean, marker
from cspsearch.extract.decisions.cues import Cues

QUOTED = re.compile(r"[“\"](.+?)[”\"]", re.S)
OPEN_QUOTE = re.compile(r"[“\"]")
CLOSE_QUOTE = re.compile(r"[”\"]")
QUOTE_GAP = 250  # a motion's quotation opens this close to its movers, else the motion is unquoted
TITLE_WORDS = 14
MOTION_REACH = 10000  # how far a motion's quoted text and labels may run after its movers


def find_motions(text: str, cues: Cues, items: Items, money: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Motion entity dicts (normalised offsets); `outcome` is filled in from the votes."""
    movers = sorted({m.start(): m for p in cues.movers for m in p.finditer(text)}.items())
    found = []
    for i, (start, match) in enumerate(movers):
        limit = movers[i + 1][0] if i + 1 < len(movers) else min(len(text), start + MOTION_REACH)
        found.append(_minuted(text, match, min(limit, start + MOTION_REACH), cues, items, money))
    form = _form(text, cues, items, money)
    found += [form] if form else []
    _tell_apart(found)
    return found


def _tell_apart(motions: list[dict[str, Any]]) -> None:
    """Motions whose first words are the same ("This amendment seeks to reduce ...", an amendment
    restating the motion) are told apart by what they propose to spend, else by the first words
    where their wording departs from the others'."""
    titles = [m["title"] for m in motions]
    for motion in motions:
        twins = [m for m in motions if m["title"] == motion["title"] and m is not motion]
        if not twins:
            continue
        if motion.get("amount_statement") and titles.count(motion["title"]) > 1:
            suffix = f'({motion["amount_statement"]})'
        else:
            suffix = _departure(motion.get("wording") or "", [m.get("wording") or "" for m in twins])
        if suffix:
            motion["title_suffix"] = suffix
    for motion in motions:
        suffix = motion.pop("title_suffix", None)
        if suffix:
            lead = motion["title"].removesuffix(" \u2026") if suffix.startswith("\u2026") else motion["title"]
            motion["title"] = motion["motion"] = f"{lead} {suffix}"


def _departure(wording: str, others: list[str]) -> str:
    """'… <words>' from the first word where `wording` differs from every other wording."""
    words = wording.split()
    for k in range(len(words)):
        if all(o.split()[k : k + 1] != words[k : k + 1] for o in others if o != wording):
            return "\u2026 " + " ".join(words[k : k + TITLE_WORDS // 2]) + " \u2026"
    return ""


def _minuted(text: str, match: Any, limit: int, cues: Cues, items: Items,
             money: list[dict[str, Any]]) -> dict[str, Any]:
    """A motion from a minutes paragraph: its movers, quoted text and budget labels."""
    after = match.end()
    line_start = text.rfind("\n", 0, match.start()) + 1
    number = re.match(r"\s*\(?(\d{1,3})[.)]", text[line_start : match.start() + 1])
    quote = _quoted(text, after, limit, cues)
    purpose = cues.purpose.search(text, after, limit)
    fields = _labelled(text, after, limit, cues, money)
    end = fields.pop("_end", None) or (quote[1] if quote else text.find("\n", after))
    if not quote:  # an unquoted motion is the block its movers' paragraph opens
        end = block_end(text, match.start(), cues, items)
    lead = r"^\W*(?:the (?:following )?(?:motion|amendment)\W*(?:that)?)"
    motion_text = clean(quote[2]) if quote else clean(re.sub(lead, "", text[after:end]))
    opening = purpose.start() if purpose else quote[0] if quote else None
    intro = text[after : opening if opening is not None else end]
    return {
        "type": "motion", "start": match.start(), "end": end,
        "kind": _kind(intro + ("Proposed Amount" if "amount" in fields else ""), cues),
        "title": _title(motion_text), "motion": _title(motion_text), "wording": motion_text,
        "proposer": _name(match["proposer"]), "seconder": _name(match.groupdict().get("seconder")),
        "amount": fields.get("amount"), "amount_text": fields.get("amount_text"),
        "amount_statement": fields.get("amount_statement"),
        "funding_source": fields.get("funding_source"), "outcome": None,
        "item": items.at(match.start()), "paragraph": int(number[1]) if number else None,
    }


def _quoted(text: str, after: int, limit: int, cues: Cues) -> tuple[int, int, str] | None:
    """(start, end, inner text) of the quotation a motion's movers introduce: it opens right after
    them; one never closed (another opens first) ends with the movers' paragraph."""
    opened = OPEN_QUOTE.search(text, after, min(limit, after + QUOTE_GAP))
    if not opened:
        return None
    closed = CLOSE_QUOTE.search(text, opened.end(), limit)
    if closed and not OPEN_QUOTE.search(text, opened.end(), closed.start()):
        return opened.start(), closed.end(), text[opened.end() : closed.start()]
    end = _paragraph_end(text, after, limit)
    return opened.start(), end, text[opened.end() : end]


def _paragraph_end(text: str, inside: int, limit: int) -> int:
    """Where the next paragraph numbered like the one holding `inside` starts ("2)" after "1)")."""
    line_start = text.rfind("\n", 0, inside) + 1
    opened = marker(text[line_start : text.find("\n", line_start)])
    pos = text.find("\n", inside) + 1
    while 0 < pos < limit:
        numbered = marker(text[pos : text.find("\n", pos)])
        if numbered and opened and numbered[0] == opened[0] and numbered[1] > opened[1]:
            return pos - 1
        pos = text.find("\n", pos) + 1
    return limit


def _labelled(text: str, lo: int, hi: int, cues: Cues, money: list[dict[str, Any]]) -> dict[str, Any]:
    """A budget amendment's amount and funding source from its "Proposed ..." labels."""
    amount = cues.amount.search(text, lo, hi)
    funding = cues.funding.search(text, lo, hi)
    if not amount:
        return {}
    fields: dict[str, Any] = {}
    amount_end = funding.start() if funding and funding.start() > amount.end() else text.find("\n\n", amount.end())
    figures = [m for m in money if amount.end() <= m["start"] < amount_end and m.get("amount") is not None]
    if figures:
        fields["amount"], fields["amount_text"] = figures[0]["amount"], _span(text, figures[0])
    stated = QUOTED.search(text, amount.end(), amount_end)
    fields["amount_statement"] = clean(stated[1] if stated else text[amount.end() : amount_end])
    if funding:
        gap = len(text[funding.end() : funding.end() + 20]) - len(text[funding.end() : funding.end() + 20].lstrip())
        quote = QUOTED.match(text, funding.end() + gap)
        if quote:
            fields["funding_source"], fields["_end"] = clean(quote[1]), quote.end()
        else:
            line_end = text.find("\n", funding.end() + 1)
            fields["funding_source"] = clean(text[funding.end() : line_end if line_end > 0 else hi])
            fields["_end"] = line_end if line_end > 0 else hi
    return fields


def _form(text: str, cues: Cues, items: Items, money: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A budget amendment form: labelled name, proposer, seconder, purpose, amount, funding."""
    found = {k: p.search(text) for k, p in cues.form_fields.items()}
    if not all(found.values()):
        return None
    title, proposer, seconder = (found[k] for k in ("title", "proposer", "seconder"))
    assert title and proposer and seconder  # checked just above; for the type checker
    amount = cues.amount.search(text, proposer.end())
    fields: dict[str, Any] = {}
    end = proposer.end()
    if amount:
        # The form sets amount and funding source side by side: "£1m<TAB>Reduce the ... reserve".
        row_start = text.find("\n", amount.end()) + 1
        row_end = text.find("\n", row_start)
        row_end = len(text) if row_end < 0 else row_end
        cells = [c for c in text[row_start:row_end].split("\t") if c.strip()]
        figures = [m for m in money if row_start <= m["start"] < row_end and m.get("amount") is not None]
        if figures:
            fields = {"amount": figures[0]["amount"], "amount_text": _span(text, figures[0])}
        if len(cells) > 1:
            fields["funding_source"] = clean(cells[-1])
        end = row_end
    name = clean(title["value"].split("\t")[0])
    purpose = cues.purpose.search(text, proposer.end())
    purpose_text = clean(text[purpose.end() : amount.start() if amount else None]) if purpose else None
    return {
        "type": "motion", "start": title.start(), "end": end, "kind": "budget_amendment",
        "title": name, "motion": name, "wording": purpose_text,
        "proposer": _name(proposer["value"]), "seconder": _name(seconder["value"]),
        "amount": fields.get("amount"), "amount_text": fields.get("amount_text"),
        "amount_statement": fields.get("amount_text"),
        "funding_source": fields.get("funding_source"), "outcome": None,
        "item": items.at(title.start()), "paragraph": None,
    }


def _kind(intro: str, cues: Cues) -> str:
    for kind, patterns in cues.kind_words.items():
        if any(p.search(intro) for p in patterns):
            return kind
    return "motion"


def _title(text: str) -> str:
    """The first words of a motion's text, enough to recognise it in a list."""
    words = text.split()
    return " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "")


def _name(value: str | None) -> str | None:
    return " ".join(value.split("\t")[0].split()).strip(" ,") or None if value else None


def _span(text: str, found: dict[str, Any]) -> str:
    return text[found["start"] : found["end"]]
