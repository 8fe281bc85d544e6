"""`ask`: a member's question in plain English -> a structured query -> a cited one or two sentence answer."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from cspsearch.analysis import amount_answers, answers, decision_answers, grant_answers
from cspsearch.analysis.answers import Lookup, human_date, result, source
from cspsearch.analysis.cells import citation, known_councils
from cspsearch.analysis.law import build_precedent, rank_duties
from cspsearch.analysis.questions import Question, parse_question, rules
from cspsearch.errors import CspSearchError, NotFoundError, QueryError
from cspsearch.model import Citation
from cspsearch.reading import IndexReader, reader_for


def recommendation_rank(text: str) -> int:
    """Lower is better: passages stating a recommendation first, questions and options not taken last."""
    cues = rules()["recommendation"]
    if any(re.search(p, text, re.I) for p in cues["avoid"]):
        return 2
    return 0 if any(re.search(p, text, re.I) for p in cues["prefer"]) else 1


def plain(snippet: str) -> str:
    """A search snippet without its <b> marks and entities."""
    return html.unescape(re.sub(r"</?b>", "", snippet)).strip()


def full_passage(look: Lookup, doc: dict[str, Any], passage: dict[str, Any], limit: int = 300) -> str:
    """The passage's own text (a snippet shows only fragments), cut to `limit` characters.

    A passage ending in a colon ("makes the following recommendations:") runs on into the
    text it introduces, which is the part worth quoting.
    """
    try:
        page = look.reader.show(doc["doc_id"], page=passage["page"])
    except (CspSearchError, AttributeError):  # no page reader: the snippet still says enough
        return plain(passage["snippet"])
    start, end = passage["start"] - page["page_start"], passage["end"] - page["page_start"]
    if page["text"][start:end].rstrip().endswith(":"):
        end += limit
    text = " ".join(page["text"][start:end].split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " \u2026"
    return text or plain(passage["snippet"])


def passage_citation(doc: dict[str, Any], passage: dict[str, Any]) -> dict[str, Any]:
    """A citation for one passage of a search result."""
    return Citation.of({**doc, **passage}, plain(passage["snippet"])).to_json()


def law_requires(look: Lookup, question: Question) -> dict[str, Any] | None:
    """The legal references whose sentences best share the question's words; None when none does."""
    ranked = rank_duties(look.rows("legal"), question.words)
    if not ranked:
        return None
    names = [f"{r['instrument']} {r['provision']}" if r["provision"] else r["instrument"] for r in ranked]
    best = ranked[0]
    answer = f'{" and ".join(names)}: "{best["sentence"]}" ({answers.source(best["citation"])}).'
    return result("law_requires", answer, [r["citation"] for r in ranked], ranked)


def law_cites(look: Lookup, question: Question) -> dict[str, Any]:
    if not question.instrument:
        return answers.result("law_cites", "Name the Act or regulation, e.g. the Crime and Disorder Act 1998.", [])
    try:
        found = build_precedent(look.rows("legal"), question.instrument, question.provision)
    except NotFoundError as err:
        return answers.result("law_cites", str(err), [])
    names = " / ".join(i["instrument"] for i in found["instruments"])
    what = f"{found['provision']} of the {names}" if found["provision"] else f"the {names}"
    lines = [line for group in found["groups"] for line in group["citations"]]
    if not lines:
        return answers.result("law_cites", f"No paper in the index cites {what}.", [], found)
    by_doc: dict[str, dict[str, Any]] = defaultdict(dict)
    for line in lines:
        by_doc[line["citation"]["doc_id"]] = line["citation"]
    papers = "; ".join(
        f"{look.name(c['council_id'] or '?')} {answers.human_date(c['meeting_date'])}"
        for c in by_doc.values()
    )
    count = "1 paper cites" if len(by_doc) == 1 else f"{len(by_doc)} papers cite"
    answer = f"{count} {what}: {papers}."
    return answers.result("law_cites", answer, [line["citation"] for line in lines], found)


def recommendations(look: Lookup, question: Question) -> dict[str, Any]:
    """Passages about recommendations in the papers of the month asked about."""
    month = question.month or ""
    docs = [
        d
        for d in look.docs()
        if (d.get("meeting_date") or "").startswith(month)
        and (not question.councils or d.get("council_id") in question.councils)
    ]
    when = human_date(month)
    if not docs:
        return result("recommendations", f"The index holds no papers from meetings in {when}.", [])
    stated = stated_recommendations(look, docs)
    if stated:
        return stated
    year = int(month[:4])
    found = look.reader.search(
        rules()["recommendation"]["query"],
        councils=question.councils or None,
        year_from=year,
        year_to=year,
        limit=50,
    )
    wanted = {d["doc_id"] for d in docs}
    cites = [
        {**passage_citation(doc, p), "text": full_passage(look, doc, p)}
        for doc in found["results"]
        if doc["doc_id"] in wanted
        for p in doc["passages"]
    ]
    cites.sort(key=lambda c: recommendation_rank(c["text"] or ""))
    if not cites:
        titles = "; ".join(d.get("title") or d["doc_id"] for d in docs)
        return result(
            "recommendations", f"The {when} papers ({titles}) make no recommendation the index can find.", []
        )
    first = cites[0]
    answer = (
        f"In {when}, {look.name(first['council_id'] or '?')}'s {first['committee'] or 'committee'} paper "
        f'"{first["title"]}" recommended: "{first["text"]}" ({source(first)}).'
    )
    return result("recommendations", answer, cites, {"papers": [d["doc_id"] for d in docs]})


def stated_recommendations(look: Lookup, docs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The recommendations the papers state (extracted `recommendation` entities), if any."""
    wanted = {d["doc_id"] for d in docs}
    rows = [r for r in look.rows("recommendation") if r["doc_id"] in wanted]
    if not rows:
        return None
    first = rows[0]
    cites = [citation(r, r.get("recommendation")) for r in rows]
    more = f" ({len(rows) - 1} more recommendations.)" if len(rows) > 1 else ""
    date = first.get("meeting_date") or ""
    answer = (
        f"{'On' if date.count('-') == 2 else 'In'} {human_date(date)}, {look.name(first.get('council_id') or '?')}'s "
        f"{first.get('committee') or 'committee'} paper \"{first.get('title')}\" recommended: "
        f"\"{first['recommendation']}\" [1: {source(cites[0])}].{more}"
    )
    return result("recommendations", answer, cites, {"papers": sorted(wanted), "recommendations": rows})


def fallback(look: Lookup, question: Question) -> dict[str, Any]:
    """A ranked passage search over the question's own words, said to be one."""
    words = [
        w for w in re.findall(r"[\w'-]+", question.text) if w.lower() not in set(rules()["question_words"])
    ]
    query = " ".join(words) or question.text
    found = look.reader.search(query, limit=5)
    cites = [passage_citation(doc, p) for doc in found["results"] for p in doc["passages"][:1]]
    if cites:
        answer = (
            f"I could not match this question to a known pattern, so here are the passages that best match "
            f"it; the best is in {source(cites[0])}."
        )
    else:
        answer = "I could not match this question to a known pattern, and no passage matches its words."
    return {
        "answer": answer,
        "kind": "search",
        "fallback": True,
        "citations": cites,
        "data": {"query": query},
    }


HANDLERS = {
    "motion_people": decision_answers.motion_people,
    "motions": decision_answers.motions_list,
    "vote_outcome": decision_answers.vote_outcome,
    "motion_amount": decision_answers.motion_amount,
    "decisions": decision_answers.decisions_made,
    "priority_change": answers.priority_change,
    "amount": amount_answers.amount,
    "first_priority": answers.first_priority,
    "ever_priority": answers.ever_priority,
    "priorities_in_year": answers.priorities_in_year,
    "grant_amount": grant_answers.grant_amount,
    "compare_priorities": answers.compare_priorities,
    "law_cites": law_cites,
    "law_requires": law_requires,
    "recommendations": recommendations,
}


def answer_question(question: Question, look: Lookup) -> dict[str, Any]:
    """The answer of the question's intent, or the passage-search fallback."""
    handler = HANDLERS.get(question.kind or "")
    answered = handler(look, question) if handler else None
    return answered or fallback(look, question)


def ask(question: str, index: str | Path | None = None, reader: IndexReader | None = None) -> dict[str, Any]:
    """Answer a question in one or two sentences with citations (the `ask --json` shape), reading
    through `reader` (else from the index folder `index`)."""
    if not question.strip():
        raise QueryError('Ask a question, e.g. "What were Medway\'s priorities in 2020?".')
    look = Lookup(reader_for(reader, index))
    committees = sorted({d["committee"] for d in look.docs() if d.get("committee")})
    parsed = parse_question(question, known_councils(look.docs()), committees)
    answered = answer_question(parsed, look)
    return {"question": question, **answered, "query": {"intent": parsed.kind, **parsed.slots()}}
