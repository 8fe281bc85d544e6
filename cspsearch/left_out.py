"""What search's and docs' filters leave out because a paper lacks the field they filter on, said in a sentence."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def gated_filters(councils, year_from, year_to, committee, include_undated, years=None) -> dict[str, list]:
    """The filters a paper can fail for want of a field, by the field: council, date, committee.
    `years` (meeting years, not a range) stand for year_from and year_to when given."""
    from whoosh.query import NumericRange, Or

    from cspsearch.store.search import filter_query

    gated: dict[str, list] = {"council": filter_query(councils), "date": [], "committee": filter_query(committee=committee)}
    if years or year_from is not None or year_to is not None:
        dated = (Or([NumericRange("year", y, y) for y in years]) if years
                 else NumericRange("year", year_from or 1, year_to))  # year 0 is "no meeting date"
        gated["date"] = [Or([dated, NumericRange("year", 0, 0)]) if include_undated else dated]
    return {field: clauses for field, clauses in gated.items() if clauses}


def search_left_out(folder: Path, query: str, rest: list, gated: dict[str, list], include_undated: bool,
                     relaxed: bool) -> list[dict[str, Any]]:
    """How many papers matching `query` each gated filter left out for want of its field (matched, not ranked)."""
    if not gated:
        return []
    from cspsearch.store import reader
    from cspsearch.store.query import parse, restricted
    from cspsearch.store.question import understand
    from cspsearch.store.search import SEARCHERS, matching_papers

    snap = SEARCHERS.get(folder)  # the cached searcher and its documents: no extra read
    question = understand(query)  # as search reads it
    q, _ = parse(question.core, snap.searcher.schema, [*(set(g) for g in _synonyms()), *snap.acronyms],
                 relaxed=relaxed or question.is_question)
    counts = {}
    for field in gated:
        if field == "date" and include_undated:
            continue
        others = [c for name, clauses in gated.items() if name != field for c in clauses]
        matched = matching_papers(snap, restricted(q, [*rest, *others]))
        lacking = [d for d in matched if reader.lacking(snap.docs.get(d, {}), "meeting_date" if field == "date" else field)]
        if lacking:
            counts[field] = len(lacking)
    return left_out_notes(counts)


def left_out_notes(counts: dict[str, int]) -> list[dict[str, Any]]:
    """A sentence for each filter that left papers out because they lack its field."""
    notes = []
    for field, count in counts.items():
        name = reader_field_name(field)
        were = f"paper with no {name} was" if count == 1 else f"papers with no {name} were"
        keep = ("--include-undated keeps them" if field == "date"
                else f"`cspsearch docs --missing {field}` lists them to correct")
        notes.append({"field": field, "papers": count, "note": f"{count} {were} left out; {keep}."})
    return notes


def reader_field_name(field: str) -> str:
    from cspsearch.store.reader import LACKING

    return LACKING[field][1]


def _synonyms():
    from cspsearch.services import taxonomy_synonyms

    return taxonomy_synonyms()
