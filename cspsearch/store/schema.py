"""The one Whoosh schema: document, passage and entity records keyed by doc_id."""

from __future__ import annotations

from functools import cache

from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.lang.porter2 import stem


@cache
def text_analyzer() -> StemmingAnalyzer:
    """Porter2, not Whoosh's default stemmer: the default mangles words ("deferred" -> "deferr")."""
    return StemmingAnalyzer(stemfn=stem)


def build_schema() -> Schema:
    stemmed = text_analyzer()
    return Schema(
        rec_id=ID(stored=True, unique=True),
        kind=ID(stored=True),  # document | pages | passage | entity
        doc_id=ID(stored=True, sortable=True),
        path=ID(stored=True),
        sha256=ID(stored=True),
        fingerprint=STORED,  # sha256 of the file and of its sidecar: what "unchanged" means
        council_id=ID(stored=True, sortable=True),
        committee=TEXT(analyzer=stemmed, stored=True),
        year=NUMERIC(int, stored=True, sortable=True),
        meeting_date=ID(stored=True, sortable=True),
        doc_kind=ID(stored=True, sortable=True),
        title=TEXT(analyzer=stemmed, stored=True, field_boost=2.0),
        heading=TEXT(analyzer=stemmed, stored=True, field_boost=1.5),
        body=TEXT(analyzer=stemmed, stored=True),
        page=NUMERIC(int, stored=True),
        start=STORED,
        end=STORED,
        paragraph=STORED,
        themes=KEYWORD(commas=True, lowercase=True, stored=True, scorable=False),
        instruments=KEYWORD(commas=True, lowercase=True, stored=True, scorable=False),
        funders=KEYWORD(commas=True, lowercase=True, stored=True, scorable=False),
        entity_type=ID(stored=True),
        data=STORED,  # JSON: meta and pages of a document, fields of an entity
    )
