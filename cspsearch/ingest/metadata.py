"""Document metadata inferred from a paper's content, with FILE.meta.yaml sidecars and overrides on top."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from cspsearch.errors import NotFoundError, ParseError
from cspsearch.ingest.councils import find_council, get_council
from cspsearch.ingest.metadata_authors import infer_authors
from cspsearch.ingest.metadata_committee import choose_row, decision_maker, infer_committee
from cspsearch.ingest.metadata_council import best_council, score_councils
from cspsearch.ingest.metadata_dates import meeting_date, parse_timetable
from cspsearch.ingest.metadata_kind import infer_kind, infer_plan_period
from cspsearch.ingest.metadata_text import head_lines, head_text, heading_blocks
from cspsearch.ingest.metadata_title import infer_title
from cspsearch.model import PAGE_BREAK, DocumentMeta

META_FIELDS = tuple(f.name for f in fields(DocumentMeta))
SIDECAR_SUFFIX = ".meta.yaml"


def infer_meta(text: str, pages: Sequence[str], path: Path | None = None,
               council_override: str | None = None) -> DocumentMeta:
    """What a paper is, read from its content only (never its file name).

    A sidecar FILE.meta.yaml beside `path` replaces any field it gives; `council_override` (a council
    slug) replaces the council. An unknown slug raises NotFoundError.
    """
    text = text or PAGE_BREAK.join(pages)
    meta = infer_from_content(text)
    if path is not None:
        meta = apply_overrides(meta, load_sidecar(Path(path)))
    if council_override:
        meta = apply_overrides(meta, {"council_id": council_override})
    return meta


def infer_from_content(text: str) -> DocumentMeta:
    """Every field inferred from the text alone; unknown values stay None."""
    lines = head_lines(text)
    blocks = heading_blocks(lines)
    decider = decision_maker(lines)
    row = choose_row(parse_timetable(head_lines(text, scale=2)), decider)
    kind = infer_kind(lines)
    committee = None if kind == "letter" else infer_committee(text, blocks, row, decider)
    meeting = row.date.value if row else meeting_date(text, lines)
    title = infer_title(blocks, kind, committee, meeting)
    kind = kind or infer_kind(lines, title)
    head = head_text(text)
    council_id = best_council(score_councils(text, len(head)), committee)
    return DocumentMeta(
        council=get_council(council_id).name if council_id else None,
        council_id=council_id,
        committee=committee,
        meeting_date=meeting,
        year=int(meeting[:4]) if meeting else None,
        title=title,
        authors=infer_authors(text, lines, kind),
        doc_kind=kind,
        plan_period=infer_plan_period(head_text(text, scale=2), head, title),
    )


def sidecar_paths(path: Path) -> tuple[Path, Path]:
    """Where a document's sidecar may be: 'paper.pdf.meta.yaml', then 'paper.meta.yaml'."""
    return path.with_name(path.name + SIDECAR_SUFFIX), path.with_suffix(SIDECAR_SUFFIX)


def load_sidecar(path: Path) -> dict[str, Any]:
    """The fields a sidecar file sets for the document at `path`; {} when there is no sidecar."""
    for candidate in sidecar_paths(path):
        if candidate.is_file() and candidate != path:
            return _read_sidecar(candidate)
    return {}


def _read_sidecar(sidecar: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise ParseError(f"The metadata file {sidecar} could not be read as YAML: {err}") from err
    if not isinstance(data, dict):
        raise ParseError(f"The metadata file {sidecar} must be a mapping of field: value lines.")
    unknown = sorted(set(data) - set(META_FIELDS))
    if unknown:
        raise ParseError(f"The metadata file {sidecar} has unknown fields {', '.join(unknown)}; "
                         f"known fields are {', '.join(META_FIELDS)}.")
    try:
        return {key: _plain(key, value) for key, value in data.items()}
    except (TypeError, ValueError) as err:
        raise ParseError(f"The metadata file {sidecar} has a value of the wrong form: {err}") from err


def _plain(key: str, value: Any) -> Any:
    """A sidecar value in DocumentMeta's form: ISO dates, int years, author tuples, (start, end) periods."""
    if value is None:
        return None
    if key == "meeting_date":
        value = value.isoformat() if isinstance(value, date) else str(value)
        if not re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", value):
            raise ValueError(f"meeting_date must be YYYY-MM-DD or YYYY-MM, not {value!r}")
        return value
    if key == "year":
        return int(value)
    if key == "authors":
        return tuple(str(name) for name in ([value] if isinstance(value, str) else value))
    if key == "plan_period":
        years = re.findall(r"\d{4}", str(value)) if not isinstance(value, list) else value
        if len(years) != 2:
            raise ValueError(f"plan_period must be two years, e.g. [2020, 2024], not {value!r}")
        return (int(years[0]), int(years[1]))
    return str(value)


def apply_overrides(meta: DocumentMeta, overrides: dict[str, Any]) -> DocumentMeta:
    """`meta` with the given fields replaced; a council given by slug or name fills both council fields."""
    changes = {key: value for key, value in overrides.items() if key in META_FIELDS}
    if changes.get("council_id"):
        wanted = str(changes["council_id"])
        council = find_council(wanted) if " " in wanted else None  # a full name is as good as its slug
        council = council or get_council(wanted)
        changes.update(council_id=council.council_id, council=council.name)
    elif changes.get("council"):
        council = find_council(str(changes["council"]))
        if council is None:
            raise NotFoundError(f"No council is known as '{changes['council']}'. Give its council_id, "
                                "or add it to cspsearch/data/councils.yaml.")
        changes.update(council_id=council.council_id, council=council.name)
    if changes.get("meeting_date") and "year" not in changes:
        changes["year"] = int(str(changes["meeting_date"])[:4])
    return replace(meta, **changes)
