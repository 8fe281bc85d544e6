"""`cspsearch serve` in a real headless Chromium: a search typed on the page shows the CLI's result."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import chromium_missing, headless_chromium, processes_using, search_on_served_page, until

from cspsearch import services

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
# Screenshots for a person to look at after a run (ignored by git).
ARTEFACTS = Path(__file__).resolve().parent / "artefacts"
QUERY = "CCTV"

pytestmark = pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))


def test_a_search_typed_in_chromium_shows_the_first_result_of_the_cli(tmp_path):
    index = tmp_path / "index"
    report = services.ingest([CORPUS / "maidstone", CORPUS / "medway"], index, jobs=1)
    assert not report.failed, report.failed
    title = services.search(QUERY, index)["results"][0]["title"]
    ARTEFACTS.mkdir(exist_ok=True)

    with headless_chromium(tmp_path / "chromium-profile") as driver:
        size = driver.execute_script("return [window.innerWidth, window.innerHeight]")
        seen = search_on_served_page(driver, index, QUERY, title, tmp_path / "serve.log",
                                     screenshot=ARTEFACTS / "serve_browser.png")
        chromedriver = driver.service.process
    print(f"serve start -> page {seen.page:.2f}s, app drawn {seen.app:.2f}s, "
          f"first results for {QUERY!r} {seen.results:.2f}s")

    query_line = next(line for line in seen.screen.splitlines() if QUERY in line)
    assert "Search papers" not in query_line  # typed into the box: the placeholder gave way to the query
    assert size[0] >= 1200 and size[1] >= 600  # a desktop's window, so the results table is not cut short
    assert (ARTEFACTS / "serve_browser.png").stat().st_size > 10_000  # a picture of the page, not a blank
    # Nothing is left running: the server, the app it started for the tab, Chromium and its driver.
    until(lambda: "ended" if not processes_using(str(tmp_path)) else None, 10,
          "every process of the run ended", lambda: str(processes_using(str(tmp_path))))
    assert chromedriver is None or chromedriver.poll() is not None
