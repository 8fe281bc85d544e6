"""Ranking quality on the graded query set: nDCG@10 and MRR per query and overall, per engine.

Indexes corpus/ and ../shared/corpus-real into a temp folder (or uses --index DIR, ingesting
into it only when it is empty), runs every query of tests/data/graded_queries.yaml through
services.search and prints each query's nDCG@10 and reciprocal rank, then the means. Papers
are graded by file name; a paper indexed once under several names (a copy in both folders)
is matched by its content hash, so whichever name the index kept counts.

    .venv/bin/python bench/ranking.py [--engine whoosh|tantivy|all] [--index DIR] [-v]
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import math
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cspsearch import services  # noqa: E402

GRADED = ROOT / "tests" / "data" / "graded_queries.yaml"
PAPERS = [ROOT / "corpus", ROOT.parent / "shared" / "corpus-real"]
CUTOFF = 10


def load_graded(path: Path = GRADED) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def hashes_by_name(folders: list[Path]) -> dict[str, str]:
    """File name -> sha256 of every paper under the folders."""
    out: dict[str, str] = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                out[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def ndcg(grades: list[int], ideal: list[int], cutoff: int = CUTOFF) -> float:
    def dcg(values: list[int]) -> float:
        return sum((2 ** g - 1) / math.log2(n + 2) for n, g in enumerate(values[:cutoff]))

    best = dcg(sorted(ideal, reverse=True))
    return dcg(grades) / best if best else 0.0


def reciprocal_rank(grades: list[int], wanted: int = 2) -> float:
    """1/rank of the first paper graded `wanted` or better (a paper the officer is after)."""
    return next((1 / (n + 1) for n, g in enumerate(grades) if g >= wanted), 0.0)


def evaluate(index: Path, graded: list[dict[str, Any]], hashes: dict[str, str],
             verbose: bool = False) -> tuple[float, float]:
    docs = services.documents(index)
    sha_of_doc = {d["doc_id"]: d.get("sha256") for d in docs}
    missing = sorted({name for q in graded for name in q["relevant"] if name not in hashes})
    if missing:
        raise SystemExit(f"graded papers not found under {', '.join(map(str, PAPERS))}: {', '.join(missing)}")
    ndcgs, rrs = [], []
    for item in graded:
        by_sha = {hashes[name]: grade for name, grade in item["relevant"].items()}
        result = services.search(item["query"], index, limit=CUTOFF)
        grades = [by_sha.get(sha_of_doc.get(row["doc_id"]) or "", 0) for row in result["results"]]
        score, rr = ndcg(grades, list(by_sha.values())), reciprocal_rank(grades)
        ndcgs.append(score)
        rrs.append(rr)
        print(f"{score:6.3f} {rr:5.2f}  {item['query']}")
        if verbose and score < 1:
            for row, grade in zip(result["results"], grades, strict=True):
                print(f"{'':14}{grade}  {Path(row['path']).name[:90]}")
    return sum(ndcgs) / len(ndcgs), sum(rrs) / len(rrs)


def engines() -> list[str]:
    """The engines this installation can build an index with."""
    return ["whoosh", "tantivy"] if "engine" in inspect.signature(services.ingest).parameters else ["whoosh"]


def build(folder: Path, engine: str, jobs: int) -> None:
    kwargs: dict[str, Any] = {"engine": engine} if len(engines()) > 1 else {}
    services.ingest(PAPERS, folder, jobs=jobs, **kwargs)
    print(f"indexed {', '.join(map(str, PAPERS))} into {folder} ({engine})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", default="all", help="whoosh, tantivy or all (every engine available)")
    ap.add_argument("--index", type=Path, help="an index of the papers to use (built there when empty)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("-v", "--verbose", action="store_true", help="list the ranked papers of imperfect queries")
    args = ap.parse_args()
    available = engines()
    wanted = available if args.engine == "all" else [args.engine]
    for engine in wanted:
        if engine not in available:
            raise SystemExit(f"this installation has no {engine} engine (it has {', '.join(available)})")
    graded, hashes = load_graded(), hashes_by_name(PAPERS)
    summary = []
    for engine in wanted:
        temp = None
        if args.index and len(wanted) == 1:
            folder = args.index
        else:
            folder = Path(temp := tempfile.mkdtemp(prefix=f"cspsearch-ranking-{engine}-"))
        try:
            if not services.index_status(folder)["exists"]:
                build(folder, engine, args.jobs)
            print(f"\n{engine}: nDCG@{CUTOFF}   RR   query")
            summary.append((engine, *evaluate(folder, graded, hashes, args.verbose)))
        finally:
            if temp:
                shutil.rmtree(temp, ignore_errors=True)
    print()
    for engine, mean_ndcg, mrr in summary:
        print(f"{engine}: nDCG@{CUTOFF} {mean_ndcg:.3f}  MRR {mrr:.3f}  ({len(graded)} queries)")


if __name__ == "__main__":
    main()
