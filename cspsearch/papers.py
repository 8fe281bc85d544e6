"""The list of indexed papers (`docs`), and corrections to their metadata through sidecars and the index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cspsearch.errors import CspSearchError, NotFoundError
from cspsearch.left_out import left_out_notes
from cspsearch.names import committees
from cspsearch.settings import index_dir
from cspsearch.years import check_years

IndexArg = str | Path | None

MISSING_FIELDS = {"council": "council", "committee": "committee", "meeting_date": "meeting_date",
                  "date": "meeting_date", "title": "title", "kind": "kind", "doc_kind": "kind"}


def list_documents(index: IndexArg = None, councils=None, year_from=None, year_to=None, committee=None,
                   kind=None, missing: str | None = None, include_undated: bool = False) -> dict[str, Any]:
    """The indexed papers with their metadata and its sources, filtered like search; `left_out` as search's."""
    from cspsearch.services import check_councils
    from cspsearch.store import reader

    check_years(year_from, year_to)
    if missing and missing not in MISSING_FIELDS:
        raise CspSearchError(f"--missing takes one of {', '.join(sorted(set(MISSING_FIELDS) - {'doc_kind'}))}, "
                             f"not {missing!r}.")
    rows = reader.documents(index_dir(index))
    named = committees(committee, (row.get("committee") for row in rows))
    kept, left_out = reader.select_documents(rows, check_councils(councils), year_from, year_to, named, kind,
                                             include_undated)
    if missing:
        kept = [row for row in kept if reader.lacking(row, MISSING_FIELDS[missing])]
    return {"total": len(kept), "indexed": len(rows), "documents": [_listed(row) for row in kept],
            "left_out": left_out_notes(left_out)}


def _listed(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("doc_id", "council_id", "council", "committee", "meeting_date", "doc_kind", "title", "pages", "path",
            "source_url", "agenda_item", "meta_sources")
    return {key: row.get(key) for key in keys}


def correct_document(target: str, fields: dict[str, Any], index: IndexArg = None) -> dict[str, Any]:
    """Correct a paper's council, committee, meeting date or title: its sidecar is written (created or
    updated) and its index records rewritten, without reading the paper again. `target` is a doc_id
    (or its start) or the paper's path. Returns the paper's new listing row."""
    from cspsearch.ingest.metadata.corrections import index_fields, sidecar_fields, write_sidecar
    from cspsearch.ingest.pipeline import council_of, fingerprint
    from cspsearch.store import reader, writer

    folder = index_dir(index)
    row = _find_document(folder, target)
    wanted = sidecar_fields(fields)
    paper = Path(row["path"])
    write_sidecar(paper, wanted)
    stored = writer.indexed_sources(folder).get(row["path"], {})
    digest = fingerprint(paper, row["sha256"], council_of(stored.get("fingerprint")))
    writer.update_metadata(folder, {row["doc_id"]: index_fields(row, wanted)}, {row["doc_id"]: digest})
    return _listed(reader.document(folder, row["doc_id"])[0])


def import_corrections(csv_path: str | Path, index: IndexArg = None) -> dict[str, Any]:
    """`correct_document` for each row of a CSV (doc_id or path, plus any of council, committee,
    meeting_date, title); a sentence for each row that could not be applied."""
    from cspsearch.ingest.metadata.corrections import CORRECTABLE, read_corrections

    rows, problems = read_corrections(Path(csv_path))
    corrected = []
    for line, row in rows:
        fields = {key: row[key] for key in CORRECTABLE if row.get(key)}
        try:
            corrected.append(correct_document(row.get("doc_id") or row["path"], fields, index)["doc_id"])
        except CspSearchError as err:
            problems.append(f"Row {line}: {err}")
    return {"corrected": len(corrected), "doc_ids": corrected, "problems": problems}


def _find_document(folder: Path, target: str) -> dict[str, Any]:
    """The DocRow a doc_id, its start, or a paper's path names; NotFoundError otherwise."""
    from cspsearch.store import reader

    as_path = Path(target).expanduser()
    if as_path.exists() or "/" in target or "\\" in target:
        wanted = str(as_path.resolve())
        for row in reader.documents(folder):
            if row["path"] == wanted:
                return row
        raise NotFoundError(f"{target} is not in the index; ingest it first.")
    return reader.document(folder, target)[0]
