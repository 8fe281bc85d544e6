"""Ingest a batch: skip what is unchanged, process the rest in worker processes, write in batches."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cspsearch.ingest.discover import printable, survey_paths
from cspsearch.ingest.executors import Cluster, Executor, open_executor
from cspsearch.ingest.pipeline import FileOutcome
from cspsearch.ingest.plan import Plan, plan_run
from cspsearch.model import DocumentRecord

OCR_CACHE = "ocr-cache"  # the folder inside the index where OCR results are kept
COMMIT_EVERY_DOCS = 8
COMMIT_EVERY_SECONDS = 30.0


@dataclass
class IngestReport:
    """What an ingest run did, file by file."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, the path indexed with its content)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, sentence): in a folder, not read
    removed: list[tuple[str, str]] = field(default_factory=list)  # (path, sentence): old text taken out
    warnings: list[tuple[str, str]] = field(default_factory=list)
    pages: int = 0
    ocr_pages: int = 0  # pages read by OCR
    ocr_low: int = 0  # of which read with too low a confidence to trust
    ocr_unavailable: str | None = None  # why OCR could not run, when it was wanted
    passages: int = 0
    entities: int = 0
    seconds: float = 0.0
    cluster: str | None = None  # the Dask scheduler's address when the files ran there
    workers: int = 0  # worker processes (locally) or Dask workers (on a cluster) at the start
    retried: int = 0  # files run again on a cluster because their worker died
    outdated: list[str] = field(default_factory=list)  # unchanged files read again by a newer reading
    engine: str = "whoosh"  # the index's search engine (store/engine.py)
    advice: str | None = None  # a large Whoosh index: the suggestion to convert it to tantivy

    @property
    def files(self) -> int:
        return len(self.ingested) + len(self.unchanged) + len(self.duplicates) + len(self.failed)


Progress = Callable[[str, IngestReport, int], None]  # (event, report so far, files to process)


def ingest(
    paths: list[Path], index: Path, jobs: int | None = None, council: str | None = None,
    force: bool = False, progress: Progress | None = None, file_seconds: float | None = None,
    ocr: bool = True, cluster: Cluster | None = None, engine: str | None = None,
) -> IngestReport:
    """Ingest every supported file under `paths` into the index at `index`.

    Each file is read in a worker process and may take `file_seconds` (default 300) before
    it is stopped and fails alone. Writes go in batches, each one commit, so a failure
    leaves the index as the last batch left it. With `ocr`, pages without a text layer
    are OCR'd, the results cached in INDEX/ocr-cache. With `cluster`, the files are read
    as tasks on that Dask cluster instead, and only the writing happens here. A new index is
    made with `engine` (default Whoosh); an existing one keeps its own.
    """
    from cspsearch.store import engine as engines
    from cspsearch.store import writer as store

    store.ensure_writable(index)  # a busy lock or a read-only folder is said before any parsing
    chosen = engines.choose(index, engine)
    with open_executor(cluster, jobs, file_seconds) as executor:  # an unreachable cluster is said here too
        report = _run(paths, index, council, force, progress, ocr, executor)
    report.engine = chosen
    report.advice = engines.suggestion(chosen, engines.passage_count(index))
    return report


def _run(paths: list[Path], index: Path, council: str | None, force: bool, progress: Progress | None,
         ocr: bool, executor: Executor) -> IngestReport:
    from cspsearch.store import writer as store

    started = time.perf_counter()
    report = IngestReport(cluster=executor.where, workers=executor.workers)
    survey = survey_paths(paths)
    report.failed.extend((printable(p), reason) for p, reason in survey.refused)
    report.skipped.extend((printable(p), sentence) for p, sentence in survey.skipped)
    known = store.indexed_sources(index)
    plan = plan_run(survey.found, known, council, force)
    for path, _ in survey.refused:  # a file indexed before that is now a broken link or a loop
        where = str(path.parent.resolve() / path.name)
        if where in known:
            plan.stale[where] = known[where]["doc_id"]
    report.unchanged, report.duplicates, report.outdated = plan.unchanged, plan.duplicates, plan.outdated
    report.failed.extend(plan.failed)
    notify = progress or (lambda *_: None)
    notify("start", report, len(plan.todo))
    writes = _Writes(index, known)
    with ocr_settings(ocr, index / OCR_CACHE, report):  # set before the workers fork: they inherit it
        for outcome in _outcomes(plan, executor):
            _account(report, outcome)
            if outcome.record is not None:
                writes.add(outcome.record)
            elif outcome.path in known:
                plan.stale[outcome.path] = known[outcome.path]["doc_id"]
            notify("file", report, len(plan.todo))
    writes.flush()
    report.retried = executor.retried
    _take_out_stale(index, plan, writes.written, report)
    _note_copies(index, plan, known, writes.holders)
    _inherit_meetings(index, plan)
    report.seconds = time.perf_counter() - started
    notify("done", report, len(plan.todo))
    return report


class _Writes:
    """Records waiting to be written, committed every few documents or seconds."""

    def __init__(self, index: Path, known: dict) -> None:
        self.index, self.known = index, known
        self.batch: list[DocumentRecord] = []
        self.written: set[str] = set()  # doc_ids written in this run: never deleted as someone's old text
        self.holders: dict[str, str] = {}  # path -> doc_id written for it in this run
        self.last_commit = time.perf_counter()

    def add(self, record: DocumentRecord) -> None:
        self.batch.append(record)
        if len(self.batch) >= COMMIT_EVERY_DOCS or time.perf_counter() - self.last_commit > COMMIT_EVERY_SECONDS:
            self.flush()

    def flush(self) -> None:
        from cspsearch.store import writer as store

        if not self.batch:
            return
        self.written.update(r.doc_id for r in self.batch)
        self.holders.update((r.source.path, r.doc_id) for r in self.batch)
        replaces = {r.source.path: self.known[r.source.path]["doc_id"] for r in self.batch
                    if r.source.path in self.known and self.known[r.source.path]["doc_id"] not in self.written}
        store.write_documents(self.index, self.batch, replaces)
        self.batch.clear()
        self.last_commit = time.perf_counter()


def _take_out_stale(index: Path, plan: Plan, written: set[str], report: IngestReport) -> None:
    """Remove the old text of files that no longer read or became copies, in one commit."""
    from cspsearch.store import writer as store

    stale = {path: doc_id for path, doc_id in plan.stale.items() if doc_id not in written}
    if not stale:
        return
    store.delete_documents(index, stale.values())
    copies = dict(plan.duplicates)
    for path in sorted(stale):
        name = Path(path).name
        if path in copies:
            why = f"is now a copy of {Path(copies[path]).name}, so its earlier text was taken out of the index."
        else:
            why = "no longer reads, so its earlier text was taken out of the index."
        report.removed.append((path, f"{name} {why}"))


def _note_copies(index: Path, plan: Plan, known: dict, holders: dict[str, str]) -> None:
    """Keep in the index which files are copies of which document, so prune can index a surviving copy."""
    from cspsearch.store import writer as store

    doc_ids = {path: info["doc_id"] for path, info in known.items()} | holders
    copies = {path: doc_ids[holder] for path, holder in plan.duplicates if holder in doc_ids}
    noted = store.indexed_copies(index)
    forget = [path for path in plan.councils if path in noted and path not in copies]
    if forget or any(noted.get(path) != doc_id for path, doc_id in copies.items()):
        store.write_copies(index, copies, forget)


def _inherit_meetings(index: Path, plan: Plan) -> None:
    """Papers in a meeting's folder take what they lack from its agenda or minutes (one commit)."""
    from cspsearch.ingest.metadata.meeting import meeting_updates
    from cspsearch.store import reader
    from cspsearch.store import writer as store
    from cspsearch.store.engine import has_index

    folders = {str(Path(path).parent) for path in plan.councils}
    if not folders or not has_index(index):
        return
    updates = meeting_updates(reader.documents(index), folders)
    if updates:
        store.update_metadata(index, updates)


def _account(report: IngestReport, outcome: FileOutcome) -> None:
    if outcome.error:
        report.failed.append((outcome.path, outcome.error))
        return
    record = outcome.record
    assert record is not None
    report.ingested.append(outcome.path)
    report.warnings.extend((outcome.path, w) for w in outcome.warnings)
    report.pages += len(record.pages)
    report.ocr_pages += len(record.meta.ocr_pages)
    report.ocr_low += sum(1 for page in record.meta.ocr_pages if page.low)
    report.passages += len(record.passages)
    report.entities += len(record.entities)


def _outcomes(plan: Plan, executor: Executor):
    """Outcomes of the plan's files; a copy of a file that failed is read itself, as it may still read."""
    failed: set[str] = set()
    for outcome in executor.run(plan.todo, plan.councils):
        if outcome.error:
            failed.add(outcome.path)
        yield outcome
    # One copy of each failed file is read; any further copies are now its duplicates.
    stand_ins: dict[str, str] = {}
    for i, (path, holder) in enumerate(plan.duplicates):
        if holder in failed:
            stand_in = stand_ins.setdefault(holder, path)
            plan.duplicates[i] = (path, stand_in)
    again = list(stand_ins.values())
    if again:
        plan.duplicates[:] = [(path, holder) for path, holder in plan.duplicates if path != holder]
        for path in again:
            plan.stale.pop(path, None)
        yield from executor.run(again, plan.councils)


def ocr_settings(wanted: bool, cache_dir: Path, report: IngestReport | None = None):
    """OCR turned on for this process while the block runs, when `wanted` and the engine is installed."""
    from cspsearch.ingest.readers import ocr

    reason = ocr.unavailable_reason() if wanted else None
    if report is not None:
        report.ocr_unavailable = reason
    return ocr.configured(ocr.OcrOptions(enabled=wanted and reason is None, cache_dir=cache_dir))


def prune(index: Path) -> list[str]:
    """Drop documents whose files are gone, can no longer be opened, or are now empty; returns their paths.

    A copy of a dropped document that still reads is indexed in its place.
    """
    from cspsearch.ingest.pipeline import council_of
    from cspsearch.store import writer as store
    from cspsearch.store.engine import require_index

    require_index(index)  # a missing index is an error here, not "nothing to prune"
    sources = store.indexed_sources(index)
    gone = {path: info["doc_id"] for path, info in sources.items() if not _still_reads(Path(path))}
    if not gone:
        return []
    councils = {info["doc_id"]: council_of(info.get("fingerprint")) for path, info in sources.items() if path in gone}
    survivors = {path: doc_id for path, doc_id in store.indexed_copies(index).items()
                 if doc_id in councils and _still_reads(Path(path))}
    store.delete_documents(index, gone.values())
    for council in set(councils[doc_id] for doc_id in survivors.values()):
        ingest([Path(p) for p, doc_id in survivors.items() if councils[doc_id] == council], index, jobs=1,
               council=council)
    return sorted(gone)


def _still_reads(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return bool(handle.read(1))
    except OSError:
        return False
