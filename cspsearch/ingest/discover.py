"""Finding documents on disk: supported files under the given paths, their kind and content hash."""

from __future__ import annotations

import errno
import hashlib
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from cspsearch.errors import ParseError
from cspsearch.resources import SHARED, load_yaml

KINDS = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".txt": "text", ".md": "text",
         ".xlsx": "xlsx"}
SIDECAR_SUFFIX = ".meta.yaml"
_CHUNK = 1 << 20


@dataclass
class Survey:
    """What a walk over the input paths found.

    `found` are documents to read; `refused` are paths that cannot be read as documents
    (named explicitly, or a supported file that cannot be opened), each with a reason that
    starts after the file's name; `skipped` are files and folders inside a folder that are
    not read (a spreadsheet, a folder that cannot be opened), each with a whole sentence.
    """

    found: list[Path] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Supported documents under `paths` (sorted, no duplicates) and the paths that were refused."""
    survey = survey_paths(paths)
    return survey.found, survey.refused


def survey_paths(paths: list[Path]) -> Survey:
    """Walk `paths`: documents to read, paths refused with a reason, files and folders skipped.

    Folders are searched recursively, passing over hidden files and folders, Office lock
    files, `*.meta.yaml` sidecars and READMEs; any other file inside a folder that is not
    a supported type is listed in `skipped`, never dropped in silence. A path named
    explicitly that does not exist or is not a supported type is refused.
    """
    survey = Survey()
    found: dict[Path, Path] = {}
    for path in map(Path, paths):
        if path.is_dir():
            _walk(path, survey, found)
        elif path.is_file():
            reason = _refusal(path)
            if reason:
                survey.refused.append((path, reason))
            else:
                _add(path, survey, found)
        elif path.is_symlink():
            survey.refused.append((path, _broken_link(path)))
        elif path.exists():
            survey.refused.append((path, "is not a regular file or folder"))
        else:
            survey.refused.append((path, "does not exist"))
    survey.found = sorted(found.values())
    return survey


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
    return path.suffix.lower() in KINDS and not _passed_over(path.name)


def printable(path: Path | str) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 shown as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _walk(root: Path, survey: Survey, found: dict[Path, Path]) -> None:
    def unreadable(err: OSError) -> None:
        where = Path(err.filename) if err.filename else root
        reason = err.strerror or str(err)
        survey.skipped.append((where, f"The folder {printable(where)} could not be opened ({reason.lower()}), "
                                      "so the files in it were not read."))

    for folder, subfolders, files in os.walk(root, onerror=unreadable):
        # Pruning in place stops os.walk from entering hidden folders at all.
        subfolders[:] = sorted(name for name in subfolders if not _is_hidden(name))
        for name in sorted(files):
            path = Path(folder) / name
            if is_supported(path):
                _add(path, survey, found)
            elif not _passed_over(name):
                survey.skipped.append((path, f"{printable(name)} {_description(path)}, which is not read."))


def _add(path: Path, survey: Survey, found: dict[Path, Path]) -> None:
    """Add a document unless its name or link cannot be used; then say why."""
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        survey.refused.append((path, "has a file name that is not valid UTF-8; rename it to have it read"))
        return
    try:
        identity = path.resolve()
    except RuntimeError:  # Python 3.11 reports a symbolic link loop this way
        survey.refused.append((path, "is a symbolic link that leads back to itself, so there is nothing to read"))
        return
    except OSError as err:
        survey.refused.append((path, f"could not be opened ({err.strerror or err})"))
        return
    if path.is_symlink() and not identity.exists():
        survey.refused.append((path, _broken_link(path)))
        return
    found.setdefault(identity, path)


def _broken_link(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "is a symbolic link that leads back to itself, so there is nothing to read"
    return "is a symbolic link to a file that does not exist"


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


def _description(path: Path) -> str:
    suffix = path.suffix.lower()
    known = _file_types().get(suffix)
    if known:
        return f"is {known}"
    return f"has an unsupported file type {suffix}" if suffix else "has no file type (extension)"


@cache
def _file_types() -> dict[str, str]:
    """Suffix -> what such a file is, from the editable cspsearch/data/file_types.yaml."""
    return {str(key).lower(): str(value) for key, value in (load_yaml(SHARED, "data/file_types.yaml") or {}).items()}


def _passed_over(name: str) -> bool:
    """Files a folder holds beside its papers that are never papers: hidden, sidecars, READMEs."""
    return _is_hidden(name) or name.endswith(SIDECAR_SUFFIX) or Path(name).stem.upper() == "README"


def _is_hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$")
