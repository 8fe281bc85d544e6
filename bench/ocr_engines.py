"""OCR engines compared on real pages: character error rate, facts kept and pages a second.

Pages of real council PDFs that have a text layer are rendered to images at 150 and 300
dpi and read back by each engine; the text layer is the reference. For each engine and
resolution it prints the character error rate (edit distance over the reference's length,
whitespace collapsed), the share of the reference's money amounts, dates and legal
references that `cspsearch.extract` still finds in the OCR text, mean confidence and
pages a second (one thread, as one ingest worker runs).

    .venv/bin/python bench/ocr_engines.py [--pages 12] [--engines tesseract,rapidocr]

RapidOCR is measured when `rapidocr_onnxruntime` can be imported (it is not a dependency:
`pip install rapidocr-onnxruntime` to include it).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus-real"
# Papers of different kinds: a report, minutes, a budget with tables, a finance monitoring report.
SAMPLE = (
    "kent_county_council/full_council_2025-03-13__Governance_Update_Report.pdf",
    "kent_county_council/cabinet_2025-01-30__Printed_minutes_30th-Jan-2025_10.00_Cabinet.pdf",
    "kent_county_council/full_council_2025-02-13__February_2025_Kent_County_Council_Budget_Report.pdf",
    "kent_county_council/cabinet_2025-01-30__24-00108_-_Finance_Monitoring_Report_-_Q3_-_November_2024-25.pdf",
    "merton_lbc/merton_2009-10-22_audit_committee_agenda_pack.pdf",
)
FACT_TYPES = ("money", "date", "legal")


def tesseract(image) -> tuple[str, float]:
    """Text and mean word confidence (0-1) from the tesseract command, one thread."""
    from cspsearch.ingest.readers.ocr import tesseract_read

    return tesseract_read(image, timeout=120.0)


def rapidocr_engine():
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)

    def read(image) -> tuple[str, float]:
        result, _ = engine(np.asarray(image.convert("RGB")))
        if not result:
            return "", 0.0
        # Boxes come top to bottom; boxes whose middles share a line are joined left to right.
        boxes = sorted(((min(p[1] for p in box), max(p[1] for p in box), min(p[0] for p in box), text, score)
                        for box, text, score in result))
        lines: list[list] = []
        for top, bottom, left, text, _score in boxes:
            middle = (top + bottom) / 2
            if lines and lines[-1][0] <= middle <= lines[-1][1]:
                lines[-1][2].append((left, text))
            else:
                lines.append([top, bottom, [(left, text)]])
        text = "\n".join(" ".join(t for _, t in sorted(parts)) for _, _, parts in lines)
        return text, float(np.mean([score for *_, score in result]))

    return read


def sample_pages(count: int) -> list[tuple[str, int, str, bytes]]:
    """(file, page number, text layer, PDF bytes) for up to `count` pages with a real text layer."""
    from cspsearch.ingest.readers.pdf import read_pdf

    per_file = max(1, -(-count // len(SAMPLE)))
    chosen = []
    for name in SAMPLE:
        data = (CORPUS / name).read_bytes()
        pages, _ = read_pdf(data, name)
        picked = [(n, text) for n, text in enumerate(pages, 1) if len(text.strip()) > 400][:per_file]
        chosen += [(name, n, text, data) for n, text in picked]
    return chosen[:count]


def render(data: bytes, number: int, dpi: int):
    import pypdfium2

    doc = pypdfium2.PdfDocument(data)
    try:
        return doc[number - 1].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        doc.close()


def normalised(text: str) -> str:
    return " ".join(text.split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, one numpy row at a time (insertions by a running minimum)."""
    if not a or not b:
        return max(len(a), len(b))
    bcodes = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    idx = np.arange(len(b) + 1)
    row = idx.copy()
    for i, ch in enumerate(a, 1):
        cost = (bcodes != ord(ch)).astype(np.int64)
        cand = np.empty_like(row)
        cand[0] = i
        cand[1:] = np.minimum(row[1:] + 1, row[:-1] + cost)
        row = np.minimum.accumulate(cand - idx) + idx
    return int(row[-1])


def facts(text: str) -> set[tuple[str, str]]:
    from cspsearch.extract import extract_entities

    return {(e.type, "".join(e.text.split()).lower()) for e in extract_entities(text) if e.type in FACT_TYPES}


def measure(engine, pages, dpi: int) -> dict[str, float]:
    errors = chars = kept = wanted = 0
    seconds = confidence = 0.0
    for _name, number, layer, data in pages:
        image = render(data, number, dpi)
        started = time.perf_counter()
        text, conf = engine(image)
        seconds += time.perf_counter() - started
        confidence += conf
        reference = normalised(layer)
        errors += edit_distance(reference, normalised(text))
        chars += len(reference)
        expected = facts(layer)
        wanted += len(expected)
        kept += len(expected & facts(text))
    return {"cer": errors / max(1, chars), "facts": kept / max(1, wanted), "wanted": wanted,
            "pages_per_s": len(pages) / seconds, "confidence": confidence / len(pages)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--engines", default="tesseract,rapidocr")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    engines = {}
    for name in args.engines.split(","):
        if name == "tesseract":
            engines[name] = tesseract
        elif name == "rapidocr":
            try:
                engines[name] = rapidocr_engine()
            except ImportError:
                print("rapidocr_onnxruntime is not installed: skipped", file=sys.stderr)
    pages = sample_pages(args.pages)
    print(f"{len(pages)} pages from {len({p[0] for p in pages})} papers")
    print("| engine | dpi | CER | facts kept | pages/s | mean confidence |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, engine in engines.items():
        for dpi in (150, 300):
            r = measure(engine, pages, dpi)
            print(f"| {name} | {dpi} | {r['cer']:.1%} | {r['facts']:.1%} of {r['wanted']} | "
                  f"{r['pages_per_s']:.2f} | {r['confidence']:.0%} |", flush=True)


if __name__ == "__main__":
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", line_buffering=True)
    main()
