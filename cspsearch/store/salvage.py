"""The papers a damaged segment names, read from its raw bytes when Whoosh cannot open it.

A truncated or bit-flipped segment file usually loses the directory Whoosh needs to find
anything in it, but its records are still there: each document's stored fields are a
zlib-compressed pickle (read with the restricted unpickler, so nothing in them runs), and
the path of every paper is a term of the `path` field, spelled out in the term table.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from pathlib import Path

from cspsearch.store.safe_pickle import safe_loads

_ZLIB_HEADER = re.compile(rb"\x78[\x01\x5e\x9c\xda]")
_RECORD_LIMIT = 1 << 22  # no stored record of ours is near 4 MB compressed


def salvage_sources(files: Iterable[Path], suffixes: Iterable[str]) -> dict[str, str | None]:
    """paper path -> doc_id (None when only the path could be read) found in `files`."""
    found: dict[str, str | None] = {}
    for file in files:
        try:
            data = file.read_bytes()
        except OSError:
            continue
        for path, doc_id in _stored_records(data):
            found[path] = doc_id
        for path in _path_terms(data, suffixes):
            found.setdefault(path, None)
    return found


def _stored_records(data: bytes) -> Iterable[tuple[str, str]]:
    for match in _ZLIB_HEADER.finditer(data):
        try:
            record = safe_loads(zlib.decompressobj().decompress(data[match.start():match.start() + _RECORD_LIMIT]))
        except Exception:  # most matches are not the start of a record: that is expected
            continue
        if isinstance(record, dict) and isinstance(record.get("path"), str) and isinstance(record.get("doc_id"), str):
            yield record["path"], record["doc_id"]


def _path_terms(data: bytes, suffixes: Iterable[str]) -> Iterable[str]:
    """Absolute paths ending in a paper's suffix that name a file on disk: a term's bytes
    may follow other bytes of the table, so each '/' in a candidate is tried as its start."""
    ends = "|".join(re.escape(s.lstrip(".")) for s in suffixes)
    candidate = re.compile(rb"/[^\x00-\x1f]{1,4096}?\.(?:" + ends.encode() + rb")(?![A-Za-z0-9])", re.IGNORECASE)
    for match in candidate.finditer(data):
        raw = match.group()
        for start in (i for i, byte in enumerate(raw) if byte == ord("/")):
            try:
                path = raw[start:].decode("utf-8")
            except UnicodeDecodeError:
                continue
            if Path(path).is_file():
                yield path
                break
