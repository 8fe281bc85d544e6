"""Every passage a Whoosh query matches and its Whoosh score, as arrays computed a posting block at a time.

Whoosh scores a match with several Python calls (the matcher tree, BM25F, the field length),
which at 100,000 passages is most of a search's time. Here the parts of a query the parser
makes (terms, AND, OR, AND-maybe, NOT, wildcards and ranges, constant scores, phrases in
store.bulk_phrases, a question's coordination bonus in store.bulk_coord) are worked out on
whole posting lists with numpy, with the same BM25F formula and the same sums, so the
scores are Whoosh's own; any other part runs through Whoosh's matcher as before.
"""

from __future__ import annotations

from typing import Any

import numpy as np
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

from cspsearch.store.bulk_postings import deleted, field_lengths, postings

_EMPTY = (np.zeros(0, np.int64), np.zeros(0, np.float64))
Matches = tuple[np.ndarray, np.ndarray]  # sorted docnums, their scores


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
                           np.concatenate([_matches(q.query, sub, top, context)[0], deleted(reader)]))
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
    lengths = field_lengths(sub.reader(), fieldname)[ids]
    # whoosh.scoring.bm25, term for term in the same order, so the floats are the same
    return idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * lengths / avgfl)))


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
