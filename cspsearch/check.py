"""`check` and `check --repair`: say what is wrong with an index, and rebuild it from its papers.

A repair builds a fresh index beside the damaged one from the papers the damaged one
names (those still on disk), checks it, then swaps it in with one rename and keeps the
damaged folder as INDEX.damaged-<timestamp>: nothing is deleted, and a reader never
sees a half-built index.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import time
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from cspsearch.errors import CspSearchError
from cspsearch.store.check import IndexHealth, inspect


def check(folder: Path) -> dict[str, Any]:
    """The index's health: `healthy`, `problems` (sentences) and counts."""
    return _inspect(folder).to_json()


def _inspect(folder: Path) -> IndexHealth:
    from cspsearch.ingest.discover import KINDS

    return inspect(folder, tuple(KINDS))


def repair(folder: Path, papers: Sequence[Path] = (), jobs: int | None = None, progress=None) -> dict[str, Any]:
    """Rebuild the index at `folder` from the papers it names (and `papers`, for an index
    too damaged to name its own) when a check finds problems; returns what was done."""
    from cspsearch.ingest.orchestrate import ingest
    from cspsearch.store.engine import engine_of
    from cspsearch.store.index import folder_lock
    from cspsearch.store.snapshot import SEARCHERS

    health = _inspect(folder)
    if health.healthy:
        return {"path": str(folder), "repaired": False, "health": health.to_json()}
    if folder.exists() and not folder.is_dir():
        raise CspSearchError(f"{folder} is a file, not an index folder: there is nothing to repair.")
    recorded = sorted(health.sources)
    present = [Path(p) for p in recorded if Path(p).is_file()]
    gone = [p for p in recorded if not Path(p).is_file()]
    if not present and not papers:
        raise CspSearchError(_nothing_to_rebuild_from(folder, health, gone))
    stamp = time.strftime("%Y%m%d-%H%M%S")
    fresh = folder.with_name(f".{folder.name}.rebuild-{stamp}")
    damaged = folder.with_name(f"{folder.name}.damaged-{stamp}")
    with folder_lock(folder) if folder.is_dir() else nullcontext():
        try:
            report = ingest([*present, *map(Path, papers)], fresh, jobs=jobs, progress=progress,
                            engine=engine_of(folder))  # rebuilt on the engine it was made with
            rebuilt = _inspect(fresh)
            if not rebuilt.healthy:
                raise CspSearchError(f"The rebuilt index did not check healthy ({' '.join(rebuilt.problems)}); "
                                     f"the index at {folder} was left as it was.")
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        SEARCHERS.forget(folder)
        _swap_in(fresh, folder, damaged)
    return {
        "path": str(folder), "repaired": True, "damaged_kept_at": str(damaged) if damaged.exists() else None,
        "problems": health.problems, "papers_named": len(recorded), "ingested": len(report.ingested),
        "gone": gone, "failed": [list(f) for f in report.failed], "health": rebuilt.to_json(),
    }


def _nothing_to_rebuild_from(folder: Path, health: IndexHealth, gone: list[str]) -> str:
    if gone:
        return (f"None of the {len(gone)} papers the index at {folder} names is still on disk, so it cannot "
                "be rebuilt from them; name the papers: `cspsearch check --repair PATH...`.")
    return (f"The index at {folder} is too damaged to name its papers ({' '.join(health.problems)}); "
            "name them to rebuild from: `cspsearch check --repair PATH... " + f"--index {folder}`.")


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _swap_in(fresh: Path, folder: Path, damaged: Path) -> None:
    """Put `fresh` at `folder` and keep what was there at `damaged`. Where the system can
    exchange two paths in one step (Linux renameat2) there is never a moment without an
    index at `folder`; elsewhere two renames."""
    if not folder.exists():
        os.rename(fresh, folder)
        return
    if _exchange(fresh, folder):
        os.rename(fresh, damaged)  # `fresh` now names the damaged index
        return
    os.rename(folder, damaged)
    os.rename(fresh, folder)


def _exchange(a: Path, b: Path) -> bool:
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0
