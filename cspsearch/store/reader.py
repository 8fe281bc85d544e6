"""The read side: documents, entities and pages, as plain dicts for the services."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from whoosh.query import And, NumericRange, Or, Query, Term

from cspsearch.errors import NotFoundError
from cspsearch.store.engine import routed
from cspsearch.store.faults import guarded
from cspsearch.store.index import open_for_reading


def doc_row(fields: dict[str, Any]) -> dict[str, Any]:
    """A document record as the services' DocRow."""
    data = json.loads(fields["data"])
    meta = data["meta"]
    return {
        "doc_id": fields["doc_id"], "path": fields["path"], "sha256": fields["sha256"],
        **meta, "pages": data["page_count"], "kind": data.get("kind"), "warnings": data.get("warnings", []),
    }


def filters(councils: list[str] | None = None, year_from: int | None = None,
            year_to: int | None = None) -> list[Query]:
    """Whoosh filter clauses shared by every read."""
    clauses: list[Query] = []
    if councils:
        clauses.append(Or([Term("council_id", c) for c in councils]))
    if year_from is not None or year_to is not None:
        clauses.append(NumericRange("year", year_from, year_to))
    return clauses


@guarded
@routed
def documents(folder: Path, councils=None, year_from=None, year_to=None) -> list[dict[str, Any]]:
    ix = open_for_reading(folder)
    query = And([Term("kind", "document"), *filters(councils, year_from, year_to)])
    with ix.searcher() as s:
        rows = [doc_row(hit.fields()) for hit in s.search(query, limit=None)]
    return sorted(rows, key=lambda r: (r.get("council_id") or "", r.get("meeting_date") or "", r["path"]))


@guarded
@routed
def entity_rows(folder: Path, type: str | None = None, councils=None, year_from=None,
                year_to=None, doc_id: str | None = None) -> list[dict[str, Any]]:
    ix = open_for_reading(folder)
    clauses: list[Query] = [Term("kind", "entity"), *filters(councils, year_from, year_to)]
    if type:
        clauses.append(Term("entity_type", type))
    if doc_id:
        clauses.append(Term("doc_id", doc_id))
    with ix.searcher() as s:
        wanted = [s.document(kind="document", doc_id=doc_id)] if doc_id else s.documents(kind="document")
        docs = {f["doc_id"]: doc_row(f) for f in wanted if f}
        rows = []
        for hit in s.search(And(clauses), limit=None):
            fields = hit.fields()
            rows.append(entity_row(json.loads(fields["data"]), docs.get(fields["doc_id"], {})))
    rows.sort(key=lambda r: (r.get("council_id") or "", r.get("meeting_date") or "", r["doc_id"], r["start"]))
    return rows


def entity_row(entity: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """An entity merged with its document's fields (the Act's own year kept as instrument_year)."""
    row = dict(entity)
    if "year" in row:
        row["instrument_year"] = row.pop("year")
    for key in ("doc_id", "council", "council_id", "committee", "meeting_date", "year", "title", "path",
                "doc_kind"):
        row[key] = doc.get(key)
    return row


@guarded
@routed
def document(folder: Path, doc_id: str) -> tuple[dict[str, Any], list[str]]:
    """A document's DocRow and its pages; NotFoundError for an unknown id."""
    ix = open_for_reading(folder)
    with ix.searcher() as s:
        fields = s.document(kind="document", doc_id=doc_id)
        if fields is None:
            matches = [f for f in s.documents(kind="document") if f["doc_id"].startswith(doc_id)]
            if len(matches) != 1:
                raise NotFoundError(f"No document with id {doc_id!r} is in the index.")
            fields = matches[0]
        pages = s.document(kind="pages", doc_id=fields["doc_id"])
    return doc_row(fields), json.loads(pages["data"]) if pages else []


# ---- the list of papers, and the papers a filter leaves out for want of a field ----

LACKING = {  # a filter -> the document field it needs, and how a person calls it
    "council": ("council_id", "council"),
    "date": ("meeting_date", "meeting date"),
    "committee": ("committee", "committee"),
}


def lacking(row: dict[str, Any], field: str) -> bool:
    """True when a document has no value for `field` (a council counts by its slug)."""
    key = "council_id" if field == "council" else "doc_kind" if field == "kind" else field
    return not row.get(key)


def select_documents(rows: list[dict[str, Any]], councils: list[str] | None = None, year_from: int | None = None,
                     year_to: int | None = None, committees: list[str] | None = None, kind: str | None = None,
                     include_undated: bool = False) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The rows a listing's filters keep, and how many each filter left out because the paper lacks its field.

    `committees` are committee names as indexed (cspsearch.names.committees reads what a person typed)."""
    left_out = {"council": 0, "date": 0, "committee": 0}
    kept = []
    for row in rows:
        missing = []
        if councils:
            if not row.get("council_id"):
                missing.append("council")
            elif row["council_id"] not in councils:
                continue
        if year_from is not None or year_to is not None:
            year = row.get("year")
            if not year:
                if not include_undated:
                    missing.append("date")
            elif not (year_from or year) <= year <= (year_to or year):
                continue
        if committees:
            name = row.get("committee")
            if not name:
                missing.append("committee")
            elif name not in committees:
                continue
        if kind and row.get("doc_kind") != kind:
            continue
        for field in missing:
            left_out[field] += 1
        if not missing:
            kept.append(row)
    return kept, {field: n for field, n in left_out.items() if n}
