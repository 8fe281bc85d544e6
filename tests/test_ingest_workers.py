"""Worker processes: a killed worker fails at most the file it held, a stuck file fails alone after its budget."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest

from cspsearch import services
from cspsearch.ingest import workers


def _papers(folder: Path, names: list[str]) -> Path:
    folder.mkdir()
    for i, name in enumerate(names):
        (folder / name).write_text(f"Paper {i}.\n\nThe panel agreed £{i + 1},000 for {name} patrols in 2024/25.\n",
                                   encoding="utf-8")
    return folder


def _acting_up(monkeypatch) -> None:
    """Workers run the real pipeline, except that a file named 'poison' kills its worker and
    one named 'slow' hangs: the parent's patch reaches the workers as they are forked."""
    real = workers.process_file

    def process(path: str, council: str | None = None):
        if "poison" in Path(path).name:
            os.kill(os.getpid(), signal.SIGKILL)
        if "slow" in Path(path).name:
            time.sleep(60)
        return real(path, council)

    monkeypatch.setattr(workers, "process_file", process)


def test_killing_the_workers_mid_run_fails_nothing(tmp_path):
    folder = _papers(tmp_path / "papers", [f"p{i}.txt" for i in range(6)])
    killed: list[int] = []

    def kill_workers_once(event, report, todo):
        if event == "file" and not killed:
            for child in multiprocessing.active_children():
                killed.append(child.pid or 0)
                os.kill(child.pid or 0, signal.SIGKILL)  # as the kernel does when memory runs out

    report = services.ingest([folder], tmp_path / "ix", jobs=2, progress=kill_workers_once)
    assert killed and report.failed == []
    assert len(report.ingested) == 6 and len(services.documents(tmp_path / "ix")) == 6


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_that_kills_its_worker_fails_alone(tmp_path, monkeypatch, jobs):
    _acting_up(monkeypatch)
    folder = _papers(tmp_path / "papers", ["a.txt", "poison.txt", "b.txt", "c.txt"])
    report = services.ingest([folder], tmp_path / "ix", jobs=jobs)
    assert sorted(Path(p).name for p in report.ingested) == ["a.txt", "b.txt", "c.txt"]
    [(path, reason)] = report.failed
    assert Path(path).name == "poison.txt"
    assert reason == ("poison.txt stopped its worker process twice "
                      "(killed by signal 9, most often because memory ran out).")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_past_its_time_budget_fails_alone(tmp_path, monkeypatch, jobs):
    _acting_up(monkeypatch)
    folder = _papers(tmp_path / "papers", ["a.txt", "slow.txt", "b.txt"])
    started = time.monotonic()
    report = services.ingest([folder], tmp_path / "ix", jobs=jobs, file_seconds=2)
    assert time.monotonic() - started < 30
    assert sorted(Path(p).name for p in report.ingested) == ["a.txt", "b.txt"]
    assert [(Path(p).name, r) for p, r in report.failed] == [
        ("slow.txt", "slow.txt took longer than 2 seconds, the time allowed for one file, and was stopped.")]
    assert multiprocessing.active_children() == []  # no worker outlives the run


def test_a_copy_of_a_file_that_failed_is_read_itself(tmp_path, monkeypatch):
    _acting_up(monkeypatch)
    folder = _papers(tmp_path / "papers", ["poison.txt", "zz-copy.txt", "zz-copy-2.txt"])
    for name in ("zz-copy.txt", "zz-copy-2.txt"):
        (folder / name).write_bytes((folder / "poison.txt").read_bytes())
    report = services.ingest([folder], tmp_path / "ix", jobs=1)
    assert [Path(p).name for p, _ in report.failed] == ["poison.txt"]
    assert [Path(p).name for p in report.ingested] == ["zz-copy-2.txt"]
    assert [(Path(p).name, Path(h).name) for p, h in report.duplicates] == [("zz-copy.txt", "zz-copy-2.txt")]
