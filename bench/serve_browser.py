"""The served app in a real browser: time from `cspsearch serve` starting to the first results on the page.

Headless Chromium (Debian's, at /usr/bin; `make browser` installs it) is opened first, as a
person's browser already is; then, per run, the clock starts with a fresh `cspsearch serve`
process and stops at three moments seen in the page's terminal:
  page     the page loaded and its xterm.js terminal made,
  app      the app's first screen drawn (the query box's placeholder on the page),
  results  after the query is typed, the title of the CLI's first result on the page.
Each run starts the server anew, so each includes Python's start, the server's and the app's.

Prints each run and the median, no pass/fail.

    .venv/bin/python bench/serve_browser.py [--index FOLDER] [--query CCTV] [--runs 3]

Without --index, an index of corpus/maidstone and corpus/medway is built in a temporary folder.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser_helpers import chromium_missing, headless_chromium, search_on_served_page  # noqa: E402

from cspsearch import services  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="an existing index (default: a few sample papers)")
    parser.add_argument("--query", default="CCTV")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if (missing := chromium_missing()) is not None:
        print(f"Cannot measure: {missing}.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="cspsearch-serve-browser-") as scratch:
        work = Path(scratch)
        index = args.index or work / "index"
        if args.index is None:
            services.ingest([ROOT / "corpus" / "maidstone", ROOT / "corpus" / "medway"], index, jobs=1)
        found = services.search(args.query, index)["results"]
        if not found:
            print(f"Nothing in {index} matches {args.query!r}; choose another --query.", file=sys.stderr)
            return 1
        title = found[0]["title"]
        print(f"query {args.query!r}, waiting for {title!r}; Chromium at 1400x900, headless")
        runs = []
        with headless_chromium(work / "chromium-profile") as driver:
            for run in range(1, args.runs + 1):
                seen = search_on_served_page(driver, index, args.query, title, work / f"serve-{run}.log")
                runs.append(seen)
                print(f"run {run}: serve start -> page {seen.page:.2f}s, app {seen.app:.2f}s, "
                      f"results {seen.results:.2f}s")
    print(f"median of {len(runs)}: page {statistics.median(r.page for r in runs):.2f}s, "
          f"app {statistics.median(r.app for r in runs):.2f}s, "
          f"results {statistics.median(r.results for r in runs):.2f}s (serve start -> first results on the page)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
