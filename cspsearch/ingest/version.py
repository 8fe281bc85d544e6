"""Which reading of the papers an index holds: a digest of the code and data that turn a file into a record.

An upgrade that reads papers differently (a new entity family, a better table reader) must not
leave the index holding the old reading of unchanged files, so ingest reads again any paper
indexed under another digest. The digest covers what shapes a record and nothing else.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
SHAPES_A_RECORD = ("extract", "ingest", "vocab", "data", "model.py")  # under cspsearch/
ENGINES = ("spacy", "pdfplumber", "pypdfium2", "python-docx", "beautifulsoup4", "python-calamine")
SOURCE_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".jsonl", ".tsv", ".txt", ".csv"}


@cache
def pipeline_version() -> str:
    """A short digest of the record-shaping code, its data files and the reading engines' versions."""
    digest = hashlib.sha256()
    for name in SHAPES_A_RECORD:
        root = PACKAGE / name
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(PACKAGE)).encode())
                digest.update(path.read_bytes())
    for engine in ENGINES:
        try:
            digest.update(f"{engine}={metadata.version(engine)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{engine}=absent".encode())
    return digest.hexdigest()[:16]
