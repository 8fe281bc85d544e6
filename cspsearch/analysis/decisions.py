"""Decisions, recommendations and motions with their outcomes, filtered by council, committee,
period and topic: the `decisions` command's table and what `ask` answers decision questions from."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from types import ModuleType
from typing import Any

from cspsearch.analysis.cells import Row, citation, fold, stem, where
from cspsearch.analysis.formats import Table
from cspsearch.analysis.questions import rules
from cspsearch.analysis.topics import pairs, rarity, topic_score, topic_words
from cspsearch.errors import QueryError
from cspsearch.names import committees, council_ids, names_committee
from cspsearch.reading import IndexReader, reader_for

KINDS = ("decision", "recommendation", "motion")
DATE_RE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
# List markers inside a decision: (i), (a), (1), a), 1., bullets ("Appendix A)" is no marker).
LIST_MARK = re.compile(r"(?:^|\s)(?:\((?:[ivx]{1,4}|[a-z]|\d{1,2})\)|[a-z]\)|\d{1,2}\.|\u2022)\s+")


def quote(text: str, topic: str, limit: int = 300) -> str:
    """The parts of a decision worth quoting for a topic: the list items sharing most of its
    words, those that act (adopt, agree) before those that only note; the whole text if it is no list."""
    head, *items = LIST_MARK.split(text)
    if len(items) < 2:
        return cut(text, limit)
    words = {stem(w) for w in topic_words(topic)}
    weak = set(rules()["weak_decision_verbs"])

    def rank(item: str) -> tuple[float, bool]:
        stems = {stem(w) for w in fold(item).split()}
        return (-len(words & stems), fold(item).split()[:1] in ([w] for w in weak))

    chosen = sorted(items, key=rank)[:2]
    chosen.sort(key=items.index)
    joined = " \u2026 ".join(i.strip() for i in chosen)
    return cut(f"{head.strip()} {joined}".strip(), limit)


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " \u2026"


def in_period(row: Row, date_from: str | None, date_to: str | None) -> bool:
    """Whether a row's meeting date lies in [date_from, date_to] (prefixes: '2025', '2025-03')."""
    date = row.get("date") or row.get("meeting_date") or ""
    if date_from and (not date or date[: len(date_from)] < date_from):
        return False
    return not (date_to and (not date or date[: len(date_to)] > date_to))


def of_committee(row: Row, committee: str | None) -> bool:
    """Whether the body that decided (else the paper's committee) is the one asked about."""
    if not committee:
        return True
    wanted = fold(committee)
    named = row.get("body") or row.get("committee")
    body = fold(named)
    # "Cabinet" is not "Cabinet Member for Finance": a decision-maker named after the body is someone else.
    if body in ("committee", "panel", "sub committee"):  # "the Committee" may be the Scrutiny Committee asked about
        return wanted.endswith(body)
    return names_committee(committee, named) and not body.startswith(f"{wanted} member")


def with_votes(motions: list[Row], votes: list[Row]) -> list[Row]:
    """Motions with the counts of the vote that decided them (the last vote on each)."""
    by_key = {(v["doc_id"], v.get("motion")): v for v in votes if v.get("motion")}
    out = []
    for motion in motions:
        vote = by_key.get((motion["doc_id"], motion.get("motion")))
        counts = {k: vote.get(k) for k in ("for", "against", "abstain", "unanimous")} if vote else {}
        out.append({**motion, **counts, "vote": vote})
    return out


def record(row: Row) -> dict[str, Any]:
    """One line of the decisions table."""
    kind = row["type"]
    text = row.get(kind) if kind != "motion" else row.get("wording") or row.get("motion")
    return {
        "kind": row.get("kind") if kind == "motion" else kind,
        "date": row.get("date") or row.get("meeting_date"),
        "council_id": row.get("council_id"),
        "body": row.get("body") or row.get("committee"),
        "item": row.get("item"),
        "text": text,
        "outcome": row.get("outcome"),
        "for": row.get("for"), "against": row.get("against"), "abstain": row.get("abstain"),
        "proposer": row.get("proposer"), "seconder": row.get("seconder"),
        "amount": row.get("amount"), "funding_source": row.get("funding_source"),
        "citation": citation(row, text),
    }


def select(rows: Iterable[Row], committee: str | None = None, date_from: str | None = None,
           date_to: str | None = None, topic: str | None = None, least: float = 0.5) -> list[Row]:
    """Rows of the committee and period whose text holds at least `least` of the topic's words
    (weighted by their rarity), best first, each with its `topic_score`."""
    rows = list(rows)
    words = topic_words(topic or "")
    weight = rarity(words, rows)
    phrase = pairs(topic or "")
    kept = [
        (topic_score(r, words, weight, phrase), r) for r in rows
        if of_committee(r, committee) and in_period(r, date_from, date_to)
    ]
    kept = [(s, r) for s, r in kept if s >= least]
    kept.sort(key=lambda pair: (-pair[0], pair[1].get("meeting_date") or "", pair[1].get("start") or 0))
    return [{**r, "topic_score": s} for s, r in kept]


def build_decisions(reader: IndexReader, councils: list[str] | None = None,
                    committee: str | None = None, date_from: str | None = None, date_to: str | None = None,
                    topic: str | None = None, kinds: tuple[str, ...] = KINDS) -> list[dict[str, Any]]:
    """The `decisions` table: decisions, recommendations and motions (with their votes), in date order."""
    def rows(kind: str) -> list[Row]:
        return reader.entity_rows(type=kind, councils=councils or None)

    found: list[Row] = []
    for kind in kinds:
        if kind == "motion":
            found += with_votes(rows("motion"), rows("vote"))
        else:
            found += rows(kind)
    if committee:  # read as search and docs read it: "PWBOSC" is the committee it stands for, by its full name
        named = committees(committee, [r.get(key) for r in found for key in ("committee", "body")])
        committee = named[0] if named and len(named) == 1 else committee
    chosen = select(found, committee, date_from, date_to, topic, least=0.5 if topic else 0.0)
    records = [record(r) for r in chosen]
    records.sort(key=lambda r: (r["date"] or "", r["citation"]["doc_id"] or "", r["citation"]["start"]))
    return records


def check_period(date_from: str | None, date_to: str | None) -> None:
    """QueryError unless each bound is YYYY, YYYY-MM or YYYY-MM-DD and they are in order."""
    for value in (date_from, date_to):
        if value and not DATE_RE.match(value):
            raise QueryError(f"Give a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}.")
    if date_from and date_to and date_from[: len(date_to)] > date_to:
        raise QueryError(f"--from {date_from} comes after --to {date_to}.")


def check_kinds(kinds: list[str] | None) -> tuple[str, ...]:
    """The entity kinds to list; QueryError naming the known ones for any other."""
    unknown = [k for k in kinds or [] if k not in KINDS]
    if unknown:
        raise QueryError(f"List decision, recommendation or motion, not {', '.join(unknown)}.")
    return tuple(kinds) if kinds else KINDS


def decisions(reader: IndexReader | ModuleType | None = None, index: str | os.PathLike[str] | None = None,
              councils: list[str] | None = None, committee: str | None = None,
              date_from: str | None = None, date_to: str | None = None, topic: str | None = None,
              kinds: list[str] | None = None) -> dict[str, Any]:
    """The `decisions --json` shape: the filters and the matching records, read through `reader` (else
    from the index folder `index`; callers from before the Library pass the services module and `index`)."""
    check_period(date_from, date_to)
    chosen = check_kinds(kinds)
    read = reader_for(None if isinstance(reader, ModuleType) else reader, index)
    councils = council_ids(councils)  # the filters echo the slugs, whichever spelling was typed
    records = build_decisions(read, councils, committee, date_from, date_to, topic, chosen)
    filters = {"councils": councils or [], "committee": committee, "from": date_from, "to": date_to,
               "topic": topic, "kinds": list(chosen)}
    return {"filters": filters, "count": len(records), "decisions": records}


def outcome_text(record: dict[str, Any]) -> str:
    """'lost (13-39-3)', 'carried', or '' when the papers give none."""
    outcome = record.get("outcome") or ""
    if outcome and record.get("for") is not None:
        outcome += f" ({record['for']}-{record.get('against') or 0}-{record.get('abstain') or 0})"
    return outcome


def decisions_table(result: dict[str, Any], compact: bool = False) -> Table:
    """One row per decision, recommendation or motion, for CSV and Markdown; `compact` keeps the
    columns a terminal has room for."""
    headers = ["Date", "Council", "Body", "Kind", "Item", "Text", "Outcome (for-against-abstain)", "Moved by",
               "Amount", "Source"]
    rows = []
    for r in result["decisions"]:
        movers = " / ".join(p for p in (r.get("proposer"), r.get("seconder")) if p)
        amount = f"£{r['amount']:,.0f}" if r.get("amount") is not None else ""
        rows.append([r["date"] or "undated", r["council_id"] or "", r["body"] or "", (r["kind"] or "").replace("_", " "),
                     r["item"] or "", cut(r["text"] or "", 200), outcome_text(r), movers, amount,
                     where(r["citation"], title=True)])
    if compact:
        keep = [0, 2, 3, 5, 6, 7, 9]
        return [headers[i] for i in keep], [[cut(row[i], 110) if i == 5 else row[i] for i in keep] for row in rows]
    return headers, rows
