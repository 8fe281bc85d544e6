"""`cspsearch serve` as a real process: it says where to go, and the page there is the Textual app's."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from browser_helpers import free_port, stop

from cspsearch.cli.serve_cmd import address, tui_command

ROOT = Path(__file__).resolve().parents[1]


def fetch(url: str, deadline: float) -> str:
    """The page at `url`, retried until the server has started or `deadline` passes."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_answers_with_the_app_page(tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "cspsearch", "serve", "--port", str(port), "--index", str(tmp_path / "index")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        started = time.monotonic()
        page = fetch(f"http://127.0.0.1:{port}/", started + 30)
        assert "<html" in page.lower()
        assert "cspsearch" in page  # the title the server was given
        assert f"ws://127.0.0.1:{port}/ws" in page  # the socket the browser opens to drive the app
        assert "textual" in page.lower()
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            _, err = proc.communicate()
    assert f"Open http://127.0.0.1:{port} in a web browser" in err
    assert "no login" not in err  # loopback: nobody else can reach it, so no warning


def start(index: Path, port: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cspsearch", "serve", "--port", str(port), "--index", str(index)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True, start_new_session=True,
    )


async def drive(port: int, query: str, wanted: str, timeout: float = 60) -> tuple[float, float]:
    """Be the browser: open the app's socket, wait for the search box, type, wait for `wanted` on screen.

    Returns the seconds to the first screen and to the results, from now.
    """
    import aiohttp  # textual-serve's own web library

    started = time.monotonic()
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"ws://127.0.0.1:{port}/ws?width=160&height=45") as socket_:
            screen, first = "", None
            while time.monotonic() - started < timeout:
                try:
                    message = await asyncio.wait_for(socket_.receive(), 1)
                except TimeoutError:
                    continue
                if message.type != aiohttp.WSMsgType.BINARY and message.type != aiohttp.WSMsgType.TEXT:
                    break
                data = message.data if isinstance(message.data, str) else message.data.decode("utf-8", "replace")
                screen += re.sub(r"\x1b\[[0-9;?$]*[A-Za-z]", "", data)
                if first is None and "Search papers" in screen:
                    first = time.monotonic() - started
                    screen = ""  # from here on, only what typing the query draws
                    await socket_.send_json(["stdin", query])
                elif first is not None and wanted in " ".join(screen.split()):
                    return first, time.monotonic() - started
    raise AssertionError(f"{wanted!r} never appeared; the screen ended: {' '.join(screen.split())[-400:]!r}")


def test_a_search_typed_in_the_served_app_shows_results(corpus_index):
    from cspsearch import services

    title = services.search("domestic abuse", corpus_index)["results"][0]["title"]
    port = free_port()
    started = time.monotonic()
    proc = start(corpus_index, port)
    try:
        fetch(f"http://127.0.0.1:{port}/", started + 30)
        page = time.monotonic() - started
        first, results = asyncio.run(drive(port, "domestic abuse", title[:20]))
    finally:
        stop(proc)
    print(f"serve start -> page {page:.2f}s, first screen {page + first:.2f}s, results {page + results:.2f}s")


def test_served_command_runs_this_python_on_the_given_index(tmp_path):
    command = tui_command(tmp_path / "my index")
    assert command.startswith(sys.executable)
    assert "-m cspsearch tui --index" in command
    assert f"'{tmp_path / 'my index'}'" in command  # quoted: a space in the folder stays one argument


def test_address_for_every_interface_names_this_machine():
    assert address("127.0.0.1", 8000, None) == "http://127.0.0.1:8000"
    assert address("0.0.0.0", 8080, None) == f"http://{socket.gethostname()}:8080"
    assert address("0.0.0.0", 8080, "https://desk.example.gov.uk/") == "https://desk.example.gov.uk"


def test_a_port_in_use_is_a_sentence(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "cspsearch", "serve", "--port", str(port), "--index", str(tmp_path)],
            cwd=ROOT, capture_output=True, text=True, timeout=30,
        )
    assert result.returncode == 1
    assert f"Cannot listen on 127.0.0.1:{port}: address already in use" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
