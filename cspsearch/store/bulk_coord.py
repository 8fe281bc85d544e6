"""Whoosh's coordination bonus for an any-word query, on whole posting lists (see store.bulk_scores).

A question matches passages with any of its words, the more the higher: the parser's
OR with a scale, which Whoosh scores through its CoordMatcher from how many of the
query's terms match a passage. This counts the matching terms for every passage at once
and applies the same formula, for ORs whose parts are terms, ANDs and plain ORs of them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh.query import And, Or, Query, Term

from cspsearch.store.bulk_postings import postings
from cspsearch.store.bulk_scores import Matches

Counted = tuple[np.ndarray, np.ndarray, int]  # docnums, matching terms in each, the terms there are


def coordinated(q: Or, ids: np.ndarray, scores: np.ndarray, sub: Any) -> Matches | None:
    """`scores` (the OR's summed scores of `ids`, boost applied) with Whoosh's coordination
    bonus; None when a part of the OR is not one this module counts."""
    counted = _counted(q, sub)
    if counted is None:
        return None
    counted_ids, matching, termcount = counted
    if termcount == 0:  # Whoosh adds no coordination when no term of the query is in the segment
        return ids, scores
    if not np.array_equal(counted_ids, ids):
        return None
    scale = q.scale
    if termcount == scale:
        return ids, np.zeros(len(ids))
    # whoosh.matching.CoordMatcher._sqr, in the same order
    return ids, (scores + ((matching - 1) / (termcount - scale) ** 2)) * ((termcount - 1) / termcount)


def _counted(q: Query, sub: Any) -> Counted | None:
    kind = type(q)
    if kind is Term:
        return _term(q, sub)
    if kind not in (And, Or) or (kind is Or and q.scale is not None) or len(q.subqueries) >= Or.TOO_MANY_CLAUSES:
        return None
    subs = q.subqueries
    if not subs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), 0
    parts = [_counted(s, sub) for s in subs]
    if any(p is None for p in parts):
        return None
    found = [p for p in parts if p is not None]
    termcount = sum(p[2] for p in found)
    if len(found) == 1:
        return found[0]
    if kind is And:
        ids, counts = found[0][0], found[0][1]
        for other_ids, other, _ in found[1:]:
            ids, here, there = np.intersect1d(ids, other_ids, assume_unique=True, return_indices=True)
            counts = counts[here] + other[there]
        return ids, counts, termcount
    ids = np.unique(np.concatenate([p[0] for p in found]))
    counts = np.zeros(len(ids), np.int64)
    for part_ids, part, _ in found:
        counts[np.searchsorted(ids, part_ids)] += part
    return ids, counts, termcount


def _term(q: Term, sub: Any) -> Counted:
    """A term's postings count once where it matches; a term the segment lacks is no term matcher."""
    nothing = (np.zeros(0, np.int64), np.zeros(0, np.int64), 0)
    if q.fieldname not in sub.schema:
        return nothing
    try:
        text = sub.schema[q.fieldname].to_bytes(q.text)
    except ValueError:
        return nothing
    reader = sub.reader()
    if (q.fieldname, text) not in reader:
        return nothing
    ids = postings(reader, q.fieldname, text)[0]
    return ids, np.ones(len(ids), np.int64), 1
