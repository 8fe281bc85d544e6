"""The TUI reaches the index only through the one Library the app holds, and imports nothing else of the core."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest
from pilot_helpers import until
from textual.widgets import Input

from cspsearch.library import Library
from cspsearch.tui.app import CspSearchApp
from cspsearch.tui.widgets.result_list import ResultList

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parent.parent
FAKES = ROOT / "tests" / "fixtures" / "analysis" / "fakes.py"


def fake_reader():
    """The IndexReader over the hand-made analysis fixture rows (no index on disk)."""
    spec = importlib.util.spec_from_file_location("analysis_fakes", FAKES)
    fakes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fakes)
    return fakes.FakeReader()


def core_imports(path: Path) -> list[str]:
    """The cspsearch modules `path` imports, at any depth (in functions and type-checking blocks too),
    as the part after 'cspsearch.' ('' for `from cspsearch import X`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                 else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
        found += [name.partition(".")[2] for name in names if name.split(".")[0] == "cspsearch"]
    return found


def test_tui_modules_import_only_the_library_the_model_and_the_errors():
    modules = sorted((ROOT / "cspsearch" / "tui").rglob("*.py"))
    assert len(modules) > 20
    beyond = [f"{path.relative_to(ROOT)}: cspsearch.{name}" for path in modules for name in core_imports(path)
              if name.split(".")[0] not in {"library", "model", "errors", "tui"}]
    assert beyond == []


def test_setting_the_index_gives_the_app_a_library_over_it(tmp_path):
    app = CspSearchApp(tmp_path / "first")
    assert app.library.folder == tmp_path / "first"
    app.index = tmp_path / "second"
    assert app.library.folder == tmp_path / "second"


async def test_the_search_screen_reads_through_the_apps_library(tmp_path):
    # The folder holds no index: every passage shown can only have come through the library's reader.
    app = CspSearchApp(tmp_path / "no-index-here")
    reader = fake_reader()
    app.library = Library(tmp_path / "no-index-here", reader=reader)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.screen.query("#query"))
        app.screen.query_one("#query", Input).value = "domestic abuse"
        await until(pilot, lambda: app.screen.shown_query == "domestic abuse")
        found = app.screen.result
        assert found is not None and found.results
        assert {doc.doc_id for doc in found.results} <= {doc["doc_id"] for doc in reader.docs}
        assert app.screen.query_one(ResultList).option_count >= len(found.results)
