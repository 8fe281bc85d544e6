"""Search latency and build time: cspsearch on Whoosh and on tantivy, with SQLite FTS5 as the baseline.

For each size (10,000, 100,000 and 1,000,000 passages by default) builds (or reuses) a
synthetic index of passages drawn from the sample corpus's vocabulary on each engine, and
an in-memory FTS5 table of the same passages, then prints p50/p95 per query type for all
three in the same run. cspsearch's times are full searches through services.search:
parse, synonym expansion, filters, grouping per paper, facets, highlighted snippets of the
top 10 papers and the left-out counts of a filter. Whoosh is skipped (with the reason
printed) where its build would take longer than --whoosh-minutes. Timings on a shared
machine are noisy: read the ratios, not single numbers.

    .venv/bin/python bench/search.py [--sizes 10000,100000,1000000] [--engines whoosh,tantivy]
        [--folder /tmp/cspsearch-bench] [--runs 20] [--whoosh-minutes 15]
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import shutil
import sqlite3
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
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
    # The same draws as choices(words, weights): the running totals once, not once a passage.
    totals = list(itertools.accumulate(weights))
    for n in range(count):
        doc = n // PASSAGES_PER_DOC
        text = " ".join(rng.choices(words, cum_weights=totals, k=WORDS_PER_PASSAGE))
        yield doc, COUNCILS[doc % len(COUNCILS)], 2010 + doc % 16, text


WHOOSH_SECONDS_PER_1000 = 1.5  # measured build rate, to decide when Whoosh is too slow to build


def synthetic_records(passages: int) -> Iterator[DocumentRecord]:
    """The synthetic passages as documents of PASSAGES_PER_DOC passages, one at a time."""
    rows: list[tuple[str, int, str]] = []
    current = 0
    for doc, council, year, text in synthetic_passages(passages):
        if doc != current and rows:
            yield _record(current, rows)
            rows = []
        current = doc
        rows.append((council, year, text))
    if rows:
        yield _record(current, rows)


def _record(doc: int, rows: list[tuple[str, int, str]]) -> DocumentRecord:
    council, year = rows[0][0], rows[0][1]
    pages, ps, pos = [], [], 0
    for i, (_, _, text) in enumerate(rows):
        pages.append(text)
        ps.append(Passage(f"synthetic{doc:06d}", i, i + 1, pos, pos + len(text), text))
        pos += len(text) + 1
    meta = DocumentMeta(council=council.title(), council_id=council, committee="Synthetic Committee",
                        meeting_date=f"{year}-03-01", year=year, title=f"Synthetic paper {doc}",
                        doc_kind="report")
    source = Source(f"/synthetic/{doc}.txt", f"synthetic{doc:06d}", "text")
    return DocumentRecord(f"synthetic{doc:06d}", source, meta, tuple(pages), tuple(ps), ())


def build_synthetic_index(folder: Path, passages: int = 100_000, engine: str = "whoosh") -> Path:
    """A cspsearch index of `passages` synthetic passages on `engine` in `folder` (reused when present).
    Prints the build time per 1,000 passages."""
    from cspsearch.store import engine as engines
    from cspsearch.store import writer

    marker = folder / f"built-{passages}"
    if marker.exists() and engines.has_index(folder) and engines.engine_of(folder) == engine:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    engines.mark(folder, engine)
    making = [0.0]  # seconds spent making the synthetic papers, which is not the build's
    started, cpu = time.perf_counter(), time.process_time()
    writer.write_documents(folder, _timed(synthetic_records(passages), making), {})
    if engine == "whoosh":
        from cspsearch.store.index import open_for_writing

        open_for_writing(folder).optimize()
    seconds = time.perf_counter() - started - making[0]
    cpu_seconds = time.process_time() - cpu - making[0]
    print(f"built {passages:,} passages on {engine} in {seconds:.1f}s: {seconds * 1e6 / passages:.0f} ms per "
          f"1,000 passages ({cpu_seconds * 1e6 / passages:.0f} ms CPU; making the synthetic papers, "
          f"{making[0]:.1f}s, left out)", flush=True)
    marker.touch()
    return folder


def _timed(records: Iterator[DocumentRecord], spent: list[float]) -> Iterator[DocumentRecord]:
    """`records`, adding to spent[0] the seconds taken to make each (one thread: wall is CPU here)."""
    while True:
        started = time.perf_counter()
        record = next(records, None)
        spent[0] += time.perf_counter() - started
        if record is None:
            return
        yield record


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
    "NOT": [("crime NOT plan", None, "crime NOT plan")],
    "wildcard": [("polic*", None, "polic*")],
    "year range": [("crime year:[2015 TO 2018]", None, "crime")],
    "OR": [("cctv OR graffiti", None, "cctv OR graffiti")],
}


def timings(fn, runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, round(len(samples) * 0.95) - 1)]


def fts5(db: sqlite3.Connection, query: str, council: str | None):
    sql = "SELECT rowid, snippet(p, 0, '<b>', '</b>', '…', 12) FROM p WHERE p MATCH ?"
    params: tuple = (query,)
    if council:
        sql += " AND council = ?"
        params = (query, council)
    return db.execute(sql + " ORDER BY rank LIMIT 10", params).fetchall()


def bench_size(passages: int, engines: list[str], folder: Path, runs: int, whoosh_minutes: float) -> None:
    from cspsearch import services

    print(f"\n== {passages:,} passages ==", flush=True)
    built: dict[str, Path] = {}
    for engine in engines:
        estimate = passages / 1000 * WHOOSH_SECONDS_PER_1000 / 60
        if engine == "whoosh" and estimate > whoosh_minutes and not (folder / f"whoosh-{passages}" /
                                                                        f"built-{passages}").exists():
            print(f"whoosh skipped: building {passages:,} passages would take about {estimate:.0f} minutes "
                  f"({WHOOSH_SECONDS_PER_1000} s per 1,000), past --whoosh-minutes {whoosh_minutes:g}")
            continue
        built[engine] = build_synthetic_index(folder / f"{engine}-{passages}", passages, engine)
    started = time.perf_counter()
    db = build_sqlite(passages)
    print(f"built FTS5 in {time.perf_counter() - started:.1f}s", flush=True)
    print(f"{'query':<15}" + "".join(f"{name + ' p50':>14}{'p95':>8}" for name in [*built, "FTS5"]))
    for kind, queries in QUERIES.items():
        for query, council, fts in queries:
            cells = []
            for index in built.values():
                councils = [council] if council else None
                services.search(query, index, councils=councils)  # warm the cached searcher
                cells.append(timings(lambda q=query, i=index, c=councils: services.search(q, i, councils=c), runs))
            cells.append(timings(lambda q=fts, c=council: fts5(db, q, c), runs))
            print(f"{kind[:14]:<15}" + "".join(f"{p50:>12.1f}ms{p95:>6.1f}ms" for p50, p95 in cells) + f"   {query}",
                  flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--passages", type=int, help="one size only (overrides --sizes)")
    ap.add_argument("--engines", default="whoosh,tantivy")
    ap.add_argument("--folder", type=Path, default=Path("/tmp/cspsearch-bench"))
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--whoosh-minutes", type=float, default=15.0)
    args = ap.parse_args()
    sizes = [args.passages] if args.passages else [int(s) for s in args.sizes.split(",")]
    for passages in sizes:
        bench_size(passages, args.engines.split(","), args.folder, args.runs, args.whoosh_minutes)
    print("\ncspsearch times are full searches (services.search): parse, synonyms, filters, grouping per "
          "paper, facets, highlighted snippets of the top 10 papers, left-out counts.")


if __name__ == "__main__":
    main()
