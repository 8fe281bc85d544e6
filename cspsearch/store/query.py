"""A person's query string as a Whoosh query over passages: fields, synonyms, filters."""

from __future__ import annotations

import re
from collections.abc import Callable

from whoosh.qparser import AndGroup, MultifieldParser, OrGroup
from whoosh.query import (
    And,
    AndMaybe,
    ConstantScoreQuery,
    Every,
    Not,
    NullQuery,
    Or,
    Phrase,
    Query,
    Term,
)

from cspsearch.errors import QueryError
from cspsearch.store.question import Question
from cspsearch.store.reader import filters
from cspsearch.store.schema import text_analyzer
from cspsearch.store.vocabulary import expand

SEARCH_FIELDS = ["title", "heading", "body"]
# A word in a paper's title or a section heading says more about a passage than one in its
# text (multiplied with the schema's own field_boost, which older indexes keep as built).
FIELD_WEIGHTS = {"title": 2.0, "heading": 1.5, "body": 1.0}
# Relaxed (any word) queries reward passages with more of the words: a passage with four of
# a question's five words beats one that says a single word many times.
RELAXED = OrGroup.factory(0.9)
# Soft boosts, added to a passage's score when it also matches: the query's words as a phrase
# (in the title, a heading or the text), pairs of them near each other, and the theme and Act a
# query names. Sized against BM25 scores of one word (about 2 to 8). The council and year a
# query names weigh whole papers instead (question.PREFERRED).
PHRASE_BOOST, NEAR_BOOST, NEAR_SLOP = 4.0, 1.5, 4
# Phrase and nearness in the text read the word positions of every candidate passage, which
# doubles a search whose words are everywhere: they are checked while the query's rarest word
# is in at most this many passages (titles and headings are short, and always checked).
PROXIMITY_BUDGET = 10_000
THEME_BOOST, INSTRUMENT_BOOST = 2.0, 3.0
# Friendly field names a person may type in a query, mapped to the schema's.
FIELD_ALIASES = {"council": "council_id", "kind": "doc_kind", "theme": "themes", "law": "instruments",
                 "date": "meeting_date"}
QUERY_FIELDS = {"title", "heading", "body", "committee", "council_id", "year", "doc_kind", "themes",
                "instruments", "funders", "meeting_date"}
_FIELD_TOKEN = re.compile(r'(?<![\w"])([A-Za-z_]+):(?=\S)')
PASSAGES = Term("kind", "passage")


def parse(query: str, schema, synonyms: list[set[str]], relaxed: bool = False) -> tuple[Query, list[str]]:
    """The Whoosh query for a person's query string (AND by default, OR when relaxed)."""
    if not query.strip():
        raise QueryError("The query is empty: type at least one word to search for.")
    text = _FIELD_TOKEN.sub(lambda m: _field_name(m.group(1)) + ":", query)
    text, notes = expand(text, synonyms)
    parser = MultifieldParser(SEARCH_FIELDS, schema, fieldboosts=FIELD_WEIGHTS, group=RELAXED if relaxed else AndGroup)
    try:
        parsed = parser.parse(text)
    except Exception as err:  # the parser's own errors are not sentences
        raise QueryError(f"The query {query!r} could not be understood ({err}).") from err
    if parsed is None or parsed is NullQuery or str(parsed) in ("<_NullQuery>", "NullQuery"):
        raise QueryError(
            f"Nothing in {query!r} can be searched for: words need two letters or more (common words "
            "like 'the' are skipped), and year: takes a year such as 2019 or a range such as [2011 TO 2020]."
        )
    return parsed.accept(_every_passage), notes


def boosted(q: Query, question: Question, passages_with: Callable[[str], int] | None = None) -> Query:
    """`q` ranked with the soft boosts of the question it came from: matches exactly what `q` does.
    `passages_with(stem)`: how many passages hold a word in their text (see PROXIMITY_BUDGET)."""
    optional = boosts(question, passages_with)
    return AndMaybe(q, Or(optional)) if optional else q


def boosts(question: Question, passages_with: Callable[[str], int] | None = None) -> list[Query]:
    """Optional clauses for what a query names beyond its words (see PHRASE_BOOST)."""
    out: list[Query] = []
    stems = [t.text for t in text_analyzer()(" ".join(question.words))]
    if 1 < len(stems) <= 12:
        out += [Phrase(field, stems, slop=1, boost=PHRASE_BOOST * FIELD_WEIGHTS[field]) for field in ("title", "heading")]
        if passages_with is None or min(passages_with(s) for s in stems) <= PROXIMITY_BUDGET:
            out.append(Phrase("body", stems, slop=1, boost=PHRASE_BOOST))
            out += [Phrase("body", [a, b], slop=NEAR_SLOP, boost=NEAR_BOOST)
                    for a, b in zip(stems, stems[1:], strict=False) if len(stems) > 2 and a != b]
    out += [ConstantScoreQuery(Term("themes", t), THEME_BOOST) for t in question.themes]
    out += [ConstantScoreQuery(Term("instruments", i), INSTRUMENT_BOOST) for i in question.instruments]
    return out


def _every_passage(q: Query) -> Query:
    # "*" parses to "every document with a title, heading or body", which Whoosh answers by
    # reading every posting of those fields; "every passage" is the same set, from one term.
    if isinstance(q, Every) and (q.fieldname is None or q.fieldname in SEARCH_FIELDS):
        return PASSAGES
    return q


def _field_name(name: str) -> str:
    field = FIELD_ALIASES.get(name.lower(), name.lower())
    if field not in QUERY_FIELDS:
        known = ", ".join(sorted({*QUERY_FIELDS, *FIELD_ALIASES}))
        raise QueryError(f"There is no field {name!r} to search in; the fields are: {known}.")
    return field


def restricted(q: Query, clauses: list[Query] | None) -> Query:
    """The query ANDed with its filters, and limited to passages unless every part of it
    can only match a passage (title, heading and body words are on passages alone; a NOT,
    a range or council:, year:, committee: match other records too). "NOT x" alone so
    means every passage but those with x."""
    clauses = list(clauses or [])
    if not _passages_only(q):
        clauses.insert(0, PASSAGES)
    return And([q, *clauses]) if clauses else q


def split_negations(q: Query) -> tuple[Query, list[Query]]:
    """(what the query asks for, what it NOTs) when it joins both with AND; (q, []) otherwise.

    A NOT beside words a paper must have is about the paper ("plan AND NOT draft": plans
    that are not drafts), so the caller drops every paper that matches a negated part. A
    NOT alone keeps meaning every passage but those."""
    if not isinstance(q, And):
        return q, []
    negated = [child.query for child in q.children() if isinstance(child, Not)]
    kept = [child for child in q.children() if not isinstance(child, Not)]
    if not negated or not kept:
        return q, []
    return (kept[0] if len(kept) == 1 else And(kept)), negated


def _passages_only(q: Query) -> bool:
    if q == PASSAGES:
        return True
    if isinstance(q, Not | Every):
        return False
    if q.is_leaf():
        return getattr(q, "fieldname", None) in SEARCH_FIELDS
    return all(_passages_only(child) for child in q.children())


def filter_query(councils=None, year_from=None, year_to=None, committee=None, kind=None,
                 instruments: list[str] | None = None, theme=None) -> list[Query]:
    """Filter clauses, ANDed into the query itself: Whoosh then skips through postings
    instead of building a set of allowed documents for every search."""
    clauses: list[Query] = [*filters(councils, year_from, year_to)]
    # A list (the TUI's ticked values) keeps papers matching any of them.
    if isinstance(committee, list) and committee:
        clauses.append(Or([And([Term("committee", t.text) for t in text_analyzer()(c)]) for c in committee]))
    elif committee:
        words = [t.text for t in text_analyzer()(committee)]
        clauses.extend(Term("committee", w) for w in words)
    if kind:
        clauses.append(Or([Term("doc_kind", k) for k in kind]) if isinstance(kind, list) else Term("doc_kind", kind))
    if instruments is not None:
        clauses.append(Or([Term("instruments", i) for i in instruments]) if instruments else Term("kind", "none"))
    if theme:
        clauses.append(Or([Term("themes", t) for t in theme]) if isinstance(theme, list) else Term("themes", theme))
    return clauses


def is_plain(query: str) -> bool:
    """Several words and no operators: worth relaxing to any word when all of them find nothing."""
    return len(query.split()) > 1 and not re.search(r'\b(AND|OR|NOT)\b|["():*?\[\]{}]', query)


def page_highlights(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans in `text` of what a query asks for, compared as stems: a quoted phrase is
    one span where its words follow each other (so a page's hits count phrases), a loose word one.
    What the query NOTs is not marked: the page has it, but it is not what was asked for."""
    query = re.sub(r'\bNOT\s+("[^"]*"|\([^)]*\)|\S+)', " ", query)
    phrases = [stems for quoted in re.findall(r'"([^"]*)"', query)
               if (stems := [t.text for t in text_analyzer()(quoted)])]
    loose = re.sub(r'"[^"]*"|\b(AND|OR|NOT)\b|\w+:|["()*?]', " ", query)
    words = {t.text for t in text_analyzer()(loose)}
    tokens = [(t.text, t.startchar, t.endchar) for t in text_analyzer()(text, chars=True, positions=False)]
    spans: list[tuple[int, int]] = []
    covered: set[int] = set()
    for stems in phrases:
        width = len(stems)
        for n in range(len(tokens) - width + 1):
            if all(tokens[n + k][0] == stems[k] for k in range(width)) and n not in covered:
                spans.append((tokens[n][1], tokens[n + width - 1][2]))
                covered.update(range(n, n + width))
    spans += [(start, end) for n, (stem, start, end) in enumerate(tokens) if stem in words and n not in covered]
    return sorted(spans)
