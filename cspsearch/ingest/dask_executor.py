"""Per-file ingest work as tasks on a Dask cluster: the only module that imports dask.

Each file is one task running the same `process_file` the local workers run; outcomes come
back as tasks finish, to the one process that writes the index. Only a window of tasks is
in flight at once, so a run over millions of files (or their bytes, with ship_files) does
not sit in the scheduler's memory. A worker that dies has its tasks rerun elsewhere by Dask
itself; a task that kills several workers fails alone, as locally.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from cspsearch.errors import CspSearchError
from cspsearch.ingest import executors
from cspsearch.ingest.dask_tasks import ocr_options, run_task, shipment_of
from cspsearch.ingest.executors import Cluster
from cspsearch.ingest.pipeline import FileOutcome
from cspsearch.ingest.workers import DEFAULT_FILE_SECONDS

RETRIES = 1  # a task that raised is run once more (a worker that dies is Dask's own rerun)
TASKS_PER_THREAD = 2  # tasks in flight per worker thread: enough to keep every worker busy
BUDGET_CHECK_SECONDS = 5.0  # how often the scheduler is asked how long each file has been running
RETRY_CHECK_EVERY = 64  # finished tasks asked about at once, whether they were run more than once


class ClusterError(CspSearchError):
    """The Dask scheduler could not be reached, or has no workers."""


class DaskExecutor:
    """Runs the files as tasks on the cluster at `cluster.address`; connects (or says why not) at once."""

    def __init__(self, cluster: Cluster, file_seconds: float | None = None) -> None:
        from distributed import Client

        self.cluster, self.retried = cluster, 0
        self.file_seconds = file_seconds or DEFAULT_FILE_SECONDS
        self.where: str | None = cluster.address
        seconds = cluster.connect_seconds or executors.CONNECT_SECONDS
        try:
            self.client = Client(cluster.address, timeout=seconds, set_as_default=False)
        except (OSError, TimeoutError, ValueError, TypeError) as err:
            raise ClusterError(f"The Dask scheduler at {cluster.address} could not be reached within "
                               f"{seconds:g} seconds ({err}). Check the address and that `dask scheduler` "
                               "is running there.") from err
        try:
            self.client.wait_for_workers(1, timeout=seconds)
        except (OSError, TimeoutError) as err:
            self.client.close()
            raise ClusterError(f"The Dask scheduler at {cluster.address} has no workers: start one with "
                               f"`dask worker {cluster.address}` on a machine with cspsearch installed.") from err
        self.where = self.client.scheduler_info().get("address") or cluster.address
        self.workers = len(self.client.nthreads())
        lacking = sorted(address for address, found in self.client.run(_finds_cspsearch()).items() if not found)
        if lacking:
            self.client.close()
            raise ClusterError(f"{len(lacking)} of the {self.workers} Dask workers at {self.where} cannot import "
                               f"cspsearch (the first: {lacking[0]}): install it, the same version as here, on "
                               "their hosts and start them again.")

    def run(self, paths: list[str], councils: dict[str, str | None]) -> Iterator[FileOutcome]:
        """One task per path, `window` in flight; yields each outcome as its task finishes or runs out of time."""
        from distributed import wait

        if not paths:
            return
        ocr = ocr_options(self.cluster.ship_files)
        window = max(2, TASKS_PER_THREAD * sum(self.client.nthreads().values()))
        waiting = iter(paths)
        pending: dict[Any, str] = {}  # future -> its path
        budget = _Budget(self.client, self.file_seconds)

        def submit(path: str) -> None:
            shipment = shipment_of(Path(path)) if self.cluster.ship_files else None
            future = self.client.submit(run_task, path, councils.get(path), ocr, shipment, retries=RETRIES,
                                        key=f"cspsearch-file-{uuid.uuid4().hex}", pure=False)
            pending[future] = path

        finished: list[Any] = []  # futures kept until the scheduler is asked whether they were rerun

        def step() -> list[FileOutcome]:
            """Wait for tasks to finish or run out of time; their outcomes, with as many tasks sent in their place."""
            try:
                with self.client.as_current():  # `wait` finds its client only this way
                    done = wait(list(pending), timeout=budget.seconds_to_check(), return_when="FIRST_COMPLETED").done
            except TimeoutError:
                done = set()
            ended = [(future, _outcome(future, pending.pop(future))) for future in done]
            ended += [(future, budget.stop(future, pending.pop(future))) for future in budget.overdue(pending)]
            for future, _ in ended:
                following = next(waiting, None)
                if following is not None:
                    submit(following)
                finished.append(future)
            if len(finished) >= RETRY_CHECK_EVERY or not pending:
                self._count_retried(finished)
            return [outcome for _, outcome in ended]

        with self._said_when_lost():
            for path in islice(waiting, window):
                submit(path)
        while pending:
            with self._said_when_lost():
                outcomes = step()
            yield from outcomes

    @contextmanager
    def _said_when_lost(self) -> Iterator[None]:
        """The scheduler gone mid-run (its futures cancelled, its connection closed) said in a sentence."""
        from distributed.client import FuturesCancelledError

        try:
            yield
        except (FuturesCancelledError, CancelledError, OSError) as err:
            raise ClusterError(f"The connection to the Dask scheduler at {self.where} was lost during the run "
                               f"({type(err).__name__}). The files written before are in the index: ingest "
                               "again to read the rest.") from err

    def _count_retried(self, futures: list[Any]) -> None:
        """Add to `retried` the tasks run more than once, then let the scheduler forget them."""
        if not futures:
            return
        self.retried += self.client.run_on_scheduler(_retried_counter(), keys=[f.key for f in futures])
        futures.clear()

    def close(self) -> None:
        self.client.close()


class _Budget:
    """The time allowed for one file, on the cluster: a task that has been running longer (as its
    worker's heartbeats tell the scheduler) is cancelled and its worker restarted, as the only
    way to stop a running task; the file fails alone and the worker's other tasks go elsewhere."""

    def __init__(self, client: Any, seconds: float) -> None:
        self.client, self.seconds = client, seconds
        self.every = min(BUDGET_CHECK_SECONDS, seconds / 4)
        self.checked = time.monotonic()
        self.workers: dict[str, str] = {}  # key of an overdue task -> the worker running it

    def seconds_to_check(self) -> float:
        return max(0.0, self.checked + self.every - time.monotonic())

    def overdue(self, pending: dict[Any, str]) -> list[Any]:
        """The pending futures past the budget; asks the scheduler at most every `every` seconds."""
        if self.seconds_to_check() > 0 or not pending:
            return []
        self.checked = time.monotonic()
        running = self.client.run_on_scheduler(_running_seconds())
        late = [future for future in pending if running.get(future.key, (None, 0.0))[1] > self.seconds]
        self.workers = {future.key: running[future.key][0] for future in late}
        return late

    def stop(self, future: Any, path: str) -> FileOutcome:
        future.cancel()
        try:
            self.client.restart_workers([self.workers[future.key]], raise_for_error=False)
        except Exception:  # a worker without a nanny cannot be restarted: its thread stays busy, the run goes on
            pass
        return FileOutcome(path, error=f"{Path(path).name} took longer than {self.seconds:g} seconds, "
                                       "the time allowed for one file, and was stopped.")


def _outcome(future: Any, path: str) -> FileOutcome:
    from distributed import KilledWorker

    if future.status != "error":
        return future.result()
    err = future.exception()
    name = Path(path).name
    if isinstance(err, KilledWorker):
        return FileOutcome(path, error=f"{name} stopped {err.allowed_failures + 1} Dask workers in turn "
                                       "(most often because memory ran out), and was given up.")
    return FileOutcome(path, error=f"{name} could not be processed on the cluster ({type(err).__name__}: {err}).")


def _finds_cspsearch():
    """A function for each worker: whether it can import cspsearch (by value, as below: it may not)."""
    def finds() -> bool:
        import importlib.util

        return importlib.util.find_spec("cspsearch") is not None

    return finds


def _running_seconds():
    """A function for the scheduler: each running task's worker and seconds running (by value, as below)."""
    def running(dask_scheduler):
        return {task.key: (worker.address, seconds) for worker in dask_scheduler.workers.values()
                for task, seconds in worker.executing.items()}

    return running


def _retried_counter(retries: int = RETRIES):
    """A function for the scheduler counting the tasks it ran more than once (their worker died,
    or they raised); a closure, so that it travels by value: the scheduler's machine need not
    have cspsearch installed."""
    def count(dask_scheduler, keys):
        tasks = (dask_scheduler.tasks.get(key) for key in keys)
        return sum(1 for task in tasks if task is not None and (task.suspicious > 0 or task.retries < retries))

    return count
