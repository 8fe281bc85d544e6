"""`check` on a tantivy index: it opens, every stored record reads, every document is whole.

Whoosh's file-by-file checks and its salvage of paper paths from raw segment bytes stay
Whoosh-only: tantivy checks its own files' footers when it opens them.
"""

from __future__ import annotations

from pathlib import Path

import tantivy

from cspsearch.store.check import IndexHealth, _check_documents, _Docs, _note_record
from cspsearch.store.faults import fault_cause
from cspsearch.store.tantivy_index import every, open_index


def inspect(folder: Path, suffixes: tuple[str, ...] = ()) -> IndexHealth:
    health = IndexHealth(str(folder))
    if not folder.is_dir():
        health.problems.append(f"There is no index at {folder}." if not folder.exists()
                               else f"{folder} is a file, not an index folder.")
        return health
    docs = _Docs()
    step = "opening it"
    try:
        searcher = open_index(folder).searcher()
        health.segments = searcher.num_segments
        step = "reading its stored records"
        for fields in every(searcher, tantivy.Query.all_query()):
            _note_record(fields, health, docs)
    except Exception as err:
        health.problems.append(f"The tantivy index at {folder} failed while {step} ({fault_cause(err)}).")
        return health
    _check_documents(docs, health)
    return health
