"""Where a cited page can be opened: the paper's source address, else its file, at the page."""

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
