"""The core never imports an interface; the TUI never imports an engine; --help stays light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cspsearch"
INTERFACES = ("typer", "rich", "textual")
ENGINES = ("whoosh", "spacy", "pdfplumber")


def _modules(sub: str) -> list[str]:
    base = PACKAGE / sub if sub else PACKAGE
    names = []
    for path in sorted(base.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts[-1] == "__main__":
            continue
        names.append(".".join(parts))
    return names


def _loaded_after_import(modules: list[str]) -> set[str]:
    """Top-level packages loaded by importing all `modules` in a fresh interpreter: if the
    union holds no forbidden package, no single module pulls one in."""
    code = ("import importlib, json, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "print(json.dumps(list(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return {name.split(".")[0] for name in json.loads(out.stdout)}


CORE = [m for m in _modules("") if not m.startswith(("cspsearch.cli", "cspsearch.tui")) and m != "cspsearch"]


def test_core_modules_import_no_interface():
    assert len(CORE) > 10
    loaded = _loaded_after_import(CORE)
    assert not loaded & set(INTERFACES), f"the core pulls in {loaded & set(INTERFACES)}"


def test_tui_modules_import_no_engine():
    modules = _modules("tui")
    if not modules:
        pytest.skip("no TUI modules yet")
    loaded = _loaded_after_import(modules)
    assert not loaded & set(ENGINES), f"the TUI pulls in {loaded & set(ENGINES)}"


def test_help_does_not_load_heavy_engines():
    code = ("import sys, json; from typer.testing import CliRunner; from cspsearch.cli import app;"
            "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0, r.output;"
            "print(json.dumps(list(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    loaded = {name.split(".")[0] for name in json.loads(out.stdout)}
    assert not loaded & {"spacy", "pdfplumber", "whoosh", "textual"}
