"""The operations both front ends call. Core only: no Typer, Rich or Textual here."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from cspsearch.errors import CspSearchError, NotFoundError
from cspsearch.settings import index_dir
from cspsearch.years import check_years

IndexArg = str | Path | None


# ---- ingest -------------------------------------------------------------------------

def ingest(paths: Sequence[str | Path], index: IndexArg = None, jobs: int | None = None,
           council: str | None = None, force: bool = False, progress=None, file_seconds: float | None = None,
           ocr: bool = True, cluster=None):
    """Ingest files and folders into the index; returns an IngestReport. `ocr`: read scanned pages;
    `cluster`: an ingest.executors.Cluster whose Dask workers read the files."""
    from cspsearch.ingest.orchestrate import ingest as run

    if council:
        check_councils([council])
    return run([Path(p) for p in paths], index_dir(index), jobs=jobs, council=council, force=force,
               progress=progress, file_seconds=file_seconds, ocr=ocr, cluster=cluster)


def prune(index: IndexArg = None) -> list[str]:
    """Drop documents whose files are gone from disk; returns their paths."""
    from cspsearch.ingest.orchestrate import prune as run

    return run(index_dir(index))


def extract_file(path: str | Path, council: str | None = None) -> dict[str, Any]:
    """One line of the `extract --json` contract for one file (errors become `error`)."""
    from cspsearch.ingest.pipeline import build_record

    p = Path(path)
    try:
        record = build_record(p, council)
    except CspSearchError as err:
        return {"path": str(path), "sha256": _sha256_or_none(p), "pages": 0, "error": str(err),
                "meta": None, "entities": []}
    return {
        "path": str(path), "sha256": record.source.sha256, "pages": len(record.pages), "error": None,
        "warnings": list(record.warnings), "doc_id": record.doc_id, "meta": record.meta.to_json(),
        "entities": [e.to_json() for e in record.entities],
    }


def _sha256_or_none(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


# ---- read ---------------------------------------------------------------------------

def index_status(index: IndexArg = None) -> dict[str, Any]:
    """Whether there is an index yet, and how many documents it holds (cheap)."""
    from cspsearch.store.index import document_count

    folder = index_dir(index)
    count = document_count(folder)
    return {"path": str(folder), "exists": count is not None, "documents": count or 0}


def documents(index: IndexArg = None, councils=None, year_from=None, year_to=None) -> list[dict[str, Any]]:
    from cspsearch.store import reader

    check_years(year_from, year_to)
    return reader.documents(index_dir(index), check_councils(councils), year_from, year_to)


def entity_rows(index: IndexArg = None, type: str | None = None, councils=None, year_from=None,
                year_to=None, doc_id: str | None = None) -> list[dict[str, Any]]:
    """Extracted entities with their documents' fields, optionally of one type or document."""
    from cspsearch.store import reader

    if type and type not in ENTITY_TYPES:
        raise NotFoundError(f"There is no entity type {type!r}; the types are: {', '.join(ENTITY_TYPES)}.")
    check_years(year_from, year_to)
    return reader.entity_rows(index_dir(index), type, check_councils(councils), year_from, year_to, doc_id)


ENTITY_TYPES = ("money", "date", "financial_year", "quarter", "period", "legal", "priority", "acronym",
                "organisation", "person", "decision", "recommendation", "motion", "vote")


def search(query: str, index: IndexArg = None, councils=None, year_from=None, year_to=None,
           committee=None, kind=None, law=None, theme=None, sort: str = "relevance",
           limit: int = 10, include_undated: bool = False) -> dict[str, Any]:
    """Ranked passages grouped per document, with facets: the `search --json` shape.

    `left_out` says how many matching papers the council, date and committee filters left out
    because the paper lacks that field; `include_undated` keeps papers with no meeting date.
    """
    from cspsearch.store import search as store

    folder = index_dir(index)
    if sort not in ("relevance", "date", "-date"):
        raise CspSearchError(f"Sort by relevance, date or -date, not {sort!r}.")
    instruments = None
    if law:
        instruments = store.match_instruments(folder, law)
        if not instruments:
            raise NotFoundError(f"No indexed paper cites an instrument matching {law!r}.")
    theme = check_theme(theme) if theme else None
    check_years(year_from, year_to)
    rest = store.filter_query(None, None, None, None, kind, instruments, theme)
    gated = _gated_filters(check_councils(councils), year_from, year_to, committee, include_undated)
    flt = rest + [c for clauses in gated.values() for c in clauses]
    result = store.search(folder, query, synonyms=[set(g) for g in taxonomy_synonyms()], limit=limit, sort=sort,
                          filter=flt)
    result["left_out"] = _search_left_out(folder, query, rest, gated, include_undated, result["relaxed"])
    docs = store.SEARCHERS.get(folder).docs
    for row in result["results"]:  # so a citation can lead back to where the paper was published
        row["source_url"] = docs.get(row["doc_id"], {}).get("source_url")
    return result


def _gated_filters(councils, year_from, year_to, committee, include_undated) -> dict[str, list]:
    """The filters a paper can fail for want of a field, by the field: council, date, committee."""
    from whoosh.query import NumericRange, Or

    from cspsearch.store.search import filter_query

    gated: dict[str, list] = {"council": filter_query(councils), "date": [], "committee": filter_query(committee=committee)}
    if year_from is not None or year_to is not None:
        dated = NumericRange("year", year_from or 1, year_to)  # year 0 is "no meeting date"
        gated["date"] = [Or([dated, NumericRange("year", 0, 0)]) if include_undated else dated]
    return {field: clauses for field, clauses in gated.items() if clauses}


def _search_left_out(folder: Path, query: str, rest: list, gated: dict[str, list], include_undated: bool,
                     relaxed: bool) -> list[dict[str, Any]]:
    """How many papers matching `query` each gated filter left out for want of its field (matched, not ranked)."""
    if not gated:
        return []
    from cspsearch.store import reader
    from cspsearch.store.query import parse, restricted
    from cspsearch.store.search import SEARCHERS

    snap = SEARCHERS.get(folder)  # the cached searcher and its documents: no extra read
    q, _ = parse(query, snap.searcher.schema, [*(set(g) for g in taxonomy_synonyms()), *snap.acronyms],
                 relaxed=relaxed)
    counts = {}
    for field in gated:
        if field == "date" and include_undated:
            continue
        others = [c for name, clauses in gated.items() if name != field for c in clauses]
        matched = {snap.doc_of[n] for n in snap.searcher.docs_for_query(restricted(q, [*rest, *others]))}
        lacking = [d for d in matched if reader.lacking(snap.docs.get(d, {}), "meeting_date" if field == "date" else field)]
        if lacking:
            counts[field] = len(lacking)
    return left_out_notes(counts)


def left_out_notes(counts: dict[str, int]) -> list[dict[str, Any]]:
    """A sentence for each filter that left papers out because they lack its field."""
    notes = []
    for field, count in counts.items():
        name = reader_field_name(field)
        were = f"paper with no {name} was" if count == 1 else f"papers with no {name} were"
        keep = ("--include-undated keeps them" if field == "date"
                else f"`cspsearch docs --missing {field}` lists them to correct")
        notes.append({"field": field, "papers": count, "note": f"{count} {were} left out; {keep}."})
    return notes


def reader_field_name(field: str) -> str:
    from cspsearch.store.reader import LACKING

    return LACKING[field][1]


def show(doc_id: str, index: IndexArg = None, page: int | None = None, query: str | None = None) -> dict[str, Any]:
    """One page of a document with its query highlights and entities, for reading a hit."""
    from cspsearch.store import reader
    from cspsearch.store.search import page_highlights

    folder = index_dir(index)
    doc, pages = reader.document(folder, doc_id)
    number = page or 1
    if not 1 <= number <= len(pages):
        raise NotFoundError(f"{doc.get('title') or doc_id} has pages 1 to {len(pages)}, not {number}.")
    page_start = sum(len(p) + 1 for p in pages[: number - 1])
    text = pages[number - 1]
    entities = [e for e in reader.entity_rows(folder, doc_id=doc["doc_id"]) if e["page"] == number]
    return {"doc": doc, "page": number, "pages": len(pages), "text": text, "page_start": page_start,
            "highlights": page_highlights(text, query) if query else [], "entities": entities}


# ---- the list of papers -------------------------------------------------------------

MISSING_FIELDS = {"council": "council", "committee": "committee", "meeting_date": "meeting_date",
                  "date": "meeting_date", "title": "title", "kind": "kind", "doc_kind": "kind"}


def list_documents(index: IndexArg = None, councils=None, year_from=None, year_to=None, committee=None,
                   kind=None, missing: str | None = None, include_undated: bool = False) -> dict[str, Any]:
    """The indexed papers with their metadata and its sources, filtered like search; `left_out` as search's."""
    from cspsearch.store import reader

    check_years(year_from, year_to)
    if missing and missing not in MISSING_FIELDS:
        raise CspSearchError(f"--missing takes one of {', '.join(sorted(set(MISSING_FIELDS) - {'doc_kind'}))}, "
                             f"not {missing!r}.")
    rows = reader.documents(index_dir(index))
    kept, left_out = reader.select_documents(rows, check_councils(councils), year_from, year_to, committee, kind,
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
    from cspsearch.ingest.metadata_corrections import index_fields, sidecar_fields, write_sidecar
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
    from cspsearch.ingest.metadata_corrections import CORRECTABLE, read_corrections

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


# ---- check --------------------------------------------------------------------------

def check_index(index: IndexArg = None) -> dict[str, Any]:
    """Verify the index file by file and record by record: `healthy`, `problems`, counts."""
    from cspsearch.check import check

    return check(index_dir(index))


def repair_index(index: IndexArg = None, papers: Sequence[str | Path] = (), jobs: int | None = None,
                 progress=None) -> dict[str, Any]:
    """Rebuild a damaged index from the papers it names (and `papers`) and swap it in,
    keeping the damaged one beside it."""
    from cspsearch.check import repair

    return repair(index_dir(index), [Path(p) for p in papers], jobs=jobs, progress=progress)


# ---- vocabulary ---------------------------------------------------------------------

@cache
def taxonomy_synonyms() -> tuple[frozenset[str], ...]:
    from cspsearch.extract.themes import synonyms as theme_synonyms

    return tuple(frozenset(g) for g in theme_synonyms())


def check_councils(councils: Sequence[str] | None) -> list[str] | None:
    """The council slugs, checked against the councils list; NotFoundError suggests close ones."""
    if not councils:
        return None
    from cspsearch.ingest.councils import get_council

    return [get_council(c.strip().lower().replace(" ", "-")).council_id for c in councils]


def check_theme(theme: str) -> str:
    """The theme id a person means (an id, label or phrasing); NotFoundError otherwise."""
    from cspsearch.extract.themes import load_taxonomy

    return load_taxonomy().resolve(theme)


def iter_extract(paths: Sequence[str | Path], council: str | None = None,
                 ocr: bool = True) -> Iterator[dict[str, Any]]:
    """`extract_file` for each path; scanned pages are OCR'd (cached in the user's cache folder) when `ocr`."""
    from cspsearch.ingest.orchestrate import ocr_settings
    from cspsearch.ingest.readers.ocr import user_cache_dir

    with ocr_settings(ocr, user_cache_dir()):
        for path in paths:
            yield extract_file(path, council)


# ---- doctor -------------------------------------------------------------------------

def doctor() -> dict[str, Any]:
    """What this installation can do that depends on the machine: for now, OCR of scanned pages."""
    from cspsearch.ingest.readers import ocr

    problem = ocr.unavailable_reason()
    version = ocr.engine_version() if problem is None else None
    return {"ocr": {"available": problem is None, "engine": f"tesseract {version}" if version else None,
                    "problem": problem, "fix": None if problem is None else ocr.INSTALL_HINT}}
