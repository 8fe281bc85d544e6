"""Shared fixtures: the project root, and one index built from corpus/ per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(autouse=True)
def _no_default_index(monkeypatch, tmp_path):
    """No test may read or write ./index by accident: the default points into tmp."""
    monkeypatch.setenv("CSPSEARCH_INDEX", str(tmp_path / "default-index"))


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> Path:
    """An index of the whole sample corpus, built once per session (read-only for tests)."""
    from cspsearch import services

    folder = tmp_path_factory.mktemp("corpus-index")
    report = services.ingest([CORPUS], folder, jobs=min(2, os.cpu_count() or 1))
    assert not report.failed, report.failed
    return folder
