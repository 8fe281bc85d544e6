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


# Records every import statement executed by a cspsearch module, in a fresh interpreter.
# Imports made by libraries are not counted: spaCy itself imports Typer for its own CLI.
_TRACE = """
import builtins, importlib, json, sys
seen = set()
real = builtins.__import__
def traced(name, globals=None, locals=None, fromlist=(), level=0):
    importer = (globals or {}).get("__name__", "")
    if importer.startswith("cspsearch") and level == 0:
        seen.add(name.split(".")[0])
    return real(name, globals, locals, fromlist, level)
builtins.__import__ = traced
for m in MODULES:
    importlib.import_module(m)
print(json.dumps({"imported": sorted(seen), "loaded": sorted({k.split(".")[0] for k in sys.modules})}))
"""


def _imports(modules: list[str]) -> dict[str, set[str]]:
    """What importing all `modules` makes cspsearch code import, and what ends up loaded:
    if the union holds no forbidden package, no single module pulls one in."""
    code = _TRACE.replace("MODULES", repr(modules))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return {k: set(v) for k, v in json.loads(out.stdout).items()}


CORE = [m for m in _modules("") if not m.startswith(("cspsearch.cli", "cspsearch.tui")) and m != "cspsearch"]


def test_core_modules_import_no_interface():
    assert len(CORE) > 10
    imported = _imports(CORE)["imported"]
    assert "spacy" in imported and "whoosh" in imported  # the tracer sees the engines' imports
    assert not imported & set(INTERFACES), f"the core imports {imported & set(INTERFACES)}"


def test_tui_modules_import_no_engine():
    modules = _modules("tui")
    if not modules:
        pytest.skip("no TUI modules yet")
    loaded = _imports(modules)["loaded"]
    assert not loaded & set(ENGINES), f"the TUI pulls in {loaded & set(ENGINES)}"


def test_help_does_not_load_heavy_engines():
    code = ("import sys, json; from typer.testing import CliRunner; from cspsearch.cli import app;"
            "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0, r.output;"
            "print(json.dumps(list(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    loaded = {name.split(".")[0] for name in json.loads(out.stdout)}
    assert not loaded & {"spacy", "pdfplumber", "whoosh", "textual"}
