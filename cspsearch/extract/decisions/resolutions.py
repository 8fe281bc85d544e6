"""The `decision` family: what a body resolved, agreed or decided.

Minutes state it in RESOLVED / AGREED paragraphs, records of decision under "Decision:"
or a decision-maker's "I agree to:". A record marked as proposed holds a decision not
yet taken, so its block is a `recommendation` instead.
"""

from __future__ import annotations

from typing import Any

from cspsearch.extract.decisions.blocks import Items, block_end, body_for, clean
from cspsearch.extract.decisions.cues import Cues

MIN_TEXT = 12  # a "Decision:" label followed by less than this is a form field, not a decision


def find_decisions(text: str, cues: Cues, items: Items, committee: str | None,
                   meeting_date: str | None) -> list[dict[str, Any]]:
    """Decision (or, in a proposed record, recommendation) entity dicts, normalised offsets."""
    proposed = any(p.search(text) for p in cues.proposed_records)
    starts = sorted({m.start(): m for p in cues.decision for m in p.finditer(text)}.items())
    found: list[dict[str, Any]] = []
    covered_to = -1
    for start, match in starts:
        if start < covered_to:
            continue  # a cue inside a decision already read ("Decision:" then "I agree to:")
        end = block_end(text, match.start(), cues, items)
        cut = [m.start() for p in cues.inline_stops for m in [p.search(text, match.end(), end)] if m]
        end = min(cut + [end])
        if end <= match.end():
            end = text.find("\n", match.end())
            end = len(text) if end < 0 else end
        body_text = clean(text[match.end() : end])
        if len(body_text) < MIN_TEXT:
            continue
        covered_to = end
        kind = "recommendation" if proposed else "decision"
        found.append({
            "type": kind, "start": start, "end": end,
            "body": _body(text, match, body_text, cues, committee),
            "date": meeting_date,
            "item": items.at(start),
            kind: body_text,
        })
    return found


def _body(text: str, match: Any, body_text: str, cues: Cues, committee: str | None) -> str | None:
    """Who decided: a decision-maker named by the record, a body before or after the cue, or the paper's committee."""
    before = text[max(0, match.start() - 400) : match.start()]
    maker = None
    for found in cues.decision_maker.finditer(f"{before}{match[0]} {body_text[:200]}"):
        maker = found
    if maker:
        return " ".join(maker[1].split())
    cue = match[0]
    lead = cue.split(" resolved")[0].split(" agreed")[0].split(" decided")[0]
    if lead != cue and lead[:1].isupper():  # "the Scrutiny Committee unanimously agreed that"
        return body_for(lead.replace(" unanimously", ""), committee, cues)
    return body_for(body_text, committee, cues)
