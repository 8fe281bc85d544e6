"""OCR of PDF pages that have no text layer, with the tesseract command: text, confidence, a time limit.

Only this module runs the OCR engine. Tesseract was chosen by measurement over RapidOCR
(bench/ocr_engines.py, figures in the README): it runs as a child process, so a page past
its time limit is killed cleanly and the rest of the document goes on.

OCR is off unless a caller turns it on for the process (`configured`): ingest and extract
do, for the run, before worker processes are forked, so the workers inherit the setting.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cspsearch.model import PageOcr

TESSERACT = "tesseract"
LANGUAGE = "eng"
DPI = 300  # the resolution measured best for tesseract on council papers
PAGE_SECONDS = 60.0  # one page may take this long before it is given up as a warning
# Below this mean word confidence a page's text is kept but flagged as not to be trusted.
LOW_CONFIDENCE = 0.60
INSTALL_HINT = "apt-get install -y tesseract-ocr tesseract-ocr-eng"


@dataclass(frozen=True)
class OcrOptions:
    """Whether pages without text are OCR'd, and where the results are cached (None: not cached)."""

    enabled: bool = False
    cache_dir: Path | None = None
    page_seconds: float = PAGE_SECONDS


@dataclass
class OcrRun:
    """OCR for one document: its options, its hash (the cache key) and what each page gave."""

    options: OcrOptions
    sha256: str
    pages: list[PageOcr] = field(default_factory=list)
    engine_calls: int = 0


_current = OcrOptions()


def current() -> OcrOptions:
    return _current


@contextmanager
def configured(options: OcrOptions) -> Iterator[OcrOptions]:
    """Use `options` in this process (and the workers it forks) until the block ends."""
    global _current
    before, _current = _current, options
    try:
        yield options
    finally:
        _current = before


def run_for(sha256: str) -> OcrRun | None:
    """The OCR run for a document with this hash, or None when OCR is off in this process."""
    return OcrRun(_current, sha256) if _current.enabled else None


def user_cache_dir() -> Path:
    """Where `extract` (which has no index folder) keeps OCR results."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cspsearch" / "ocr-cache"


@functools.cache
def engine_version() -> str | None:
    """Tesseract's version when it is installed with English, else None."""
    binary = shutil.which(TESSERACT)
    if binary is None:
        return None
    try:
        langs = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30)
        version = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    if LANGUAGE not in langs.stdout.split():
        return None
    first = (version.stdout or version.stderr).splitlines()
    return first[0].split()[-1] if first else "unknown"


def unavailable_reason() -> str | None:
    """None when OCR can run; else the sentence saying why not and the command that fixes it."""
    if shutil.which(TESSERACT) is None:
        return f"OCR is unavailable: tesseract is not installed (as root: {INSTALL_HINT})."
    if engine_version() is None:
        return f"OCR is unavailable: tesseract has no English language data (as root: {INSTALL_HINT})."
    return None


class PageTimeout(Exception):
    """The engine took longer than a page is allowed."""


def tesseract_read(image, timeout: float = PAGE_SECONDS) -> tuple[str, float]:
    """The text of a page image and the mean confidence of its words (0 to 1).

    One thread (OMP_THREAD_LIMIT=1): ingest already runs a worker per core.
    """
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = [TESSERACT, "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(DPI), "--psm", "3", "tsv"]
    try:
        done = subprocess.run(command, input=buffer.getvalue(), capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as err:  # subprocess.run has killed the engine
        raise PageTimeout from err
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace").strip() or f"tesseract exited {done.returncode}")
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> tuple[str, float]:
    """Tesseract's word table as text (a line per line, a blank line between paragraphs) and mean confidence."""
    lines: list[str] = []
    confidences: list[float] = []
    last_line = last_par = None
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        par, line = (cells[2], cells[3]), (cells[2], cells[3], cells[4])
        if line != last_line:
            if last_par is not None and par != last_par:
                lines.append("")
            lines.append(cells[11])
        else:
            lines[-1] += " " + cells[11]
        last_line, last_par = line, par
        conf = float(cells[10])
        if conf >= 0:
            confidences.append(conf / 100)
    confidence = sum(confidences) / len(confidences) if confidences else 0.0
    return "\n".join(lines), confidence
