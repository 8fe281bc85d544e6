"""Passage search: parse, expand, filter, rank, group per document, facet, highlight."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import highlight
from whoosh.query import And, Not, Query, Term
from whoosh.searching import Results

from cspsearch.store.faults import guarded
from cspsearch.store.one_pass import (
    PASSAGES_PER_DOC,
    SUPPORT,
    Pass,
    matching_papers,
    one_pass,
    without_negated_papers,
)
from cspsearch.store.query import (
    boosted,
    filter_query,
    is_plain,
    page_highlights,
    parse,
    restricted,
)
from cspsearch.store.question import PREFERRED, Question, paper_hit, search_json, understand
from cspsearch.store.schema import text_analyzer
from cspsearch.store.snapshot import SEARCHERS, Snapshot

__all__ = ["PREFERRED", "SEARCHERS", "SUPPORT", "filter_query", "match_instruments", "matching_papers", "page_highlights",
           "search"]

# Stands in for the papers a NOT leaves out, which are dropped after scoring: the query keeps
# the shape (and so the scores) of one that names them all: Whoosh's AND gives a NOT a weight
# of 1, and a NOT keeps restricted() to passages. It matches no record, so it leaves out none.
_LEFT_OUT = Term("kind", "none")


class _Bold(highlight.HtmlFormatter):
    """<b>term</b> with no classes: the shape the query JSON contract shows."""

    def format_token(self, text, token, replace=False):
        return f"<b>{html.escape(highlight.get_text(text, token, replace))}</b>"

    def _text(self, text):
        return html.escape(text, quote=False)


@guarded
def match_instruments(folder: Path, text: str) -> list[str]:
    """Indexed instrument titles that contain every word of `text` (lower case)."""
    searcher = SEARCHERS.get(folder).searcher
    words = re.findall(r"[a-z0-9]+", text.lower().replace("&", " and "))
    titles = [t.decode() if isinstance(t, bytes) else t for t in searcher.lexicon("instruments")]
    return [t for t in titles if all(re.search(rf"\b{re.escape(w)}\b", t) for w in words)]


@guarded
def search(folder: Path, query: str, *, synonyms: list[set[str]], limit: int = 10, sort: str = "relevance",
           filter: list[Query] | None = None) -> dict[str, Any]:
    """Search passages and return the query-JSON shape (documents, passages, facets).

    `synonyms` are the caller's groups (the theme taxonomy's); the acronyms the indexed
    papers define are added to them. A query typed as a question is read by
    store.question: its filler is dropped, it matches passages with any of its words (the
    more of them, the higher), and the council, year, theme and Act it names rank their
    papers higher. Other queries need every word, then any word, with a note."""
    snap = SEARCHERS.get(folder)
    synonyms = [*synonyms, *snap.acronyms]
    question = understand(query)
    def passages_with(stem: str) -> int:
        return snap.searcher.doc_frequency("body", stem)

    q, notes = parse(question.core, snap.searcher.schema, synonyms, relaxed=question.is_question)
    kept, left_out = without_negated_papers(snap, q)
    full = restricted(And([kept, Not(_LEFT_OUT)]) if left_out else kept, filter)
    ranked = one_pass(snap, boosted(full, question, passages_with), limit, left_out)
    relaxed = False
    if not ranked.matched and not question.is_question and is_plain(question.core):
        q, notes = parse(question.core, snap.searcher.schema, synonyms, relaxed=True)
        full = restricted(q, filter)
        ranked = one_pass(snap, boosted(full, question, passages_with), limit)
        relaxed = bool(ranked.matched)
    matched = ranked.matched
    return search_json(query, len(matched), sum(len(v) for v in matched.values()),
                       _documents(snap, ranked, limit, sort, question), _facets(snap, matched), notes, relaxed,
                       lambda: _suggest(snap.searcher, query))


def _documents(snap: Snapshot, ranked: Pass, limit: int, sort: str, question: Question) -> list[dict[str, Any]]:
    matched = ranked.matched
    if not matched:
        return []
    by_date = sort in ("date", "-date")
    if by_date:
        order = sorted(matched, key=lambda d: snap.docs.get(d, {}).get("meeting_date") or "",
                       reverse=sort == "-date")[:limit]
        results = _best_passages(snap, ranked, order)
    else:
        results = ranked.results
    results.fragmenter = highlight.ContextFragmenter(maxchars=220, surround=60)
    results.formatter = _Bold(between=" … ")
    if not by_date:
        scores = ranked.paper_scores
        order = sorted(matched, key=lambda d: -scores.get(d, 0.0) * question.preference(snap.docs.get(d, {})))[:limit]
    wanted = set(order)
    passages: dict[str, list[dict[str, Any]]] = {}
    for hit in results:
        if hit["doc_id"] in wanted:
            shown = passages.setdefault(hit["doc_id"], [])
            if len(shown) < PASSAGES_PER_DOC:
                shown.append(_passage(hit))
    if not by_date:
        missing = [d for d in order if d not in passages]
        if missing:
            # The best passages crowded into a few papers ("*" scores every passage alike): the
            # other matching papers still fill the page, each with its own best passages.
            more = _best_passages(snap, ranked, missing)
            more.fragmenter, more.formatter = results.fragmenter, results.formatter
            for hit in more:
                shown = passages.setdefault(hit["doc_id"], [])
                if len(shown) < PASSAGES_PER_DOC:
                    shown.append(_passage(hit))
    rows = []
    for doc_id in order:
        doc = snap.docs.get(doc_id, {"doc_id": doc_id})
        hits = passages.get(doc_id, [])
        rows.append(paper_hit(doc_id, doc, hits, len(matched.get(doc_id, []))))
    return rows


def _best_passages(snap: Snapshot, ranked: Pass, papers: list[str]) -> Any:
    """Whoosh Results of each paper's best passages (all scored in the one pass, best first)."""
    best = [(ranked.scores[d][n], docnum) for d in papers
            for n, docnum in enumerate(ranked.matched[d][:PASSAGES_PER_DOC])]
    return Results(snap.searcher, ranked.q, best)


def _passage(hit) -> dict[str, Any]:
    snippet = hit.highlights("body", top=2)
    if not snippet:  # matched by its heading or title: show that, then the passage's opening
        label = hit.highlights("heading", top=1) or hit.highlights("title", top=1)
        opening = html.escape(" ".join(hit["body"].split())[:160])
        snippet = f"{label} — {opening}" if label else opening
    return {"page": hit["page"], "paragraph": hit.get("paragraph"), "heading": hit.get("heading") or None,
            "snippet": " ".join(snippet.split()), "start": hit["start"], "end": hit["end"],
            "score": float(hit.score or 0.0)}


def _facets(snap: Snapshot, matched: dict[str, list[int]]) -> dict[str, dict[str, int]]:
    """Counts of matching documents per council, year and kind; per theme of a matching passage."""
    council: Counter[str] = Counter()
    year: Counter[str] = Counter()
    kind: Counter[str] = Counter()
    theme: Counter[str] = Counter()
    for doc_id in matched:
        doc = snap.docs.get(doc_id, {})
        council[doc.get("council_id") or "unknown"] += 1
        year[str(doc.get("year") or "unknown")] += 1
        kind[doc.get("doc_kind") or "unknown"] += 1
    if snap.themes and matched:
        ids = np.fromiter(chain.from_iterable(matched.values()), np.int64)
        rank = np.repeat(np.arange(len(matched)), [len(nums) for nums in matched.values()])  # its paper's place
        found = []
        for order, (name, on_theme) in enumerate(snap.theme_masks.items()):
            places = np.unique(rank[on_theme[ids]])  # the papers with a matching passage on the theme
            if len(places):
                found.append((int(places[0]), order, name, len(places)))
        # Counted in the order a scan of the papers meets the themes, so ties keep that order
        for _, _, name, papers in sorted(found):
            theme[name] = papers
    return {name: dict(c.most_common()) for name, c in
            (("council_id", council), ("year", year), ("doc_kind", kind), ("theme", theme))}


def _suggest(searcher, query: str) -> str | None:
    """The query with each word the index does not know replaced by the closest one it does.

    Close words are found among the indexed stems, then shown as a passage spells them,
    which spares every ingest the cost of a separate spelling dictionary."""
    words = re.findall(r"[A-Za-z]{3,}", re.sub(r"\w+:\S+", " ", query))
    corrector = searcher.corrector("body")
    suggestion, changed = query, False
    for word in words:
        stem = [t.text for t in text_analyzer()(word)]
        if not stem or searcher.doc_frequency("body", stem[0]):
            continue
        # Same first letter, and one edit for short words: a scan of the whole vocabulary
        # per unknown word would be slow on a large index, and short words drift far.
        close = corrector.suggest(stem[0], limit=1, maxdist=1 if len(word) <= 5 else 2, prefix=1)
        spelled = _spelling_of(searcher, close[0]) if close else None
        if spelled:
            suggestion, changed = re.sub(rf"\b{re.escape(word)}\b", spelled, suggestion, count=1), True
    return suggestion if changed else None


def _spelling_of(searcher, stem: str) -> str | None:
    """How a passage holding `stem` spells it ("domest" -> "domestic")."""
    for hit in searcher.search(Term("body", stem), limit=1):
        body = hit["body"]
        for token in text_analyzer()(body, chars=True):
            if token.text == stem:
                return body[token.startchar:token.endchar].lower()
    return None


def entity_json(fields: dict[str, Any]) -> dict[str, Any]:
    return json.loads(fields["data"])
