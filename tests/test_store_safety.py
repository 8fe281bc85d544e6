"""Opening an index never runs code planted in it: crafted tables of contents and segments are refused."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cspsearch import services
from cspsearch.errors import CspSearchError

ROOT = Path(__file__).resolve().parent.parent
MAIDSTONE = sorted((ROOT / "corpus" / "maidstone").glob("*.txt"))[:2]


@pytest.fixture(scope="module")
def built_index(tmp_path_factory) -> Path:
    papers = tmp_path_factory.mktemp("papers")
    for path in MAIDSTONE:
        shutil.copy(path, papers / path.name)
    folder = tmp_path_factory.mktemp("ix") / "ix"
    report = services.ingest([papers], folder, jobs=1)
    assert len(report.ingested) == 2
    return folder


@pytest.fixture()
def index(built_index, tmp_path) -> Path:
    copy = tmp_path / "ix"
    shutil.copytree(built_index, copy)
    return copy


class _Payload:
    """Unpickling this creates `marker`: what a crafted pickle could do with any command."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _rewrite_toc(folder: Path, schema_pickle: bytes | None = None, segments_pickle: bytes | None = None,
                 version: int | None = None) -> None:
    """Rewrite the latest table of contents field by field, as Whoosh lays it out,
    replacing the pickled schema, the pickled segment list or the format version."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import _CURRENT_TOC_VERSION, TOC
    from whoosh.system import _FLOAT_SIZE, _INT_SIZE, _LONG_SIZE

    storage = FileStorage(str(folder))
    gen = TOC._latest_generation(storage, "cspsearch")
    stream = storage.open_file(TOC._filename("cspsearch", gen))
    for _ in range(3):
        stream.read_varint()
    stream.read_int()
    stream.read_int()
    release = [stream.read_varint() for _ in range(3)]
    schema = stream.read_string()
    stream.read_int()
    stream.read_int()
    segments = stream.read()[:]
    stream.close()
    out = storage.create_file(TOC._filename("cspsearch", gen))
    for size in (_INT_SIZE, _LONG_SIZE, _FLOAT_SIZE):
        out.write_varint(size)
    out.write_int(-12345)
    out.write_int(_CURRENT_TOC_VERSION if version is None else version)
    for number in release:
        out.write_varint(number)
    out.write_string(schema_pickle if schema_pickle is not None else schema)
    out.write_int(gen)
    out.write_int(0)
    out.write(segments_pickle if segments_pickle is not None else segments)
    out.close()


def test_a_crafted_table_of_contents_is_refused_and_its_code_never_runs(index, tmp_path):
    marker = tmp_path / "planted-code-ran"
    _rewrite_toc(index, schema_pickle=pickle.dumps(_Payload(marker), 2))
    with pytest.raises(CspSearchError, match="table of contents that could run code; refusing to open it"):
        services.search("partnership", index)
    with pytest.raises(CspSearchError, match="could run code"):
        services.documents(index)
    with pytest.raises(CspSearchError, match="could run code"):
        services.index_status(index)
    assert not marker.exists()


def test_the_command_line_refuses_it_too(index, tmp_path):
    marker = tmp_path / "planted-code-ran"
    _rewrite_toc(index, schema_pickle=pickle.dumps(_Payload(marker), 2))
    for args in (["search", "partnership"], ["ingest", str(MAIDSTONE[0])], ["entities"]):
        run = subprocess.run([sys.executable, "-m", "cspsearch", *args, "--index", str(index)],
                             capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert run.returncode == 1, args
        assert "could run code" in run.stderr and "Traceback" not in run.stderr, args
    assert not marker.exists()


def test_a_crafted_segment_list_is_refused(index, tmp_path):
    marker = tmp_path / "planted-code-ran"
    _rewrite_toc(index, segments_pickle=pickle.dumps(_Payload(marker)))
    with pytest.raises(CspSearchError, match="could run code"):
        services.search("partnership", index)
    assert not marker.exists()


def test_an_old_format_table_of_contents_is_not_read_by_its_legacy_unpickler(index, tmp_path):
    marker = tmp_path / "planted-code-ran"
    _rewrite_toc(index, schema_pickle=pickle.dumps(_Payload(marker), 2), version=-110)
    with pytest.raises(CspSearchError, match="could not be read"):
        services.search("partnership", index)
    assert not marker.exists()


def test_an_index_of_ours_opens_through_the_restricted_unpickler(index):
    from cspsearch.store import safe_pickle

    assert safe_pickle._installed
    result = services.search("partnership NOT zeppelin", index)
    assert result["total"] == 2 and services.index_status(index)["documents"] == 2


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(schema=st.binary(max_size=300), segments=st.one_of(st.none(), st.binary(max_size=300)))
def test_any_bytes_in_the_table_of_contents_give_a_sentence(built_index, tmp_path_factory, schema, segments):
    index = tmp_path_factory.mktemp("fuzz") / "ix"
    shutil.copytree(built_index, index)
    _rewrite_toc(index, schema_pickle=schema, segments_pickle=segments)
    with pytest.raises(CspSearchError) as raised:
        services.search("partnership", index)
    assert str(raised.value).strip()
    shutil.rmtree(index.parent)
