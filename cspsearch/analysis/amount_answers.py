"""`ask` answers to 'how much' questions that are not about grants received: a budget line,
a reserve, a saving, a cost, from money amounts whose role and context match the question."""

from __future__ import annotations

from typing import Any

from cspsearch.analysis.answers import Lookup, no_papers, result, source
from cspsearch.analysis.cells import Row, citation, fold
from cspsearch.analysis.decision_answers import declined
from cspsearch.analysis.grants import money
from cspsearch.analysis.questions import Question, rules
from cspsearch.analysis.topics import share, topic_words

LEAST = 0.6  # the share of the topic's words an amount's context must hold
ROLE_BONUS = 0.5
YEAR_BONUS = 0.25


def wanted_roles(question: Question) -> set[str]:
    """The money roles the question's words ask for ('reserve' -> reserve; none -> any)."""
    words = set(fold(question.text).split())
    return {role for role, cues in rules()["amount_roles"].items() if words & set(cues)}


def amount(look: Lookup, question: Question) -> dict[str, Any] | None:
    """The amount whose role and context best match the question, with its sentence."""
    missing = no_papers(look, question.councils)
    if missing:
        return {**missing, "fallback": True}
    roles = wanted_roles(question)
    words = topic_words(question.text)
    rows = [r for r in look.rows("money") if r.get("amount") is not None]
    if question.councils:
        rows = [r for r in rows if r.get("council_id") in question.councils]
    if question.financial_year:
        rows = [r for r in rows if r.get("financial_year") in (None, question.financial_year)]
    scored = [(score(r, words), r) for r in rows]
    # The role the question asks for ranks an amount first, without hiding the others.
    scored = sorted(
        ((s + bonus(r, roles, question), r) for s, r in scored if s >= LEAST),
        key=lambda pair: (-pair[0], pair[1].get("meeting_date") or ""),
    )
    if not scored or not words:
        return declined(look, question, "amount", "how much this is")
    best = scored[0][1]
    cite = citation(best)
    year = f" for {best['financial_year']}" if best.get("financial_year") else ""
    said = sentence(str(best.get("context") or ""), str(best.get("text") or ""))
    answer = f"{money(best['amount']) or best.get('text')}{year} ({best.get('role') or 'amount'}): \u201c{said}\u201d [1: {source(cite)}]."
    return result("amount", answer, [cite], {"amounts": [r for _, r in scored[:5]]})


def bonus(row: Row, roles: set[str], question: Question) -> float:
    """Rank first an amount of the role asked for and one booked to the financial year asked about."""
    year = question.financial_year is not None and row.get("financial_year") == question.financial_year
    return (ROLE_BONUS if row.get("role") in roles else 0.0) + (YEAR_BONUS if year else 0.0)


def score(row: Row, words: set[str]) -> float:
    """The share of the topic's words in the amount's sentence, table row, column and grant."""
    held = set(fold(" ".join(str(row.get(f) or "") for f in ("context", "row", "column", "grant", "caption"))).split())
    return share(words, held) if words else 0.0


def sentence(context: str, figure: str) -> str:
    """The sentence (or clause between colons and full stops) of `context` holding `figure`."""
    text = " ".join(context.split())
    at = text.find(figure)
    if at < 0:
        return text
    start = max(text.rfind(". ", 0, at), text.rfind(": ", 0, at))
    stops = [i for i in (text.find(". ", at), text.find("; ", at)) if i >= 0]
    end = min(stops) + 1 if stops else len(text)
    return text[start + 2 if start >= 0 else 0 : end].strip()
