"""One cached tantivy searcher per index folder, with its documents and acronyms, and spelling help."""

from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import tantivy

from cspsearch.store.reader import doc_row, lacking
from cspsearch.store.tantivy_index import (
    DOC_KEY,
    analyzer,
    doc_key,
    every,
    open_index,
    schema,
    term,
    unjoined,
)


@dataclass
class TantivySnapshot:
    """A searcher and what queries need about its documents, built once per commit."""

    searcher: tantivy.Searcher
    docs: dict[str, dict[str, Any]]  # doc_id -> DocRow
    acronyms: list[set[str]]  # {short, long} of every acronym the corpus defines
    stamp: tuple[int, int, int]
    papers: PaperTable  # every paper any record names, by doc_key, as arrays for counting thousands at C speed
    group_field: str  # the column papers are counted by: DOC_KEY, or doc_id on an index made before it
    orphans: frozenset[str] = frozenset()  # papers with records but no document record (a damaged index)
    has_themes: bool = True  # whether any passage has a theme: else the themes facet needs no counting
    _lacking: dict[str, frozenset[str]] = field(default_factory=dict)

    def lacking(self, name: str) -> frozenset[str]:
        """The papers with no value for `name` (reader.lacking), those with no document record
        included: the only papers a filter on it can leave out for want of it."""
        found = self._lacking.get(name)
        if found is None:
            found = self._lacking[name] = frozenset(
                [d for d, row in self.docs.items() if lacking(row, name)]) | self.orphans
        return found


def _stamp(folder: Path) -> tuple[int, int, int]:
    """What changes when a writer commits: tantivy rewrites meta.json on every commit."""
    st = os.stat(folder / "meta.json")
    return st.st_ino, st.st_mtime_ns, st.st_size


def _snapshot(folder: Path) -> TantivySnapshot:
    stamp = _stamp(folder)
    searcher = open_index(folder).searcher()
    docs = {f["doc_id"]: doc_row(f) for f in every(searcher, term("kind", "document"))}
    acronyms = []
    for fields in every(searcher, term("entity_type", "acronym")):
        entity = json.loads(fields["data"])
        if entity.get("short") and entity.get("long"):
            acronyms.append({entity["short"], entity["long"]})
    # Every paper any record names, from one aggregation: those without a document record.
    named = searcher.aggregate(tantivy.Query.all_query(),
                               {"papers": {"terms": {"field": "doc_id", "size": len(docs) + 10_000}}})
    orphans = frozenset(b["key"] for b in named["papers"]["buckets"]) - docs.keys()
    by_key = {doc_key(d): d for d in [*docs, *orphans]}
    has_themes = bool(searcher.terms_with_prefix("themes", "", limit=1))
    # Papers are counted by their number where the index has the column: a number bucket costs
    # a quarter less than a text one, and at a million passages a search counts twenty thousand.
    group_field = DOC_KEY if _has_keys(searcher) else "doc_id"
    return TantivySnapshot(searcher, docs, acronyms, stamp, PaperTable(by_key, docs), group_field, orphans,
                           has_themes)


class PaperTable:
    """Every paper of a snapshot as a row: its doc_key (sorted), doc_id, and the number of its
    (council, year, kind) in `combos`; a last row stands for a key the snapshot does not know."""

    def __init__(self, by_key: dict[int, str], docs: dict[str, dict[str, Any]]) -> None:
        self.by_key = by_key  # doc_key -> doc_id
        order = sorted(by_key)
        self.keys = np.array(order, dtype=np.uint64)
        self.ids = [by_key[k] for k in order] + [""]
        self.row_of = {d: row for row, d in enumerate(self.ids[:-1])}
        numbers: dict[tuple[str, str, str], int] = {}
        unknown = ("unknown", "unknown", "unknown")
        self.combo = np.array([numbers.setdefault(_combo(docs[d]) if d in docs else unknown, len(numbers))
                               for d in self.ids], dtype=np.intp)
        self.combos = list(numbers)

    def rows(self, keys: np.ndarray) -> np.ndarray:
        """The rows of `keys` (uint64), the last row for any not in the table."""
        rows = np.searchsorted(self.keys, keys)
        found = rows < len(self.keys)
        found[found] = self.keys[rows[found]] == keys[found]
        rows[~found] = len(self.keys)
        return rows


def _combo(row: dict[str, Any]) -> tuple[str, str, str]:
    return (row.get("council_id") or "unknown", str(row.get("year") or "unknown"), row.get("doc_kind") or "unknown")


def _has_keys(searcher: tantivy.Searcher) -> bool:
    """Whether the index has the paper-number column (made before it, it is read by doc_id)."""
    found = searcher.search(tantivy.Query.all_query(), limit=1, count=False).hits
    try:
        searcher.fast_field_values(DOC_KEY, [address for _, address in found])
    except ValueError:
        return False
    return True


class TantivySearchers:
    """One cached snapshot per index folder, rebuilt when a writer commits."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[str, TantivySnapshot] = {}

    def get(self, folder: Path) -> TantivySnapshot:
        key = str(folder.resolve())
        with self._lock:
            cached = self._cache.get(key)
            if cached is None or cached.stamp != _stamp(folder):
                cached = self._cache[key] = _snapshot(folder)
            return cached

    def forget(self, folder: Path) -> None:
        with self._lock:
            self._cache.pop(str(folder.resolve()), None)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()


SEARCHERS = TantivySearchers()


def match_instruments(folder: Path, text: str) -> list[str]:
    """Indexed instrument titles that contain every word of `text` (lower case)."""
    searcher = SEARCHERS.get(folder).searcher
    words = re.findall(r"[a-z0-9]+", text.lower().replace("&", " and "))
    titles = [t for t, _ in searcher.terms_with_prefix("instruments", "", limit=None)]
    return [t for t in titles if all(re.search(rf"\b{re.escape(w)}\b", t) for w in words)]


def suggest(searcher: tantivy.Searcher, query: str) -> str | None:
    """The query with each word the index does not know replaced by the closest one it does
    (same first letter, one edit for short words, two for longer), spelled as a passage spells it."""
    words = re.findall(r"[A-Za-z]{3,}", re.sub(r"\w+:\S+", " ", query))
    suggestion, changed = query, False
    for word in words:
        stems = analyzer().analyze(word)
        if not stems or searcher.doc_freq("body", stems[0]):
            continue
        spelled = _closest(searcher, stems[0], 1 if len(word) <= 5 else 2)
        if spelled:
            suggestion, changed = re.sub(rf"\b{re.escape(word)}\b", spelled, suggestion, count=1), True
    return suggestion if changed else None


def _closest(searcher: tantivy.Searcher, stem: str, maxdist: int) -> str | None:
    fuzzy = tantivy.Query.fuzzy_term_query(schema(), "body", stem, distance=maxdist)
    best: tuple[int, str] | None = None
    for _, address in searcher.search(fuzzy, limit=5, count=False).hits:
        body = searcher.doc(address).get_first("body") or ""
        for token in analyzer().pre_tokenize(body).tokens:
            if token.text[:1] != stem[:1] or token.text == stem:
                continue
            distance = _edits(stem, token.text, maxdist)
            if distance <= maxdist and (best is None or distance < best[0]):
                best = (distance, unjoined(body[token.char_offset_from:token.char_offset_to]).lower())
    return best[1] if best else None


def _edits(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with transpositions, or limit + 1 once it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous, current = list(range(len(b) + 1)), [0] * (len(b) + 1)
    before: list[int] = []
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        before, previous = previous, current
    return previous[len(b)]
