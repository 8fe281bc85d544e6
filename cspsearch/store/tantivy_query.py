"""A Whoosh query tree (parsed by store/query.py, filters included) as the same tantivy query.

Both engines parse a person's query with one parser, so words, phrases, AND/OR/NOT,
field:value, wildcards, ranges and synonym expansion mean the same on each; only the
tree is rebuilt here, term for term (the terms are already analysed stems).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import tantivy
from whoosh import query as wq

from cspsearch.errors import QueryError
from cspsearch.store.schema import build_schema
from cspsearch.store.tantivy_index import INT_FIELDS, TEXT_FIELDS, joined_term, schema
from cspsearch.store.tantivy_parse import POSITION_MARK

Occur = tantivy.Occur


@cache
def _whoosh_schema():
    return build_schema()


class Papers(wq.Query):
    """Records of any of a set of papers (doc_id values): what a NOT leaves out, often thousands,
    given to tantivy as one term set without a Whoosh term for each."""

    boost = 1.0

    def __init__(self, fieldname: str, values: set[str]) -> None:
        self.fieldname, self.values = fieldname, values

    def is_leaf(self) -> bool:
        return True

    def __repr__(self) -> str:
        return f"Papers({self.fieldname!r}, {len(self.values)} values)"


def translate(q: wq.Query, searcher: tantivy.Searcher | None = None) -> tantivy.Query:
    """The tantivy query matching what `q` matches on a Whoosh index of the same records.

    `searcher` lists the terms a text range (date:[2019 TO 2020]) spans; tantivy has no text ranges."""
    try:
        return _Translation(searcher).query(q)
    except ValueError as err:  # tantivy's refusals are not sentences
        raise QueryError(f"Part of the query could not be searched for ({err}).") from err


class _Translation:
    """One query's rebuilding, with the searcher its text ranges read terms from."""

    def __init__(self, searcher: tantivy.Searcher | None) -> None:
        self.searcher = searcher

    def query(self, q: wq.Query) -> tantivy.Query:
        if isinstance(q, wq.Not):
            return tantivy.Query.boolean_query([(Occur.Must, tantivy.Query.all_query()),
                                                (Occur.MustNot, self.query(q.query))])
        return _boosted(self.one(q), q)

    def one(self, q: wq.Query) -> tantivy.Query:  # noqa: C901 - one branch per Whoosh query type
        if isinstance(q, wq.And):
            return self.boolean(q.children(), Occur.Must)
        if isinstance(q, wq.Or):
            children = list(q.children())
            if len(children) > 8 and _same_field_terms(children):  # thousands of papers a NOT leaves out
                field = children[0].fieldname
                return tantivy.Query.term_set_query(schema(), field, [_value(field, c.text) for c in children])
            return self.boolean(children, Occur.Should)
        if isinstance(q, wq.AndNot):
            return tantivy.Query.boolean_query([(Occur.Must, self.query(q.a)), (Occur.MustNot, self.query(q.b))])
        if isinstance(q, wq.AndMaybe):
            return tantivy.Query.boolean_query([(Occur.Must, self.query(q.a)), (Occur.Should, self.query(q.b))])
        if isinstance(q, wq.Require):
            return tantivy.Query.boolean_query([(Occur.Must, self.query(q.a)), (Occur.Must, self.query(q.b))])
        if isinstance(q, wq.Phrase):
            # Whoosh's slop 1 is "next to each other", tantivy's 0.
            words, gaps = _unmarked([_text(q.fieldname, w) for w in q.words])
            if len(words) == 1:
                return tantivy.Query.term_query(schema(), q.fieldname, words[0])
            return tantivy.Query.phrase_query(schema(), q.fieldname, list(words), slop=max(0, q.slop - 1) + gaps)
        if isinstance(q, Papers):
            # Only limits what matches: a term set alone would add 1 to every passage's score.
            return tantivy.Query.const_score_query(
                tantivy.Query.term_set_query(schema(), q.fieldname, list(q.values)), 0.0)
        if isinstance(q, wq.Term):
            return tantivy.Query.term_query(schema(), q.fieldname, _value(q.fieldname, q.text))
        if isinstance(q, wq.Prefix):
            return _regex(q.fieldname, re.escape(_text(q.fieldname, q.text)) + ".*")
        if isinstance(q, wq.Wildcard):
            pattern = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c)
                              for c in _text(q.fieldname, q.text))
            return _regex(q.fieldname, pattern)
        if isinstance(q, wq.NumericRange):
            return _numeric_range(q)
        if isinstance(q, wq.TermRange):
            return self.text_range(q)
        if isinstance(q, wq.Every):
            return tantivy.Query.all_query()
        if getattr(q, "error", None):  # Whoosh's parser marks what it could not read
            raise QueryError(f"Part of the query could not be understood ({q.error}).")
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return tantivy.Query.empty_query()
        if isinstance(q, wq.ConstantScoreQuery):
            return tantivy.Query.const_score_query(self.query(q.child), float(q.score))
        if isinstance(q, wq.WrappingQuery):
            return self.query(q.child)
        raise QueryError(f"The query part {q} cannot be searched on this index's engine (tantivy).")

    def boolean(self, children, occur: Occur) -> tantivy.Query:
        clauses: list[tuple[Occur, tantivy.Query]] = []
        for child in children:
            if isinstance(child, wq.Not) and occur == Occur.Must:
                clauses.append((Occur.MustNot, self.query(child.query)))
            else:
                clauses.append((occur, self.query(child)))
        if all(o == Occur.MustNot for o, _ in clauses):
            clauses.insert(0, (Occur.Must, tantivy.Query.all_query()))
        return tantivy.Query.boolean_query(clauses)

    def text_range(self, q: wq.TermRange) -> tantivy.Query:
        """The field's terms between the bounds, as Whoosh compares them (as text)."""
        if self.searcher is None or q.fieldname in INT_FIELDS:
            if q.fieldname in INT_FIELDS:
                return _numeric_range(q)
            raise QueryError(f"A range on {q.fieldname} cannot be searched here.")
        start, end = q.start or "", q.end
        terms = [t for t, _ in self.searcher.terms_with_prefix(q.fieldname, "", limit=None)
                 if (t > start if q.startexcl else t >= start)
                 and (end is None or (t < end if q.endexcl else t <= end))]
        return tantivy.Query.term_set_query(schema(), q.fieldname, terms) if terms else tantivy.Query.empty_query()


@lru_cache(maxsize=256)
def _regex(field: str, pattern: str) -> tantivy.Query:
    """A wildcard's query, its automaton compiled once: a search translates its query up to
    three times (matching, ranking, highlighting) and the TUI repeats it as a person types."""
    return tantivy.Query.regex_query(schema(), field, pattern)


def _unmarked(words: list[str]) -> tuple[list[str], int]:
    """A phrase's words, and how many stop words the typed phrase had between them.

    tantivy_parse marks a typed phrase's words with their positions. A stop word leaves a
    gap in a tantivy index where Whoosh closes it up, so the phrase is allowed that many
    positions of slack: "crime and disorder" finds "Crime and Disorder" and "crime & disorder"
    as on Whoosh."""
    texts, positions = [], []
    for n, word in enumerate(words):
        text, mark, position = word.partition(POSITION_MARK)
        texts.append(text)
        positions.append(int(position) if mark else n)
    return texts, (positions[-1] - positions[0]) - (len(positions) - 1)


def _same_field_terms(children: list[wq.Query]) -> bool:
    """Plain terms of one field, unboosted: one term-set query matches the same."""
    return all(type(c) is wq.Term and c.fieldname == children[0].fieldname and c.boost == 1.0 for c in children)


def _value(field: str, text):
    if field in INT_FIELDS:
        return int(_whoosh_schema()[field].from_bytes(text)) if isinstance(text, bytes) else int(text)
    return _text(field, text)


def _text(field: str, text: str | bytes) -> str:
    """A Whoosh query's word as the tantivy index holds it (tantivy_index.joined)."""
    text = text.decode() if isinstance(text, bytes) else str(text)
    return joined_term(text) if field in TEXT_FIELDS else text


def _numeric_range(q) -> tantivy.Query:
    start = None if q.start is None else int(q.start)
    end = None if q.end is None else int(q.end)
    return tantivy.Query.range_query(schema(), q.fieldname, tantivy.FieldType.Integer, lower_bound=start,
                                     upper_bound=end, include_lower=not q.startexcl, include_upper=not q.endexcl)


def _boosted(t: tantivy.Query, q: wq.Query) -> tantivy.Query:
    """The query's own boost times its field's (Whoosh weighs a field's terms when it scores them)."""
    field = getattr(q, "fieldname", None)
    field_boost = float(_whoosh_schema()[field].format.field_boost) if field in _whoosh_schema() else 1.0
    boost = float(getattr(q, "boost", 1.0) or 1.0) * field_boost
    return tantivy.Query.boost_query(t, boost) if boost != 1.0 else t
