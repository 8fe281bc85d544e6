"""The query parser's schema for a tantivy index: Whoosh's fields with tantivy's analyzer.

Snowball English as tantivy has it and Whoosh's porter2 part on a few words in ten
thousand ("added": add/ad, "universities": universiti/univers), so a query for a
tantivy index is analysed by tantivy's own analyzer, wrapped as a Whoosh one: the
parser, its operators and field names stay the same, and the stems are the index's.
"""

from __future__ import annotations

from functools import cache

from whoosh.analysis import Token, Tokenizer
from whoosh.fields import Schema

from cspsearch.store.schema import build_schema
from cspsearch.store.tantivy_index import TEXT_FIELDS, analyzer, joined, joined_term

POSITION_MARK = "\x1f"


class TantivyAnalyzer(Tokenizer):
    """Whoosh tokens from tantivy's analyzer (store/tantivy_index.analyzer)."""

    def __eq__(self, other) -> bool:
        return isinstance(other, TantivyAnalyzer)

    def __hash__(self) -> int:
        return hash(TantivyAnalyzer)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:  # a wildcard's or range's text, taken whole as Whoosh's tokenizer does
            token.original, token.text = value, joined_term(value)
            token.boost, token.stopped = 1.0, False
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        phrase = chars and mode == "query"  # the parser asks for characters only for a phrase's words
        for n, found in enumerate(analyzer().pre_tokenize(joined(value)).tokens):  # offsets kept: same length
            # A phrase's words carry tantivy's positions, gaps left by stop words included
            # ("crime and disorder" is crime at 0, disorder at 2), for tantivy_query to match.
            text = f"{found.text}{POSITION_MARK}{found.position}" if phrase else found.text
            token.text, token.boost, token.stopped = text, 1.0, False
            if keeporiginal:
                token.original = value[found.char_offset_from:found.char_offset_to]
            if positions:
                token.pos = start_pos + n
            if chars:
                token.startchar = start_char + found.char_offset_from
                token.endchar = start_char + found.char_offset_to
            yield token


@cache
def parse_schema() -> Schema:
    """The Whoosh schema store/query.parse reads a query against, for a tantivy index."""
    schema = build_schema()
    for name in TEXT_FIELDS:
        schema[name].analyzer = TantivyAnalyzer()
    return schema
