"""What the TUI tests share: waiting for the app to reach a state (its workers run in threads)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def until(pilot, condition: Callable[[], object], timeout: float = 15.0) -> None:
    """Let the app run until `condition()` holds; fail with a sentence after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("the TUI did not reach the expected state in time")
        await pilot.pause(0.05)
