"""The operations both front ends call. Core only: no Typer, Rich or Textual here."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from cspsearch.errors import CspSearchError, NotFoundError
from cspsearch.papers import correct_document, import_corrections, list_documents  # noqa: F401 (the docs operations)
from cspsearch.settings import index_dir
from cspsearch.years import check_years

IndexArg = str | Path | None


# ---- ingest -------------------------------------------------------------------------

def ingest(paths: Sequence[str | Path], index: IndexArg = None, jobs: int | None = None,
           council: str | None = None, force: bool = False, progress=None, file_seconds: float | None = None,
           ocr: bool = True, cluster=None, engine: str | None = None):
    """Ingest files and folders into the index; returns an IngestReport. `ocr`: read scanned pages;
    `cluster`: an ingest.executors.Cluster whose Dask workers read the files; `engine`: whoosh or
    tantivy for a new index (an existing one keeps its own)."""
    from cspsearch.ingest.orchestrate import ingest as run

    if council:  # any spelling of the council (its name, 'Maidstone BC'), recorded as its slug
        council = (check_councils([council]) or [council])[0]
    return run([Path(p) for p in paths], index_dir(index), jobs=jobs, council=council, force=force,
               progress=progress, file_seconds=file_seconds, ocr=ocr, cluster=cluster, engine=engine)


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
           limit: int = 10, include_undated: bool = False, years: list[int] | None = None) -> dict[str, Any]:
    """Ranked passages grouped per document, with facets: the `search --json` shape.

    `committee`, `kind` and `theme` may be lists (papers matching any), and `years` the meeting
    years to keep when they are not one range: the TUI's multi-select filters.

    `left_out` says how many matching papers the council, date and committee filters left out
    because the paper lacks that field; `include_undated` keeps papers with no meeting date.
    """
    from cspsearch.left_out import gated_filters, search_left_out
    from cspsearch.store import search as store
    from cspsearch.store.engine import is_tantivy

    folder = index_dir(index)
    if is_tantivy(folder):  # the same functions, on the index's own engine
        from cspsearch.store import tantivy_search

        store = tantivy_search  # type: ignore[misc]
        search_left_out = tantivy_search.search_left_out
    if sort not in ("relevance", "date", "-date"):
        raise CspSearchError(f"Sort by relevance, date or -date, not {sort!r}.")
    instruments = None
    if law:  # read as `law` reads an instrument's name ('CDA 1998'), among the titles the papers cite
        from cspsearch.names import instruments as named_instruments

        instruments = named_instruments(law, store.match_instruments(folder, ""))
    theme = ([check_theme(t) for t in theme] if isinstance(theme, list) else check_theme(theme)) if theme else None
    check_years(year_from, year_to)
    if committee:  # read as docs and decisions read it; the committees come from the searcher's cached papers
        from cspsearch.names import committees

        indexed = (doc.get("committee") for doc in store.SEARCHERS.get(folder).docs.values())
        committee = committees(committee, indexed)
    rest = store.filter_query(None, None, None, None, kind, instruments, theme)
    gated = gated_filters(check_councils(councils), year_from, year_to, committee, include_undated, years)
    flt = rest + [c for clauses in gated.values() for c in clauses]
    result = store.search(folder, query, synonyms=[set(g) for g in taxonomy_synonyms()], limit=limit, sort=sort,
                          filter=flt)
    result["left_out"] = search_left_out(folder, query, rest, gated, include_undated, result["relaxed"])
    docs = store.SEARCHERS.get(folder).docs
    for row in result["results"]:  # so a citation can lead back to where the paper was published
        row["source_url"] = docs.get(row["doc_id"], {}).get("source_url")
    return result


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


def reindex(engine: str, index: IndexArg = None) -> dict[str, Any]:
    """Convert the index to `engine` (whoosh or tantivy) from its stored records, without reading papers."""
    from cspsearch.store.reindex import reindex as run

    return run(index_dir(index), engine)


# ---- vocabulary ---------------------------------------------------------------------

@cache
def taxonomy_synonyms() -> tuple[frozenset[str], ...]:
    """The theme taxonomy's synonym groups and the common acronyms of data/acronyms.yaml."""
    from cspsearch.store.vocabulary import common_acronyms
    from cspsearch.vocab.themes import synonyms as theme_synonyms

    return tuple(frozenset(g) for g in [*theme_synonyms(), *common_acronyms()])


def check_councils(councils: Sequence[str] | None) -> list[str] | None:
    """The council ids of the councils named (a slug, name, alias or acronym, as names.council_id
    reads them); NotFoundError suggests close ones."""
    from cspsearch.names import council_ids

    return council_ids(councils)


def check_theme(theme: str) -> str:
    """The theme id a person means (an id, label or phrasing, as names.theme_id reads it); NotFoundError otherwise."""
    from cspsearch.names import theme_id

    return theme_id(theme)


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
