"""Passage search on a tantivy index: the same query language and JSON as store/search.py.

One pass finds the matching papers: a terms aggregation over the matches gives each
paper's count of matching passages and the themes among them, so the totals and every
facet come from it; scoring then reads only the top hits.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any

import tantivy
from whoosh.query import And, Not, Query

from cspsearch.store.one_pass import SUPPORT
from cspsearch.store.query import boosted, filter_query, is_plain, parse, restricted, split_negations
from cspsearch.store.question import Question, paper_hit, search_json, understand
from cspsearch.store.tantivy_index import DOC_KEY, schema, to_fields
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


def search(folder: Path, query: str, *, synonyms: list[set[str]], limit: int = 10, sort: str = "relevance",
           filter: list[Query] | None = None) -> dict[str, Any]:
    """Search passages and return the query-JSON shape (documents, passages, facets).

    A query is read as store/search.py reads it: a question (store/question.py) drops its
    filler, matches any of its words and prefers the council, year, theme and Act it names."""
    snap = SEARCHERS.get(folder)
    question = understand(query)
    synonyms = possible_synonyms(question.core, [*synonyms, *snap.acronyms])
    q, notes = parse(question.core, parse_schema(), synonyms, relaxed=question.is_question)
    kept, _ = split_negations(q)
    full = restricted(_without_negated_papers(snap, q), filter)
    matched = _matching(snap, translate(full, snap.searcher))
    relaxed = False
    if not matched and not question.is_question and is_plain(question.core):
        q, notes = parse(question.core, parse_schema(), synonyms, relaxed=True)
        kept, full = q, restricted(q, filter)
        matched = _matching(snap, translate(full, snap.searcher))
        relaxed = bool(matched)
    counts = matched.counts
    ranked = translate(boosted(full, question, _passages_with(snap)), snap.searcher)
    return search_json(query, len(matched), sum(counts.values()),
                       _documents(snap, ranked, _highlighter(snap, kept), counts, limit, sort, question),
                       _facets(snap, matched), notes, relaxed, lambda: suggest(snap.searcher, query))


def _passages_with(snap: TantivySnapshot) -> Callable[[str], int]:
    """How many passages hold a stem in their text: phrase and nearness boosts are checked, as on
    Whoosh, only while a query's rarest word is within query.PROXIMITY_BUDGET (they read the
    positions of every candidate passage)."""
    return lambda stem: snap.searcher.doc_freq("body", stem)


def _without_negated_papers(snap: TantivySnapshot, q: Query) -> Query:
    """The query minus every paper that matches one of its NOTs anywhere (see query.split_negations)."""
    kept, negated = split_negations(q)
    if not negated:
        return q
    papers = set().union(*(_matching(snap, translate(neg, snap.searcher), themes=False).counts for neg in negated))
    papers.discard("")
    if not papers:
        return kept
    # Thousands of papers: one term set, without a Whoosh term for each (tantivy_query.Papers).
    return And([kept, Not(Papers("doc_id", papers))])


class Matches:
    """What one aggregation over a query's matches says: each paper's count of matching
    passages, and per theme the papers with a matching passage on it."""

    def __init__(self, counts: dict[str, int], themes: dict[str, int]) -> None:
        self.counts, self.themes = counts, themes

    def __len__(self) -> int:
        return len(self.counts)

    def __iter__(self) -> Iterator[str]:
        return iter(self.counts)


def _matching(snap: TantivySnapshot, q: tantivy.Query, themes: bool = True) -> Matches:
    """The papers matching `q` and the themes facet, from one aggregation over the matches
    (themes outermost: a paper bucket inside each theme, so papers with no theme cost nothing)."""
    size = max(1, len(snap.docs) + 1)
    aggs: dict[str, Any] = {"papers": {"terms": {"field": "doc_id", "size": size}}}
    if themes and snap.has_themes:
        aggs["themes"] = {"terms": {"field": "themes", "size": 1000},
                          "aggs": {"papers": {"terms": {"field": "doc_id", "size": size}}}}
    found = snap.searcher.aggregate(q, aggs)
    buckets = found["papers"]["buckets"]
    # C-level mapping: a million-passage index can match twenty thousand papers.
    counts = dict(zip(map(_KEY, buckets), map(_COUNT, buckets), strict=True))
    by_theme = {b["key"]: len(b["papers"]["buckets"]) for b in found.get("themes", {}).get("buckets", [])}
    return Matches(counts, by_theme)


def _documents(snap: TantivySnapshot, q: tantivy.Query, highlight: _Highlighter, counts: dict[str, int],
               limit: int, sort: str, question: Question) -> list[dict[str, Any]]:
    if not counts:
        return []
    passages: dict[str, list[dict[str, Any]]] = {}
    if sort in ("date", "-date"):
        order = sorted(counts, key=lambda d: snap.docs.get(d, {}).get("meeting_date") or "",
                       reverse=sort == "-date")[:limit]
        _collect(snap, _within(q, order), limit * 20, highlight, passages, set(order))
    else:
        hits = _top(snap, q, max(100, limit * 10))
        best: dict[str, list[float]] = {}
        for score, _, doc_id in hits:
            best.setdefault(doc_id, []).append(score)
        # A paper scores the sum of its best passages among the top hits (as store/search.py's
        # SUPPORT), times the preference for the council and year a question names.
        paper = {d: sum(w * s for w, s in zip(SUPPORT, scores, strict=False)) for d, scores in best.items()}
        order = sorted(paper, key=lambda d: -paper[d] * question.preference(snap.docs.get(d, {})))[:limit]
        # Scored alike: index order (only as many papers as are wanted are looked at).
        order += islice((d for d in counts if d not in paper), max(0, limit - len(order)))
        _show(snap, hits, highlight, passages, set(order))
        # The best passages crowded into a few papers ("*" scores every passage alike): the
        # other papers shown still get their own best passages.
        for doc_id in [d for d in order if d not in passages]:
            _collect(snap, _within(q, [doc_id]), PASSAGES_PER_DOC, highlight, passages, {doc_id})
    rows = []
    for doc_id in order:
        doc = snap.docs.get(doc_id, {"doc_id": doc_id})
        shown = passages.get(doc_id, [])
        rows.append(paper_hit(doc_id, doc, shown, counts.get(doc_id, 0)))
    return rows


def _within(q: tantivy.Query, doc_ids: list[str]) -> tantivy.Query:
    papers = tantivy.Query.term_set_query(schema(), "doc_id", doc_ids)
    return tantivy.Query.boolean_query([(Occur.Must, q), (Occur.Must, papers)])


def _top(snap: TantivySnapshot, q: tantivy.Query, top: int) -> list[tuple[float, tantivy.DocAddress, str]]:
    """The best `top` hits of `q` with their papers, known from each hit's paper key (a fast
    column), so no hit is loaded to be grouped."""
    hits = snap.searcher.search(q, limit=top, count=False).hits
    try:
        keys: list[Any] = snap.searcher.fast_field_values(DOC_KEY, [address for _, address in hits])
    except ValueError:  # an index made before the paper-key column: each hit is read instead
        keys = [None] * len(hits)
    out = []
    for (score, address), key in zip(hits, keys, strict=True):
        doc_id = snap.by_key.get(int(key or 0))
        if doc_id is None:  # a passage whose paper has no document record: read it to know
            doc_id = snap.searcher.doc(address).get_first("doc_id") or ""
        out.append((float(score), address, doc_id))
    return out


def _show(snap: TantivySnapshot, hits: list[tuple[float, tantivy.DocAddress, str]], highlight: _Highlighter,
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
        return snippet.to_html() if snippet.highlighted() else ""


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
    numbers = Counter(map(snap.combo_of.get, matched.counts))
    unknown = ("unknown", "unknown", "unknown")
    council: Counter[str] = Counter()
    year: Counter[str] = Counter()
    kind: Counter[str] = Counter()
    for number, papers in numbers.items():
        c, y, k = snap.combos[number] if number is not None else unknown
        council[c] += papers
        year[y] += papers
        kind[k] += papers
    return {name: dict(c.most_common()) for name, c in
            (("council_id", council), ("year", year), ("doc_kind", kind), ("theme", Counter(matched.themes)))}
