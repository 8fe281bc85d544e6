"""What search's filters leave out for want of a field, counted on a tantivy index (as cspsearch/left_out.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def search_left_out(folder: Path, query: str, rest: list, gated: dict[str, list], include_undated: bool,
                    relaxed: bool) -> list[dict[str, Any]]:
    """How many papers matching `query` each gated filter left out for want of its field (matched, not ranked)."""
    from cspsearch.left_out import _synonyms, left_out_notes
    from cspsearch.store import reader
    from cspsearch.store.query import parse, restricted
    from cspsearch.store.question import understand
    from cspsearch.store.tantivy_parse import parse_schema
    from cspsearch.store.tantivy_query import translate
    from cspsearch.store.tantivy_search import _matching, possible_synonyms
    from cspsearch.store.tantivy_snapshot import SEARCHERS

    if not gated:
        return []
    snap = SEARCHERS.get(folder)
    question = understand(query)  # as search reads it
    synonyms = possible_synonyms(question.core, [*(set(g) for g in _synonyms()), *snap.acronyms])
    q, _ = parse(question.core, parse_schema(), synonyms, relaxed=relaxed or question.is_question)
    counts = {}
    for field in gated:
        if field == "date" and include_undated:
            continue
        others = [c for name, clauses in gated.items() if name != field for c in clauses]
        matched = _matching(snap, translate(restricted(q, [*rest, *others]), snap.searcher), themes=False)
        lacking = [d for d in matched if reader.lacking(snap.docs.get(d, {}), "meeting_date" if field == "date" else field)]
        if lacking:
            counts[field] = len(lacking)
    return left_out_notes(counts)
