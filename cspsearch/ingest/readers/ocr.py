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


def citation_note(doc: dict, page: int) -> str | None:
    """'read by OCR, 87% confidence' when a document row says `page` came from OCR, else None."""
    for entry in doc.get("ocr_pages") or ():
        if entry.get("page") == page:
            low = ": low, check the page" if entry.get("low") else ""
            return f"read by OCR, {entry.get('confidence', 0):.0%} confidence{low}"
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


# A page this many pixels wide or tall is rendered smaller: a poster-sized page must not
# become a gigapixel image.
MAX_SIDE_PIXELS = 7000


def read_scanned(data: bytes, pages: list[str], numbers: list[int], run: OcrRun) -> tuple[list[int], list[str]]:
    """OCR the pages `numbers` (1-based) of a PDF in place; (pages still unread, warnings).

    Each page's result is cached by the file's hash and page number, so an unchanged file
    is never OCR'd again. A page that times out, fails or yields nothing is left empty
    and named in a warning; a page read with low confidence is kept and flagged.
    """
    from cspsearch.ingest.readers import ocr_cache, pdfium_text

    reason = unavailable_reason()
    if reason is not None:
        return numbers, [reason]
    tag = f"tesseract{engine_version()}-{DPI}dpi"
    found: dict[str, list[int]] = {"timeout": [], "failed": [], "empty": [], "low": []}
    doc = pdfium_text.open_document(data)
    try:
        for number in numbers:
            result = ocr_cache.load(run.options.cache_dir, run.sha256, number, tag)
            if result is None:
                try:
                    result = tesseract_read(render(doc[number - 1]), run.options.page_seconds)
                except PageTimeout:
                    found["timeout"].append(number)
                    continue
                except (OSError, RuntimeError):  # the engine failed on this page alone
                    found["failed"].append(number)
                    continue
                finally:
                    run.engine_calls += 1
                ocr_cache.save(run.options.cache_dir, run.sha256, number, tag, *result)
            text, confidence = result[0].strip(), result[1]
            if not text:
                found["empty"].append(number)
                continue
            low = confidence < LOW_CONFIDENCE
            pages[number - 1] = text
            run.pages.append(PageOcr(number, round(confidence, 3), low))
            if low:
                found["low"].append(number)
    finally:
        doc.close()
    return [], _warnings(found, run, len(pages), len(numbers))


def render(page):
    """A page as a greyscale image at DPI (smaller for an outsized page)."""
    width, height = page.get_size()
    scale = min(DPI / 72, MAX_SIDE_PIXELS / max(width, height, 1))
    return page.render(scale=scale).to_pil().convert("L")


def _warnings(found: dict[str, list[int]], run: OcrRun, total: int, scanned: int) -> list[str]:
    limit = run.options.page_seconds
    seconds = f"{limit:g} second{'' if limit == 1 else 's'}"
    warnings = []
    if found["timeout"]:
        warnings.append(f"{_page_list(found['timeout'])} took longer than {seconds} to OCR "
                        f"and {_be(found['timeout'])} left empty.")
    if found["failed"]:
        warnings.append(f"{_page_list(found['failed'])} could not be OCR'd and {_be(found['failed'])} left empty.")
    if found["empty"] and len(found["empty"]) == scanned == total:
        warnings.append("no text layer, and OCR found no text in this scan: it may hold only pictures or blank pages.")
    elif found["empty"]:
        warnings.append(f"{_page_list(found['empty'])} {'has' if len(found['empty']) == 1 else 'have'} no text "
                        "layer and OCR found no text on " + ("it." if len(found["empty"]) == 1 else "them."))
    if found["low"]:
        lowest = min(p.confidence for p in run.pages if p.low)
        warnings.append(f"{_page_list(found['low'])} {'was' if len(found['low']) == 1 else 'were'} read by OCR "
                        f"with low confidence (lowest {lowest:.0%}): the text may hold misread words.")
    return warnings


def _be(numbers: list[int]) -> str:
    return "is" if len(numbers) == 1 else "are"


def _page_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10]) + (", ..." if len(numbers) > 10 else "")
    return f"page {shown}" if len(numbers) == 1 else f"pages {shown}"
