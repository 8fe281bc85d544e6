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
           council: str | None = None, force: bool = False, progress=None, file_seconds: float | None = None):
    """Ingest files and folders into the index; returns an IngestReport."""
    from cspsearch.ingest.orchestrate import ingest as run

    if council:
        check_councils([council])
    return run([Path(p) for p in paths], index_dir(index), jobs=jobs, council=council, force=force,
               progress=progress, file_seconds=file_seconds)


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
           limit: int = 10) -> dict[str, Any]:
    """Ranked passages grouped per document, with facets: the `search --json` shape."""
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
    flt = store.filter_query(check_councils(councils), year_from, year_to, committee, kind, instruments, theme)
    return store.search(folder, query, synonyms=[set(g) for g in taxonomy_synonyms()], limit=limit, sort=sort,
                        filter=flt)


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


def iter_extract(paths: Sequence[str | Path], council: str | None = None) -> Iterator[dict[str, Any]]:
    for path in paths:
        yield extract_file(path, council)
