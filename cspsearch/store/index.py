"""Opening the index folder for reading or writing, with the errors a person understands."""

from __future__ import annotations

from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import FileIndex, LockError

from cspsearch.errors import IndexBusyError, IndexMissingError
from cspsearch.store.schema import build_schema

INDEX_NAME = "cspsearch"
LOCK_WAIT_SECONDS = 5.0


def exists(folder: Path) -> bool:
    return folder.is_dir() and whoosh_index.exists_in(str(folder), indexname=INDEX_NAME)


def open_for_reading(folder: Path) -> FileIndex:
    if not exists(folder):
        raise IndexMissingError(
            f"There is no index at {folder} yet: build one with `cspsearch ingest PATH --index {folder}`."
        )
    return whoosh_index.open_dir(str(folder), indexname=INDEX_NAME)


def open_for_writing(folder: Path) -> FileIndex:
    if exists(folder):
        return whoosh_index.open_dir(str(folder), indexname=INDEX_NAME)
    folder.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(str(folder), build_schema(), indexname=INDEX_NAME)


def writer(ix: FileIndex):
    """A writer, waiting briefly for another process's writer to finish."""
    try:
        return ix.writer(timeout=LOCK_WAIT_SECONDS)
    except LockError as err:
        raise IndexBusyError(
            "The index is being written by another process; try again when that ingest has finished."
        ) from err
