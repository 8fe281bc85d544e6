"""The write side: a document's records replaced together, in one atomic commit."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from whoosh.query import Term

from cspsearch.model import DocumentRecord, Entity
from cspsearch.store.engine import routed
from cspsearch.store.faults import guarded, guarded_write
from cspsearch.store.index import (
    LOCK_NAME,
    ensure_writable,
    exists,
    open_for_reading,
    open_for_writing,
    toc_files,
    write_lock,
)

__all__ = ["delete_documents", "ensure_writable", "indexed_sources", "records_of", "update_metadata",
           "write_documents"]

CONTEXT_CHARS = 300


@guarded
@routed
def indexed_sources(folder: Path) -> dict[str, dict[str, Any]]:
    """path -> {doc_id, sha256, fingerprint, pipeline} of every indexed document (empty when there is no index)."""
    if not exists(folder):
        return {}
    ix = open_for_reading(folder)
    with ix.searcher() as s:
        return {
            f["path"]: {"doc_id": f["doc_id"], "sha256": f["sha256"], "fingerprint": f.get("fingerprint"),
                        "pipeline": json.loads(f.get("data") or "{}").get("pipeline")}
            for f in s.documents(kind="document")
        }


@guarded_write
@routed
def write_documents(folder: Path, records: Iterable[DocumentRecord], replaces: dict[str, str]) -> int:
    """Write `records` in one commit, first deleting the old version of each (by doc_id,
    and the doc_id in `replaces` keyed by path). A failure cancels the commit, so the
    index keeps what it had. Returns the number of documents written."""
    count = 0

    def add(w) -> None:
        nonlocal count
        for record in records:
            old = replaces.get(record.source.path)
            for doc_id in {record.doc_id, old} - {None}:
                w.delete_by_term("doc_id", doc_id)
            for fields in records_of(record):
                w.add_document(**fields)
            count += 1

    _commit(folder, add)
    return count


@guarded_write
@routed
def delete_documents(folder: Path, doc_ids: Iterable[str]) -> int:
    deleted = 0

    def delete(w) -> None:
        nonlocal deleted
        deleted = sum(w.delete_by_query(Term("doc_id", d)) for d in doc_ids)

    _commit(folder, delete)
    return deleted


def _commit(folder: Path, change: Callable[[Any], None]) -> None:
    """Make `change` with a writer and commit it; on any failure (a full disk, a kill
    signal) cancel, and remove the files this write made, so the folder holds exactly
    the index it held before."""
    ix = open_for_writing(folder)
    with write_lock(ix):
        before = {p.name for p in folder.iterdir()}
        last_toc = toc_files(folder)[-1].name
        w = None
        try:
            w = ix.writer(_lk=False)
            change(w)
            w.commit()
        except BaseException:
            if w is not None:
                _abandon(w)
            _remove_new_files(folder, before, committed=toc_files(folder)[-1].name != last_toc)
            raise


def _abandon(w) -> None:
    try:
        w.cancel()
    except Exception:  # cancelling flushes files too, and may hit the same full disk
        w.is_closed = True


def _remove_new_files(folder: Path, before: set[str], committed: bool) -> None:
    """Files and temporary folders a failed write left. When its table of contents was
    written the commit stands, and only temporary leftovers go."""
    for path in folder.iterdir():
        if path.name in before or path.name == LOCK_NAME:
            continue
        temporary = path.suffix == ".tmp" or ".toc." in path.name
        if committed and not temporary:
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def records_of(record: DocumentRecord) -> Iterable[dict[str, Any]]:
    """The Whoosh records of one document: itself, its passages, its entities."""
    meta = record.meta
    shared = {
        "doc_id": record.doc_id,
        "path": record.source.path,
        "sha256": record.source.sha256,
        "council_id": meta.council_id or "",
        "committee": meta.committee or "",
        "year": meta.year if meta.year is not None else 0,
        "meeting_date": meta.meeting_date or "",
        "doc_kind": meta.doc_kind or "",
    }
    instruments = sorted({str(e.attrs.get("instrument")) for e in record.entities
                          if e.type == "legal" and e.attrs.get("instrument")})
    funders = sorted({str(e.attrs.get("funder")) for e in record.entities
                      if e.type == "money" and e.attrs.get("funder")})
    facets = {"instruments": ",".join(instruments), "funders": ",".join(funders)}
    # The pages live in a record of their own, so listing documents stays light.
    doc_data = {"meta": meta.to_json(), "page_count": len(record.pages), "kind": record.source.kind,
                "size": record.source.size, "warnings": list(record.warnings), "pipeline": record.pipeline}
    # Only passages carry searchable text, so a text query never needs a kind filter.
    yield {**shared, **facets, "rec_id": record.doc_id, "kind": "document", "fingerprint": record.fingerprint, "data": json.dumps(doc_data)}
    yield {**shared, "rec_id": f"{record.doc_id}:pages", "kind": "pages", "data": json.dumps(list(record.pages))}
    for p in record.passages:
        yield {**shared, **facets, "rec_id": f"{record.doc_id}:p{p.index}", "kind": "passage",
               "title": meta.title or "", "heading": p.heading or "", "body": p.text, "page": p.page,
               "start": p.start, "end": p.end, "paragraph": p.paragraph, "themes": ",".join(p.themes)}
    text = record.text
    for i, e in enumerate(record.entities):
        yield {**shared, "rec_id": f"{record.doc_id}:e{i}", "kind": "entity", "entity_type": e.type,
               "page": e.page, "start": e.start, "end": e.end,
               "themes": ",".join(e.attrs.get("themes") or []),
               "data": json.dumps({**e.to_json(), "context": context_of(text, e)})}


def context_of(text: str, entity: Entity) -> str:
    """The sentence-ish window around an entity, whitespace folded, for citations."""
    lo = max(0, entity.start - CONTEXT_CHARS // 2)
    hi = min(len(text), entity.end + CONTEXT_CHARS // 2)
    window = text[lo:hi].replace("\f", "\n\n")
    left = max(window.rfind(". ", 0, entity.start - lo), window.rfind("\n\n", 0, entity.start - lo))
    if left >= 0:
        window, lo = window[left + 2:], lo + left + 2
    cut = [i for i in (window.find(". ", entity.end - lo), window.find("\n\n", entity.end - lo)) if i >= 0]
    if cut:
        window = window[: min(cut) + 1]
    return " ".join(window.split())


# ---- copies: files whose content is indexed under another file's document (added for ingest) ----

@guarded_write
@routed
def write_copies(folder: Path, copies: dict[str, str], forget: Iterable[str] = ()) -> None:
    """Note each copy (path -> doc_id of the document holding its content) in one commit, and
    forget the copy notes of the paths in `forget`. A note goes with its document's doc_id, so
    rewriting or deleting that document drops it; ingest writes the notes again each run."""
    def change(w) -> None:
        for path in {*forget, *copies}:
            w.delete_by_term("rec_id", f"copy:{path}")
        for path, doc_id in copies.items():
            w.add_document(rec_id=f"copy:{path}", kind="copy", doc_id=doc_id, path=path)

    _commit(folder, change)


@guarded
@routed
def indexed_copies(folder: Path) -> dict[str, str]:
    """path -> doc_id of the document holding its content, for every noted copy."""
    if not exists(folder):
        return {}
    with open_for_reading(folder).searcher() as s:
        return {f["path"]: f["doc_id"] for f in s.documents(kind="copy")}


# ---- metadata corrections: a document's fields rewritten without reading the paper again ----

SHARED_META = ("council_id", "committee", "year", "meeting_date", "doc_kind")  # copied onto every record


@guarded_write
@routed
def update_metadata(folder: Path, changes: dict[str, dict[str, Any]],
                    fingerprints: dict[str, str] | None = None) -> int:
    """Give each document (doc_id -> meta fields, as `DocumentMeta.to_json` names them) new metadata,
    on its document record and on the council/committee/date fields its passages and entities are
    filtered by, all in one commit. Returns the number of documents changed; unknown ids are passed over.

    `fingerprints` (doc_id -> fingerprint) replaces what "unchanged" means for a document whose
    sidecar was just written, so the next ingest does not read the paper again for it."""
    updated = 0

    def change(w) -> None:
        nonlocal updated
        with w.searcher() as s:
            for doc_id, fields in changes.items():
                old = [dict(stored) for stored in s.documents(doc_id=doc_id)]
                if not any(r.get("kind") == "document" for r in old):
                    continue
                w.delete_by_term("doc_id", doc_id)
                for record in old:
                    record = _with_meta(record, fields)
                    if record.get("kind") == "document" and doc_id in (fingerprints or {}):
                        record["fingerprint"] = (fingerprints or {})[doc_id]
                    w.add_document(**record)
                updated += 1

    _commit(folder, change)
    return updated


def _with_meta(record: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """One stored record carrying the new metadata (a copy note has no metadata to change)."""
    if record.get("kind") == "copy":
        return record
    meta = dict(fields)
    if record.get("kind") == "document":
        data = json.loads(record["data"])
        data["meta"] = meta = {**data["meta"], **fields}
        record["data"] = json.dumps(data)
    for key in SHARED_META:
        if key in meta:
            record[key] = meta[key] if meta[key] is not None else (0 if key == "year" else "")
    if record.get("kind") == "passage" and "title" in meta:
        record["title"] = meta["title"] or ""
    return record
