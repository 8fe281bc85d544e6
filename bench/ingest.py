"""Ingest speed: raw pdfplumber text against the full pipeline, --jobs 2, and re-ingest.

Prints pages/s of pdfplumber's `extract_text` alone and of `ingest` with one job over
the same PDFs, their ratio, the speed-up of two jobs, and how much faster re-ingesting
the unchanged files is than the first ingest. All runs happen in this process's run, so
read the ratios rather than the absolute numbers.

    .venv/bin/python bench/ingest.py [PATH ...]   (default: corpus/ and ../shared/corpus-real)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
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


def ingest(files: list[Path], index: Path, jobs: int) -> tuple[object, float]:
    from cspsearch import services

    started = time.perf_counter()
    report = services.ingest(files, index, jobs=jobs)
    return report, time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="*", type=Path)
    args = ap.parse_args()
    paths = args.paths or [p for p in (ROOT / "corpus", ROOT.parent / "shared" / "corpus-real") if p.exists()]
    files = pdfs(paths)
    # Warm the heavy imports so neither side pays them inside its timing.
    from cspsearch.extract import build_nlp

    build_nlp()
    pages, raw_s = raw_pdfplumber(files)
    with tempfile.TemporaryDirectory() as tmp:
        one, one_s = ingest(files, Path(tmp) / "one", jobs=1)
        two, two_s = ingest(files, Path(tmp) / "two", jobs=2)
        again, again_s = ingest(files, Path(tmp) / "one", jobs=1)
    print(f"{len(files)} PDFs, {pages} pages ({len(one.failed)} failed, {len(one.warnings)} warnings)")
    print(f"pdfplumber extract_text alone : {pages / raw_s:7.2f} pages/s ({raw_s:.1f}s)")
    print(f"ingest pipeline, --jobs 1     : {pages / one_s:7.2f} pages/s ({one_s:.1f}s)")
    print(f"pipeline / raw pdfplumber     : {raw_s / one_s:7.2f}x   (target >= 0.9x)")
    print(f"--jobs 2 speed-up             : {one_s / two_s:7.2f}x   (target >= 1.8x)")
    print(f"unchanged re-ingest           : {one_s / again_s:7.0f}x faster ({again_s:.2f}s; "
          f"{len(again.unchanged)} unchanged)   (target >= 100x)")


if __name__ == "__main__":
    main()
