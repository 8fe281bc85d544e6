"""Correcting a paper's metadata by hand: the sidecar beside the paper is written, then the index is told.

The sidecar is the lasting record (a later re-read keeps the correction); the index is updated
in place so the correction shows at once, without reading the paper again.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from cspsearch.errors import CspSearchError, NotFoundError, ParseError
from cspsearch.ingest.metadata.infer import load_sidecar, sidecar_paths
from cspsearch.ingest.metadata.sidecar import checked_value, read_sidecar
from cspsearch.vocab.councils import find_council, get_council

CORRECTABLE = ("council", "committee", "meeting_date", "title")
MAX_IMPORT_ROWS = 100_000
SOURCE = "sidecar"


def council_slug(value: str) -> str:
    """The slug of a council given by slug, name, alias or domain; NotFoundError otherwise."""
    council = find_council(value) or get_council(value.strip().lower().replace(" ", "-"))
    return council.council_id


def sidecar_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The corrections as a sidecar holds them (a council as its slug), each checked; ParseError when wrong."""
    unknown = sorted(set(fields) - set(CORRECTABLE))
    if unknown:
        raise ParseError(f"{', '.join(unknown)} cannot be corrected here; the fields are {', '.join(CORRECTABLE)}.")
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if value in (None, ""):
            continue
        if key == "council":
            out["council_id"] = council_slug(str(value))
        else:
            out[key] = checked_value(key, str(value).strip())
    if not out:
        raise CspSearchError("Give at least one of --council, --committee, --meeting-date or --title.")
    return out


def write_sidecar(paper: Path, fields: dict[str, Any]) -> Path:
    """Add `fields` to the paper's sidecar (creating PAPER.pdf.meta.yaml when it has none), atomically:
    the new sidecar is written beside the old one and renamed over it, and read back before that."""
    if not paper.is_file():
        raise NotFoundError(f"{paper} is no longer there, so its metadata file cannot be written.")
    existing = [p for p in sidecar_paths(paper) if p.is_file() and p != paper]
    target = existing[0] if existing else sidecar_paths(paper)[0]
    data: dict[str, Any] = {}
    if existing:
        load_sidecar(paper)  # a broken sidecar is said as it is, not overwritten
        data = yaml.safe_load(target.read_text(encoding="utf-8")) or {}
    if "council_id" in fields:
        data.pop("council", None)
    data.update(fields)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            yaml.safe_dump(data, out, sort_keys=False, allow_unicode=True)
        read_sidecar(Path(temp))
        os.replace(temp, target)
    except OSError as err:
        raise CspSearchError(f"The metadata file {target} could not be written: {err.strerror or err}.") from err
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return target


def index_fields(row: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """The document's new meta fields (as the index holds them) once the sidecar `fields` apply."""
    change: dict[str, Any] = {}
    sources = dict(row.get("meta_sources") or {})
    for key, value in fields.items():
        if key == "council_id":
            council = get_council(value)
            change.update(council_id=council.council_id, council=council.name)
            sources["council"] = SOURCE
        else:
            change[key] = value
            sources[key] = SOURCE
    if "meeting_date" in change:
        change["year"] = int(str(change["meeting_date"])[:4])
    change["meta_sources"] = sources
    return change


def read_corrections(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """The rows of a corrections CSV (line number, fields), and a sentence for each row that is wrong."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            table = list(csv.DictReader(handle))[: MAX_IMPORT_ROWS + 1]
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise ParseError(f"{path} could not be read as CSV: {err}.") from err
    if len(table) > MAX_IMPORT_ROWS:
        raise ParseError(f"{path} has more than {MAX_IMPORT_ROWS:,} rows; split it.")
    columns = set(table[0]) if table else set()
    if not columns & {"doc_id", "path"}:
        raise ParseError(f"{path} needs a doc_id or path column, and columns for any of {', '.join(CORRECTABLE)}.")
    rows, problems = [], []
    for line, raw in enumerate(table, start=2):
        row = {str(k).strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        if not (row.get("doc_id") or row.get("path")):
            problems.append(f"Row {line} names no paper: give its doc_id or path.")
            continue
        rows.append((line, row))
    return rows, problems
