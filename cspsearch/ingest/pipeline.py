"""From one file to a DocumentRecord: parse, metadata, passages, entities.

`process_file` is a pure function of one file, so it runs in a process pool (or, later,
on any distributed engine); only the caller writes to the index.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from cspsearch.errors import CspSearchError
from cspsearch.ingest.version import pipeline_version
from cspsearch.model import DocumentRecord, Passage

COUNCIL_PART = "council="  # the fingerprint part that keeps a --council override for later runs


@dataclass(frozen=True)
class FileOutcome:
    """What processing one file gave: a record, or the sentence saying why not."""

    path: str
    record: DocumentRecord | None = None
    error: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    pages: int = 0


def build_record(path: Path, council: str | None = None) -> DocumentRecord:
    """Read and analyse one file; raises CspSearchError with a human sentence."""
    from cspsearch.extract import extract_entities
    from cspsearch.ingest.metadata import infer_meta
    from cspsearch.ingest.readers import read_document
    from cspsearch.ingest.segment import segment
    from cspsearch.vocab.themes import match_themes

    parsed = read_document(path)
    text = parsed.text
    meta = infer_meta(text, parsed.pages, path, council)
    if parsed.ocr_pages:  # kept with the metadata, so each citation of such a page says it was OCR'd
        meta = replace(meta, ocr_pages=parsed.ocr_pages)
    digest = fingerprint(path, parsed.source.sha256, council)
    doc_id = doc_id_of(digest)
    entities = tuple(extract_entities(text, meta)) if text.strip() else ()
    passages = tuple(_with_themes(p, match_themes) for p in segment(doc_id, parsed.pages))
    return DocumentRecord(doc_id, parsed.source, meta, parsed.pages, passages, entities, parsed.warnings,
                          digest, pipeline_version())


def fingerprint(path: Path, sha256: str | None = None, council: str | None = None) -> str:
    """What must change for a file to be read again: its bytes, its sidecar's, the council it was given.

    Two files with the same fingerprint give the same record, so one is a duplicate of the other.
    """
    from cspsearch.ingest.discover import sha256_of
    from cspsearch.ingest.metadata import sidecar_paths

    parts = [sha256 or sha256_of(path)]
    parts += [sha256_of(s) for s in sidecar_paths(path) if s.is_file() and s != path]
    if council:
        parts.append(COUNCIL_PART + council)
    return ":".join(parts)


def council_of(digest: str | None) -> str | None:
    """The council a fingerprint says the file was given with --council; None when it was not."""
    for part in (digest or "").split(":"):
        if part.startswith(COUNCIL_PART):
            return part[len(COUNCIL_PART):]
    return None


def doc_id_of(digest: str) -> str:
    """A document's id: its content hash, or, when a sidecar or --council shaped it, the whole fingerprint's.

    Copies of one paper under different metadata are then separate documents.
    """
    if ":" not in digest:
        return digest[:16]
    return hashlib.sha256(digest.encode("utf-8")).hexdigest()[:16]


def warm_up() -> None:
    """Load what reading a first file loads (the spaCy pipeline, word lists, council names) by
    analysing a line of text, so worker processes forked afterwards start ready: about two
    seconds a worker, and a fair start to each file's time budget."""
    from cspsearch.extract import extract_entities
    from cspsearch.ingest.metadata import infer_meta
    from cspsearch.vocab.themes import match_themes

    sample = "Report to the Cabinet\n\nThe panel agreed £20,000 on 1 April 2024 for community safety."
    meta = infer_meta(sample, [sample])
    extract_entities(sample, meta)
    match_themes(sample)


def _with_themes(passage: Passage, match_themes) -> Passage:
    themes = tuple(match_themes(passage.text))
    return replace(passage, themes=themes) if themes else passage


def process_file(path: str, council: str | None = None) -> FileOutcome:
    """`build_record` that never raises: failures become the outcome's error sentence."""
    try:
        record = build_record(Path(path), council)
    except CspSearchError as err:
        return FileOutcome(path, error=str(err))
    except MemoryError:
        return FileOutcome(path, error=f"{Path(path).name} is too large to process in the memory available.")
    except Exception as err:  # a bug or a library failure we have not met: report it, keep the batch going
        return FileOutcome(path, error=f"{Path(path).name} could not be processed ({type(err).__name__}: {err}).")
    return FileOutcome(path, record=record, warnings=record.warnings, pages=len(record.pages))
