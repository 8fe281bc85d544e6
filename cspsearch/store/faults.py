"""What can go wrong with an index on disk, said as sentences with advice.

Every store function a service calls runs under `guarded`: whatever Whoosh or the
file system raises while reading or writing the index comes out as a CspSearchError
naming the folder and what to do, never as a traceback.
"""

from __future__ import annotations

import errno
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from cspsearch.errors import CspSearchError, IndexBusyError
from cspsearch.store.safe_pickle import ForbiddenGlobal

P = ParamSpec("P")
R = TypeVar("R")


class IndexDamagedError(CspSearchError):
    """The index's files are missing, truncated or unreadable."""


class UnsafeIndexError(IndexDamagedError):
    """The index holds a pickle that names code an index never holds: it is not opened."""


class IndexUnwritableError(CspSearchError):
    """The index folder cannot be written: permissions, a read-only disk, not a folder."""


class IndexFullError(IndexUnwritableError):
    """The disk holding the index filled up during a write."""


def check_advice(folder: Path) -> str:
    return (f"`cspsearch check --index {folder}` says what is wrong, and "
            f"`cspsearch check --repair --index {folder}` rebuilds the index from the papers.")


def fault_cause(err: BaseException) -> str:
    """The short cause of a fault, for a list of problems: "No such file or directory: x.seg"."""
    if isinstance(err, ForbiddenGlobal):
        return f"it holds a pickle naming {err.module}.{err.name}, which could run code"
    if isinstance(err, OSError) and err.strerror:
        return err.strerror + (f": {Path(err.filename).name}" if err.filename else "")
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__


def index_fault(folder: Path, err: BaseException) -> CspSearchError:
    """The sentence for an exception raised while using the index at `folder`."""
    from whoosh.index import LockError

    if isinstance(err, CspSearchError):
        return err
    if isinstance(err, ForbiddenGlobal):
        what = "a table of contents" if getattr(err, "in_toc", False) else "data"
        return UnsafeIndexError(
            f"The index at {folder} holds {what} that could run code; refusing to open it (it names "
            f"{err.module}.{err.name}, which no index holds). Do not use an index folder you did not build; "
            f"`cspsearch check --repair --index {folder}` rebuilds it from the papers.")
    if isinstance(err, LockError):
        return IndexBusyError(
            f"The index at {folder} is being written by another process; try again when that ingest has finished.")
    if isinstance(err, OSError):
        return _os_fault(folder, err)
    return IndexDamagedError(
        f"The index at {folder} could not be read ({type(err).__name__}: {err}); it may be damaged. "
        + check_advice(folder))


def _os_fault(folder: Path, err: OSError) -> CspSearchError:
    name = Path(err.filename).name if err.filename else None
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return IndexFullError(
            f"The disk holding the index at {folder} is full: this write was cancelled and the index "
            "keeps what it had before it. Free some space and run the command again.")
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return IndexUnwritableError(
            f"The index at {folder} cannot be {'written' if err.errno == errno.EROFS else 'used'} "
            f"({err.strerror}{f': {name}' if name else ''}): check the folder's permissions, or "
            "point --index at a folder you can write.")
    if err.errno == errno.ENOENT:
        return IndexDamagedError(
            f"A file of the index at {folder} is missing{f' ({name})' if name else ''}. " + check_advice(folder))
    return IndexDamagedError(
        f"The index at {folder} could not be used ({err.strerror or err}). " + check_advice(folder))


def guarded(fn: Callable[Concatenate[Path, P], R]) -> Callable[Concatenate[Path, P], R]:
    """Run a store function that reads the index at its first argument, faults as
    sentences: anything a read raises comes from the index's files."""

    @functools.wraps(fn)
    def wrapper(folder: Path, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(folder, *args, **kwargs)
        except CspSearchError:
            raise
        except Exception as err:
            _forget(folder)
            raise index_fault(folder, err) from err

    return wrapper


def guarded_write(fn: Callable[Concatenate[Path, P], R]) -> Callable[Concatenate[Path, P], R]:
    """Like `guarded` for a write, whose own failures (a record that cannot be built)
    are not the index's fault and keep their type: only file-system, lock and unsafe
    pickle faults become sentences."""
    from whoosh.index import LockError

    @functools.wraps(fn)
    def wrapper(folder: Path, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(folder, *args, **kwargs)
        except (OSError, LockError, ForbiddenGlobal) as err:
            _forget(folder)
            raise index_fault(folder, err) from err

    return wrapper


def _forget(folder: Path) -> None:
    from cspsearch.store.snapshot import SEARCHERS

    SEARCHERS.forget(folder)  # a cached searcher of a damaged index is no use
