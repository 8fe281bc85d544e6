"""Worker processes that read one file at a time: a dead or stuck worker fails only the file it held.

A process pool from the standard library breaks as a whole when one worker dies (as the
kernel kills one when memory runs out) and cannot stop one task that runs too long. Here
each worker is a process of its own with its own pipe, so the parent knows which file each
holds: a worker that dies has its file tried once more on a fresh worker, and a worker past
the file's time budget is killed and its file fails alone. One job runs the same way, so
the budget holds there too.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from cspsearch.ingest.pipeline import FileOutcome, process_file

DEFAULT_FILE_SECONDS = 300.0
ATTEMPTS = 2  # a file whose worker died is tried once more: the death may have been another's doing
_STOP_WAIT_SECONDS = 5.0


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    path: str | None = None
    deadline: float = 0.0


def run_files(paths: list[str], jobs: int, councils: dict[str, str | None],
              file_seconds: float | None = None) -> Iterator[FileOutcome]:
    """Process each file in a worker process; yields one outcome per file, in the order they finish.

    `councils` gives the council override for each path (None: infer it).
    """
    budget = file_seconds or DEFAULT_FILE_SECONDS
    queue = deque(paths)
    tries = dict.fromkeys(paths, 0)
    workers: list[_Worker] = []
    try:
        while queue or any(w.path for w in workers):
            while queue and len([w for w in workers if w.path]) < jobs:
                worker = next((w for w in workers if not w.path), None)
                if worker is not None and not worker.process.is_alive():  # died between files
                    workers.remove(worker)
                    _stop(worker)
                    worker = None
                if worker is None:
                    worker = _start()
                    workers.append(worker)
                path = queue.popleft()
                tries[path] += 1
                _assign(worker, path, councils.get(path), budget)
            for worker, outcome in _collect(workers):
                if outcome is not None:
                    yield outcome
                    continue
                # The worker died or was stopped: replace it, then retry or fail its file.
                held = worker.path
                assert held is not None
                workers.remove(worker)
                _stop(worker)
                expired = time.monotonic() >= worker.deadline
                if expired:
                    yield FileOutcome(held, error=f"{Path(held).name} took longer than {budget:g} seconds, "
                                                  "the time allowed for one file, and was stopped.")
                elif tries[held] < ATTEMPTS:
                    queue.appendleft(held)
                else:
                    yield FileOutcome(held, error=_death_sentence(held, worker.process.exitcode))
    finally:
        for worker in workers:  # an idle worker is told to stop; a busy one (after Ctrl-C) is killed
            _stop(worker, politely=worker.path is None)


def _start() -> _Worker:
    context = _context()
    parent, child = context.Pipe()
    process = context.Process(target=_serve, args=(child,), daemon=True)
    process.start()
    child.close()
    return _Worker(process, parent)


def _context():
    # Fork shares the parent's loaded spaCy pipeline with every worker, rebuilt ones included.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _assign(worker: _Worker, path: str, council: str | None, budget: float) -> None:
    worker.path = path
    worker.deadline = time.monotonic() + budget
    try:
        worker.conn.send((path, council))
    except OSError:
        pass  # the worker is dead: its sentinel says so at the next collect


def _collect(workers: list[_Worker]) -> list[tuple[_Worker, FileOutcome | None]]:
    """Wait for a worker to finish, die or run out of time; (worker, outcome or None when it did not finish)."""
    busy = [w for w in workers if w.path]
    if not busy:
        return []
    timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
    ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
    results: list[tuple[_Worker, FileOutcome | None]] = []
    for worker in busy:
        if worker.conn in ready or worker.conn.poll():
            try:
                outcome = worker.conn.recv()
            except (EOFError, OSError):
                results.append((worker, None))
                continue
            worker.path = None
            results.append((worker, outcome))
        elif worker.process.sentinel in ready or time.monotonic() >= worker.deadline:
            results.append((worker, None))
    return results


def _stop(worker: _Worker, politely: bool = False) -> None:
    if politely and worker.process.is_alive():
        try:
            worker.conn.send(None)
        except OSError:
            pass
        worker.process.join(_STOP_WAIT_SECONDS)
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join()
    worker.conn.close()


def _death_sentence(path: str, exitcode: int | None) -> str:
    name = Path(path).name
    if exitcode is not None and exitcode < 0:
        number = -exitcode
        cause = ", most often because memory ran out" if number == signal.SIGKILL else ""
        return f"{name} stopped its worker process twice (killed by signal {number}{cause})."
    return f"{name} stopped its worker process twice (exit code {exitcode})."


def _serve(conn: Connection) -> None:
    """A worker's loop: read a path, send back its outcome, until told to stop."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    # Ctrl-C reaches the whole process group: the parent handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            task = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if task is None:
            return
        path, council = task
        conn.send(process_file(path, council))
