"""Whoosh reads its table of contents and segments with pickle; here it reads them safely.

A pickle can name any importable callable and have it called, so a crafted `_MAIN_*.toc`
(or segment) in a shared index folder would run code as whoever searches it. Every
pickle Whoosh loads while reading an index goes through an unpickler that admits only
the classes an index of ours holds (found by loading real indexes: schema field types,
analyzers, formats, columns, the segment class) and refuses anything else.
"""

from __future__ import annotations

import pickle
import types
from typing import Any

# (module, name) exactly as the pickles name them: the schema is written with protocol 2,
# which spells builtins the Python 2 way. A security list, not a vocabulary: it lives
# beside the code that enforces it, not among the editable data files.
ALLOWED_GLOBALS = frozenset({
    ("__builtin__", "frozenset"), ("__builtin__", "set"), ("__builtin__", "long"),
    ("builtins", "frozenset"), ("builtins", "set"), ("builtins", "int"),
    ("_codecs", "encode"),  # how protocol 2 spells a bytes value
    ("collections", "defaultdict"),
    ("re", "_compile"),  # a tokenizer's compiled pattern
    ("whoosh.analysis.analyzers", "CompositeAnalyzer"),
    ("whoosh.analysis.filters", "LowercaseFilter"),
    ("whoosh.analysis.filters", "StopFilter"),
    ("whoosh.analysis.filters", "StripFilter"),
    ("whoosh.analysis.morph", "StemFilter"),
    ("whoosh.analysis.tokenizers", "IDTokenizer"),
    ("whoosh.analysis.tokenizers", "RegexTokenizer"),
    ("whoosh.codec.whoosh3", "W3Codec"),
    ("whoosh.codec.whoosh3", "W3Segment"),
    ("whoosh.columns", "NumericColumn"),
    ("whoosh.columns", "VarBytesColumn"),
    ("whoosh.fields", "ID"),
    ("whoosh.fields", "KEYWORD"),
    ("whoosh.fields", "NUMERIC"),
    ("whoosh.fields", "STORED"),
    ("whoosh.fields", "Schema"),
    ("whoosh.fields", "TEXT"),
    ("whoosh.formats", "Existence"),
    ("whoosh.formats", "Frequency"),
    ("whoosh.formats", "Positions"),
    ("whoosh.lang.porter2", "stem"),  # the stemming function the schema's analyzer names
})


class ForbiddenGlobal(pickle.UnpicklingError):
    """A pickle in the index names something an index of ours never holds."""

    def __init__(self, module: str, name: str) -> None:
        super().__init__(f"{module}.{name}")
        self.module, self.name = module, name


class _RestrictedUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in ALLOWED_GLOBALS:
            raise ForbiddenGlobal(module, name)
        return super().find_class(module, name)


class _Bytes:
    """The least a pickle needs to read `data`. With peek, the C unpickler takes what it
    needs in one call rather than a Python call per opcode, as io.BytesIO makes it do;
    loading a stored record this way costs about twice pickle.loads, not three times."""

    __slots__ = ("data", "at")

    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def read(self, size: int = -1) -> bytes:
        start = self.at
        self.at = len(self.data) if size < 0 else min(len(self.data), start + size)
        return self.data[start:self.at]

    def readline(self) -> bytes:
        end = self.data.find(b"\n", self.at)
        return self.read(-1 if end < 0 else end + 1 - self.at)

    def readinto(self, buffer: Any) -> int:
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def peek(self, size: int = 0) -> bytes:
        return self.data[self.at:]


def safe_loads(data: bytes, **_ignored: Any) -> Any:
    return _RestrictedUnpickler(_Bytes(bytes(data))).load()


def safe_load(file: Any, **_ignored: Any) -> Any:
    return _RestrictedUnpickler(file).load()


_installed = False


def install() -> None:
    """Point every pickle load on Whoosh's read path at the restricted unpickler (once).

    The table of contents (whoosh.index), pickles read from a stream (structfile: the
    segment list, posting block headers), posting blocks and inlined postings (codec
    whoosh3) and stored fields (columns). Tables of contents in older formats are read by
    legacy loaders with their own unpickler, so those formats are refused outright."""
    global _installed
    if _installed:
        return
    import whoosh.codec.whoosh3 as w3
    import whoosh.columns as columns
    import whoosh.filedb.structfile as structfile
    import whoosh.index as whoosh_index

    shim = types.ModuleType("pickle")
    shim.__dict__.update(pickle.__dict__)
    shim.loads = safe_loads  # type: ignore[attr-defined]
    shim.load = safe_load  # type: ignore[attr-defined]
    whoosh_index.pickle = shim  # type: ignore[attr-defined]
    whoosh_index.toc_loaders.clear()  # type: ignore[attr-defined]
    structfile.load_pickle = safe_load  # type: ignore[attr-defined]
    w3.loads = safe_loads  # type: ignore[attr-defined]
    columns.loads = safe_loads  # type: ignore[attr-defined]
    _installed = True
