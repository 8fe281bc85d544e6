"""Every passage a Whoosh query matches and its Whoosh score, as arrays computed a posting block at a time.

Whoosh scores a match with several Python calls (the matcher tree, BM25F, the field length),
which at 100,000 passages is most of a search's time. Here the common parts of a query
(terms, AND, OR, AND-maybe, NOT) are worked out on whole posting lists with numpy, with
the same BM25F formula and the same sums, so the scores are Whoosh's own; any other part
(phrases, OR with a coordination bonus, ranges) runs through Whoosh's matcher as before.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    ConstantScoreQuery,
    MultiTerm,
    Not,
    NullQuery,
    NumericRange,
    Or,
    Phrase,
    Prefix,
    Query,
    Term,
    Wildcard,
)
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

_EMPTY = (np.zeros(0, np.int64), np.zeros(0, np.float64))
_LENGTH_OF_BYTE = np.array([0.0] + [float(byte_to_length(b)) for b in range(1, 256)])
Matches = tuple[np.ndarray, np.ndarray]  # sorted docnums, their scores
# Postings kept per segment reader, in docnums (16 bytes each: about 64 MB at most).
POSTINGS_KEPT = 4_000_000


def scored_matches(searcher: Any, q: Query) -> Matches:
    """(docnums in order, scores) of every document `q` matches, scored as Whoosh's searcher would."""
    context = searcher.context()
    parts = [(ids + offset, scores) for sub, offset in searcher.leaf_searchers()
             for ids, scores in [_matches(q, sub, searcher, context)]]
    if len(parts) == 1:
        return parts[0]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _matches(q: Query, sub: Any, top: Any, context: Any) -> Matches:
    if q is NullQuery:
        return _EMPTY
    kind = type(q)
    if kind is Term:
        return _term(q, sub, top, context)
    if kind is And or (kind is Or and len(q.subqueries) < Or.TOO_MANY_CLAUSES):
        subs = q.subqueries
        if not subs:
            return _EMPTY
        if len(subs) == 1:  # Whoosh uses the one part's matcher, boost and all
            return _matches(subs[0], sub, top, context)
        parts = [_matches(s, sub, top, context) for s in subs]
        ids, scores = (_intersection if kind is And else _union)(parts)
        scores = scores * q.boost if q.boost != 1.0 else scores
        if kind is Or and q.scale:  # any of a question's words, the more the higher
            from cspsearch.store.bulk_coord import coordinated

            return coordinated(q, ids, scores, sub) or through_whoosh(q, sub, context)
        return ids, scores
    if isinstance(q, MultiTerm) and _plain_multi_term(q):  # prefix*, wild?card, a range of words
        return _multi_term(q, sub, top, context)
    if isinstance(q, NumericRange) and kind.matcher is NumericRange.matcher:  # year:[2015 TO 2018]
        return _matches(q._compile_query(sub.reader()), sub, top, context)
    if kind is ConstantScoreQuery:  # Whoosh gives every match the one score when no caller needs the current match
        ids = _matches(q.child, sub, top, context)[0]
        return ids, np.full(len(ids), float(q.score))
    if kind is Phrase:
        from cspsearch.store.bulk_phrases import phrase_matches

        return phrase_matches(q, sub, top, context)
    if kind is AndMaybe:
        ids, scores = _matches(q.a, sub, top, context)
        extra_ids, extra = _matches(q.b, sub, top, context)
        _, here, there = np.intersect1d(ids, extra_ids, assume_unique=True, return_indices=True)
        scores = scores.copy()
        scores[here] += extra[there]
        return ids, scores
    if kind is AndNot:
        ids, scores = _matches(q.a, sub, top, context)
        keep = ~np.isin(ids, _matches(q.b, sub, top, context)[0], assume_unique=True)
        return ids[keep], scores[keep]
    if kind is Not:  # every live document but the child's, each weighing 1 (Whoosh's InverseMatcher)
        reader = sub.reader()
        ids = np.setdiff1d(np.arange(reader.doc_count_all(), dtype=np.int64),
                           np.concatenate([_matches(q.query, sub, top, context)[0], _deleted(reader)]))
        return ids, np.ones(len(ids))
    return through_whoosh(q, sub, context)


def _plain_multi_term(q: MultiTerm) -> bool:
    """Whether Whoosh matches `q` with MultiTerm's own matcher (a bare * is every document instead)."""
    kind = type(q)
    return (kind.matcher is MultiTerm.matcher or (kind is Prefix and q.text != "")
            or (kind is Wildcard and q.text != "*"))


def _multi_term(q: MultiTerm, sub: Any, top: Any, context: Any) -> Matches:
    """Whoosh's MultiTerm.matcher: the one word's term, or an OR of the words it expands to
    (scored as ever: Whoosh's weighting comes back when the OR asks for none)."""
    fieldname = q.field()
    words = [w for w in q._btexts(sub.reader()) if w]
    if not words:
        return _EMPTY
    if len(words) == 1:
        return _matches(Term(fieldname, words[0]), sub, top, context)
    if len(words) >= Or.TOO_MANY_CLAUSES or (len(words) > 2 and sub.doc_count_all() <= 5000):
        return through_whoosh(q, sub, context)  # Whoosh preloads such an OR, scored its own way
    ids, scores = _union([_matches(Term(fieldname, w), sub, top, context) for w in words])
    return ids, (scores * q.boost if q.boost != 1.0 else scores)


def _intersection(parts: list[Matches]) -> Matches:
    ids, scores = parts[0]
    for other_ids, other in parts[1:]:
        ids, here, there = np.intersect1d(ids, other_ids, assume_unique=True, return_indices=True)
        scores = scores[here] + other[there]
    return ids, scores


def _union(parts: list[Matches]) -> Matches:
    parts = [p for p in parts if len(p[0])]  # a word in no title or heading adds nothing
    if len(parts) <= 1:
        return parts[0] if parts else _EMPTY
    ids = np.unique(np.concatenate([p[0] for p in parts]))
    scores = np.zeros(len(ids))
    for part_ids, part in parts:
        scores[np.searchsorted(ids, part_ids)] += part
    return ids, scores


def _term(q: Term, sub: Any, top: Any, context: Any) -> Matches:
    schema = sub.schema
    if q.fieldname not in schema:
        return _EMPTY
    field = schema[q.fieldname]
    try:
        text = field.to_bytes(q.text)
    except ValueError:
        return _EMPTY
    reader = sub.reader()
    if (q.fieldname, text) not in reader:
        return _EMPTY
    weighting = context.weighting
    if q.minquality or (field.scorable and type(weighting) is not BM25F):
        return through_whoosh(q, sub, context)
    ids, weights, _ = postings(reader, q.fieldname, text)
    scores = term_scores(q.fieldname, text, ids, weights, sub, top, context)
    return ids, (scores * q.boost if q.boost != 1.0 else scores)


def term_scores(fieldname: str, text: bytes, ids: np.ndarray, weights: np.ndarray, sub: Any, top: Any,
                context: Any) -> np.ndarray:
    """The scores Whoosh's weighting (BM25F, or the weight itself in an unscored field) gives a term's postings."""
    if not sub.schema[fieldname].scorable:
        return weights
    weighting = context.weighting
    idf = top.idf(fieldname, text)
    avgfl = top.avg_field_length(fieldname) or 1
    B, K1 = weighting._field_B.get(fieldname, weighting.B), weighting.K1
    lengths = _field_lengths(sub.reader(), fieldname)[ids]
    # whoosh.scoring.bm25, term for term in the same order, so the floats are the same
    return idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * lengths / avgfl)))


def postings(reader: Any, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray, list[bytes] | None]:
    """A term's docnums, weights and encoded values (word positions, in a text field) without
    deleted documents, kept per segment reader for the next query (a filter's term is in most
    queries; reading its blocks again is most of their cost)."""
    cache = reader.__dict__.setdefault("_cspsearch_postings", {})
    key = (fieldname, text)
    if key in cache:
        cache[key] = cache.pop(key)  # most recently used last
        return cache[key]
    found = _read_postings(reader, fieldname, text)
    cache[key] = found
    held = sum(len(entry[0]) for entry in cache.values())
    while held > POSTINGS_KEPT and len(cache) > 1:
        held -= len(cache.pop(next(iter(cache)))[0])
    return found


def _read_postings(reader: Any, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray, list[bytes] | None]:
    m = reader.postings(fieldname, text)
    filtered = isinstance(m, FilterMatcher)
    if filtered:
        m = m.child
    deltas: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    values: list[bytes] | None = [] if m._fixedsize is None or m._fixedsize < 0 else None
    while m.is_active():
        if m._data is None:
            m._read_data()
        count = m._blocklength
        raw_ids, raw_weights = m._data[0], m._data[1]
        ids_here = np.asarray(raw_ids, np.int64)
        if m._byteids:  # ids kept whole, not as deltas: make them deltas for the sum below
            ids_here = np.diff(ids_here, prepend=0)
        deltas.append(ids_here)
        if raw_weights is None or isinstance(raw_weights, float):  # a block of equal weights (Whoosh's shorthand)
            weights.append(np.full(count, 1.0 if raw_weights is None else float(np.float32(raw_weights))))
        else:
            weights.append(np.asarray(raw_weights, np.float64))
        if values is not None:
            values.extend(m._data[2])
        m._next_block()
    if not deltas:
        return _EMPTY[0], _EMPTY[1], []
    lengths = np.array([len(d) for d in deltas])
    running = np.cumsum(np.concatenate(deltas))
    # Each block's ids are deltas from 0: take off the running total before the block began.
    before = np.concatenate([[0], running[np.cumsum(lengths)[:-1] - 1]])
    ids, weight_array = running - np.repeat(before, lengths), np.concatenate(weights)
    if filtered:
        keep = ~np.isin(ids, _deleted(reader))
        ids, weight_array = ids[keep], weight_array[keep]
        values = [v for v, kept in zip(values, keep.tolist(), strict=True) if kept] if values is not None else None
    return ids, weight_array, values


def _field_lengths(reader: Any, fieldname: str) -> np.ndarray:
    """Each document's length in a field, as BM25F reads it (1 where the segment keeps no lengths)."""
    cache = reader.__dict__.setdefault("_cspsearch_lengths", {})
    if fieldname not in cache:
        perdoc = reader._perdoc
        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        count = reader.doc_count_all()
        if column is None:
            cache[fieldname] = np.ones(count + 1)
        else:
            codes = _length_bytes(column, count)
            cache[fieldname] = _LENGTH_OF_BYTE[codes]
    return cache[fieldname]


def _length_bytes(column: Any, count: int) -> np.ndarray:
    """A segment's length bytes for its `count` documents and one past them (0), read in one go
    from Whoosh's one-byte numeric column (a document past the column's end has its default)."""
    if getattr(column, "_typecode", None) == "B" and getattr(column, "_fixedlen", None) == 1:
        stored = min(column._count, count)
        codes = np.full(count + 1, column._default, np.uint8)
        codes[:stored] = np.frombuffer(bytes(column._dbfile.get(column._basepos, stored)), np.uint8)
        codes[count] = 0
        return codes
    return np.array([column[n] for n in range(count)] + [0], np.uint8)


def _deleted(reader: Any) -> np.ndarray:
    return np.array(sorted(reader.deleted_docs_set), np.int64) if reader.has_deletions() else np.zeros(0, np.int64)


def through_whoosh(q: Query, sub: Any, context: Any) -> Matches:
    """Whoosh's own matcher for a part of the query this module does not compute."""
    m = q.matcher(sub, context)
    ids: list[int] = []
    scores: list[float] = []
    while m.is_active():
        ids.append(m.id())
        scores.append(m.score())
        m.next()
    return np.array(ids, np.int64), np.array(scores, np.float64)
