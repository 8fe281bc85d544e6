"""Verify an index file by file and record by record, in the spirit of Lucene's CheckIndex.

The table of contents must be readable and safe; every segment it lists must have its
files, and every stored record, posting list and column in them must read; every
document must have its document record, pages and passages. What can be read is kept
(the papers' paths) so a repair knows what to rebuild from.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cspsearch.errors import CspSearchError
from cspsearch.store.engine import routed
from cspsearch.store.faults import fault_cause
from cspsearch.store.index import INDEX_NAME, open_for_reading, segment_files, toc_files
from cspsearch.store.salvage import salvage_sources


@dataclass
class IndexHealth:
    """What a check found: problems as sentences, counts, and the papers the index names."""

    path: str
    problems: list[str] = field(default_factory=list)
    generation: int | None = None
    segments: int = 0
    records: Counter[str] = field(default_factory=Counter)  # kind -> live records
    deleted: int = 0
    sources: dict[str, str | None] = field(default_factory=dict)  # paper path -> doc_id, all that could be read
    salvaged: int = 0  # papers found in the raw bytes of files Whoosh could not read

    @property
    def healthy(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "healthy": self.healthy, "problems": list(self.problems),
                "generation": self.generation, "segments": self.segments, "deleted": self.deleted,
                "documents": self.records["document"], "passages": self.records["passage"],
                "entities": self.records["entity"], "papers": len(self.sources), "salvaged": self.salvaged}


@dataclass
class _Docs:
    """Per doc_id: how many records of each kind the index holds for it."""

    kinds: dict[str, Counter[str]] = field(default_factory=dict)
    textless: set[str] = field(default_factory=set)  # documents whose pages hold no text

    def add(self, doc_id: str, kind: str) -> None:
        self.kinds.setdefault(doc_id, Counter())[kind] += 1


@routed
def inspect(folder: Path, suffixes: tuple[str, ...] = ()) -> IndexHealth:
    """Check the index at `folder`. `suffixes` are the papers' file types, used to find
    paper paths in the raw bytes of files that cannot be read as an index."""
    health = IndexHealth(str(folder))
    if not folder.exists():
        health.problems.append(f"There is no index at {folder}.")
        return health
    if not folder.is_dir():
        health.problems.append(f"{folder} is a file, not an index folder.")
        return health
    if not toc_files(folder):
        segments = segment_files(folder)
        health.problems.append(
            f"The index at {folder} has {len(segments)} segment files but no table of contents "
            f"(_{INDEX_NAME}_N.toc)." if segments else f"There is no index at {folder}.")
        _salvage(segments, suffixes, health)
        return health
    try:
        ix = open_for_reading(folder)
        toc = ix._read_toc()
    except CspSearchError as err:
        health.problems.append(str(err))
        _salvage(segment_files(folder), suffixes, health)
        return health
    health.generation, health.segments = toc.generation, len(toc.segments)
    docs = _Docs()
    unread: list[Path] = []
    for segment in toc.segments:
        if not _check_segment(folder, ix.storage, toc, segment, health, docs):
            unread.extend(folder / name for name in _files_of(ix.storage, segment))
    _check_documents(docs, health)
    _salvage(unread, suffixes, health)
    return health


def _salvage(files: list[Path], suffixes: tuple[str, ...], health: IndexHealth) -> None:
    for path, doc_id in salvage_sources([f for f in files if f.is_file()], suffixes).items():
        if path not in health.sources:
            health.sources[path] = doc_id
            health.salvaged += 1


def _files_of(storage, segment) -> list[str]:
    return [segment.make_filename(segment.COMPOUND_EXT)] if segment.is_compound() else segment.list_files(storage)


def _check_segment(folder: Path, storage, toc, segment, health: IndexHealth, docs: _Docs) -> bool:
    """Read everything in one segment; False (and a problem said) when it cannot be read."""
    from whoosh.reading import SegmentReader

    name = segment.segment_id()
    files = _files_of(storage, segment)
    missing = [f for f in files if not (folder / f).is_file()]
    if missing or not files:
        health.problems.append(f"Segment {name} ({segment.doc_count()} records) is missing its file "
                               f"{', '.join(missing) or name + '.*'}.")
        return False
    health.deleted += segment.deleted_count()
    step = "opening it"
    try:
        reader = SegmentReader(storage, toc.schema, segment, generation=toc.generation)
        try:
            step = "reading its stored records"
            for _, fields in reader.iter_docs():
                _note_record(fields, health, docs)
            step = "reading its postings"
            for fieldname in reader.indexed_field_names():
                for term in reader.lexicon(fieldname):
                    reader.postings(fieldname, term).all_ids()
            step = "reading its sort columns"
            for fieldname, fieldtype in toc.schema.items():
                if fieldtype.column_type and reader.has_column(fieldname):
                    list(reader.column_reader(fieldname))
        finally:
            reader.close()
    except Exception as err:
        health.problems.append(
            f"Segment {name} ({segment.doc_count()} records) failed while {step} ({fault_cause(err)}).")
        return False
    return True


def _note_record(fields: dict[str, Any], health: IndexHealth, docs: _Docs) -> None:
    kind, doc_id = fields.get("kind") or "unknown", fields.get("doc_id")
    health.records[kind] += 1
    if doc_id:
        docs.add(doc_id, kind)
        if kind == "pages" and not _has_text(fields.get("data")):
            docs.textless.add(doc_id)
        if fields.get("path"):
            health.sources.setdefault(fields["path"], doc_id)


def _check_documents(docs: _Docs, health: IndexHealth) -> None:
    orphans = sorted(d for d, kinds in docs.kinds.items() if not kinds["document"])
    if orphans:
        count = sum(sum(docs.kinds[d].values()) for d in orphans)
        health.problems.append(f"{count} records belong to {len(orphans)} documents with no document record "
                               f"({_some(orphans)}).")
    twice = sorted(d for d, kinds in docs.kinds.items() if kinds["document"] > 1)
    if twice:
        health.problems.append(f"{len(twice)} documents are recorded more than once ({_some(twice)}).")
    for kind, what in (("pages", "its pages"), ("passage", "any passage")):
        # A scan with no text layer rightly has pages and no passage.
        lacking = sorted(d for d, kinds in docs.kinds.items() if kinds["document"] and not kinds[kind]
                         and not (kind == "passage" and d in docs.textless))
        if lacking:
            health.problems.append(f"{len(lacking)} documents have no record of {what} ({_some(lacking)}).")


def _has_text(data: Any) -> bool:
    """True when a pages record's JSON holds any non-blank page."""
    try:
        return any(str(page).strip() for page in json.loads(data or "[]"))
    except ValueError:
        return True  # unreadable: let the other checks speak of it


def _some(ids: list[str], shown: int = 5) -> str:
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return ", ".join(ids[:shown]) + more
