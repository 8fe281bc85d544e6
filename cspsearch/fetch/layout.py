"""Where fetched papers go: safe unique names, FILE.pdf.meta.yaml sidecars, and the state file, all written atomically."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cspsearch.fetch.errors import FetchError

STATE_NAME = ".cspsearch-fetch.json"
STATE_VERSION = 1
PART_SUFFIX = ".part"
MAX_NAME_BYTES = 180  # in UTF-8: leaves room under the usual 255-byte limit for ' (2)', '.pdf', '.meta.yaml'
MAX_SIDECAR_VALUE = 500  # the sidecar reader refuses longer values
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = re.compile(r"(con|prn|aux|nul|com\d|lpt\d)(\..*)?", re.I)  # names Windows will not create


def safe_name(text: str, fallback: str) -> str:
    """`text` as one file or folder name on any system: no separators or control characters, not hidden."""
    name = unicodedata.normalize("NFKC", text or "")
    name = " ".join(_UNSAFE.sub(" ", name).split()).strip(" .")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        cut = name.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore")
        name = cut.rsplit(" ", 1)[0].strip(" .") or cut
    if not name:
        name = fallback
    return f"_{name}" if _RESERVED.fullmatch(name) else name


def unique_pdf(folder: Path, title: str, fallback: str, taken: set[Path], digest: str) -> Path:
    """`folder/<title>.pdf`, or `<title> (2).pdf`... when another paper has that name already.

    A file already there with this very content is this paper (saved by a run stopped before it noted it).
    """
    stem = safe_name(title, fallback)
    candidate = folder / f"{stem}.pdf"
    count = 1
    while candidate in taken or (candidate.exists() and file_sha256(candidate) != digest):
        count += 1
        candidate = folder / f"{stem} ({count}).pdf"
    return candidate


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    """The file's content hash; None when it is missing or unreadable."""
    try:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(1024 * 1024):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary name beside `path`, flush it to disk, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name[:60]}.", suffix=PART_SUFFIX,
                                         delete=False)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def remove_stale_parts(out: Path, folder: Path) -> None:
    """Delete temporary files a killed run left (its state file's beside `out`, its papers' under `folder`)."""
    for stale in [*out.glob(f".*{PART_SUFFIX}"), *folder.rglob(f".*{PART_SUFFIX}")]:
        stale.unlink(missing_ok=True)


def sidecar_path(pdf: Path) -> Path:
    return pdf.with_name(pdf.name + ".meta.yaml")


def write_sidecar(pdf: Path, fields: dict[str, Any]) -> None:
    """The paper's sidecar: the fields the ingest reads, in the order a person reads them; empty ones left out."""
    kept = {key: _clip(value) for key, value in fields.items() if value not in (None, "")}
    text = yaml.safe_dump(kept, sort_keys=False, allow_unicode=True, width=1000)
    write_atomically(sidecar_path(pdf), text.encode("utf-8"))


def _clip(value: Any) -> Any:
    return value[:MAX_SIDECAR_VALUE] if isinstance(value, str) else value


@dataclass
class FetchState:
    """What earlier runs saved into one output folder: per site and attachment, the file and its content hash."""

    root: Path
    papers: dict[str, dict[str, str]]

    @classmethod
    def load(cls, root: Path) -> FetchState:
        path = root / STATE_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(root, {})
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise FetchError(f"The fetch state file {path} cannot be read ({err}); delete it and every paper "
                             "will be checked again (none is downloaded twice if its file is intact).") from err
        papers = data.get("papers") if isinstance(data, dict) else None
        return cls(root, {k: v for k, v in (papers or {}).items() if isinstance(v, dict)})

    @staticmethod
    def key(base_url: str, attachment_id: str) -> str:
        return f"{base_url}#{attachment_id}"

    def have(self, key: str) -> Path | None:
        """The file saved for this attachment, if it is still there with the content saved."""
        entry = self.papers.get(key)
        if not entry or "path" not in entry:
            return None
        path = self.root / entry["path"]
        return path if file_sha256(path) == entry.get("sha256") else None

    def path_of(self, key: str) -> Path | None:
        entry = self.papers.get(key)
        return self.root / entry["path"] if entry and "path" in entry else None

    def claimed(self) -> set[Path]:
        return {self.root / entry["path"] for entry in self.papers.values() if "path" in entry}

    def record(self, key: str, path: Path, digest: str, url: str) -> None:
        """Note a saved paper and write the state file at once, so an interrupted run loses nothing."""
        self.papers[key] = {"path": path.relative_to(self.root).as_posix(), "sha256": digest, "url": url}
        body = json.dumps({"version": STATE_VERSION, "papers": self.papers}, indent=1, sort_keys=True)
        write_atomically(self.root / STATE_NAME, body.encode("utf-8"))
