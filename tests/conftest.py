"""Shared fixtures: the project root, and one index built from corpus/ per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    """Textual's run_test needs asyncio's loop; trio is installed too (selenium needs it), and anyio would run both."""
    return "asyncio"


@pytest.fixture(autouse=True)
def _no_default_index(monkeypatch, tmp_path):
    """No test may read or write ./index by accident: the default points into tmp."""
    monkeypatch.setenv("CSPSEARCH_INDEX", str(tmp_path / "default-index"))


ENGINES = ("whoosh", "tantivy")


@pytest.fixture(scope="session")
def corpus_index_whoosh(tmp_path_factory) -> Path:
    """A Whoosh index of the whole sample corpus, built once per session (read-only for tests)."""
    from cspsearch import services

    folder = tmp_path_factory.mktemp("corpus-index")
    report = services.ingest([CORPUS], folder, jobs=min(2, os.cpu_count() or 1))
    assert not report.failed, report.failed
    return folder


@pytest.fixture(scope="session")
def corpus_index(corpus_index_whoosh) -> Path:
    """An index of the whole sample corpus on the default engine (read-only for tests)."""
    return corpus_index_whoosh


@pytest.fixture(scope="session")
def corpus_index_tantivy(corpus_index_whoosh, tmp_path_factory) -> Path:
    """The same index converted to tantivy by `reindex`, without reading the papers again."""
    from cspsearch import services

    folder = tmp_path_factory.mktemp("corpus-index-tantivy") / "index"
    shutil.copytree(corpus_index_whoosh, folder)
    assert services.reindex("tantivy", folder)["converted"]
    return folder


@pytest.fixture(params=ENGINES)
def corpus_index_each_engine(request) -> Path:
    """The sample corpus's index on each engine in turn: a test using it runs once per engine."""
    return request.getfixturevalue(f"corpus_index_{request.param}")
