"""Papers kept in one meeting's folder take that meeting's committee, date and council from its agenda or minutes.

Appendices, letters and amendment forms rarely say which meeting they went to; the agenda
beside them does. Only what every agenda in the folder agrees on is passed on (else every set of
minutes'), so a folder holding several meetings' papers passes on nothing it cannot be sure of.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cspsearch.ingest.metadata.folders import own_date_kinds

INHERITED = ("council_id", "committee", "meeting_date")
MEETING_KINDS = ("agenda", "minutes")  # the papers that say which meeting a folder is, most telling first
SOURCE = "meeting"


def meeting_updates(rows: Iterable[dict[str, Any]], folders: set[str] | None = None) -> dict[str, dict[str, Any]]:
    """doc_id -> the meta fields a paper inherits from its folder's agenda or minutes (only changes).

    `rows` are indexed documents (DocRows); `folders`, when given, limits the work to those folders.
    """
    by_folder: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        folder = str(Path(row["path"]).parent)
        if folders is None or folder in folders:
            by_folder[folder].append(row)
    updates: dict[str, dict[str, Any]] = {}
    for papers in by_folder.values():
        meeting = _meeting_of(papers)
        if not meeting:
            continue
        for row in papers:
            change = _inherit(row, meeting)
            if change:
                updates[row["doc_id"]] = change
    return updates


def _meeting_of(papers: list[dict[str, Any]]) -> dict[str, Any]:
    """The fields every paper of the most telling kind present agrees on."""
    for kind in MEETING_KINDS:
        sources = [row for row in papers if row.get("doc_kind") == kind]
        if sources:
            break
    else:
        return {}
    agreed = {}
    for key in INHERITED:
        values = {row.get(key) for row in sources}
        if len(values) == 1 and None not in values:
            agreed[key] = values.pop()
    if "council_id" in agreed:
        agreed["council"] = next(row.get("council") for row in sources)
    return agreed


def _inherit(row: dict[str, Any], meeting: dict[str, Any]) -> dict[str, Any]:
    """The fields `row` lacks (or inherited before) that the meeting gives, with their source noted."""
    if row.get("doc_kind") in MEETING_KINDS:
        return {}
    sources = dict(row.get("meta_sources") or {})
    change: dict[str, Any] = {}
    for key in INHERITED:
        named = "council" if key == "council_id" else key
        open_to_it = not row.get(key) or sources.get(named) == SOURCE or (
            key == "meeting_date" and row.get("doc_kind") in own_date_kinds() and sources.get(named) == "content")
        if key in meeting and open_to_it and row.get(key) != meeting[key]:
            change[key] = meeting[key]
            sources[named] = SOURCE
    if not change:
        return {}
    if "council_id" in change:
        change["council"] = meeting.get("council")
    if "meeting_date" in change:
        change["year"] = int(str(change["meeting_date"])[:4])
    change["meta_sources"] = sources
    return change
