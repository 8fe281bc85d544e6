#!/usr/bin/env python3
"""Score `cspsearch extract --json` output against a hand-labelled gold file.

Usage (from the project root):
    python3 ../shared/tools/score_extraction.py                      # the seeds
    python3 ../shared/tools/score_extraction.py --gold G.yaml --docs DIR
    python3 ../shared/tools/score_extraction.py --jsonl out.jsonl    # score saved output

It runs the extractor once over every document the gold file names, then matches
each gold item to an extracted entity by its normalised value (see
../spec/extract-json.md). Recall counts required items; optional items found are
reported as a bonus; precision is counted for money, legal references and CSP
priorities, where the gold lists every item, over distinct values (the same Act cited
five times counts once). A kind a document's gold does not name is
not scored for it; kinds listed under a document's `partial:` get recall only. The last
line is the overall figure.
Exit status: 0, or 1 when --min-f1 is given and the overall F1 falls below it.
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

try:
    import yaml
except ImportError:  # pragma: no cover - PyYAML is on every machine here
    yaml = None

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent


def norm_text(s: str | None) -> str:
    s = (s or "").lower().replace("&", " and ")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(s.split())


def norm_instrument(s: str | None) -> str:
    s = norm_text(s)
    return s[4:] if s.startswith("the ") else s


def norm_provision(s: str | None) -> str:
    return re.sub(r"\s+", "", (s or "").lower())


def text_match(gold: str, got: str) -> bool:
    a, b = norm_text(gold), norm_text(got)
    if not a or not b:
        return False
    if a == b or (len(a) > 8 and (a in b or b in a) and min(len(a), len(b)) / max(len(a), len(b)) > 0.6):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def fy(value: str | None) -> str | None:
    """'2019-2020', '2019/20', '2019-20' -> '2019-20'."""
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d{4})\s*[-/–]\s*(\d{2}|\d{4})\s*", str(value))
    if not m:
        return str(value)
    return f"{m.group(1)}-{m.group(2)[-2:]}"


# Each matcher: (gold item, extracted entity) -> bool
def match_money(g, e):
    if e.get("type") != "money":
        return False
    if g.get("amount") is None:
        return text_match(g.get("text", ""), e.get("text", "")) or text_match(g.get("text", ""), e.get("grant") or "")
    return e.get("amount") is not None and abs(float(e["amount"]) - float(g["amount"])) < 0.5


def match_legal(g, e):
    if e.get("type") != "legal":
        return False
    if norm_instrument(g.get("instrument")) != norm_instrument(e.get("instrument")):
        return False
    return norm_provision(g.get("provision")) == norm_provision(e.get("provision"))


def match_date(g, e):
    if "financial_year" in g:
        return e.get("type") == "financial_year" and fy(e.get("value")) == fy(g["financial_year"])
    return e.get("type") == "date" and str(e.get("value")) == str(g["value"])


def match_priority(g, e):
    if e.get("type") != "priority" or e.get("scheme") not in (None, "csp"):
        return False
    if g.get("text"):
        return text_match(g["text"], e.get("text", ""))
    want = set(g.get("themes") or [])
    return bool(want & set(e.get("themes") or [])) and (
        not g.get("status") or norm_text(g["status"]) == norm_text(e.get("status")))


def match_acronym(g, e):
    return (e.get("type") == "acronym" and norm_text(e.get("short")).rstrip("s") == norm_text(g["short"]).rstrip("s")
            and text_match(g["long"], e.get("long", "")))


KINDS = {  # gold key -> (matcher, count precision?)
    "money": (match_money, True),
    "legal": (match_legal, True),
    "dates": (match_date, False),
    "priorities": (match_priority, True),
    "acronyms": (match_acronym, False),
}
PRECISION_TYPES = {"money": lambda e: e.get("type") == "money" and e.get("amount") is not None,
                   "legal": lambda e: e.get("type") == "legal" and e.get("instrument_type") != "other",
                   "priorities": lambda e: e.get("type") == "priority" and e.get("scheme") in (None, "csp")}
DISTINCT_KEY = {"money": lambda e: f"{float(e['amount']):.2f}",
                "legal": lambda e: f"{norm_instrument(e.get('instrument'))}|{norm_provision(e.get('provision'))}",
                "priorities": lambda e: norm_text(e.get("text"))}
META_FIELDS = ("council_id", "meeting_date", "year", "title")


def _plain(value):
    """YAML reads 2020-12-03 as a date: compare such values as ISO strings."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def load_gold(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):
        if yaml is None:
            sys.exit("PyYAML is needed to read " + str(path))
        return _plain(yaml.safe_load(text))
    return json.loads(text)


def default_cmd() -> str:
    venv = Path(".venv/bin/cspsearch")
    return f"{venv} extract --json" if venv.exists() else "cspsearch extract --json"


def run_extractor(cmd: str, files: list[Path]) -> list[dict]:
    proc = subprocess.run(shlex.split(cmd) + [str(f) for f in files], capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr[-4000:])
        sys.exit(f"extractor failed with exit status {proc.returncode}: {cmd}")
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip().startswith("{")]


def score(gold: dict, results: list[dict], verbose: bool) -> dict:
    by_name = {Path(r.get("path", "")).name: r for r in results}
    totals = {k: {"req": 0, "hit": 0, "opt": 0, "opt_hit": 0, "emitted": 0, "matched": 0} for k in KINDS}
    meta = {"req": 0, "hit": 0}
    money_fy = {"req": 0, "hit": 0}
    themes = {"req": 0, "hit": 0}
    misses: list[str] = []
    for name, doc_gold in gold.items():
        res = by_name.get(name)
        if res is None:
            misses.append(f"{name}: no output line")
            res = {"entities": [], "meta": {}}
        if res.get("error"):
            misses.append(f"{name}: error: {res['error']}")
        ents = res.get("entities") or []
        got_meta = res.get("meta") or {}
        for f in META_FIELDS:
            if f in doc_gold and doc_gold[f] is not None:
                meta["req"] += 1
                ok = (text_match(str(doc_gold[f]), str(got_meta.get(f) or "")) if f == "title"
                      else str(got_meta.get(f)) == str(doc_gold[f]))
                meta["hit"] += ok
                if not ok:
                    misses.append(f"{name}: meta.{f}: want {doc_gold[f]!r}, got {got_meta.get(f)!r}")
        partial = set(doc_gold.get("partial") or [])  # kinds whose gold lists only some items
        for kind, (matcher, _) in KINDS.items():
            if kind not in doc_gold:  # not labelled for this document: not scored
                continue
            items = doc_gold.get(kind) or []
            used: set[int] = set()
            for g in items:
                found = None
                for i, e in enumerate(ents):
                    if i not in used and matcher(g, e):
                        found = i
                        break
                t = totals[kind]
                if g.get("optional"):
                    t["opt"] += 1
                    t["opt_hit"] += found is not None
                else:
                    t["req"] += 1
                    t["hit"] += found is not None
                    if found is None:
                        misses.append(f"{name}: {kind}: missed {g.get('text') or g}")
                if found is not None:
                    used.add(found)
                if kind == "priorities" and g.get("themes") and g.get("text") and not g.get("optional"):
                    themes["req"] += 1
                    got = set(ents[found].get("themes") or []) if found is not None else set()
                    ok = set(g["themes"]) <= got
                    themes["hit"] += ok
                    if found is not None and not ok:
                        misses.append(f"{name}: priority {g['text']!r} themes: want {sorted(g['themes'])}, "
                                      f"got {sorted(got)}")
                if kind == "money" and g.get("financial_year") and not g.get("optional"):
                    money_fy["req"] += 1
                    ok = found is not None and fy(ents[found].get("financial_year")) == fy(g["financial_year"])
                    money_fy["hit"] += ok
                    if found is not None and not ok:
                        misses.append(f"{name}: money: {g.get('text')} financial year: want {g['financial_year']}, "
                                      f"got {ents[found].get('financial_year')!r}")
            if kind in PRECISION_TYPES and kind not in partial:
                # Precision over distinct values: a paper may cite the same Act or amount
                # many times, and the gold lists each distinct value once.
                distinct: dict[str, dict] = {}
                for e in ents:
                    if PRECISION_TYPES[kind](e):
                        distinct.setdefault(DISTINCT_KEY[kind](e), e)
                for e in distinct.values():
                    ok = any(matcher(g, e) for g in items)
                    totals[kind]["emitted"] += 1
                    totals[kind]["matched"] += ok
                    if verbose and not ok:
                        misses.append(f"{name}: {kind}: unexpected {e.get('text')!r}")
    return {"totals": totals, "meta": meta, "money_fy": money_fy, "themes": themes, "misses": misses}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "seeds.yaml")
    ap.add_argument("--docs", type=Path, default=None, help="folder holding the documents the gold names")
    ap.add_argument("--cmd", default=None, help="extractor command (default: cspsearch extract --json)")
    ap.add_argument("--jsonl", type=Path, default=None, help="score saved extractor output instead")
    ap.add_argument("--min-f1", type=float, default=None)
    ap.add_argument("-v", "--verbose", action="store_true", help="also list unexpected entities")
    args = ap.parse_args()

    gold = load_gold(args.gold)
    docs = args.docs or (SHARED / "seeds" if args.gold.name == "seeds.yaml" else args.gold.parent)
    if args.jsonl:
        results = [json.loads(l) for l in args.jsonl.read_text().splitlines() if l.strip()]
    else:
        files = [docs / name for name in gold]
        missing = [str(f) for f in files if not f.exists()]
        if missing:
            sys.exit("missing documents: " + ", ".join(missing))
        results = run_extractor(args.cmd or default_cmd(), files)
    out = score(gold, results, args.verbose)

    print(f"{'kind':<11}{'recall':>14}{'precision':>14}{'optional':>10}")
    tp = fn = fp = 0
    for kind, t in out["totals"].items():
        rec = f"{t['hit']}/{t['req']}"
        prec = f"{t['matched']}/{t['emitted']}" if kind in PRECISION_TYPES else "-"
        print(f"{kind:<11}{rec:>14}{prec:>14}{t['opt_hit']:>6}/{t['opt']}")
        tp += t["hit"]
        fn += t["req"] - t["hit"]
        if kind in PRECISION_TYPES:
            fp += t["emitted"] - t["matched"]
    m = out["meta"]
    print(f"{'meta':<11}{m['hit']:>11}/{m['req']}")
    mf, th = out["money_fy"], out["themes"]
    print(f"{'money year':<11}{mf['hit']:>11}/{mf['req']}")
    print(f"{'themes':<11}{th['hit']:>11}/{th['req']}")
    for t in (m, mf, th):
        tp += t["hit"]
        fn += t["req"] - t["hit"]
    for line in out["misses"]:
        print("  " + line)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"overall: recall {r:.3f} precision {p:.3f} F1 {f1:.3f}")
    if args.min_f1 is not None and f1 < args.min_f1:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
