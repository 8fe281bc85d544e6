"""One cached searcher per index folder, with what every query needs about its documents."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.query import Term

from cspsearch.store.index import open_for_reading
from cspsearch.store.reader import doc_row


@dataclass
class Snapshot:
    """A searcher and what queries need about its documents, built once per commit."""

    searcher: Any
    docs: dict[str, dict[str, Any]]  # doc_id -> DocRow
    doc_of: list[str]  # passage docnum -> doc_id
    themes: dict[str, set[int]]  # theme -> docnums of passages on it
    acronyms: list[set[str]]  # {short, long} of every acronym the corpus defines
    paper_names: list[str] = field(default_factory=list)  # the distinct doc_ids of doc_of
    paper_codes: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # docnum -> its paper_names index
    paper_code: dict[str, int] = field(default_factory=dict)  # doc_id -> its paper_names index
    theme_masks: dict[str, np.ndarray] = field(default_factory=dict)  # theme -> whether each docnum is on it


def _snapshot(searcher) -> Snapshot:
    reader = searcher.reader()
    docs = {f["doc_id"]: doc_row(f) for f in searcher.documents(kind="document")}
    doc_of = list(reader.column_reader("doc_id")) if reader.has_column("doc_id") else []
    themes = {}
    if "themes" in reader.indexed_field_names():
        for term in reader.lexicon("themes"):
            themes[term.decode()] = set(reader.postings("themes", term).all_ids())
    acronyms = []
    for hit in searcher.search(Term("entity_type", "acronym"), limit=None):
        entity = json.loads(hit["data"])
        if entity.get("short") and entity.get("long"):
            acronyms.append({entity["short"], entity["long"]})
    paper_code: dict[str, int] = {}
    codes = np.fromiter((paper_code.setdefault(d, len(paper_code)) for d in doc_of), np.int64, len(doc_of))
    masks = {}
    for name, docnums in themes.items():
        masks[name] = np.zeros(max(searcher.doc_count_all(), len(doc_of)), bool)
        masks[name][list(docnums)] = True
    return Snapshot(searcher, docs, doc_of, themes, acronyms, list(paper_code), codes, paper_code, masks)


class Searchers:
    """One cached snapshot per index folder, refreshed when a writer commits."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[str, Snapshot] = {}

    def get(self, folder: Path) -> Snapshot:
        key = str(folder.resolve())
        with self._lock:
            cached = self._cache.get(key)
            index = open_for_reading(folder)
            # A whole new reader, not searcher.refresh(): refresh reuses each segment's reader,
            # and so keeps showing documents a later commit only deleted.
            if cached is None or cached.searcher.reader().generation() != index.latest_generation():
                if cached is not None:
                    cached.searcher.close()
                cached = self._cache[key] = _snapshot(index.searcher())
            return cached

    def forget(self, folder: Path) -> None:
        """Drop the folder's snapshot (its index was replaced or found damaged)."""
        with self._lock:
            cached = self._cache.pop(str(folder.resolve()), None)
        if cached is not None:
            cached.searcher.close()

    def clear(self) -> None:
        with self._lock:
            for cached in self._cache.values():
                cached.searcher.close()
            self._cache.clear()


SEARCHERS = Searchers()
