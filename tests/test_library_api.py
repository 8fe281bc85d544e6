"""The public Python API: the README's worked example runs as written, and what `cspsearch` exports is documented."""

from __future__ import annotations

import csv
import inspect
import io
import re
import subprocess
import sys
from pathlib import Path

import cspsearch
from cspsearch import Library

ROOT = Path(__file__).resolve().parent.parent


def readme_example() -> str:
    """The Python block of the README's "Python API" section."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the Python API section shows one example"
    return blocks[0]


def test_the_readme_example_runs_over_an_index(corpus_index, tmp_path):
    (tmp_path / "index").symlink_to(corpus_index)  # the example opens ./index, as a reader's would be
    script = tmp_path / "example.py"
    script.write_text(readme_example(), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert re.match(r"\d{4}-\d{2}(-\d{2})?  .+  p\.\d+$", lines[0])  # a search hit, cited to its page
    assert any(line.startswith("Shared: ") and "domestic_abuse" in line for line in lines)
    header = lines.index("council,financial_year,funder,grant,amount,paper,page")
    rows = list(csv.reader(io.StringIO("\n".join(lines[header + 1:]))))
    assert rows and {row[0] for row in rows} <= {"maidstone", "medway"}
    assert all(float(row[4]) > 0 and row[6].isdigit() for row in rows)


def test_everything_exported_exists_and_is_documented():
    assert "Library" in cspsearch.__all__ and "CspSearchError" in cspsearch.__all__ and "Citation" in cspsearch.__all__
    for name in cspsearch.__all__:
        value = getattr(cspsearch, name)
        assert name == "__version__" or inspect.getdoc(value), name


def test_every_public_library_method_has_a_docstring():
    methods = [name for name, _ in inspect.getmembers(Library, inspect.isfunction) if not name.startswith("_")]
    assert {"ingest", "search", "page", "compare", "timeline", "grants", "law", "ask", "brief", "decisions"} <= set(
        methods)
    assert [m for m in methods if not (getattr(Library, m).__doc__ or "").strip()] == []


def test_the_package_says_it_is_typed():
    assert (Path(cspsearch.__file__).parent / "py.typed").is_file()
    assert '"py.typed"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # and ships it in the wheel


def test_the_cli_reaches_the_core_only_through_the_library():
    """Every cli/ module imports from cspsearch only the library, the model, the results, the errors and the
    CLI's own modules (and `tui` launches the TUI), at any depth: in functions and type-checking blocks too."""
    import ast

    allowed = {"library", "model", "results", "errors", "cli"}
    beyond = []
    for path in sorted((ROOT / "cspsearch" / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            for name in names:
                parts = name.split(".")
                if parts[0] != "cspsearch":
                    continue
                reached = parts[1] if len(parts) > 1 else None
                if isinstance(node, ast.ImportFrom) and reached is None:  # from cspsearch import X
                    reached = "library" if all(a.name in cspsearch.__all__ for a in node.names) else "?"
                if reached not in allowed and not (path.name == "tui_cmd.py" and reached == "tui"):
                    beyond.append(f"{path.name}: {name}")
    assert beyond == []
