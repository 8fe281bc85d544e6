"""What every extraction component may read besides the tokens: the original text,
the normalised copy and what the metadata says about the meeting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cspsearch.extract.textmap import NormText
from cspsearch.model import DocumentMeta


@dataclass
class ExtractionContext:
    original: str
    norm: NormText
    meta: DocumentMeta
    meeting_date: date | None

    @classmethod
    def create(cls, original: str, norm: NormText, meta: DocumentMeta | None) -> ExtractionContext:
        meta = meta or DocumentMeta()
        return cls(original, norm, meta, _meeting_date(meta))


def _meeting_date(meta: DocumentMeta) -> date | None:
    value = meta.meeting_date
    if not value:
        return date(meta.year, 1, 1) if meta.year else None
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    try:
        return date(*parts[:3])
    except ValueError:
        return None


def text_of(doc) -> str:
    """A pipeline doc's text, from its context when it has one: spaCy rebuilds doc.text
    from every token on each access, which is slow inside a loop."""
    from cspsearch.extract import CONTEXT_KEY

    context = doc.user_data.get(CONTEXT_KEY)
    return context.norm.text if context is not None else doc.text
