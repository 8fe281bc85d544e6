"""Answers to money questions from the ledger: what the council received, by role, never summed across roles."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from cspsearch.analysis.answers import Lookup, human_date, no_papers, result
from cspsearch.analysis.cells import Row, fold
from cspsearch.analysis.grants import build_ledger, fy_start, money, names_match
from cspsearch.analysis.ledger import RECEIVED, is_grant
from cspsearch.analysis.questions import Question
from cspsearch.resources import load_yaml


@cache
def answer_data() -> dict[str, Any]:
    """The role phrases and the total-row patterns of data/money_roles.yaml."""
    return load_yaml("cspsearch.analysis", "data/money_roles.yaml")


def role_phrases() -> dict[str, str]:
    """Role -> how an answer describes it ('national' -> 'a national total, not the council's share')."""
    return answer_data()["phrases"]


def totals_grants(line: dict[str, Any]) -> bool:
    """True for a paper's total row whose label says it adds up grants ('Total Grants')."""
    label = line.get("row") or ""
    return line["total_row"] and any(re.search(p, label, re.I) for p in answer_data()["grant_totals"])


def role_phrase(role: str) -> str:
    return role_phrases().get(role) or role_phrases()["other"]


def pounds(amount: float) -> str:
    """'£137.1m' or '£1.05bn' when that is exact to the figure shown, else every pound: '£37,104'."""
    for scale, unit, places in ((1e9, "bn", 3), (1e6, "m", 1)):
        if abs(amount) >= scale and abs(round(amount / scale, places) * scale - amount) < 0.5:
            return f"£{amount / scale:,.{places}f}".rstrip("0").rstrip(".") + unit
    return money(amount)


def money_source(line: dict[str, Any]) -> str:
    """'Revenue Budget, 13 February 2025, row “Social Care Grant”, p.12': the paper and the row it sits in."""
    cite = line["citation"]
    parts = [cite.get("title") or cite.get("doc_id"), human_date(cite.get("meeting_date"))]
    if line.get("row"):
        parts.append(f"row \u201c{line['row']}\u201d")
    return ", ".join(parts) + f", p.{cite.get('page') or 1}"


def what(line: dict[str, Any]) -> str:
    """'£137.1m of Social Care Grant from MHCLG for 2025-26' (only the parts the paper gives)."""
    text = pounds(line["amount"])
    if line.get("grant"):
        text += f" of {line['grant']}"
    if line.get("funder"):
        text += f" from {line['funder']}"
    return text + (f" for {line['financial_year']}" if line.get("financial_year") else "")


def replaced(line: dict[str, Any], entries: list[dict[str, Any]]) -> str:
    """'; it replaces £40,000 given in Funding update, 15 January 2024, p.1' for earlier papers' figures."""
    earlier = [
        e
        for e in entries
        if (e.get("superseded_by") or {}).get("by_later_paper")
        and e["superseded_by"]["amount"] == line["amount"]
        and e["superseded_by"]["doc_id"] == line["citation"]["doc_id"]
        and (e["role"], e["financial_year"], e["grant"])
        == (line["role"], line["financial_year"], line["grant"])
    ]
    gave = "; ".join(f"{pounds(e['amount'])} given in {money_source(e)}" for e in earlier[:2])
    return f"; it replaces {gave}" if gave else ""


def received_answer(who: str, lines: list[dict[str, Any]], entries: list[dict[str, Any]]) -> str:
    """One sentence of what was received; a total only over one financial year."""
    who = who[:1].upper() + who[1:]
    if len(lines) == 1:
        return f"{who} received {what(lines[0])} ({money_source(lines[0])}){replaced(lines[0], entries)}."
    listed = "; ".join(f"{what(e)} ({money_source(e)})" for e in lines[:4])
    more = f"; and {len(lines) - 4} more" if len(lines) > 4 else ""
    years = {e["financial_year"] for e in lines}
    if len(years) == 1:
        total = pounds(sum(e["amount"] for e in lines))
        return f"{who} received {total} for {years.pop()} in {len(lines)} grants: {listed}{more}."
    return f"{who} received: {listed}{more}."


def other_roles(lines: list[dict[str, Any]]) -> str:
    """What the papers give instead, each amount with its role, none added up."""
    parts = [f"{what(e)} as {role_phrase(e['role'])} ({money_source(e)})" for e in lines[:3]]
    return f" They give {'; '.join(parts)}." if parts else ""


def grant_named(asked: str | None, grant: str | None) -> bool:
    """True when the row's grant is the one asked about, also when the question wraps its name.

    "Kent's Revenue Support Grant" asks about "Revenue Support Grant"; a one-word name
    ("Grant") is too short to be found inside a question that way.
    """
    if names_match(asked, grant):
        return True
    have = fold(grant)
    return len(have.split()) > 1 and f" {have} " in f" {fold(asked)} "


def shown(rows: list[Row], question: Question, fy: str | None) -> dict[str, Any]:
    """The answer's data: the grants ledger of the councils (and financial year) asked about."""
    year = fy_start(fy)
    return build_ledger(rows, councils=question.councils or None, year_from=year, year_to=year)


def grant_amount(look: Lookup, question: Question) -> dict[str, Any]:
    """How much a council received (from a funder, of a grant, in a year), from the current ledger lines."""
    missing = no_papers(look, question.councils)
    if missing:
        return missing
    names = [question.funder["name"], *(question.funder.get("phrasings") or [])] if question.funder else []
    rows = [
        r
        for r in look.rows("money")
        if (not names or any(names_match(n, r.get("funder")) for n in names))
        and grant_named(question.grant, r.get("grant"))
    ]
    ledger = build_ledger(rows, councils=question.councils or None, include_all=True)
    fy = question.financial_year or (
        f"{question.year}-{(question.year + 1) % 100:02d}" if question.year else None
    )
    current = [e for e in ledger["entries"] if not e["superseded"]]
    asked = [e for e in current if not fy or e["financial_year"] == fy]
    received = [e for e in asked if e["role"] == RECEIVED]
    who = " and ".join(look.name(c) for c in question.councils) or "the councils"
    paper_totals = [e for e in received if totals_grants(e)]
    if paper_totals and len({e["citation"]["doc_id"] for e in paper_totals}) == 1 and not question.grant:
        # The paper's own total of its grants beats any sum of the lines we happened to read;
        # of its subtotal and grand total, the grand total is the largest.
        line = max(paper_totals, key=lambda e: e["amount"])
        answer = f"{who} received {what(line)} in all ({money_source(line)}, the paper's own total)."
        return result("grant_amount", answer, line["citations"], shown(rows, question, fy))
    lines = [e for e in received if is_grant(e) and not e["total_row"]]
    if lines:
        cites = [c for e in lines for c in e["citations"]]
        answer = received_answer(who, lines, ledger["entries"])
        return result("grant_amount", answer, cites, shown(rows, question, fy))
    funder = question.funder["name"] if question.funder else "any funder"
    years = sorted({e["financial_year"] for e in current if e["role"] == RECEIVED})
    known = f" They record such grants for {', '.join(years)}." if years else ""
    others = [e for e in asked if e["amount"] is not None]
    answer = (
        f"The papers record no grant from {funder} to {who}{' for ' + fy if fy else ''}."
        f"{known}{other_roles(others)}"
    )
    return result("grant_amount", answer, [e["citation"] for e in others[:3]], shown(rows, question, fy))
