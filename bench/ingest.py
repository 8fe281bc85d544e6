"""Ingest speed: PDF reading against raw pdfium, pdftotext and pdfplumber; the pipeline, --jobs 2, re-ingest.

Prints pages/s of raw text extraction by pypdfium2 (`get_text_range`), poppler's
`pdftotext` (said to be absent when it is not installed) and pdfplumber (`extract_text`),
of cspsearch's PDF reader alone, and of `ingest` with one job over the same PDFs; the
speed-up of two jobs; how much faster re-ingesting the unchanged files is; and whether
the reader gives the same facts (entities and metadata) as reading every page with
pdfplumber, file by file. All runs happen in this process's run, so read the ratios
rather than the absolute numbers.

    .venv/bin/python bench/ingest.py [--no-facts] [PATH ...]   (default: corpus/ and ../shared/corpus-real)
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pdfs(paths: list[Path]) -> list[Path]:
    """The PDFs under `paths`, one per distinct content (ingest indexes a duplicate once)."""
    import hashlib

    found: dict[str, Path] = {}
    for path in paths:
        for pdf in sorted(path.rglob("*.pdf")) if path.is_dir() else [path]:
            found.setdefault(hashlib.sha256(pdf.read_bytes()).hexdigest(), pdf)
    return list(found.values())


def raw_pdfplumber(files: list[Path]) -> tuple[int, float]:
    import pdfplumber

    pages, started = 0, time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return pages, time.perf_counter() - started


def raw_pdfium(files: list[Path]) -> float:
    """Seconds pypdfium2 takes to give every page's text in its own (content-stream) order."""
    import pypdfium2

    started = time.perf_counter()
    for path in files:
        doc = pypdfium2.PdfDocument(path)
        for page in doc:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        doc.close()
    return time.perf_counter() - started


def raw_pdftotext(files: list[Path]) -> float | None:
    """Seconds poppler's pdftotext takes over every file; None when it is not installed."""
    command = shutil.which("pdftotext")
    if command is None:
        return None
    started = time.perf_counter()
    for path in files:
        subprocess.run([command, "-q", str(path), "-"], stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def cpu_seconds() -> float:
    """CPU time of this process and its finished children: steadier than the clock on a shared machine."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def reader(files: list[Path], fast: bool = True) -> tuple[dict[Path, list[str]], float]:
    """Every file's pages as cspsearch's PDF reader gives them (no OCR), and the seconds taken."""
    from cspsearch.errors import ParseError
    from cspsearch.ingest.readers.pdf import read_pdf

    pages: dict[Path, list[str]] = {}
    started = time.perf_counter()
    for path in files:
        try:
            pages[path] = read_pdf(path.read_bytes(), path.name, fast=fast)[0]
        except ParseError:
            pages[path] = []
    return pages, time.perf_counter() - started


def facts(pages: list[str], path: Path) -> Counter[tuple[str, ...]]:
    """What ingest would record from these pages: each entity (type, page, text, fields) and the metadata."""
    from cspsearch.extract import extract_entities
    from cspsearch.ingest.layout import clean_pages
    from cspsearch.ingest.metadata import infer_meta
    from cspsearch.model import PAGE_BREAK

    cleaned = clean_pages(pages)
    text = PAGE_BREAK.join(cleaned)
    meta = infer_meta(text, cleaned, path)
    found: Counter[tuple[str, ...]] = Counter(
        (e.type, str(e.page), _unspaced(e.text), _unspaced(json.dumps(e.attrs, sort_keys=True, default=str)))
        for e in (extract_entities(text, meta) if text.strip() else []))
    found[("meta", _unspaced(repr(meta)))] += 1
    return found


def _unspaced(text: str) -> str:
    """Text without its spaces: a word one reader splits ("E nglish") and the other not is the same fact."""
    return "".join(text.split())


def fact_differences(fast: dict[Path, list[str]], reference: dict[Path, list[str]]) -> list[str]:
    """One line for each file whose facts differ between the two readings: how many each alone found."""
    lines = []
    for path in fast:
        mine, theirs = facts(fast[path], path), facts(reference[path], path)
        if mine != theirs:
            only_mine, only_theirs = sum((mine - theirs).values()), sum((theirs - mine).values())
            lines.append(f"{path.name}: {only_mine} facts only in the reader's text, {only_theirs} only in pdfplumber's")
    return lines


def ingest(files: list[Path], index: Path, jobs: int) -> tuple[object, float]:
    from cspsearch import services

    started = time.perf_counter()
    report = services.ingest(files, index, jobs=jobs)
    return report, time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--no-facts", action="store_true", help="skip the same-facts check (about a minute)")
    args = ap.parse_args()
    paths = args.paths or [p for p in (ROOT / "corpus", ROOT.parent / "shared" / "corpus-real") if p.exists()]
    files = pdfs(paths)
    # Warm the heavy imports so neither side pays them inside its timing.
    from cspsearch.extract import build_nlp

    build_nlp()
    pages, plumber_s = raw_pdfplumber(files)
    pdfium_s, pdftotext_s = raw_pdfium(files), raw_pdftotext(files)
    cpu_before = cpu_seconds()
    read, reader_s = reader(files)
    reader_cpu = cpu_seconds() - cpu_before
    with tempfile.TemporaryDirectory() as tmp:
        cpu_before = cpu_seconds()
        one, one_s = ingest(files, Path(tmp) / "one", jobs=1)
        one_cpu = cpu_seconds() - cpu_before
        two, two_s = ingest(files, Path(tmp) / "two", jobs=2)
        again, again_s = ingest(files, Path(tmp) / "one", jobs=1)
    print(f"{len(files)} PDFs, {pages} pages ({len(one.failed)} failed, {len(one.warnings)} warnings)")
    print(f"raw pypdfium2 get_text_range  : {pages / pdfium_s:7.2f} pages/s ({pdfium_s:.1f}s)")
    if pdftotext_s is None:
        print("raw pdftotext                 :  absent (install poppler-utils to compare)")
    else:
        print(f"raw pdftotext                 : {pages / pdftotext_s:7.2f} pages/s ({pdftotext_s:.1f}s)")
    print(f"raw pdfplumber extract_text   : {pages / plumber_s:7.2f} pages/s ({plumber_s:.1f}s)")
    print(f"cspsearch PDF reader          : {pages / reader_s:7.2f} pages/s ({reader_s:.1f}s; "
          f"{pages / reader_cpu:.2f} pages a CPU second)")
    print(f"ingest pipeline, --jobs 1     : {pages / one_s:7.2f} pages/s ({one_s:.1f}s; "
          f"{pages / one_cpu:.2f} pages a CPU second)")
    print(f"pipeline / raw pdfplumber     : {plumber_s / one_s:7.2f}x   (target >= 0.9x)")
    print(f"--jobs 2 speed-up             : {one_s / two_s:7.2f}x   (target >= 1.8x)")
    print(f"unchanged re-ingest           : {one_s / again_s:7.0f}x faster ({again_s:.2f}s; "
          f"{len(again.unchanged)} unchanged)   (target >= 100x)")
    if not args.no_facts:
        reference, _ = reader(files, fast=False)
        differ = fact_differences(read, reference)
        print(f"same facts as pdfplumber alone: {len(files) - len(differ)} of {len(files)} files"
              + "".join(f"\n  {line}" for line in differ))


if __name__ == "__main__":
    main()
