"""A Whoosh term's postings and a field's lengths as numpy arrays, kept per segment reader.

The postings (docnums, weights, encoded positions) are read a block at a time, and the
lengths from the column's bytes in one go, for store.bulk_scores and store.bulk_phrases.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

_LENGTH_OF_BYTE = np.array([0.0] + [float(byte_to_length(b)) for b in range(1, 256)])
# Postings kept per segment reader, in docnums: 16 bytes each, and in a text field some 60 more
# for its encoded positions (about 150 MB at most).
POSTINGS_KEPT = 2_000_000
# The caches live on a reader that the TUI's searches share across threads, and Whoosh's
# readers are not safe to read from two threads at once: one reading at a time.
READING = threading.RLock()


def postings(reader: Any, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray, list[bytes] | None]:
    """A term's docnums, weights and encoded values (word positions, in a text field) without
    deleted documents, kept per segment reader for the next query (a filter's term is in most
    queries; reading its blocks again is most of their cost)."""
    with READING:
        cache = reader.__dict__.setdefault("_cspsearch_postings", {})
        key = (fieldname, text)
        if key in cache:
            cache[key] = cache.pop(key)  # most recently used last
            return cache[key]
        found = _read_postings(reader, fieldname, text)
        cache[key] = found
        held = sum(len(entry[0]) for entry in cache.values())
        while held > POSTINGS_KEPT and len(cache) > 1:
            held -= len(cache.pop(next(iter(cache)))[0])
        return found


def _read_postings(reader: Any, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray, list[bytes] | None]:
    m = reader.postings(fieldname, text)
    filtered = isinstance(m, FilterMatcher)
    if filtered:
        m = m.child
    deltas: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    values: list[bytes] | None = [] if m._fixedsize is None or m._fixedsize < 0 else None
    while m.is_active():
        if m._data is None:
            m._read_data()
        count = m._blocklength
        raw_ids, raw_weights = m._data[0], m._data[1]
        ids_here = np.asarray(raw_ids, np.int64)
        if m._byteids:  # ids kept whole, not as deltas: make them deltas for the sum below
            ids_here = np.diff(ids_here, prepend=0)
        deltas.append(ids_here)
        if raw_weights is None or isinstance(raw_weights, float):  # a block of equal weights (Whoosh's shorthand)
            weights.append(np.full(count, 1.0 if raw_weights is None else float(np.float32(raw_weights))))
        else:
            weights.append(np.asarray(raw_weights, np.float64))
        if values is not None:
            values.extend(m._data[2])
        m._next_block()
    if not deltas:
        return np.zeros(0, np.int64), np.zeros(0, np.float64), []
    lengths = np.array([len(d) for d in deltas])
    running = np.cumsum(np.concatenate(deltas))
    # Each block's ids are deltas from 0: take off the running total before the block began.
    before = np.concatenate([[0], running[np.cumsum(lengths)[:-1] - 1]])
    ids, weight_array = running - np.repeat(before, lengths), np.concatenate(weights)
    if filtered:
        keep = ~np.isin(ids, deleted(reader))
        ids, weight_array = ids[keep], weight_array[keep]
        values = [v for v, kept in zip(values, keep.tolist(), strict=True) if kept] if values is not None else None
    return ids, weight_array, values


def field_lengths(reader: Any, fieldname: str) -> np.ndarray:
    """Each document's length in a field, as BM25F reads it (1 where the segment keeps no lengths)."""
    with READING:
        cache = reader.__dict__.setdefault("_cspsearch_lengths", {})
        if fieldname not in cache:
            column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            count = reader.doc_count_all()
            if column is None:
                cache[fieldname] = np.ones(count + 1)
            else:
                cache[fieldname] = _LENGTH_OF_BYTE[_length_bytes(column, count)]
        return cache[fieldname]


def _length_bytes(column: Any, count: int) -> np.ndarray:
    """A segment's length bytes for its `count` documents and one past them (0), read in one go
    from Whoosh's one-byte numeric column (a document past the column's end has its default)."""
    if getattr(column, "_typecode", None) == "B" and getattr(column, "_fixedlen", None) == 1:
        stored = min(column._count, count)
        codes = np.full(count + 1, column._default, np.uint8)
        codes[:stored] = np.frombuffer(bytes(column._dbfile.get(column._basepos, stored)), np.uint8)
        codes[count] = 0
        return codes
    return np.array([column[n] for n in range(count)] + [0], np.uint8)


def deleted(reader: Any) -> np.ndarray:
    return np.array(sorted(reader.deleted_docs_set), np.int64) if reader.has_deletions() else np.zeros(0, np.int64)
