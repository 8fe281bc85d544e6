"""TUI latency: launch to the first paint of the search screen, and keystroke to updated results.

1. Cold start: a fresh interpreter imports the app, runs it headless (App.run_test, 80x24)
   and stops the clock when the search screen is mounted and has refreshed once; the
   interpreter's own start-up is reported beside it.
2. Keystroke to results: on the synthetic index of bench/search.py (100,000 passages by
   default; built there and reused), on each engine (Whoosh and tantivy) in turn, queries
   are typed one key at a time; each key's time
   runs from the key press to the moment the results for the new text are on screen (the
   typing pause of QueryBar included). The services.search calls the TUI makes are timed
   in place, so the UI's own share shows.

Prints figures and ratios, no pass/fail (targets: start <= 1 s, keystroke p95 <= 150 ms).

    .venv/bin/python bench/tui.py [--passages 100000] [--engines whoosh,tantivy] [--folder /tmp/cspsearch-bench]
        [--starts 5]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TYPED = ["community safety", "domestic abuse", "crime plan", "partnership"]
START_TARGET_S, KEY_TARGET_MS = 1.0, 150.0

CHILD = """
import time
t0 = time.perf_counter()
import asyncio, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from cspsearch.tui.app import CspSearchApp
t_import = time.perf_counter()

async def main():
    app = CspSearchApp(Path({index!r}))
    async with app.run_test(size=(80, 24)) as pilot:
        while not (app.screen.__class__.__name__ == "SearchScreen" and app.screen.query("#query")):
            await pilot.pause(0.005)
        await pilot.pause()  # one refresh: the first paint of the mounted screen
        t_ready = time.perf_counter()
    print(t_import - t0, t_ready - t0)

asyncio.run(main())
"""


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def cold_starts(index: Path, runs: int) -> None:
    """Launch the app in fresh interpreters; print import and first-paint times."""
    empty = subprocess.run([sys.executable, "-c", "pass"], capture_output=True)
    assert empty.returncode == 0
    interp, imports, ready = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        interp.append(time.perf_counter() - started)
        out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT), index=str(index))],
                             capture_output=True, text=True, check=True)
        t_import, t_ready = map(float, out.stdout.split())
        imports.append(t_import)
        ready.append(t_ready)
    med = statistics.median(ready)
    print(f"cold start over {runs} launches (80x24, headless):")
    print(f"  python itself         median {statistics.median(interp) * 1000:6.0f} ms")
    print(f"  import the app        median {statistics.median(imports) * 1000:6.0f} ms")
    print(f"  to search screen      median {med * 1000:6.0f} ms   max {max(ready) * 1000:6.0f} ms"
          f"   ({med / START_TARGET_S:.2f}x the 1 s target, python start not included)")


def load_search_bench():
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def send_key(app, key: str, char: str | None) -> None:
    """Hand a key to the app the way a terminal driver does (Pilot.press would add its own waiting)."""
    from textual import events

    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def keystrokes(index: Path) -> tuple[list[float], list[str]]:
    """Type each text in TYPED key by key; the ms from each key to its results being shown."""
    from cspsearch.tui.app import CspSearchApp

    app = CspSearchApp(index)
    samples, texts = [], []
    async with app.run_test(size=(80, 24)) as pilot:
        while not app.screen.query("#query"):
            await pilot.pause(0.01)
        screen = app.screen
        for text in TYPED:
            screen.query_one("#query").value = ""
            await pilot.pause(0.3)
            for n in range(1, len(text) + 1):
                typed = text[:n]
                started = time.perf_counter()
                send_key(app, "space" if typed[-1] == " " else typed[-1], typed[-1])
                if typed[-1] == " ":  # the query does not change: nothing new to wait for
                    await asyncio.sleep(0.2)
                    continue
                while screen.shown_query != typed:
                    await asyncio.sleep(0.005)
                samples.append((time.perf_counter() - started) * 1000)
                texts.append(typed)
    return samples, texts


def timing_service_calls() -> list[float]:
    """Wrap services.search so each call the TUI makes records its own duration (ms)."""
    from cspsearch import services

    calls: list[float] = []
    search = services.search

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return search(*args, **kwargs)
        finally:
            calls.append((time.perf_counter() - started) * 1000)

    services.search = timed
    return calls


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--engines", default="whoosh,tantivy")
    ap.add_argument("--folder", type=Path, default=Path("/tmp/cspsearch-bench"))
    ap.add_argument("--starts", type=int, default=5, help="cold launches to time")
    ap.add_argument("--no-keys", action="store_true", help="time the cold start only")
    args = ap.parse_args()

    search_bench = load_search_bench()
    engines = args.engines.split(",")
    indexes = {engine: search_bench.build_synthetic_index(args.folder / f"{engine}-{args.passages}", args.passages,
                                                          engine) for engine in engines}
    cold_starts(indexes[engines[0]], args.starts)
    if args.no_keys:
        return
    calls = timing_service_calls()
    for engine, index in indexes.items():
        keys_on(engine, index, args.passages, calls)


def keys_on(engine: str, index: Path, passages: int, calls: list[float]) -> None:
    from cspsearch import services
    from cspsearch.tui.widgets.query_bar import QueryBar

    services.search("warm up", index)  # open the searcher once, as the first keystroke of a session would
    calls.clear()
    samples, texts = asyncio.run(keystrokes(index))
    p50, p95 = statistics.median(samples), percentile(samples, 0.95)
    s50, s95 = statistics.median(calls), percentile(calls, 0.95)
    print(f"keystroke -> results on screen, {engine}, {passages:,} passages, {len(samples)} keys:")
    print(f"  TUI end to end        p50 {p50:6.0f} ms   p95 {p95:6.0f} ms   max {max(samples):6.0f} ms"
          f"   ({p95 / KEY_TARGET_MS:.2f}x the 150 ms p95 target)")
    pause = QueryBar.PAUSE_SECONDS * 1000
    print(f"  its services.search   p50 {s50:6.0f} ms   p95 {s95:6.0f} ms   ({len(calls)} calls, timed in place)")
    print(f"  the UI's own share    p50 {p50 - s50:6.0f} ms, of which {pause:.0f} ms is QueryBar's typing pause")
    slowest = sorted(zip(samples, texts, strict=True), reverse=True)[:3]
    print("  slowest keys: " + ", ".join(f"{t!r} {ms:.0f} ms" for ms, t in slowest))


if __name__ == "__main__":
    main()
