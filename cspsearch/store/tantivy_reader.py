"""The read side on a tantivy index: documents, entities and pages, the same dicts as store/reader.py."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import tantivy

from cspsearch.errors import NotFoundError
from cspsearch.store.reader import doc_row, entity_row, filters
from cspsearch.store.tantivy_index import every, open_index, schema, term
from cspsearch.store.tantivy_query import translate

Occur = tantivy.Occur


def searcher(folder: Path) -> tantivy.Searcher:
    return open_index(folder).searcher()


def all_of(*queries: tantivy.Query) -> tantivy.Query:
    return tantivy.Query.boolean_query([(Occur.Must, q) for q in queries])


def documents(folder: Path, councils=None, year_from=None, year_to=None) -> list[dict[str, Any]]:
    clauses = [translate(c) for c in filters(councils, year_from, year_to)]
    rows = [doc_row(f) for f in every(searcher(folder), all_of(term("kind", "document"), *clauses))]
    return sorted(rows, key=lambda r: (r.get("council_id") or "", r.get("meeting_date") or "", r["path"]))


def entity_rows(folder: Path, type: str | None = None, councils=None, year_from=None,
                year_to=None, doc_id: str | None = None) -> list[dict[str, Any]]:
    s = searcher(folder)
    clauses = [term("kind", "entity"), *(translate(c) for c in filters(councils, year_from, year_to))]
    if type:
        clauses.append(term("entity_type", type))
    wanted = [term("kind", "document")]
    if doc_id:
        clauses.append(term("doc_id", doc_id))
        wanted.append(term("doc_id", doc_id))
    docs = {f["doc_id"]: doc_row(f) for f in every(s, all_of(*wanted))}
    rows = [entity_row(json.loads(f["data"]), docs.get(f["doc_id"], {})) for f in every(s, all_of(*clauses))]
    rows.sort(key=lambda r: (r.get("council_id") or "", r.get("meeting_date") or "", r["doc_id"], r["start"]))
    return rows


def document(folder: Path, doc_id: str) -> tuple[dict[str, Any], list[str]]:
    s = searcher(folder)
    found = list(every(s, all_of(term("kind", "document"), term("doc_id", doc_id))))
    if not found:
        prefix = tantivy.Query.regex_query(schema(), "doc_id", re.escape(doc_id) + ".*")
        found = list(every(s, all_of(term("kind", "document"), prefix)))
        if len(found) != 1:
            raise NotFoundError(f"No document with id {doc_id!r} is in the index.")
    fields = found[0]
    pages = list(every(s, all_of(term("kind", "pages"), term("doc_id", fields["doc_id"]))))
    return doc_row(fields), json.loads(pages[0]["data"]) if pages else []

