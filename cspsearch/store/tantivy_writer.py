"""The write side on a tantivy index: the same records and commits as store/writer.py."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tantivy

from cspsearch.model import DocumentRecord
from cspsearch.store.tantivy_index import commit, every, exists, open_index, term, to_document
from cspsearch.store.writer import _with_meta, records_of


def indexed_sources(folder: Path) -> dict[str, dict[str, Any]]:
    if not exists(folder):
        return {}
    s = open_index(folder).searcher()
    return {
        f["path"]: {"doc_id": f["doc_id"], "sha256": f["sha256"], "fingerprint": f.get("fingerprint"),
                    "pipeline": json.loads(f.get("data") or "{}").get("pipeline")}
        for f in every(s, term("kind", "document"))
    }


def write_documents(folder: Path, records: Iterable[DocumentRecord], replaces: dict[str, str]) -> int:
    count = 0

    def add(w: tantivy.IndexWriter, _index: tantivy.Index) -> None:
        nonlocal count
        for record in records:
            old = replaces.get(record.source.path)
            for doc_id in {record.doc_id, old} - {None}:
                w.delete_documents_by_term("doc_id", doc_id)
            for fields in records_of(record):
                w.add_document(to_document(fields))
            count += 1

    commit(folder, add)
    return count


def delete_documents(folder: Path, doc_ids: Iterable[str]) -> int:
    wanted = list(doc_ids)
    if not exists(folder) or not wanted:
        return 0
    s = open_index(folder).searcher()
    deleted = sum(s.search(term("doc_id", d), limit=1, count=True).count for d in wanted)  # type: ignore[attr-defined]

    def delete(w: tantivy.IndexWriter, _index: tantivy.Index) -> None:
        for doc_id in wanted:
            w.delete_documents_by_term("doc_id", doc_id)

    commit(folder, delete)
    return deleted


def write_copies(folder: Path, copies: dict[str, str], forget: Iterable[str] = ()) -> None:
    def change(w: tantivy.IndexWriter, _index: tantivy.Index) -> None:
        for path in {*forget, *copies}:
            w.delete_documents_by_term("rec_id", f"copy:{path}")
        for path, doc_id in copies.items():
            w.add_document(to_document({"rec_id": f"copy:{path}", "kind": "copy", "doc_id": doc_id, "path": path}))

    commit(folder, change)


def indexed_copies(folder: Path) -> dict[str, str]:
    if not exists(folder):
        return {}
    return {f["path"]: f["doc_id"] for f in every(open_index(folder).searcher(), term("kind", "copy"))}


def update_metadata(folder: Path, changes: dict[str, dict[str, Any]],
                    fingerprints: dict[str, str] | None = None) -> int:
    updated = 0

    def change(w: tantivy.IndexWriter, index: tantivy.Index) -> None:
        nonlocal updated
        s = index.searcher()
        for doc_id, fields in changes.items():
            old = list(every(s, term("doc_id", doc_id)))
            if not any(r.get("kind") == "document" for r in old):
                continue
            w.delete_documents_by_term("doc_id", doc_id)
            for record in old:
                record = _with_meta(record, fields)
                if record.get("kind") == "document" and doc_id in (fingerprints or {}):
                    record["fingerprint"] = (fingerprints or {})[doc_id]
                w.add_document(to_document(record))
            updated += 1

    commit(folder, change)
    return updated
