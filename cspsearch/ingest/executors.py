"""Where the per-file work runs: worker processes on this machine, or tasks on a Dask cluster.

The orchestrator plans, writes and reports the same way whichever runs the files; an
executor only turns paths into FileOutcomes, in the order they finish.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from cspsearch.ingest.pipeline import FileOutcome

CONNECT_SECONDS = 10.0  # how long a scheduler may take to answer before the run gives up
SCHEDULER_ENV = "CSPSEARCH_SCHEDULER"


@dataclass(frozen=True)
class Cluster:
    """A Dask scheduler to send the files to, and whether its workers get the files' bytes."""

    address: str
    ship_files: bool = False  # False: the workers read each file from the same path the writer sees
    connect_seconds: float | None = None  # None: CONNECT_SECONDS


class Executor(Protocol):
    """Runs `process_file` for each path; `where` and `workers` name it in the summary."""

    where: str | None  # the cluster's address; None on this machine
    workers: int
    retried: int  # tasks run again because their worker died or the task failed

    def run(self, paths: list[str], councils: dict[str, str | None]) -> Iterator[FileOutcome]: ...


class LocalExecutor:
    """Worker processes of our own on this machine (workers.py)."""

    where: str | None = None

    def __init__(self, jobs: int | None, file_seconds: float | None) -> None:
        self.workers = max(1, jobs or os.cpu_count() or 1)
        self.file_seconds = file_seconds
        self.retried = 0
        self._warm = False

    def run(self, paths: list[str], councils: dict[str, str | None]) -> Iterator[FileOutcome]:
        from cspsearch.ingest.workers import run_files

        if not paths:
            return
        if not self._warm:  # load the pipeline before the workers fork: they share it, rebuilt ones too
            from cspsearch.ingest.pipeline import warm_up

            warm_up()
            self._warm = True
        yield from run_files(paths, min(self.workers, len(paths)), councils, self.file_seconds)


@contextmanager
def open_executor(cluster: Cluster | None, jobs: int | None,
                  file_seconds: float | None) -> Iterator[Executor]:
    """The executor for a run: a cluster's when one is given (connected before any work), else local."""
    if cluster is None:
        yield LocalExecutor(jobs, file_seconds)
        return
    from cspsearch.ingest.dask_executor import DaskExecutor

    executor = DaskExecutor(cluster, file_seconds)
    try:
        yield executor
    finally:
        executor.close()
