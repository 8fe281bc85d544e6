"""Ingest speed on one machine against a local Dask cluster, and whether the cluster's index is the same.

In one run over the same PDFs: pages/s of one local worker process, of `--jobs 2`, and of a
local Dask cluster of 1 and of 2 workers (one thread each), as ratios to the one process;
the share of each run's wall time spent writing the index (the part that stays on one
machine); then documents and entity totals of the 2-worker cluster's index against the
local one's, and of a cluster run in which one worker is killed mid-run.

Cluster workers are warmed up (spaCy loaded) before they are timed, as the local workers
are forked from a warm process: the figures compare steady running, not start-up.

    .venv/bin/python bench/ingest_cluster.py [PATH ...] [--files N]   (default: ../shared/corpus-real)
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ingest import pdfs  # noqa: E402

WRITER_CALLS = ("write_documents", "delete_documents", "update_metadata", "write_copies")


class WriterClock:
    """Seconds spent in the index writer's calls, by wrapping them (the orchestrator looks them up per call)."""

    def __init__(self) -> None:
        from cspsearch.store import writer

        self.seconds = 0.0
        for name in WRITER_CALLS:
            setattr(writer, name, self._timed(getattr(writer, name)))

    def _timed(self, call):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
        return timed


def timed_ingest(files: list[Path], index: Path, clock: WriterClock, progress=None, **how):
    from cspsearch import services

    clock.seconds = 0.0
    started = time.perf_counter()
    report = services.ingest(files, index, progress=progress, **how)
    return report, time.perf_counter() - started, clock.seconds


def totals(index: Path, report) -> tuple[int, int, int, int, int]:
    """Documents, entities, pages and pages read by OCR a reader of the index sees; the run's passages."""
    from cspsearch.store import reader

    docs = reader.documents(index)
    return (len(docs), len(reader.entity_rows(index)), sum(d["pages"] for d in docs),
            sum(len(d["ocr_pages"]) for d in docs), report.passages)


def killer(address: str):
    """A progress callback that kills one busy worker when the first file comes back."""
    from distributed import Client

    watcher = Client(address, set_as_default=False)
    killed: list[int] = []

    def kill(event, report, todo) -> None:
        if killed or event != "file":
            return
        busy = [a for a, keys in watcher.processing().items() if keys]
        if busy:
            pid = watcher.run(os.getpid, workers=busy[:1])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    return kill, killed, watcher


def _package_folder() -> str:
    import cspsearch

    return str(Path(cspsearch.__file__).parent)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--files", type=int, default=0, help="Use every k-th PDF so that about N are timed (0: all).")
    args = ap.parse_args()
    from distributed import Client, LocalCluster

    from cspsearch.ingest.executors import Cluster
    from cspsearch.ingest.pipeline import warm_up

    files = pdfs(args.paths or [ROOT.parent / "shared" / "corpus-real"])
    if args.files and args.files < len(files):
        files = files[:: max(1, len(files) // args.files)][: args.files]
    warm_up()
    clock = WriterClock()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        for label, jobs in (("local, 1 process", 1), ("local, --jobs 2", 2)):
            report, wall, writing = timed_ingest(files, where / f"jobs{jobs}", clock, jobs=jobs)
            rows.append((label, report, wall, writing))
        for workers in (1, 2):
            with LocalCluster(n_workers=workers, processes=True, threads_per_worker=1, host="127.0.0.1",
                              dashboard_address=None) as cluster, Client(cluster) as client:
                client.run(warm_up)
                sources = set(client.run(_package_folder).values()) | {_package_folder()}
                assert len(sources) == 1, f"the workers run other code than this process: {sources}"
                report, wall, writing = timed_ingest(files, where / f"cluster{workers}", clock,
                                                     cluster=Cluster(cluster.scheduler_address))
                rows.append((f"Dask cluster, {workers} worker{'s' * (workers > 1)}", report, wall, writing))
                if workers == 2:
                    kill, killed, watcher = killer(cluster.scheduler_address)
                    killed_report, _, _ = timed_ingest(files, where / "killed", clock, progress=kill,
                                                       cluster=Cluster(cluster.scheduler_address))
                    watcher.close()
        pages = rows[0][1].pages
        print(f"{len(files)} PDFs, {pages} pages; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        base = rows[0][2]
        for label, report, wall, writing in rows:
            print(f"{label:24}: {report.pages / wall:6.2f} pages/s ({wall:5.1f}s)  x{base / wall:4.2f}  "
                  f"writer {writing / wall:5.1%} of the wall time  ({len(report.failed)} failed)")
        local = totals(where / "jobs1", rows[0][1])
        cluster2 = totals(where / "cluster2", rows[3][1])
        broken = totals(where / "killed", killed_report)

        def said(counts) -> str:
            return "{} documents, {} entities, {} pages ({} by OCR), {} passages".format(*counts)

        print(f"local index       : {said(local)}")
        print(f"cluster index     : {said(cluster2)}  ({'equal' if cluster2 == local else 'DIFFERENT'})")
        print(f"killed-worker run : {said(broken)}  ({'equal' if broken == local else 'DIFFERENT'}; "
              f"{len(killed)} worker killed, {killed_report.retried} tasks retried, "
              f"{len(killed_report.failed)} failed)")


if __name__ == "__main__":
    main()
