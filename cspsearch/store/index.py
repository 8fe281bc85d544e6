"""Opening the index folder for reading or writing, with the errors a person understands."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex, LockError
from whoosh.util.filelock import try_for

from cspsearch.errors import IndexBusyError, IndexMissingError
from cspsearch.store import safe_pickle
from cspsearch.store.engine import routed
from cspsearch.store.faults import IndexDamagedError, IndexUnwritableError, check_advice, guarded, index_fault
from cspsearch.store.schema import build_schema

INDEX_NAME = "cspsearch"
LOCK_NAME = f"{INDEX_NAME}_WRITELOCK"
LOCK_WAIT_SECONDS = 5.0
TOC_FILE = re.compile(rf"^_{INDEX_NAME}_(\d+)\.toc$")
SEGMENT_FILE = re.compile(rf"^{INDEX_NAME}_[0-9a-z]+\.[A-Za-z0-9_.]+$")


def _remember_missing_length_columns() -> None:
    """Whoosh 2.7 asks the file system whether a field's lengths column exists on every
    posting it writes when the answer is no (83,000 stat calls for 12 Kent papers, a
    quarter of the write time). A segment's files never change once written, so the
    answer can be kept, as Whoosh already keeps a yes."""
    from whoosh.codec import whoosh3

    def cached_reader(self, fieldname, column):
        if fieldname not in self._readers:
            found = self.has_column(fieldname)
            self._readers[fieldname] = self.column_reader(fieldname, column) if found else None
        return self._readers[fieldname]

    whoosh3.W3PerDocReader._cached_reader = cached_reader


def _mark_table_of_contents_faults() -> None:
    """A refused pickle in the table of contents is told apart from one in a segment."""
    read = whoosh_index.TOC.read.__func__  # type: ignore[attr-defined]

    def checked_read(cls, storage, indexname, gen=None, schema=None):
        try:
            return read(cls, storage, indexname, gen, schema)
        except safe_pickle.ForbiddenGlobal as err:
            err.in_toc = True  # type: ignore[attr-defined]
            raise

    whoosh_index.TOC.read = classmethod(checked_read)  # type: ignore[method-assign, assignment]


_remember_missing_length_columns()
safe_pickle.install()
_mark_table_of_contents_faults()


def toc_files(folder: Path) -> list[Path]:
    """The index's tables of contents, oldest generation first."""
    if not folder.is_dir():
        return []
    found = [(int(m.group(1)), p) for p in folder.iterdir() if (m := TOC_FILE.match(p.name))]
    return [p for _, p in sorted(found)]


def segment_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if SEGMENT_FILE.match(p.name))


def exists(folder: Path) -> bool:
    return bool(toc_files(folder))


def _check_folder(folder: Path) -> None:
    """Refuse a file given as the index, and segments left without a table of contents
    (starting afresh there would make the next commit delete them)."""
    if folder.exists() and not folder.is_dir():
        raise IndexUnwritableError(
            f"{folder} is a file, not an index folder: point --index at a folder (it is made if missing).")
    if folder.is_dir() and not toc_files(folder) and segment_files(folder):
        raise IndexDamagedError(
            f"The index at {folder} has {len(segment_files(folder))} segment files but no table of contents "
            f"(_{INDEX_NAME}_N.toc), so it cannot be read; nothing was changed. " + check_advice(folder))


def open_for_reading(folder: Path) -> FileIndex:
    _check_folder(folder)
    if not exists(folder):
        raise IndexMissingError(
            f"There is no index at {folder} yet: build one with `cspsearch ingest PATH --index {folder}`."
        )
    try:
        return whoosh_index.open_dir(str(folder), indexname=INDEX_NAME)
    except Exception as err:
        raise index_fault(folder, err) from err


def open_for_writing(folder: Path) -> FileIndex:
    if exists(folder):
        return open_for_reading(folder)
    _check_folder(folder)
    made = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return whoosh_index.create_in(str(folder), build_schema(), indexname=INDEX_NAME)
    except Exception as err:
        _remove_unfinished(folder, made)
        raise index_fault(folder, err) from err


def _remove_unfinished(folder: Path, made: bool) -> None:
    """What a failed creation left: its temporary table of contents, and the folder it made."""
    for leftover in folder.glob(f"_{INDEX_NAME}_0.toc.*") if folder.is_dir() else []:
        leftover.unlink(missing_ok=True)
    if made and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def ensure_writable(folder: Path) -> None:
    """Raise the sentence a write would end in, before any work is done: `folder` is a
    file, cannot be written, holds segments without a table of contents, or another
    process holds the write lock."""
    _check_folder(folder)
    probe_in = folder if folder.is_dir() else next(p for p in folder.parents if p.exists())
    try:
        with tempfile.TemporaryFile(dir=probe_in, prefix=".cspsearch-probe-"):
            pass
    except OSError as err:
        err.filename = None  # the probe's own name would mean nothing to anyone
        raise index_fault(folder, err) from err
    if not folder.is_dir():
        return  # made by the first write; no other process can hold its lock yet
    lock = FileStorage(str(folder)).lock(LOCK_NAME)
    try:
        held_elsewhere = not lock.acquire(blocking=False)
    except OSError as err:
        raise index_fault(folder, err) from err
    if held_elsewhere:
        raise IndexBusyError(
            f"The index at {folder} is being written by another process; try again when that ingest has finished.")
    lock.release()


def writer(ix: FileIndex):
    """A writer, waiting briefly for another process's writer to finish."""
    try:
        return ix.writer(timeout=LOCK_WAIT_SECONDS)
    except LockError as err:
        raise IndexBusyError(
            "The index is being written by another process; try again when that ingest has finished."
        ) from err


@contextmanager
def write_lock(ix: FileIndex) -> Iterator[None]:
    """Hold the index's write lock, waiting briefly for another process's writer.

    Held here rather than by the Whoosh writer, which keeps it when it fails to start
    (a full disk while creating its files) until the process ends."""
    lock = ix.lock("WRITELOCK")
    if not try_for(lock.acquire, timeout=LOCK_WAIT_SECONDS, delay=0.1):
        raise IndexBusyError(
            "The index is being written by another process; try again when that ingest has finished.")
    try:
        yield
    finally:
        lock.release()


@contextmanager
def folder_lock(folder: Path, wait: float = 0) -> Iterator[None]:
    """Hold the write lock of the index at `folder` without reading its table of contents
    (which may be the damaged part), so no ingest writes while it is rebuilt; wait up to `wait`
    seconds for another writer. A tantivy index holds the same lock file, so writers exclude
    each other whichever engine the folder holds."""
    lock = FileStorage(str(folder)).lock(LOCK_NAME)
    try:
        acquired = try_for(lock.acquire, timeout=wait, delay=0.1) if wait else lock.acquire(blocking=False)
    except OSError as err:
        raise index_fault(folder, err) from err
    if not acquired:
        raise IndexBusyError(
            f"The index at {folder} is being written by another process; try again when that ingest has finished.")
    try:
        yield
    finally:
        lock.release()


@guarded
@routed
def document_count(folder: Path) -> int | None:
    """How many documents the index holds; None when there is no index."""
    if not exists(folder):
        _check_folder(folder)
        return None
    with open_for_reading(folder).searcher() as s:
        return sum(1 for _ in s.document_numbers(kind="document"))
