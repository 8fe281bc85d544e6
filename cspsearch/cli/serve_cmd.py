"""`cspsearch serve`: the Textual interface in a web browser, through textual-serve."""

from __future__ import annotations

import os
import shlex
import socket
import sys
from pathlib import Path
from typing import Annotated

import typer

from cspsearch.cli.common import add_commands, fail
from cspsearch.cli.options import IndexOption

# Binding to every interface is a choice the user makes on purpose: the served app has no login of its own.
EVERY_INTERFACE = {"0.0.0.0", "::", ""}


def register(app: typer.Typer) -> None:
    add_commands(app, serve)


def tui_command(index: Path | None) -> str:
    """The shell command textual-serve runs once per browser session: this Python's `cspsearch tui`."""
    parts = [sys.executable, "-m", "cspsearch", "tui"]
    if index is not None:
        parts += ["--index", str(index.resolve())]
    return shlex.join(parts)


def address(host: str, port: int, public_url: str | None) -> str:
    """The address a person types into a browser (a wildcard bind is reached by this machine's name)."""
    if public_url:
        return public_url.rstrip("/")
    name = socket.gethostname() if host in EVERY_INTERFACE else host
    return f"http://{f'[{name}]' if ':' in name else name}:{port}"


def serve(
    host: Annotated[str, typer.Option(
        "--host", help="Interface to listen on (0.0.0.0 for every one).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port to listen on.")] = 8000,
    public_url: Annotated[str | None, typer.Option(
        "--public-url", help="The address people open, when behind a proxy (default: host and port).")] = None,
    index: IndexOption = None,
) -> None:
    """Serve the full-screen interface to web browsers (no login of its own: localhost unless told)."""
    from textual_serve.server import Server

    url = address(host, port, public_url)
    typer.echo(f"Open {url} in a web browser (Ctrl+C stops the server).", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo("Anyone who can reach this address can use it: cspsearch serve has no login.", err=True)
    server = Server(tui_command(index), host=host, port=port, title="cspsearch", public_url=url)
    try:
        server.serve()
    except OSError as err:  # the port taken, or an address this machine does not have
        reason = os.strerror(err.errno).lower() if err.errno else str(err)
        fail(f"Cannot listen on {host}:{port}: {reason}; choose another --port or --host.")
