"""Money extraction time on long lists: a 60 KB line of "£1 " amounts and an 8,000-line budget list.

Both inputs are generated here. Runs the acronym, date and money components (money
reads what the first two find) and prints each component's seconds and the number of
money entities, so a slower-than-linear step shows up as the input grows.

    .venv/bin/python bench/money_speed.py [--scale 1.0] [--only line|list]

Measured on the shared 2-core machine (busy): before links were read within a bounded
reach, the 60 KB line took 216 s and the 464 KB list 1,360 s in the money component;
after, 0.8 s and 1.0 s (1.6 s with tokenising).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FAMILIES = ("cspsearch_acronyms", "cspsearch_dates", "cspsearch_money")


def pound_line(scale: float) -> str:
    """One 60 KB line of "£1 " amounts with no full stop: one sentence to the splitter."""
    return "£1 " * int(20000 * scale)


def budget_list(scale: float) -> str:
    """8,000 lines of a budget list: a label, a budget, a forecast and a variance (437 KB)."""
    return "".join(f"Service line {n:04d} running costs  £{12000 + n:,}  £{13000 + n:,}  £{1000 + n % 700:,}\n"
                   for n in range(int(8000 * scale)))


def timed(text: str) -> tuple[dict[str, float], int]:
    from cspsearch.extract import CONTEXT_KEY, ENTITIES_KEY, build_nlp
    from cspsearch.extract.context import ExtractionContext
    from cspsearch.extract.textmap import normalise
    from cspsearch.model import DocumentMeta

    seconds: dict[str, float] = {}
    began = time.perf_counter()
    norm = normalise(text)
    nlp = build_nlp(FAMILIES)
    doc = nlp.make_doc(norm.text)
    seconds["tokenise"] = time.perf_counter() - began
    doc.user_data[ENTITIES_KEY] = []
    doc.user_data[CONTEXT_KEY] = ExtractionContext.create(text, norm, DocumentMeta())
    for name, proc in nlp.pipeline:
        began = time.perf_counter()
        doc = proc(doc)
        seconds[name] = time.perf_counter() - began
    found = sum(1 for e in doc.user_data[ENTITIES_KEY] if e["type"] == "money")
    return seconds, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=float, default=1.0, help="input size as a share of the full one")
    ap.add_argument("--only", choices=("line", "list"))
    args = ap.parse_args()
    inputs = {"line": pound_line(args.scale), "list": budget_list(args.scale)}
    timed("warm up £1 for 2024-25.")
    for name, text in inputs.items():
        if args.only and name != args.only:
            continue
        seconds, found = timed(text)
        parts = "  ".join(f"{k} {v:.2f}s" for k, v in seconds.items())
        print(f"{name}: {len(text) / 1000:.0f} KB, {found} money entities, total {sum(seconds.values()):.2f}s ({parts})")


if __name__ == "__main__":
    main()
