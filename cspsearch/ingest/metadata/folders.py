"""What the folders holding a paper say about its meeting: a date folder, a committee folder, a council folder.

An officer keeps papers as `Kent County Council/Cabinet/2025-01-30/report.pdf`; those names are an
explicit statement of the meeting, read here. File names are never read: they are too often a
clerk's shorthand ("Item 5 - App B") rather than a statement of anything.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from cspsearch.ingest.metadata.committee import clean_committee, names_body
from cspsearch.ingest.metadata.dates import find_dates
from cspsearch.resources import SHARED, load_yaml
from cspsearch.vocab.councils import find_council


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml(SHARED, "data/folder_names.yaml")
    data["patterns"] = [re.compile(p) for p in data["numeric_dates"]]
    return data


def own_date_kinds() -> tuple[str, ...]:
    """Kinds of paper (letter) whose own date is when they were written, not the meeting they went to."""
    return tuple(_data()["own_date_kinds"])


def folder_meta(path: Path) -> dict[str, str]:
    """council_id, committee and meeting_date named by the folders above `path`, the nearest folder winning."""
    found: dict[str, str] = {}
    for folder in list(Path(path).parents)[: _data()["levels"]]:
        for key, value in read_folder_name(folder.name).items():
            found.setdefault(key, value)
    return found


def read_folder_name(name: str) -> dict[str, str]:
    """What one folder name says: a date ('2025-01-30', '30 Jan 2025'), a body ('Cabinet'), a council.

    A name may hold a date and a body together ('2025-01-30 Cabinet'); anything else in it
    means it is not a meeting folder, so nothing is read from it.
    """
    words = re.sub(r"[_]+", " ", name).strip()
    if not words:
        return {}
    found: dict[str, str] = {}
    day, rest = _date_in(words)
    if day:
        found["meeting_date"] = day
    rest = re.sub(r"^[\s,;:–—-]+|[\s,;:–—-]+$", "", rest)
    if not rest:
        return found
    council = find_council(rest)
    if council and not day:
        return {"council_id": council.council_id}
    committee = _committee(rest)
    if committee:
        found["committee"] = committee
    return found if (committee or not rest) else {}


def _date_in(words: str) -> tuple[str | None, str]:
    """The ISO date a folder name holds, and the name without it."""
    for pattern in _data()["patterns"]:
        match = pattern.search(words)
        if match:
            iso = _iso(int(match["year"]), int(match["month"]), int(match["day"]))
            if iso:
                return iso, words[: match.start()] + " " + words[match.end():]
    dates = [d for d in find_dates(words) if len(d.value) == 10]
    if len(dates) == 1:
        return dates[0].value, words[: dates[0].start] + " " + words[dates[0].end:]
    return None, words


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _committee(words: str) -> str | None:
    """A body's name when the folder is named like one ('Cabinet', 'full council', 'AUDIT COMMITTEE')."""
    name = clean_committee(words)
    if not names_body(name) or len(name.split()) > 12:
        return None
    if name.islower() or name.isupper():
        small = set(_data()["small_words"])
        name = " ".join(w.lower() if i and w.lower() in small else w.capitalize()
                        for i, w in enumerate(name.split()))
    return name
