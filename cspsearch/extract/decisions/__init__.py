"""The "cspsearch_decisions" component: decisions, recommendations, motions and votes.

Each family has its module (resolutions, recommendations, motions, votes); this one runs
them over the paper's text and links each vote to the motion it decided, giving the
motion its outcome.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from cspsearch.extract import CONTEXT_KEY, ENTITIES_KEY
from cspsearch.extract.context import text_of
from cspsearch.extract.decisions.blocks import Items
from cspsearch.extract.decisions.cues import cues
from cspsearch.extract.decisions.motions import find_motions
from cspsearch.extract.decisions.recommendations import find_recommendations
from cspsearch.extract.decisions.resolutions import find_decisions
from cspsearch.extract.decisions.votes import find_votes
from cspsearch.model import DocumentMeta


@Language.component("cspsearch_decisions")
def decisions_component(doc: Doc) -> Doc:
    found = doc.user_data.setdefault(ENTITIES_KEY, [])
    context = doc.user_data.get(CONTEXT_KEY)
    meta = context.meta if context is not None else DocumentMeta()
    found.extend(find_all(text_of(doc), meta, [f for f in found if f["type"] == "money"]))
    return doc


def find_all(text: str, meta: DocumentMeta, money: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every decision-family entity dict in `text` (normalised offsets)."""
    rules = cues()
    # Outside minutes an item is the paper itself: a report's recommendations are about its title.
    items = Items.find(text, rules, None if meta.doc_kind == "minutes" else meta.title)
    taken_on = meta.meeting_date if meta.doc_kind in rules.raw["meeting_record_kinds"] else None
    decisions = find_decisions(text, rules, items, meta.committee, taken_on)
    motions = find_motions(text, rules, items, money)
    votes = find_votes(text, rules)
    link_votes(votes, motions, items)
    taken = [(e["start"], e["end"]) for e in decisions + motions]
    recommendations = find_recommendations(text, rules, items, meta.committee, meta.meeting_date, taken)
    for motion in motions:
        motion["body"], motion["date"] = meta.committee, meta.meeting_date
        motion.pop("paragraph", None)
    return decisions + recommendations + motions + votes


def link_votes(votes: list[dict[str, Any]], motions: list[dict[str, Any]], items: Items) -> None:
    """Give each vote its motion (the paragraph it names, else the last motion before it in the
    same item not yet voted on) and each motion its outcome."""
    voted: set[int] = set()
    for vote in votes:
        target = vote.pop("target_paragraph", None)
        item = items.index_at(vote["start"])
        before = [i for i, m in enumerate(motions) if m["start"] < vote["start"] and items.index_at(m["start"]) == item]
        named = [i for i in before if target is not None and motions[i].get("paragraph") == target]
        open_ones = [i for i in before if i not in voted]
        # "Substantive motion carried" decides the motion, not the amendment debated last.
        of_kind = [i for i in open_ones if _puts(vote.get("on"), motions[i]["kind"])]
        candidates = named or of_kind or open_ones
        if not candidates:
            continue
        chosen = candidates[-1]
        voted.add(chosen)
        vote["motion"] = motions[chosen]["motion"]
        if motions[chosen]["outcome"] is None or named:
            motions[chosen]["outcome"] = vote["outcome"]


def _puts(on: str | None, kind: str) -> bool:
    """Whether a vote on `on` ('substantive motion', 'amendment') can be on a motion of `kind`."""
    if not on:
        return False
    return ("amendment" in kind) == ("amendment" in on)
