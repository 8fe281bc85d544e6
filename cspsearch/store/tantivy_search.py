"""Passage search on a tantivy index: the same query language and JSON as store/search.py.

One pass finds the matching papers: a terms aggregation over the matches gives each
paper's count of matching passages and the themes among them, so the totals and every
facet come from it. Scoring reads only the top hits, on the caller's thread while a
second thread counts.
"""

from __future__ import annotations

import html
import os
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import tantivy
from whoosh.query import And, Not, Query

from cspsearch.store.one_pass import SUPPORT
from cspsearch.store.query import boosted, filter_query, is_plain, parse, restricted, split_negations
from cspsearch.store.question import Question, paper_hit, search_json, understand
from cspsearch.store.tantivy_index import DOC_KEY, doc_key, joined_term, schema, to_fields, unjoined
from cspsearch.store.tantivy_left_out import search_left_out
from cspsearch.store.tantivy_parse import parse_schema
from cspsearch.store.tantivy_query import Papers, translate
from cspsearch.store.tantivy_snapshot import SEARCHERS, TantivySnapshot, match_instruments, suggest
from cspsearch.store.vocabulary import possible_synonyms

__all__ = ["SEARCHERS", "filter_query", "match_instruments", "search", "search_left_out"]

PASSAGES_PER_DOC = 3
_KEY, _COUNT = itemgetter("key"), itemgetter("doc_count")
SNIPPET_CHARS = 220
Occur = tantivy.Occur
Hit = tuple[float, tantivy.DocAddress, str]  # score, address, doc_id
# Threads that count a query's papers while the caller's ranks it (see _counted_and_ranked), one
# pool per process: a process forked from one that searched inherits the pool but not its threads.
_POOLS: dict[int, ThreadPoolExecutor] = {}


def _counting() -> ThreadPoolExecutor:
    pool = _POOLS.get(os.getpid())
    if pool is None:
        pool = _POOLS.setdefault(os.getpid(), ThreadPoolExecutor(max_workers=2, thread_name_prefix="cspsearch-count"))
    return pool


def search(folder: Path, query: str, *, synonyms: list[set[str]], limit: int = 10, sort: str = "relevance",
           filter: list[Query] | None = None) -> dict[str, Any]:
    """Search passages and return the query-JSON shape (documents, passages, facets).

    A query is read as store/search.py reads it: a question (store/question.py) drops its
    filler, matches any of its words and prefers the council, year, theme and Act it names."""
    snap = SEARCHERS.get(folder)
    question = understand(query)
    synonyms = possible_synonyms(question.core, [*synonyms, *snap.acronyms])
    q, notes = parse(question.core, parse_schema(), synonyms, relaxed=question.is_question)
    kept, negated = split_negations(q)
    matched, ranked, hits = _counted_and_ranked(snap, kept, negated, filter, question, limit, sort)
    relaxed = False
    if not matched and not question.is_question and is_plain(question.core):
        kept, notes = parse(question.core, parse_schema(), synonyms, relaxed=True)
        matched, ranked, hits = _counted_and_ranked(snap, kept, [], filter, question, limit, sort)
        relaxed = bool(matched)
    return search_json(query, len(matched), matched.passages,
                       _documents(snap, ranked, hits, _highlighter(snap, kept), matched, limit, sort, question),
                       _facets(snap, matched), notes, relaxed, lambda: suggest(snap.searcher, query))


def _counted_and_ranked(snap: TantivySnapshot, kept: Query, negated: list[Query], filter: list[Query] | None,
                        question: Question, limit: int, sort: str) -> tuple[Matches, tantivy.Query, list[Hit] | None]:
    """The query's matches counted per paper, its ranking query and (sorted by relevance) its top hits.

    Without a NOT the count runs on a second thread while this one ranks: tantivy lets go of
    Python's lock while it works, and at a million passages each is about half of a search.
    A NOT leaves out every paper it matches anywhere (query.split_negations): the papers each NOT
    matches are counted beside the query's own and taken from them, and the ranking is then
    limited to the papers left (or kept from those left out, whichever list is shorter)."""
    full = restricted(kept, filter)
    if negated:
        leaving = [_counting().submit(_matching, snap, translate(neg, snap.searcher), False) for neg in negated]
        matched = _matching(snap, translate(full, snap.searcher))
        matched = matched.without(np.concatenate([f.result().rows for f in leaving]))
        return matched, *_ranked(snap, And([full, _among(snap, matched)]), question, limit, sort)
    counting = _counting().submit(_matching, snap, translate(full, snap.searcher))
    try:
        ranked, hits = _ranked(snap, full, question, limit, sort)
    finally:
        matched = counting.result()
    return matched, ranked, hits


def _ranked(snap: TantivySnapshot, full: Query, question: Question, limit: int,
            sort: str) -> tuple[tantivy.Query, list[Hit] | None]:
    ranked = translate(boosted(full, question, _passages_with(snap)), snap.searcher)
    return ranked, _top(snap, ranked, max(100, limit * 10)) if sort not in ("date", "-date") else None


def _among(snap: TantivySnapshot, matched: Matches) -> Query:
    """Passages of the papers `matched` kept after its NOTs: the papers themselves, or not the ones
    left out, as one term set (tantivy_query.Papers) of the shorter list."""
    if len(matched) <= len(matched.left_out):
        return Papers("doc_id", set(matched.papers()))
    ids = snap.papers.ids
    return Not(Papers("doc_id", {ids[row] for row in matched.left_out.tolist()}))


def _passages_with(snap: TantivySnapshot) -> Callable[[str], int]:
    """How many passages hold a stem in their text: phrase and nearness boosts are checked, as on
    Whoosh, only while a query's rarest word is within query.PROXIMITY_BUDGET (they read the
    positions of every candidate passage)."""
    return lambda stem: snap.searcher.doc_freq("body", joined_term(stem))


class Matches:
    """What one aggregation over a query's matches says: the rows of the matching papers in the
    snapshot's PaperTable with each one's count of matching passages, and per theme the papers
    with a matching passage on it."""

    def __init__(self, snap: TantivySnapshot, rows: np.ndarray, counts: np.ndarray,
                 themes: dict[str, np.ndarray], left_out: np.ndarray | None = None) -> None:
        self.snap, self.rows, self.counts, self.themes = snap, rows, counts, themes
        self.left_out = np.zeros(0, dtype=np.intp) if left_out is None else left_out  # rows a NOT took away

    def without(self, rows: np.ndarray) -> Matches:
        """These matches less the papers at `rows` (which a NOT matched)."""
        rows = np.unique(rows)
        kept = ~np.isin(self.rows, rows)
        themes = {theme: papers[~np.isin(papers, rows)] for theme, papers in self.themes.items()}
        return Matches(self.snap, self.rows[kept], self.counts[kept], themes,
                       np.intersect1d(self.rows, rows, assume_unique=True))

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def passages(self) -> int:
        """How many passages match."""
        return int(self.counts.sum())

    def papers(self) -> Iterator[str]:
        """The matching papers' doc_ids, most matching passages first."""
        ids = self.snap.papers.ids
        return (ids[row] for row in self.rows.tolist())

    def count(self, doc_id: str) -> int:
        """How many of `doc_id`'s passages match."""
        row = self.snap.papers.row_of.get(doc_id)
        if row is None:
            return 0
        found = np.flatnonzero(self.rows == row)
        return int(self.counts[found[0]]) if found.size else 0


def _matching(snap: TantivySnapshot, q: tantivy.Query, themes: bool = True) -> Matches:
    """The papers matching `q` and the themes facet, from one aggregation over the matches
    (themes outermost: a paper bucket inside each theme, so papers with no theme cost nothing)."""
    size = max(1, len(snap.papers.by_key) + 1)
    papers = {"terms": {"field": snap.group_field, "size": size}}
    aggs: dict[str, Any] = {"papers": papers}
    if themes and snap.has_themes:
        aggs["themes"] = {"terms": {"field": "themes", "size": 1000}, "aggs": {"papers": papers}}
    found = snap.searcher.aggregate(q, aggs)
    buckets = found["papers"]["buckets"]
    by_theme = {b["key"]: _rows(snap, b["papers"]["buckets"]) for b in found.get("themes", {}).get("buckets", [])}
    return Matches(snap, _rows(snap, buckets), np.fromiter(map(_COUNT, buckets), dtype=np.int64, count=len(buckets)),
                   by_theme)


def _rows(snap: TantivySnapshot, buckets: list[dict[str, Any]]) -> np.ndarray:
    """The PaperTable rows of an aggregation's paper buckets (at C speed: a million-passage index
    can match twenty thousand papers)."""
    keys = map(_KEY, buckets) if snap.group_field == DOC_KEY else map(doc_key, map(_KEY, buckets))
    return snap.papers.rows(np.fromiter(keys, dtype=np.uint64, count=len(buckets)))


def _documents(snap: TantivySnapshot, q: tantivy.Query, hits: list[Hit] | None, highlight: _Highlighter,
               matched: Matches, limit: int, sort: str, question: Question) -> list[dict[str, Any]]:
    if not matched:
        return []
    passages: dict[str, list[dict[str, Any]]] = {}
    if hits is None:  # sorted by date
        order = sorted(matched.papers(), key=lambda d: snap.docs.get(d, {}).get("meeting_date") or "",
                       reverse=sort == "-date")[:limit]
        _collect(snap, _within(q, order), limit * 20, highlight, passages, set(order))
    else:
        best: dict[str, list[float]] = {}
        for score, _, doc_id in hits:
            best.setdefault(doc_id, []).append(score)
        # A paper scores the sum of its best passages among the top hits (as store/search.py's
        # SUPPORT), times the preference for the council and year a question names.
        paper = {d: sum(w * s for w, s in zip(SUPPORT, scores, strict=False)) for d, scores in best.items()}
        order = sorted(paper, key=lambda d: -paper[d] * question.preference(snap.docs.get(d, {})))[:limit]
        # Scored alike: index order (only as many papers as are wanted are looked at).
        order += islice((d for d in matched.papers() if d not in paper), max(0, limit - len(order)))
        _show(snap, hits, highlight, passages, set(order))
        # The best passages crowded into a few papers ("*" scores every passage alike): the
        # other papers shown still get their own best passages.
        for doc_id in [d for d in order if d not in passages]:
            _collect(snap, _within(q, [doc_id]), PASSAGES_PER_DOC, highlight, passages, {doc_id})
    rows = []
    for doc_id in order:
        doc = snap.docs.get(doc_id, {"doc_id": doc_id})
        shown = passages.get(doc_id, [])
        rows.append(paper_hit(doc_id, doc, shown, matched.count(doc_id)))
    return rows


def _within(q: tantivy.Query, doc_ids: list[str]) -> tantivy.Query:
    """`q`'s passages in these papers, scored as `q` scores them."""
    return tantivy.Query.boolean_query([(Occur.Must, q), (Occur.Must, translate(Papers("doc_id", set(doc_ids))))])


def _top(snap: TantivySnapshot, q: tantivy.Query, top: int) -> list[Hit]:
    """The best `top` hits of `q` with their papers, known from each hit's paper key (a fast
    column), so no hit is loaded to be grouped."""
    hits = snap.searcher.search(q, limit=top, count=False).hits
    try:
        keys: list[Any] = snap.searcher.fast_field_values(DOC_KEY, [address for _, address in hits])
    except ValueError:  # an index made before the paper-key column: each hit is read instead
        keys = [None] * len(hits)
    out = []
    for (score, address), key in zip(hits, keys, strict=True):
        doc_id = snap.papers.by_key.get(int(key or 0))
        if doc_id is None:  # a passage whose paper has no document record: read it to know
            doc_id = snap.searcher.doc(address).get_first("doc_id") or ""
        out.append((float(score), address, doc_id))
    return out


def _show(snap: TantivySnapshot, hits: list[Hit], highlight: _Highlighter,
          passages: dict[str, list[dict[str, Any]]], wanted: set[str]) -> None:
    """Up to three passages of each wanted paper, best first: only these are loaded and highlighted."""
    for score, address, doc_id in hits:
        if doc_id in wanted:
            shown = passages.setdefault(doc_id, [])
            if len(shown) < PASSAGES_PER_DOC:
                shown.append(_passage(snap.searcher.doc(address), score, highlight))


def _collect(snap: TantivySnapshot, q: tantivy.Query, top: int, highlight: _Highlighter,
             passages: dict[str, list[dict[str, Any]]], wanted: set[str]) -> None:
    _show(snap, _top(snap, q, top), highlight, passages, wanted)


class _Highlighter:
    """`<b>` highlights of the query's words in a passage's body (else its heading or title)."""

    def __init__(self, searcher: tantivy.Searcher, q: tantivy.Query) -> None:
        self.searcher, self.query = searcher, q
        self._generators: dict[str, tantivy.SnippetGenerator] = {}

    def snippet(self, doc: tantivy.Document, field: str) -> str:
        generator = self._generators.get(field)
        if generator is None:
            generator = tantivy.SnippetGenerator.create(self.searcher, self.query, schema(), field)
            generator.set_max_num_chars(SNIPPET_CHARS)
            self._generators[field] = generator
        snippet = generator.snippet_from_doc(doc)
        return unjoined(snippet.to_html()) if snippet.highlighted() else ""


def _highlighter(snap: TantivySnapshot, kept: Query) -> _Highlighter:
    # Only what the query asks for is marked: its NOTs and filters are not.
    return _Highlighter(snap.searcher, translate(kept, snap.searcher))


def _passage(doc: tantivy.Document, score: float, highlight: _Highlighter) -> dict[str, Any]:
    fields = to_fields(doc)
    snippet = highlight.snippet(doc, "body")
    if not snippet:  # matched by its heading or title: show that, then the passage's opening
        label = highlight.snippet(doc, "heading") or highlight.snippet(doc, "title")
        opening = html.escape(" ".join(fields.get("body", "").split())[:160])
        snippet = f"{label} — {opening}" if label else opening
    return {"page": fields.get("page"), "paragraph": fields.get("paragraph"),
            "heading": fields.get("heading") or None, "snippet": " ".join(snippet.split()),
            "start": fields.get("start"), "end": fields.get("end"), "score": score}


def _facets(snap: TantivySnapshot, matched: Matches) -> dict[str, dict[str, int]]:
    """Counts of matching documents per council, year and kind; per theme of a matching passage."""
    # Papers per (council, year, kind), counted by number at C speed; a passage whose paper
    # has no document record counts as unknown.
    table = snap.papers
    numbers = np.bincount(table.combo[matched.rows], minlength=len(table.combos))
    council: Counter[str] = Counter()
    year: Counter[str] = Counter()
    kind: Counter[str] = Counter()
    for (c, y, k), papers in zip(table.combos, numbers.tolist(), strict=True):
        if not papers:
            continue
        council[c] += papers
        year[y] += papers
        kind[k] += papers
    return {name: dict(c.most_common()) for name, c in
            (("council_id", council), ("year", year), ("doc_kind", kind), ("theme", Counter({t: len(rows) for t, rows in matched.themes.items() if len(rows)})))}
