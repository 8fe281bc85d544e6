"""OCR results kept on disk by file hash and page, so an unchanged scan is never OCR'd twice.

One small JSON file per page, named by the file's sha256, the page number and what shaped
the result (engine version, resolution): a new engine or resolution reads the page again.
A cache that cannot be read or written costs time, never the page.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def _path(folder: Path, sha256: str, page: int, tag: str) -> Path:
    return folder / sha256[:2] / f"{sha256}-p{page}-{tag}.json"


def load(folder: Path | None, sha256: str, page: int, tag: str) -> tuple[str, float] | None:
    """The cached (text, confidence) of a page, or None when it was not OCR'd before."""
    if folder is None:
        return None
    try:
        data = json.loads(_path(folder, sha256, page, tag).read_text(encoding="utf-8"))
        return str(data["text"]), float(data["confidence"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(folder: Path | None, sha256: str, page: int, tag: str, text: str, confidence: float) -> None:
    """Keep a page's result; written to a temporary file and renamed, so a reader never sees half of it."""
    if folder is None:
        return
    target = _path(folder, sha256, page, tag)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"text": text, "confidence": confidence}, out, ensure_ascii=False)
        os.replace(temporary, target)
    except OSError:
        pass  # a read-only or full disk: the page is simply OCR'd again next time
