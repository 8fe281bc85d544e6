"""What search's filters leave out for want of a field, counted on a tantivy index (as cspsearch/left_out.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tantivy

from cspsearch.store.tantivy_index import schema

Occur = tantivy.Occur


def search_left_out(folder: Path, query: str, rest: list, gated: dict[str, list], include_undated: bool,
                    relaxed: bool) -> list[dict[str, Any]]:
    """How many papers matching `query` each gated filter left out for want of its field (matched, not ranked).

    Only papers lacking the field can be left out for want of it, and the snapshot knows them:
    with none there is nothing to count, else the matches are counted among them alone."""
    from cspsearch.left_out import _synonyms, left_out_notes
    from cspsearch.store.query import parse, restricted
    from cspsearch.store.question import understand
    from cspsearch.store.tantivy_parse import parse_schema
    from cspsearch.store.tantivy_query import translate
    from cspsearch.store.tantivy_search import _matching
    from cspsearch.store.tantivy_snapshot import SEARCHERS
    from cspsearch.store.vocabulary import possible_synonyms

    if not gated:
        return []
    snap = SEARCHERS.get(folder)
    candidates = {field: snap.lacking("meeting_date" if field == "date" else field) for field in gated
                  if not (field == "date" and include_undated)}
    if not any(candidates.values()):
        return []
    question = understand(query)  # as search reads it
    synonyms = possible_synonyms(question.core, [*(set(g) for g in _synonyms()), *snap.acronyms])
    q, _ = parse(question.core, parse_schema(), synonyms, relaxed=relaxed or question.is_question)
    counts = {}
    for field, papers in candidates.items():
        if not papers:
            continue
        others = [c for name, clauses in gated.items() if name != field for c in clauses]
        among = tantivy.Query.term_set_query(schema(), "doc_id", list(papers))
        found = translate(restricted(q, [*rest, *others]), snap.searcher)
        matched = _matching(snap, tantivy.Query.boolean_query([(Occur.Must, found), (Occur.Must, among)]),
                            themes=False)
        if matched:
            counts[field] = len(matched)
    return left_out_notes(counts)
