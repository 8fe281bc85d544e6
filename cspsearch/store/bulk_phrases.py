"""Whoosh phrase queries matched and scored on whole posting lists (see store.bulk_scores).

Whoosh checks a phrase passage by passage with span objects; here the word positions of
every passage holding all the words are decoded once and the phrase is found for all of
them with array arithmetic. The matches and scores are Whoosh's: its ordered SpanNear2
with a minimum distance of 1 keeps a passage when each word follows the previous one by
1 to `slop` positions, and scores it as the sum of its words' scores (times the boost).
"""

from __future__ import annotations

from itertools import chain
from typing import Any

import numpy as np
from whoosh.formats import loads
from whoosh.query import Phrase

from cspsearch.store.bulk_postings import READING, postings
from cspsearch.store.bulk_scores import Matches, term_scores, through_whoosh

_EMPTY = (np.zeros(0, np.int64), np.zeros(0, np.float64))
_POSITION_BITS = 32  # a passage's index in the candidates above, a word's position below
_PICKLE_2 = b"\x80\x02"
# Decoded positions kept per segment reader (8 bytes each: about 64 MB at most).
POSITIONS_KEPT = 8_000_000


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
        ids, weights, values = postings(reader, q.fieldname, text)
        if values is None:
            return through_whoosh(q, sub, context)
        lists.append((ids, term_scores(q.fieldname, text, ids, weights, sub, top, context), text))
    candidates = lists[0][0]
    for ids, _, _ in lists[1:]:
        candidates = candidates[_within(candidates, ids)]
    if not len(candidates):
        return _EMPTY
    # Where a run of the phrase's words so far ends in each candidate (passage << 32 | position)
    ends = _positions(reader, q.fieldname, lists[0][2], candidates)
    for _, _, text in lists[1:]:
        positions = _positions(reader, q.fieldname, text, candidates)
        follows = np.zeros(len(positions), bool)
        for gap in range(1, q.slop + 1):
            follows |= _within(positions - gap, ends)
        ends = positions[follows]
        if not len(ends):
            return _EMPTY
    passages = ends >> _POSITION_BITS  # in order: keep each once
    found = candidates[passages[np.r_[True, passages[1:] != passages[:-1]]]]
    scores = _tree_sum([scores[np.searchsorted(ids, found)] for ids, scores, _ in lists])
    return found, (scores * q.boost if q.boost != 1.0 else scores)


def _positions(reader: Any, fieldname: str, text: bytes, candidates: np.ndarray) -> np.ndarray:
    """The word's positions in each candidate passage, as candidate index << 32 | position."""
    ids, starts, counts, flat = _term_positions(reader, fieldname, text)
    rows = np.searchsorted(ids, candidates)
    lengths, firsts = counts[rows], starts[rows]
    # For each candidate, the slice of `flat` holding its positions
    within = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    positions = flat[np.repeat(firsts, lengths) + within]
    passage = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
    return (passage << _POSITION_BITS) | positions


def _term_positions(reader: Any, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(docnums, where each one's positions start in the flat array, how many, every position),
    decoded once per segment reader and kept beside its postings."""
    with READING:
        cache = reader.__dict__.setdefault("_cspsearch_positions", {})
        key = (fieldname, text)
        if key in cache:
            cache[key] = cache.pop(key)
            return cache[key]
        ids, _, values = postings(reader, fieldname, text)
        deltas = _decoded(values or [])
        counts = np.fromiter((len(d) for d in deltas), np.int64, len(deltas))
        running = np.cumsum(np.fromiter(chain.from_iterable(deltas), np.int64, int(counts.sum())))
        starts = np.cumsum(counts) - counts
        # Each passage's deltas start from 0: take off the sum of all the passages' deltas before it
        flat = running - np.repeat(np.concatenate([[0], running])[starts], counts)
        found = cache[key] = (ids, starts, counts, flat)
        held = sum(len(entry[3]) for entry in cache.values())
        while held > POSITIONS_KEPT and len(cache) > 1:
            held -= len(cache.pop(next(iter(cache)))[3])
        return found


def _decoded(values: list[bytes]) -> list[list[int]]:
    """Whoosh's Positions values (a 4-byte count, then a protocol-2 pickle of the position deltas,
    its final "." sometimes cut) unpickled in one call: the lists' pickles joined into one list of lists."""
    if all(v[4:6] == _PICKLE_2 for v in values):
        body = b"".join(v[6:-1] if v.endswith(b".") else v[6:] for v in values)
        joined = loads(_PICKLE_2 + b"](" + body + b"e.")
        if len(joined) == len(values):
            return joined
    return [loads(v[4:] if v.endswith(b".") else v[4:] + b".") for v in values]


def _within(values: np.ndarray, sorted_values: np.ndarray) -> np.ndarray:
    """Which of `values` are in `sorted_values` (both in order: a binary search, not np.isin's sort)."""
    at = np.searchsorted(sorted_values, values)
    inside = at < len(sorted_values)
    inside[inside] = sorted_values[at[inside]] == values[inside]
    return inside


def _tree_sum(parts: list[np.ndarray]) -> np.ndarray:
    """Sums in Whoosh's binary tree of intersection matchers (a + (b + c)), so the floats agree."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    return _tree_sum(parts[:half]) + _tree_sum(parts[half:])
