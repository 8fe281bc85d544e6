"""A Whoosh query tree (parsed by store/query.py, filters included) as the same tantivy query.

Both engines parse a person's query with one parser, so words, phrases, AND/OR/NOT,
field:value, wildcards, ranges and synonym expansion mean the same on each; only the
tree is rebuilt here, term for term (the terms are already analysed stems).
"""

from __future__ import annotations

import re
from functools import cache

import tantivy
from whoosh import query as wq

from cspsearch.errors import QueryError
from cspsearch.store.schema import build_schema
from cspsearch.store.tantivy_index import INT_FIELDS, schema

Occur = tantivy.Occur
# Whoosh's field boosts (store/schema.py), applied per term here as tantivy has no field boosts.
FIELD_BOOSTS = {"title": 2.0, "heading": 1.5}


@cache
def _whoosh_schema():
    return build_schema()


def translate(q: wq.Query) -> tantivy.Query:
    """The tantivy query matching what `q` matches on a Whoosh index of the same records."""
    if isinstance(q, wq.Not):
        return tantivy.Query.boolean_query([(Occur.Must, tantivy.Query.all_query()),
                                            (Occur.MustNot, translate(q.query))])
    return _boosted(_translate(q), q)


def _boosted(t: tantivy.Query, q: wq.Query) -> tantivy.Query:
    boost = float(getattr(q, "boost", 1.0) or 1.0) * FIELD_BOOSTS.get(getattr(q, "fieldname", None) or "", 1.0)
    return tantivy.Query.boost_query(t, boost) if boost != 1.0 else t


def _translate(q: wq.Query) -> tantivy.Query:  # noqa: C901 - one branch per Whoosh query type
    if isinstance(q, wq.And):
        return _boolean(q.children(), Occur.Must)
    if isinstance(q, wq.Or):
        return _boolean(q.children(), Occur.Should)
    if isinstance(q, wq.AndNot):
        return tantivy.Query.boolean_query([(Occur.Must, translate(q.a)), (Occur.MustNot, _positive(q.b))])
    if isinstance(q, wq.AndMaybe):
        return tantivy.Query.boolean_query([(Occur.Must, translate(q.a)), (Occur.Should, translate(q.b))])
    if isinstance(q, wq.Require):
        return tantivy.Query.boolean_query([(Occur.Must, translate(q.a)), (Occur.Must, translate(q.b))])
    if isinstance(q, wq.Phrase):
        # Whoosh's slop 1 is "next to each other", tantivy's 0.
        words = [w.decode() if isinstance(w, bytes) else w for w in q.words]
        if len(words) == 1:
            return tantivy.Query.term_query(schema(), q.fieldname, words[0])
        return tantivy.Query.phrase_query(schema(), q.fieldname, words, slop=max(0, q.slop - 1))
    if isinstance(q, wq.Term):
        return tantivy.Query.term_query(schema(), q.fieldname, _value(q.fieldname, q.text))
    if isinstance(q, wq.Prefix):
        return tantivy.Query.regex_query(schema(), q.fieldname, re.escape(str(q.text)) + ".*")
    if isinstance(q, wq.Wildcard):
        pattern = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in str(q.text))
        return tantivy.Query.regex_query(schema(), q.fieldname, pattern)
    if isinstance(q, wq.NumericRange):
        return _range(q.fieldname, q.start, q.end, q.startexcl, q.endexcl, tantivy.FieldType.Integer)
    if isinstance(q, wq.TermRange):
        return _range(q.fieldname, q.start, q.end, q.startexcl, q.endexcl, tantivy.FieldType.Text)
    if isinstance(q, wq.Every):
        return tantivy.Query.all_query()
    if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
        return tantivy.Query.empty_query()
    if isinstance(q, wq.ErrorQuery):
        raise QueryError(f"Part of the query could not be understood ({q.message}).")
    if isinstance(q, wq.WrappingQuery):
        return translate(q.child)
    raise QueryError(f"The query part {q} cannot be searched on this index's engine (tantivy).")


def _boolean(children, occur: Occur) -> tantivy.Query:
    clauses: list[tuple[Occur, tantivy.Query]] = []
    for child in children:
        if isinstance(child, wq.Not) and occur == Occur.Must:
            clauses.append((Occur.MustNot, _positive(child.query)))
        else:
            clauses.append((occur, translate(child)))
    if all(o == Occur.MustNot for o, _ in clauses):
        clauses.insert(0, (Occur.Must, tantivy.Query.all_query()))
    return tantivy.Query.boolean_query(clauses)


def _positive(q: wq.Query) -> tantivy.Query:
    """A query used only to exclude: its score is never read."""
    return translate(q)


def _value(field: str, text):
    if field in INT_FIELDS:
        return int(_whoosh_schema()[field].from_bytes(text)) if isinstance(text, bytes) else int(text)
    return text.decode() if isinstance(text, bytes) else text


def _range(field: str, start, end, start_excl: bool, end_excl: bool, kind) -> tantivy.Query:
    if field in INT_FIELDS:
        start = None if start is None else int(start)
        end = None if end is None else int(end)
        kind = tantivy.FieldType.Integer
    return tantivy.Query.range_query(schema(), field, kind, lower_bound=start, upper_bound=end,
                                     include_lower=not start_excl, include_upper=not end_excl,
                                     use_inverted_index=True)
