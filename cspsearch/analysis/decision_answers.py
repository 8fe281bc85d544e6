"""`ask` answers about what was proposed, voted and decided: amounts, movers, outcomes, decisions.

Each answer comes from entities of the expected type whose text shares the question's
topic, within the council, committee and period it names; when none does, the answer
says so and shows the best passages (`fallback: true`) rather than answer another question.
"""

from __future__ import annotations

from typing import Any

from cspsearch.analysis.answers import Lookup, human_date, no_papers, result, source
from cspsearch.analysis.cells import Row, citation, fold
from cspsearch.analysis.decisions import quote, select, with_votes
from cspsearch.analysis.questions import Question, rules
from cspsearch.analysis.topics import topic_words


def period(question: Question) -> tuple[str | None, str | None]:
    """The question's period as date prefixes: a month, a year, or nothing."""
    if question.month:
        return question.month, question.month
    if question.year:
        return str(question.year), str(question.year)
    return None, None


def best_matches(rows: list[Row], question: Question) -> list[Row]:
    """The rows sharing the best topic score (so a better match without an outcome is not passed over)."""
    if not rows or not topic_words(question.text):
        return rows
    return [r for r in rows if r["topic_score"] >= rows[0]["topic_score"]]


def candidates(look: Lookup, question: Question, kind: str) -> list[Row]:
    """Rows of `kind` in the question's councils, committee and period, best topic match first."""
    rows = look.rows(kind)
    if kind == "motion":
        rows = with_votes(rows, look.rows("vote"))
    if question.councils:
        rows = [r for r in rows if r.get("council_id") in question.councils]
    date_from, date_to = period(question)
    return select(rows, question.committee, date_from, date_to, question.text, least=0.5)


def declined(look: Lookup, question: Question, kind: str, what: str) -> dict[str, Any]:
    """An honest 'not found' with the passages that best match the question's topic."""
    topic = topic_words(question.text)
    words = " ".join(dict.fromkeys(w for w in fold(question.text.replace("-", " ")).split() if w in topic))
    words = words or question.text
    date_from, _ = period(question)
    year = int(date_from[:4]) if date_from else None
    found = look.reader.search(words, councils=question.councils or None, year_from=year, year_to=year, limit=5)
    cites = [
        {**citation({**doc, **p}), "text": p.get("snippet")}
        for doc in found["results"] for p in doc["passages"][:1]
    ]
    tail = f" The passages that best match are listed; the first is in {source(cites[0])}." if cites else ""
    return {"answer": f"The papers in the index do not say {what}.{tail}", "kind": kind, "fallback": True,
            "citations": cites, "data": {"query": words}}


def subject(question: Question) -> str:
    """The question's topic words, for sentences ('the fly-tipping amendment')."""
    words = [w for w in question.text.rstrip("?").split() if w.lower().strip(",.'’s") not in ("the", "a", "an")]
    return " ".join(words[-6:])


def motion_name(row: Row) -> str:
    item = row.get("motion") or "the motion"
    return f"{row.get('kind', 'motion').replace('_', ' ')} \u201c{item}\u201d"


def motion_amount(look: Lookup, question: Question) -> dict[str, Any] | None:
    """'How much will the X amendment cost?': the amount the motion proposed, and where from."""
    missing = no_papers(look, question.councils)
    if missing:
        return {**missing, "fallback": True}
    rows = [r for r in candidates(look, question, "motion") if r.get("amount") is not None]
    if not rows:
        return declined(look, question, "motion_amount", "how much a motion or amendment on this proposed")
    best = rows[0]
    fund = f", funded from \u201c{best['funding_source']}\u201d" if best.get("funding_source") else ""
    mover = f" (proposed by {best['proposer']})" if best.get("proposer") else ""
    answer = (f"The {motion_name(best)}{mover} proposed {best.get('amount_text') or best['amount']}{fund} "
              f"[1: {source(citation(best))}].")
    return result("motion_amount", answer, [citation(best, best.get("wording"))], {"motions": rows[:5]})


def motion_people(look: Lookup, question: Question) -> dict[str, Any] | None:
    """'Who proposed / seconded X?': the motion's movers."""
    missing = no_papers(look, question.councils)
    if missing:
        return {**missing, "fallback": True}
    rows = [r for r in candidates(look, question, "motion") if r.get("proposer")]
    if not rows:
        return declined(look, question, "motion_people", "who proposed a motion or amendment on this")
    best = rows[0]
    second = f" and seconded by {best['seconder']}" if best.get("seconder") else ""
    when = f" ({human_date(best['meeting_date'])})" if best.get("meeting_date") else ""
    answer = (f"The {motion_name(best)} was proposed by {best['proposer']}{second}{when} "
              f"[1: {source(citation(best))}].")
    return result("motion_people", answer, [citation(best, best.get("wording"))], {"motions": rows[:5]})


def counts(row: Row) -> str:
    if row.get("unanimous"):
        return " unanimously"
    if row.get("for") is None:
        return ""
    parts = [f"{row['for']} for", f"{row.get('against') or 0} against"]
    if row.get("abstain"):
        parts.append(f"{row['abstain']} abstaining")
    return f" ({', '.join(parts)})"


def tally(vote: Row) -> str:
    """A roll call in brief: 'For (13) … Against (39) … Abstain (3) … lost'."""
    parts = [f"{label.title()} ({vote[label]})" for label in ("for", "against", "abstain") if vote.get(label) is not None]
    return " \u2026 ".join(parts + [vote.get("outcome") or ""]).strip(" \u2026")


def vote_outcome(look: Lookup, question: Question) -> dict[str, Any] | None:
    """'Was X agreed?': the outcome of the motion on X with its counts, else a decision on X."""
    missing = no_papers(look, question.councils)
    if missing:
        return {**missing, "fallback": True}
    rows = best_matches(candidates(look, question, "motion"), question)
    decided = [r for r in rows if r.get("outcome")]
    if decided:
        best = decided[0]
        vote = best.get("vote") or best
        cite = citation(vote, tally(vote)) if best.get("vote") else citation(best, best.get("wording"))
        answer = (f"The {motion_name(best)} was {best['outcome']}{counts(best)} at "
                  f"{best.get('committee') or 'the meeting'}, {human_date(best.get('meeting_date'))} [1: {source(cite)}].")
        return result("vote_outcome", answer, [cite], {"motions": decided[:5]})
    if rows:
        return declined(look, question, "vote_outcome", f"the outcome of the {motion_name(rows[0])}")
    return declined(look, question, "vote_outcome", "how a motion or amendment on this was decided")


LISTED = 6  # motions named in one answer; the rest are counted


def motions_list(look: Lookup, question: Question) -> dict[str, Any] | None:
    """'Which amendments were proposed/lost in February 2025?': the motions of that period and
    topic, with their movers and outcomes."""
    missing = no_papers(look, question.councils)
    if missing:
        return {**missing, "fallback": True}
    words = set(fold(question.text).split())
    rows = candidates(look, question, "motion")
    if "amendments" in words and "motions" not in words:
        rows = [r for r in rows if "amendment" in (r.get("kind") or "")]
    cues = rules()["outcome_words"]
    wanted = [outcome for outcome, said in cues.items() if words & set(said)]
    if wanted:
        rows = [r for r in rows if r.get("outcome") in wanted]
    rows.sort(key=lambda r: (r.get("meeting_date") or "", r.get("doc_id"), r.get("start") or 0))
    if not rows:
        return declined(look, question, "motions", "which motions or amendments these were")
    shown = rows[:LISTED]
    parts = [
        f"\u201c{r['motion']}\u201d ({r.get('proposer') or 'mover not named'}"
        f"{'; ' + r['outcome'] + counts(r).replace(' (', ': ').rstrip(')') if r.get('outcome') else ''}) [{i}]"
        for i, r in enumerate(shown, start=1)
    ]
    kind = "amendments" if all("amendment" in (r.get("kind") or "") for r in rows) else "motions and amendments"
    more = f"; and {len(rows) - LISTED} more" if len(rows) > LISTED else ""
    answer = f"{len(rows)} {kind}: " + "; ".join(parts) + more + "."
    return result("motions", answer, [citation(r, r.get("wording")) for r in shown], {"motions": rows})


def decisions_made(look: Lookup, question: Question) -> dict[str, Any] | None:
    """'What did X decide/resolve (about Y) (in Z)?': the decisions of that body, period and topic."""
    missing = no_papers(look, question.councils)
    if missing:
        return {**missing, "fallback": True}
    rows = candidates(look, question, "decision")
    if not rows:
        who = question.committee or "any committee"
        when = f" in {human_date(period(question)[0])}" if period(question)[0] else ""
        about = " on this" if topic_words(question.text) else ""
        return declined(look, question, "decisions", f"what {who} decided{about}{when}")
    shown = rows[:3]
    parts = [
        f"{r.get('body') or r.get('committee')} ({human_date(r.get('date') or r.get('meeting_date'))}) "
        f"resolved: \u201c{quote(r['decision'], question.text)}\u201d [{i}: {source(citation(r))}]"
        for i, r in enumerate(shown, start=1)
    ]
    more = f" ({len(rows) - len(shown)} more decisions match.)" if len(rows) > len(shown) else ""
    answer = "; ".join(parts) + "." + more
    return result("decisions", answer, [citation(r, r.get("decision")) for r in shown], {"decisions": rows[:10]})
