"""What a Dask worker runs for one file: `process_file` with the run's OCR settings, on the
file at its path or on the bytes the writer shipped. No dask import here: the worker calls it.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from cspsearch.ingest.pipeline import FileOutcome

Shipment = dict[str, bytes]  # file name -> bytes: the document and its sidecars, for workers that cannot see them


def run_task(path: str, council: str | None, ocr: Any, shipment: Shipment | None) -> FileOutcome:
    """The task a worker runs: `process_file` with the run's OCR settings, on the file or its shipped bytes."""
    from cspsearch.ingest.pipeline import process_file

    _use_ocr(ocr)
    if shipment is None:
        if not os.path.exists(path):
            return FileOutcome(path, error=f"{Path(path).name} cannot be seen by the Dask worker on "
                                           f"{socket.gethostname()} (gone, or its folder is not shared "
                                           "with the workers at the same path: ingest with --ship-files).")
        return process_file(path, council)
    with tempfile.TemporaryDirectory(prefix="cspsearch-ship-") as root:
        # The same folders under a temporary root: metadata read from folder names comes out the same.
        local = Path(root) / Path(path).relative_to(Path(path).anchor)
        local.parent.mkdir(parents=True)
        for name, data in shipment.items():
            (local.parent / name).write_bytes(data)
        return _as_from(process_file(str(local), council), path)


def _as_from(outcome: FileOutcome, path: str) -> FileOutcome:
    """An outcome of a shipped copy, told as the original file's."""
    record = outcome.record
    if record is not None:
        record = replace(record, source=replace(record.source, path=path))
    return replace(outcome, path=path, record=record)


def shipment_of(path: Path) -> Shipment:
    """The file's bytes and its sidecars', by name, for a worker that cannot read the file itself."""
    from cspsearch.ingest.metadata import sidecar_paths

    files = {path.name: _bytes_or_empty(path)}
    for sidecar in sidecar_paths(path):
        if sidecar != path and sidecar.is_file():
            files[sidecar.name] = _bytes_or_empty(sidecar)
    return files


def _bytes_or_empty(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""  # the worker's reader then says the file is empty, as a local read would fail it


def ocr_options(ship_files: bool) -> Any:
    """This process's OCR settings, for the tasks; the OCR cache stays behind when workers cannot see our folders."""
    from cspsearch.ingest.readers import ocr

    options = ocr.current()
    if ship_files or not options.enabled or options.cache_dir is None:
        return replace(options, cache_dir=None) if ship_files else options
    try:  # made here, so that a worker finding it knows it shares the index's folder (see _use_ocr)
        options.cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        return replace(options, cache_dir=None)
    return options


_worker_ocr: list[Any] = []  # [options, their block] in force in this worker process
_worker_ocr_lock = threading.Lock()


def _use_ocr(options: Any) -> None:
    """Turn on the run's OCR settings in this worker process and leave them on: a block entered and
    left around each task would let one thread's exit turn them off under another thread's task."""
    from cspsearch.ingest.readers import ocr

    if options.cache_dir is not None and not options.cache_dir.is_dir():
        # The index's folder is not shared with this host: no cache, rather than folders made here.
        options = replace(options, cache_dir=None)
    with _worker_ocr_lock:
        if _worker_ocr and _worker_ocr[0] == options:
            return
        if _worker_ocr:  # another run's settings: left first, as a block collected unleft would undo ours
            _worker_ocr[1].__exit__(None, None, None)
        block = ocr.configured(options)
        block.__enter__()
        _worker_ocr[:] = [options, block]  # kept referenced, for the same reason
