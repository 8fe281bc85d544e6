"""Document metadata inferred from a paper's content, with FILE.meta.yaml sidecars and overrides on top."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from cspsearch.errors import NotFoundError
from cspsearch.ingest.metadata.authors import infer_authors
from cspsearch.ingest.metadata.committee import choose_row, decision_maker, infer_committee
from cspsearch.ingest.metadata.council import best_council, score_councils
from cspsearch.ingest.metadata.dates import meeting_date, parse_timetable
from cspsearch.ingest.metadata.folders import folder_meta, own_date_kinds
from cspsearch.ingest.metadata.kind import infer_kind, infer_plan_period
from cspsearch.ingest.metadata.sidecar import META_FIELDS, TRACKED_FIELDS, read_sidecar
from cspsearch.ingest.metadata.text import head_lines, head_text, heading_blocks
from cspsearch.ingest.metadata.title import infer_title
from cspsearch.model import PAGE_BREAK, DocumentMeta
from cspsearch.vocab.councils import find_council, get_council

SIDECAR_SUFFIX = ".meta.yaml"


def infer_meta(text: str, pages: Sequence[str], path: Path | None = None,
               council_override: str | None = None) -> DocumentMeta:
    """What a paper is, read from its content and the folders holding it (never its file name).

    Folders named as a date, a committee or a council fill what the content does not say; a
    sidecar FILE.meta.yaml beside `path` replaces any field it gives; `council_override` (a
    council slug) replaces the council. An unknown slug raises NotFoundError. `meta_sources`
    says where each field came from.
    """
    text = text or PAGE_BREAK.join(pages)
    meta = with_sources(infer_from_content(text), "content")
    if path is not None:
        found = folder_meta(Path(path))
        if found.get("meeting_date") and meta.doc_kind in own_date_kinds():
            meta = replace(meta, meeting_date=None, year=None)  # a letter's date is not its meeting's
        meta = fill_missing(meta, found, "folder")
        sidecar = load_sidecar(Path(path))
        meta = apply_overrides(meta, sidecar, "site" if sidecar.get("source_url") else "sidecar")
    if council_override:
        meta = apply_overrides(meta, {"council_id": council_override}, "given")
    return meta


def with_sources(meta: DocumentMeta, source: str) -> DocumentMeta:
    """`meta` noting `source` for each tracked field it has."""
    sources = {key: source for key in TRACKED_FIELDS if _field_value(meta, key)}
    return replace(meta, meta_sources=sources)


def fill_missing(meta: DocumentMeta, found: dict[str, Any], source: str) -> DocumentMeta:
    """`meta` with the fields in `found` it lacks, each noted as coming from `source`."""
    missing = {key: value for key, value in found.items() if value and not _field_value(meta, key)}
    return apply_overrides(meta, missing, source) if missing else meta


def _field_value(meta: DocumentMeta, key: str) -> Any:
    """A field's value, the council counting as set when either of its two fields is."""
    if key in ("council", "council_id"):
        return meta.council_id or meta.council
    return getattr(meta, key)


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
            return read_sidecar(candidate)
    return {}


def apply_overrides(meta: DocumentMeta, overrides: dict[str, Any], source: str | None = None) -> DocumentMeta:
    """`meta` with the given fields replaced; a council given by slug or name fills both council fields.

    `source`, when given, is noted in `meta_sources` for each tracked field replaced.
    """
    changes = {key: value for key, value in overrides.items() if key in META_FIELDS}
    if source:
        named = {"council" if key == "council_id" else key for key in changes}
        changes["meta_sources"] = {**meta.meta_sources,
                                   **{key: source for key in TRACKED_FIELDS if key in named}}
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
