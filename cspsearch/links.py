"""What a citation of a page says beyond its place: where to open it, and whether OCR read it."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def page_link(doc: dict[str, Any], page: int) -> str | None:
    """A link to `page` of the paper (`#page=N`, which PDF viewers and browsers honour), or None.

    The site's address wins, as it is what a councillor can open too; a file gone from disk
    and no address leave nothing to open.
    """
    if doc.get("source_url"):
        return f"{str(doc['source_url']).split('#')[0]}#page={page}"
    path = Path(str(doc.get("path") or ""))
    if doc.get("path") and path.is_file():
        return f"{path.resolve().as_uri()}#page={page}"
    return None


def citation_note(doc: dict[str, Any], page: int) -> str | None:
    """'read by OCR, 87% confidence' when a document row says `page` came from OCR, else None."""
    for entry in doc.get("ocr_pages") or ():
        if entry.get("page") == page:
            low = ": low, check the page" if entry.get("low") else ""
            return f"read by OCR, {entry.get('confidence', 0):.0%} confidence{low}"
    return None
