"""Finding documents on disk: supported files under the given paths, their kind and content hash."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cspsearch.errors import ParseError

KINDS = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".txt": "text", ".md": "text"}
SIDECAR_SUFFIX = ".meta.yaml"
_CHUNK = 1 << 20


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Supported documents under `paths` (sorted, no duplicates) and the named paths that were refused.

    Folders are searched recursively, skipping hidden files and folders, Office lock files
    and `*.meta.yaml` sidecars; unsupported files inside a folder are passed over quietly.
    A path named explicitly that does not exist or is not a supported type is refused
    with a reason a person can read.
    """
    found: dict[Path, Path] = {}
    refused: list[tuple[Path, str]] = []
    for path in map(Path, paths):
        if path.is_dir():
            for file in _walk(path):
                found.setdefault(_identity(file), file)
        elif path.is_file():
            reason = _refusal(path)
            if reason:
                refused.append((path, reason))
            else:
                found.setdefault(_identity(path), path)
        elif path.exists() or path.is_symlink():
            refused.append((path, "is not a regular file or folder"))
        else:
            refused.append((path, "does not exist"))
    return sorted(found.values()), refused


def kind_of(path: Path) -> str:
    """The reader a file needs: pdf, docx, html or text. Raises ParseError for other types."""
    kind = KINDS.get(Path(path).suffix.lower())
    if kind is None:
        raise ParseError(f"{Path(path).name} {_unsupported(path)}.")
    return kind


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def is_supported(path: Path) -> bool:
    """True when a file is a document `discover` would pick up in a folder.

    A README describes the folder it sits in, not a committee paper, so folders' READMEs
    are passed over (a README named explicitly is still read).
    """
    path = Path(path)
    return (path.suffix.lower() in KINDS and not _is_hidden(path.name)
            and not path.name.endswith(SIDECAR_SUFFIX) and path.stem.upper() != "README")


def _walk(root: Path):
    for folder, subfolders, files in os.walk(root):
        # Pruning in place stops os.walk from entering hidden folders at all.
        subfolders[:] = [name for name in subfolders if not _is_hidden(name)]
        for name in files:
            if is_supported(Path(name)):
                yield Path(folder) / name


def _refusal(path: Path) -> str | None:
    if path.name.endswith(SIDECAR_SUFFIX):
        return "is a metadata sidecar (.meta.yaml), not a document"
    if path.suffix.lower() not in KINDS:
        return _unsupported(path)
    return None


def _unsupported(path: Path) -> str:
    suffix = Path(path).suffix or "(no extension)"
    allowed = ", ".join(sorted(KINDS))
    return f"has an unsupported file type {suffix}; supported types are {allowed}"


def _is_hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$")


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
