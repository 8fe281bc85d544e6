"""Convert an index to the other engine from its own stored records, without reading a paper again.

Every record (documents, pages, passages, entities, copy notes) is stored whole on both
engines, so the conversion copies them into a fresh index beside the old one, checks the
count, and swaps it in with renames; what else the folder holds (the OCR cache) moves with it.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cspsearch.store import engine as engines
from cspsearch.store.faults import IndexDamagedError


def reindex(folder: Path, target: str) -> dict[str, Any]:
    """Convert the index at `folder` to `target`; returns what was done (records copied, seconds)."""
    from cspsearch.store.index import folder_lock
    from cspsearch.store.snapshot import SEARCHERS

    target = engines.check_engine(target)
    engines.require_index(folder)
    source = engines.engine_of(folder)
    if source == target:
        return {"path": str(folder), "from": source, "engine": target, "converted": False, "records": 0,
                "seconds": 0.0}
    started = time.perf_counter()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    fresh = folder.with_name(f".{folder.name}.reindex-{stamp}")
    old = folder.with_name(f".{folder.name}.{source}-{stamp}")
    with folder_lock(folder):
        try:
            copied = _copy(folder, fresh, source, target)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        for entry in folder.iterdir():  # the OCR cache and anything else that is not the old engine's
            if entry.is_dir():
                entry.rename(fresh / entry.name)
        SEARCHERS.forget(folder)
        folder.rename(old)
        fresh.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
    return {"path": str(folder), "from": source, "engine": target, "converted": True, "records": copied,
            "seconds": round(time.perf_counter() - started, 2)}


def _copy(folder: Path, fresh: Path, source: str, target: str) -> int:
    records = list(_records(folder, source))
    engines.mark(fresh, target)
    if target == "tantivy":
        from cspsearch.store.tantivy_index import commit, to_document

        def add(w, _index) -> None:
            for fields in records:
                w.add_document(to_document(fields))

        commit(fresh, add)
    else:
        from cspsearch.store.index import open_for_writing

        w = open_for_writing(fresh).writer()
        try:
            for fields in records:
                w.add_document(**fields)
            w.commit()
        except BaseException:
            w.cancel()
            raise
    written = _count(fresh, target)
    if written != len(records):
        raise IndexDamagedError(f"Converting the index at {folder} wrote {written} records of {len(records)}; "
                                "the index was left as it was.")
    return written


def _records(folder: Path, engine: str) -> Iterator[dict[str, Any]]:
    """Every live record's stored fields, as Whoosh's writer takes them."""
    if engine == "tantivy":
        import tantivy

        from cspsearch.store.tantivy_index import every, open_index

        yield from every(open_index(folder).searcher(), tantivy.Query.all_query())
        return
    from cspsearch.store.index import open_for_reading

    with open_for_reading(folder).searcher() as s:
        for fields in s.all_stored_fields():
            yield {name: value for name, value in fields.items() if value is not None}


def _count(folder: Path, engine: str) -> int:
    if engine == "tantivy":
        from cspsearch.store.tantivy_index import open_index

        return open_index(folder).searcher().num_docs
    from cspsearch.store.index import open_for_reading

    with open_for_reading(folder).searcher() as s:
        return s.doc_count()
