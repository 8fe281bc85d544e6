"""A real headless Chromium on a real `cspsearch serve`: start both, read the terminal's text, type, stop."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

ROOT = Path(__file__).resolve().parents[1]
# Debian's packages (`make browser` installs them). Both are named outright so that Selenium
# never runs its own manager, which would try to download a browser and a driver.
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

# textual-serve's page keeps its xterm.js Terminal inside its bundle, and the canvas renderer
# draws the text as pixels. The DevTools protocol lists every object of the page, so the one
# that answers xterm's public API is found without changing the page; its buffer is the text
# on screen, line for line.
FIND_TERMINAL = """function () {
  return this.find(o => { try { return !!(o && o._core && o._addonManager && o.buffer
    && typeof o.buffer.active.getLine === 'function'); } catch (e) { return false; } }) || null;
}"""
SCREEN_TEXT = """function () {
  const buffer = this.buffer.active, lines = [];
  for (let row = 0; row < this.rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    lines.push(line ? line.translateToString(true) : '');
  }
  return lines.join('\\n');
}"""


def chromium_missing() -> str | None:
    """Why a browser test cannot run here, or None when Chromium and its driver are installed."""
    absent = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]
    if absent:
        return f"{' and '.join(absent)} not installed (make browser, or apt-get install chromium chromium-driver)"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(index: Path, port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`cspsearch serve` as its own process group (it starts one `cspsearch tui` per tab); all of it ends after."""
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cspsearch", "serve", "--port", str(port), "--index", str(index)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            yield proc
        finally:
            stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """End a process started in its own group, and everything it started: politely, then not."""
    os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@contextmanager
def headless_chromium(profile: Path, width: int = 1400, height: int = 900) -> Iterator[WebDriver]:
    """Chromium without a screen, its profile in `profile`, that resolves no name but this machine's."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new", f"--window-size={width},{height}", f"--user-data-dir={profile}",
        # Nothing leaves the machine: the page's web font and Chromium's own services fail at once.
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-dev-shm-usage",  # a container's /dev/shm is often too small for Chromium
    ):
        options.add_argument(argument)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium refuses to start its sandbox as root
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def processes_using(marker: str) -> list[int]:
    """Ids of running processes whose command line holds `marker` (a path unique to one run)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue  # ended while being looked at
        if marker.encode() in command and state != "Z":
            found.append(int(entry.name))
    return found


def until(check: Callable[[], str | None], timeout: float, what: str, last: Callable[[], str]) -> str:
    """The first truthy answer of `check`, polled; on timeout an error naming `what` and the last screen."""
    deadline = time.monotonic() + timeout
    while True:
        answer = check()
        if answer:
            return answer
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not seen in {timeout:.0f}s; the page showed:\n{last()}")
        time.sleep(0.1)


class ServedTerminal:
    """The served app's page in the browser: what its terminal shows, and keys typed into it."""

    def __init__(self, driver: WebDriver) -> None:
        self.driver = driver
        self.terminal_id: str | None = None

    def open(self, url: str, timeout: float, server: subprocess.Popen[bytes] | None = None) -> None:
        """Load `url`, again while `server` is still starting, then find the page's terminal."""
        def loaded() -> str | None:
            if server is not None and server.poll() is not None:
                raise AssertionError(f"the server ended (exit code {server.returncode}) before its page loaded")
            try:
                self.driver.get(url)
            except WebDriverException:  # connection refused: not listening yet
                return None
            return "loaded" if self.driver.find_elements(By.ID, "terminal") else None

        until(loaded, timeout, f"the page at {url}", lambda: self.driver.page_source[-400:])
        until(self._find_terminal, timeout, "an xterm.js terminal", lambda: self.driver.page_source[-400:])

    def _find_terminal(self) -> str | None:
        cdp = self.driver.execute_cdp_cmd
        prototype = cdp("Runtime.evaluate", {"expression": "Object.prototype"})["result"]["objectId"]
        every_object = cdp("Runtime.queryObjects", {"prototypeObjectId": prototype})["objects"]["objectId"]
        found = cdp("Runtime.callFunctionOn", {"objectId": every_object, "functionDeclaration": FIND_TERMINAL})
        cdp("Runtime.releaseObject", {"objectId": every_object})
        self.terminal_id = found["result"].get("objectId")
        return self.terminal_id

    def text(self) -> str:
        """The terminal's screen as text, one line per row, trailing blanks trimmed."""
        assert self.terminal_id, "open() first"
        answer = self.driver.execute_cdp_cmd("Runtime.callFunctionOn", {
            "objectId": self.terminal_id, "functionDeclaration": SCREEN_TEXT, "returnByValue": True,
        })
        return str(answer["result"]["value"])

    def wait_for(self, wanted: str, timeout: float) -> str:
        """The screen once `wanted` is on it (spaces as on screen do not matter)."""
        words = " ".join(wanted.split())

        def shown() -> str | None:
            screen = self.text()
            return screen if words in " ".join(screen.split()) else None

        return until(shown, timeout, repr(wanted), self.text)

    def type(self, keys: str) -> None:
        """Keys as a person presses them, into xterm's input (which hands them to the app)."""
        self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(keys)


@dataclass
class SearchSeen:
    """Seconds from `serve` starting to each stage on the page, and the screen with the results."""

    page: float  # the page loaded, its terminal made
    app: float  # the app's first screen drawn on it
    results: float  # the result wanted on screen after typing the query
    screen: str


def search_on_served_page(driver: WebDriver, index: Path, query: str, wanted: str, log: Path,
                          screenshot: Path | None = None, timeout: float = 30) -> SearchSeen:
    """Start `cspsearch serve` on `index`, open it in `driver`, type `query`, wait for `wanted`; stop it.

    The browser is already open, as a person's is: the clock runs from the server's start.
    `screenshot` keeps the page with the results (or, beside it, `-failed`, the page as it was).
    """
    port = free_port()
    page = ServedTerminal(driver)
    with served(index, port, log) as server:
        started = time.monotonic()
        try:
            page.open(f"http://127.0.0.1:{port}/", timeout, server)
            loaded = time.monotonic() - started
            page.wait_for("Search papers", timeout)  # the query box's placeholder: the app is up
            drawn = time.monotonic() - started
            page.type(query)
            screen = page.wait_for(wanted, timeout)
            results = time.monotonic() - started
        except AssertionError as failure:
            if screenshot is not None:
                driver.save_screenshot(str(screenshot.with_stem(screenshot.stem + "-failed")))
            said = log.read_text(errors="replace")[-2000:]
            raise AssertionError(f"{failure}\n\ncspsearch serve said:\n{said}") from None
        if screenshot is not None:
            driver.save_screenshot(str(screenshot))  # before the server stops and the page says so
            screenshot.with_stem(screenshot.stem + "-failed").unlink(missing_ok=True)  # an older run's
    return SearchSeen(loaded, drawn, results, screen)
