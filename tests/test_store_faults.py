"""Index faults on real files read as sentences: damaged segments and tables of contents,
a file given as the index, a read-only folder, a full disk, a busy lock."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cspsearch import services
from cspsearch.errors import CspSearchError, IndexBusyError
from cspsearch.store.faults import IndexDamagedError, IndexFullError, IndexUnwritableError
from cspsearch.store.index import ensure_writable, segment_files, toc_files

ROOT = Path(__file__).resolve().parent.parent
PAPERS = sorted((ROOT / "corpus").rglob("*.txt"))  # five: three build the index, two are new


@pytest.fixture(scope="module")
def built_index(tmp_path_factory) -> Path:
    papers = tmp_path_factory.mktemp("papers")
    for path in PAPERS[:3]:
        shutil.copy(path, papers / path.name)
    folder = tmp_path_factory.mktemp("ix") / "ix"
    assert len(services.ingest([papers], folder, jobs=1).ingested) == 3
    return folder


@pytest.fixture()
def index(built_index, tmp_path) -> Path:
    copy = tmp_path / "ix"
    shutil.copytree(built_index, copy)
    return copy


def _every_read(index: Path) -> None:
    services.index_status(index)
    services.search("partnership", index)
    services.search("NOT partnership", index, sort="date")
    for doc in services.documents(index):
        services.show(doc["doc_id"], index)
    services.entity_rows(index, "money")


def _only_sentences(index: Path) -> CspSearchError | None:
    """Run every read; the only exception allowed out is a CspSearchError with a sentence."""
    try:
        _every_read(index)
    except CspSearchError as err:
        assert str(err).strip() and "Traceback" not in str(err)
        return err
    return None


def test_a_deleted_segment_file_is_said(index):
    segment_files(index)[0].unlink()
    err = _only_sentences(index)
    assert isinstance(err, IndexDamagedError) and "cspsearch check" in str(err)


def test_a_truncated_segment_file_is_said(index):
    for segment in segment_files(index):
        data = segment.read_bytes()
        segment.write_bytes(data[: len(data) // 2])
    err = _only_sentences(index)
    assert isinstance(err, IndexDamagedError) and "cspsearch check" in str(err)


def test_a_truncated_table_of_contents_is_said(index):
    toc = toc_files(index)[-1]
    toc.write_bytes(toc.read_bytes()[:40])
    assert isinstance(_only_sentences(index), IndexDamagedError)


@pytest.mark.parametrize("which", ["segment", "toc"])
def test_flipped_bits_give_a_sentence_or_a_working_index(built_index, tmp_path, which):
    data_of = {"segment": lambda ix: max(segment_files(ix), key=lambda p: p.stat().st_size),
               "toc": lambda ix: toc_files(ix)[-1]}
    size = data_of[which](built_index).stat().st_size
    faults = 0
    for n, offset in enumerate(range(7, size, max(1, size // 24))):
        index = tmp_path / f"ix{n}"
        shutil.copytree(built_index, index)
        target = data_of[which](index)
        data = bytearray(target.read_bytes())
        data[offset] ^= 0xFF
        target.write_bytes(bytes(data))
        faults += _only_sentences(index) is not None
    assert faults >= 1  # some flips must land where Whoosh notices


def test_a_missing_table_of_contents_stops_ingest_instead_of_starting_afresh(index):
    for toc in toc_files(index):
        toc.unlink()
    segments = {p.name: p.read_bytes() for p in segment_files(index)}
    with pytest.raises(IndexDamagedError, match="no table of contents"):
        services.search("partnership", index)
    with pytest.raises(IndexDamagedError, match="no table of contents"):
        services.ingest([PAPERS[3]], index, jobs=1)
    assert {p.name: p.read_bytes() for p in segment_files(index)} == segments
    assert not toc_files(index)


def test_an_index_that_is_a_file_is_said(tmp_path):
    target = tmp_path / "index.txt"
    target.write_text("not an index")
    with pytest.raises(IndexUnwritableError, match="is a file, not an index folder"):
        services.search("partnership", target)
    with pytest.raises(IndexUnwritableError, match="is a file, not an index folder"):
        services.ingest([PAPERS[0]], target, jobs=1)
    assert target.read_text() == "not an index"


def _out_of_space_after(monkeypatch, budget: int) -> None:
    """Files Whoosh creates accept `budget` bytes in all, then fail as a full disk does."""
    from whoosh.filedb.filestore import FileStorage

    create = FileStorage.create_file
    left = [budget]

    class FullDisk:
        def __init__(self, raw) -> None:
            self._raw = raw

        def write(self, data) -> int:
            if len(data) > left[0]:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            left[0] -= len(data)
            return self._raw.write(data)

        def __getattr__(self, name):
            return getattr(self._raw, name)

    def create_file(self, name, *args, **kwargs):
        stream = create(self, name, *args, **kwargs)
        stream.file = FullDisk(stream.file)
        return stream

    monkeypatch.setattr(FileStorage, "create_file", create_file)


@pytest.mark.parametrize("budget", [0, 20_000, 200_000])
def test_a_full_disk_is_said_and_leaves_no_files_behind(index, monkeypatch, budget):
    before = {p.name: p.stat().st_size for p in index.iterdir()}
    total = services.search("partnership", index)["total"]
    _out_of_space_after(monkeypatch, budget)
    with pytest.raises(IndexFullError, match="disk .* is full"):
        services.ingest([PAPERS[3], PAPERS[4]], index, jobs=1)
    monkeypatch.undo()
    assert {p.name: p.stat().st_size for p in index.iterdir()} == before
    assert services.search("partnership", index)["total"] == total
    assert len(services.ingest([PAPERS[3]], index, jobs=1).ingested) == 1  # and it writes again


def test_a_full_disk_while_creating_an_index_leaves_nothing(tmp_path, monkeypatch):
    _out_of_space_after(monkeypatch, 0)
    with pytest.raises(IndexFullError, match="disk .* is full"):
        services.ingest([PAPERS[0]], tmp_path / "new" / "ix", jobs=1)
    assert not (tmp_path / "new" / "ix").exists()


_HOLD_LOCK = """
import sys, time
from whoosh.filedb.filestore import FileStorage
lock = FileStorage(sys.argv[1]).lock("cspsearch_WRITELOCK")
assert lock.acquire(blocking=False)
print("held", flush=True)
time.sleep(60)
"""


def test_a_busy_lock_is_said_before_any_paper_is_parsed(index):
    events: list[str] = []
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(index)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(IndexBusyError, match="another process"):
            ensure_writable(index)
        with pytest.raises(IndexBusyError, match="another process"):
            services.ingest(PAPERS[3:], index, jobs=1, progress=lambda event, *_: events.append(event))
        assert events == []  # not even "start": no paper was looked at
        assert services.search("partnership", index)["total"] >= 1  # reading is not blocked
    finally:
        holder.kill()
        holder.wait()
    ensure_writable(index)  # the lock is free again


def _read_only_runner(index: Path):
    """How to run the command line against `index` made read-only for real: a read-only
    mount in a private mount namespace for root (who writes through any permission
    bits), the permission bits for anyone else."""
    if os.geteuid() != 0:
        index.chmod(0o555)
        return lambda *args: [sys.executable, "-m", "cspsearch", *args]
    if not shutil.which("unshare") or subprocess.run(
            ["unshare", "-m", "mount", "--bind", "-o", "ro", str(index), str(index)],
            capture_output=True).returncode != 0:
        return None
    return lambda *args: ["unshare", "-m", "sh", "-c", 'mount --bind -o ro "$0" "$0" && exec "$@"',
                          str(index), sys.executable, "-m", "cspsearch", *args]


def test_a_read_only_index_is_searched_and_its_writes_are_said(index, tmp_path):
    command = _read_only_runner(index)
    if command is None:
        pytest.skip("no way to make a folder read-only for root here")
    try:
        def run(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(command(*args, "--index", str(index)), capture_output=True, text=True,
                                  cwd=ROOT, timeout=120)

        found = run("search", "partnership", "--json")
        assert found.returncode == 0, found.stderr
        refused = run("ingest", str(PAPERS[3]))
        assert refused.returncode == 1, refused.stdout
        said = " ".join(refused.stderr.split())
        assert re.search(r"cannot be (used|written)", said) and "point --index at a folder" in said
        assert "Traceback" not in said
    finally:
        index.chmod(0o755)
