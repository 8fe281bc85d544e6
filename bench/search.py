"""Search latency at 100,000 passages: cspsearch's Whoosh store against SQLite FTS5.

Builds (or reuses) a synthetic index of passages drawn from the sample corpus's
vocabulary in a temp folder, then prints p50/p95 per query type for both engines, run
in the same process, and their ratios. Timings on shared machines are noisy: read the
ratios, not single numbers.

    .venv/bin/python bench/search.py [--passages 100000] [--folder /tmp/cspsearch-bench]
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cspsearch.model import DocumentMeta, DocumentRecord, Passage, Source  # noqa: E402

COUNCILS = ["maidstone", "medway", "kent", "swale", "dartford", "ashford", "merton", "thanet", "dover",
            "canterbury"]
PASSAGES_PER_DOC = 50
WORDS_PER_PASSAGE = 60


def vocabulary() -> tuple[list[str], list[int]]:
    words: Counter[str] = Counter()
    for path in (ROOT / "corpus").rglob("*.txt"):
        words.update(re.findall(r"[A-Za-z][a-z]+", path.read_text(encoding="utf-8", errors="replace")))
    items = words.most_common()
    return [w for w, _ in items], [c for _, c in items]


def synthetic_passages(count: int, seed: int = 7):
    """Deterministic passages: (doc number, council, year, text)."""
    rng = random.Random(seed)
    words, weights = vocabulary()
    for n in range(count):
        doc = n // PASSAGES_PER_DOC
        text = " ".join(rng.choices(words, weights, k=WORDS_PER_PASSAGE))
        yield doc, COUNCILS[doc % len(COUNCILS)], 2010 + doc % 16, text


def build_synthetic_index(folder: Path, passages: int = 100_000) -> Path:
    """A cspsearch index of `passages` synthetic passages in `folder` (reused when present)."""
    from whoosh import index as whoosh_index

    from cspsearch.store import writer
    from cspsearch.store.index import INDEX_NAME

    marker = folder / f"built-{passages}"
    if marker.exists() and whoosh_index.exists_in(str(folder), indexname=INDEX_NAME):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    docs: dict[int, list] = {}
    for doc, council, year, text in synthetic_passages(passages):
        docs.setdefault(doc, []).append((council, year, text))
    records = []
    for doc, rows in docs.items():
        council, year = rows[0][0], rows[0][1]
        pages, ps, pos = [], [], 0
        for i, (_, _, text) in enumerate(rows):
            pages.append(text)
            ps.append(Passage(f"synthetic{doc:05d}", i, i + 1, pos, pos + len(text), text))
            pos += len(text) + 1
        meta = DocumentMeta(council=council.title(), council_id=council, committee="Synthetic Committee",
                            meeting_date=f"{year}-03-01", year=year, title=f"Synthetic paper {doc}",
                            doc_kind="report")
        source = Source(f"/synthetic/{doc}.txt", f"synthetic{doc:05d}", "text")
        records.append(DocumentRecord(f"synthetic{doc:05d}", source, meta, tuple(pages), tuple(ps), ()))
    started = time.perf_counter()
    writer.write_documents(folder, records, {})
    from cspsearch.store.index import open_for_writing

    open_for_writing(folder).optimize()
    print(f"built {passages} passages in {time.perf_counter() - started:.0f}s")
    marker.touch()
    return folder


def build_sqlite(passages: int) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE p USING fts5(body, council UNINDEXED, tokenize='porter')")
    db.executemany("INSERT INTO p VALUES (?, ?)", ((t, c) for _, c, _, t in synthetic_passages(passages)))
    db.commit()
    return db


QUERIES = {  # kind -> (cspsearch query, council filter, FTS5 query)
    "single term": [("partnership", None, "partnership"), ("crime", None, "crime"), ("priorities", None, "priorities")],
    "two-term AND": [("community safety", None, "community AND safety"), ("domestic abuse", None, "domestic AND abuse"),
                     ("crime plan", None, "crime AND plan")],
    "phrase": [('"community safety"', None, '"community safety"'), ('"safer maidstone"', None, '"safer maidstone"')],
    "council filter": [("partnership", "medway", "partnership"), ("crime", "kent", "crime")],
}


def timings(fn, runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--folder", type=Path, default=Path("/tmp/cspsearch-bench"))
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    from cspsearch.store import search as store

    folder = build_synthetic_index(args.folder / str(args.passages), args.passages)
    db = build_sqlite(args.passages)
    print(f"{'query':<16}{'cspsearch p50':>14}{'p95':>9}{'FTS5 p50':>10}{'p95':>8}{'p95 ratio':>11}")
    for kind, queries in QUERIES.items():
        for query, council, fts in queries:
            flt = store.filter_query(councils=[council] if council else None)
            store.search(folder, query, synonyms=[], filter=flt)  # warm the cached searcher
            ours = timings(lambda q=query, f=flt: store.search(folder, q, synonyms=[], filter=f), args.runs)
            sql = "SELECT rowid, snippet(p, 0, '<b>', '</b>', '…', 12) FROM p WHERE p MATCH ?"
            params: tuple = (fts,)
            if council:
                sql += " AND council = ?"
                params = (fts, council)
            sql += " ORDER BY rank LIMIT 10"
            theirs = timings(lambda s=sql, p=params: db.execute(s, p).fetchall(), args.runs)
            print(f"{kind[:15]:<16}{ours[0]:>12.1f}ms{ours[1]:>7.1f}ms{theirs[0]:>8.1f}ms{theirs[1]:>6.1f}ms"
                  f"{ours[1] / max(theirs[1], 0.01):>10.1f}x   {query}")
    print("cspsearch times are full searches: parse, synonyms, filters, grouping per document, "
          "facets and highlighted snippets of the top 10 documents.")


if __name__ == "__main__":
    main()
