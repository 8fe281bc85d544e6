"""Ingest a batch: skip what is unchanged, process the rest in a pool, write in batches."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from cspsearch.ingest.discover import discover
from cspsearch.ingest.pipeline import FileOutcome, fingerprint, process_file
from cspsearch.model import DocumentRecord

COMMIT_EVERY_DOCS = 8
COMMIT_EVERY_SECONDS = 30.0


@dataclass
class IngestReport:
    """What an ingest run did, file by file."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, the path indexed with its content)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    pages: int = 0
    passages: int = 0
    entities: int = 0
    seconds: float = 0.0

    @property
    def files(self) -> int:
        return len(self.ingested) + len(self.unchanged) + len(self.duplicates) + len(self.failed)


Progress = Callable[[str, IngestReport, int], None]  # (event, report so far, files to process)


def ingest(
    paths: list[Path], index: Path, jobs: int | None = None, council: str | None = None,
    force: bool = False, progress: Progress | None = None,
) -> IngestReport:
    """Ingest every supported file under `paths` into the index at `index`."""
    from cspsearch.store import writer as store

    started = time.perf_counter()
    report = IngestReport()
    files, rejected = discover(paths)
    report.failed.extend((str(p), reason) for p, reason in rejected)
    known = store.indexed_sources(index)
    # The same paper is often attached to several agenda items: its content is indexed once.
    holder = {info["sha256"]: path for path, info in known.items() if Path(path).exists()}
    todo = []
    for path in files:
        key = str(path.resolve())
        try:
            digest = fingerprint(path)
        except OSError as err:
            report.failed.append((key, f"{path.name} could not be read ({err.strerror or err})."))
            continue
        content = digest.split(":")[0]
        if not force and known.get(key, {}).get("fingerprint") == digest:
            report.unchanged.append(key)
        elif holder.get(content, key) != key:
            report.duplicates.append((key, holder[content]))
        else:
            holder[content] = key
            todo.append(key)
    notify = progress or (lambda *_: None)
    notify("start", report, len(todo))
    batch: list[DocumentRecord] = []
    last_commit = time.perf_counter()
    for outcome in _outcomes(todo, jobs, council):
        _account(report, outcome)
        if outcome.record is not None:
            batch.append(outcome.record)
        if batch and (len(batch) >= COMMIT_EVERY_DOCS or time.perf_counter() - last_commit > COMMIT_EVERY_SECONDS):
            _commit(index, batch, known)
            last_commit = time.perf_counter()
        notify("file", report, len(todo))
    if batch:
        _commit(index, batch, known)
    report.seconds = time.perf_counter() - started
    notify("done", report, len(todo))
    return report


def _commit(index: Path, batch: list[DocumentRecord], known: dict) -> None:
    from cspsearch.store import writer as store

    replaces = {r.source.path: known[r.source.path]["doc_id"] for r in batch if r.source.path in known}
    store.write_documents(index, batch, replaces)
    batch.clear()


def _account(report: IngestReport, outcome: FileOutcome) -> None:
    if outcome.error:
        report.failed.append((outcome.path, outcome.error))
        return
    record = outcome.record
    assert record is not None
    report.ingested.append(outcome.path)
    report.warnings.extend((outcome.path, w) for w in outcome.warnings)
    report.pages += len(record.pages)
    report.passages += len(record.passages)
    report.entities += len(record.entities)


def _outcomes(paths: list[str], jobs: int | None, council: str | None) -> Iterator[FileOutcome]:
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or len(paths) <= 1:
        for path in paths:
            yield process_file(path, council)
        return
    # Big files first, so one large PDF does not start last and hold up the batch.
    paths = sorted(paths, key=lambda p: -_size(p))
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
        futures = {pool.submit(process_file, p, council): p for p in paths}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as err:  # the worker died (killed, out of memory): that file fails alone
                name = Path(futures[future]).name
                yield FileOutcome(futures[future], error=f"{name} stopped its worker process ({err}).")


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def prune(index: Path) -> list[str]:
    """Drop documents whose files are gone; returns their paths."""
    from cspsearch.store import writer as store
    from cspsearch.store.index import open_for_reading

    open_for_reading(index)  # a missing index is an error here, not "nothing to prune"
    gone = {path: info["doc_id"] for path, info in store.indexed_sources(index).items()
            if not Path(path).exists()}
    if gone:
        store.delete_documents(index, gone.values())
    return sorted(gone)
