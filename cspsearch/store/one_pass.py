"""One scored pass over a query's matches: every passage scored at once and grouped per paper."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh.query import Query
from whoosh.searching import Results

from cspsearch.store.bulk_scores import scored_matches
from cspsearch.store.query import split_negations
from cspsearch.store.snapshot import Snapshot

PASSAGES_PER_DOC = 3
# A paper's score: the sum of its three best passages' scores (a paper about the subject
# says it in several places; one that mentions it once in a short passage should not lead).
SUPPORT = (1.0, 1.0, 1.0)


@dataclass
class Pass:
    """What one scored pass over a query's matches found."""

    q: Query  # the query scored, for highlighting the passages shown
    results: Any  # Whoosh Results of the best-scored passages
    matched: dict[str, list[int]]  # doc_id -> docnums of all its matching passages
    paper_scores: dict[str, float]  # doc_id -> its score as a paper (see SUPPORT)
    scores: dict[str, list[float]]  # doc_id -> the scores of its passages in `matched`, which are best first


def one_pass(snap: Snapshot, q: Query, limit: int, left_out: set[str] | None = None) -> Pass:
    """Every match scored at once (store.bulk_scores), grouped per paper; the best as Whoosh Results.
    `left_out`: the papers a NOT names (see _without_negated_papers), dropped after scoring."""
    ids, scores = scored_matches(snap.searcher, q)
    codes = snap.paper_codes[ids]
    if left_out:
        keep = ~np.isin(codes, [snap.paper_code[d] for d in left_out if d in snap.paper_code])
        ids, scores, codes = ids[keep], scores[keep], codes[keep]
    best = np.lexsort((ids, -scores))[:max(100, limit * 10)]  # Whoosh's order: score, then docnum
    results = Results(snap.searcher, q, [(float(scores[n]), int(ids[n])) for n in best])
    by_paper = np.lexsort((ids, -scores, codes))  # each paper's passages, best first
    grouped, ordered = codes[by_paper], ids[by_paper]
    starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]]) if len(grouped) else np.zeros(0, np.int64)
    ends = np.r_[starts[1:], len(grouped)].astype(np.int64) if len(grouped) else starts
    # Papers in the order their first passage comes, as a scan of the index meets them (ties keep that order)
    first = np.argsort(np.minimum.reduceat(ordered, starts), kind="stable") if len(grouped) else starts
    names, ordered_ids, ordered_scores = snap.paper_names, ordered.tolist(), scores[by_paper].tolist()
    matched: dict[str, list[int]] = {}
    passage_scores: dict[str, list[float]] = {}
    paper_scores: dict[str, float] = {}
    for start, end in zip(starts[first].tolist(), ends[first].tolist(), strict=True):
        doc_id = names[grouped[start]]
        matched[doc_id] = ordered_ids[start:end]
        passage_scores[doc_id] = ordered_scores[start:min(end, start + PASSAGES_PER_DOC)]
        top = ordered_scores[start:min(end, start + len(SUPPORT))]
        paper_scores[doc_id] = sum(w * s for w, s in zip(SUPPORT, top, strict=False))
    return Pass(q, results, matched, paper_scores, passage_scores)


def matching_papers(snap: Snapshot, q: Query) -> set[str]:
    """The doc_ids of the papers with a passage `q` matches (all at once, see store.bulk_scores)."""
    return {snap.paper_names[c] for c in np.unique(snap.paper_codes[scored_matches(snap.searcher, q)[0]]).tolist()}


def without_negated_papers(snap: Snapshot, q: Query) -> tuple[Query, set[str]]:
    """The query without its NOTs, and every paper that matches one of them anywhere (see split_negations)."""
    kept, negated = split_negations(q)
    if not negated:
        return q, set()
    papers = set().union(*(matching_papers(snap, neg) for neg in negated))
    papers.discard("")
    return kept, papers
