"""Extraction speed: words per second of the whole spaCy pipeline on one core.

Runs `extract_entities` over the text of the sample corpus (and the real papers in
../shared/corpus-real when present, read once with the project's own readers), after a
warm-up, and prints words/s next to a baseline of spaCy's bare blank-English tokenizer
over the same text in the same run.

    .venv/bin/python bench/extract.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def texts() -> list[str]:
    from cspsearch.errors import CspSearchError
    from cspsearch.ingest.discover import discover
    from cspsearch.ingest.readers import read_document

    roots = [p for p in (ROOT / "corpus", ROOT.parent / "shared" / "corpus-real") if p.exists()]
    files, _ = discover(roots)
    out = []
    for path in files:
        try:
            text = read_document(path).text
        except CspSearchError:
            continue
        if text.strip():
            out.append(text)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import spacy

    from cspsearch.extract import build_nlp, extract_entities

    corpus = texts()
    words = sum(len(t.split()) for t in corpus)
    build_nlp()
    extract_entities(corpus[0])  # warm-up
    tokenizer = spacy.blank("en")
    tokenizer.max_length = 5_000_000
    started = time.perf_counter()
    for _ in range(args.repeat):
        for text in corpus:
            tokenizer.make_doc(text)
    base_s = time.perf_counter() - started
    started = time.perf_counter()
    entities = 0
    for _ in range(args.repeat):
        for text in corpus:
            entities += len(extract_entities(text))
    full_s = time.perf_counter() - started
    total = words * args.repeat
    print(f"{len(corpus)} documents, {words} words, x{args.repeat}")
    print(f"blank English tokenizer : {total / base_s:10,.0f} words/s")
    print(f"extraction pipeline     : {total / full_s:10,.0f} words/s  (target >= 100,000)"
          f"  {entities // args.repeat} entities per pass")
    print(f"pipeline / tokenizer    : {base_s / full_s:10.2f}x")


if __name__ == "__main__":
    main()
