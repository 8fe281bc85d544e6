"""Whoosh phrase queries matched and scored on whole posting lists (see store.bulk_scores).

Whoosh checks a phrase passage by passage with span objects; here the word positions of
every passage holding all the words are decoded once and the phrase is found for all of
them with array arithmetic. The matches and scores are Whoosh's: its ordered SpanNear2
with a minimum distance of 1 keeps a passage when each word follows the previous one by
1 to `slop` positions, and scores it as the sum of its words' scores (times the boost).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh.formats import loads
from whoosh.query import Phrase

from cspsearch.store.bulk_scores import Matches, postings, term_scores, through_whoosh

_EMPTY = (np.zeros(0, np.int64), np.zeros(0, np.float64))
_POSITION_BITS = 32  # a passage's index in the candidates above, a word's position below


def phrase_matches(q: Phrase, sub: Any, top: Any, context: Any) -> Matches:
    """(docnums, scores) of the passages of one segment where the phrase occurs."""
    schema = sub.schema
    if q.fieldname not in schema:
        return _EMPTY
    field = schema[q.fieldname]
    if not field.format or not field.format.supports("positions") or not q.words:
        return through_whoosh(q, sub, context)  # Whoosh's own error or answer
    reader = sub.reader()
    lists = []
    for word in q.words:
        try:
            text = field.to_bytes(word)
        except ValueError:
            return _EMPTY
        if (q.fieldname, text) not in reader:
            return _EMPTY
        ids, weights, maybe_values = postings(reader, q.fieldname, text)
        if maybe_values is None:
            return through_whoosh(q, sub, context)
        values: list[bytes] = maybe_values
        lists.append((ids, term_scores(q.fieldname, text, ids, weights, sub, top, context), values))
    candidates = lists[0][0]
    for ids, _, _ in lists[1:]:
        candidates = np.intersect1d(candidates, ids, assume_unique=True)
    if not len(candidates):
        return _EMPTY
    # Where a run of the phrase's words so far ends in each candidate (passage << 32 | position)
    ends = _positions(lists[0][0], lists[0][2], candidates)
    for ids, _, values in lists[1:]:
        positions = _positions(ids, values, candidates)
        follows = np.zeros(len(positions), bool)
        for gap in range(1, q.slop + 1):
            follows |= np.isin(positions - gap, ends)
        ends = positions[follows]
        if not len(ends):
            return _EMPTY
    found = candidates[np.unique(ends >> _POSITION_BITS)]
    scores = _tree_sum([scores[np.searchsorted(ids, found)] for ids, scores, _ in lists])
    return found, (scores * q.boost if q.boost != 1.0 else scores)


def _positions(ids: np.ndarray, values: list[bytes], candidates: np.ndarray) -> np.ndarray:
    """The word's positions in each candidate passage, as candidate index << 32 | position."""
    rows = np.searchsorted(ids, candidates).tolist()
    # Whoosh's Positions format: a 4-byte count, then the pickled position deltas (its final "." may be cut)
    deltas = [loads(v[4:] if v.endswith(b".") else v[4:] + b".") for v in (values[r] for r in rows)]
    counts = np.fromiter((len(d) for d in deltas), np.int64, len(deltas))
    flat = np.fromiter((x for d in deltas for x in d), np.int64, int(counts.sum()))
    running = np.cumsum(flat)
    # Each passage's deltas start from 0: take off the sum of all the passages' deltas before it
    before = np.concatenate([[0], running])[np.cumsum(counts) - counts]
    positions = running - np.repeat(before, counts)
    passage = np.repeat(np.arange(len(rows), dtype=np.int64), counts)
    return (passage << _POSITION_BITS) | positions


def _tree_sum(parts: list[np.ndarray]) -> np.ndarray:
    """Sums in Whoosh's binary tree of intersection matchers (a + (b + c)), so the floats agree."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    return _tree_sum(parts[:half]) + _tree_sum(parts[half:])
