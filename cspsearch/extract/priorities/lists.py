"""Every list of priorities in a paper's normalised text, each item claimed by the scan trusted most.

The layouts: bullets and numbered items under a lead-in, inline "reduce to 4: a; b; and c"
lists and unmarked short lines under a lead-in (`lead_ins`); "Priority 1: ..."
items, tables with a Priority column and "Priority status:" blocks (`layouts`).
Every scan is anchored on rare words ("priorities", "Priority status") and reads only
the few lines around them, so the cost grows linearly with the text.
"""

from __future__ import annotations

import bisect
from typing import Any

from cspsearch.extract.priorities.items import FoundList
from cspsearch.extract.priorities.layouts import scan_numbered, scan_status_blocks, scan_tables
from cspsearch.extract.priorities.lead_ins import scan_lead_ins
from cspsearch.extract.priorities.text import Lines


def find_lists(text: str, original: str | None = None, offsets: Any = None) -> list[FoundList]:
    """Every list of priorities in the normalised `text`, in the order the scans trust them.

    `original` and `offsets` (the normalised text's map back to it) let the scan read
    unmarked one-per-line lists, whose line breaks the normalised text folds away.
    """
    lines = Lines(text)
    found = scan_status_blocks(text, lines)
    found += scan_numbered(text, lines)
    found += scan_tables(text, lines)
    found += scan_lead_ins(text, lines, original, offsets)
    return without_overlaps(found)


def without_overlaps(lists: list[FoundList]) -> list[FoundList]:
    """Drop items that overlap an item of a list found earlier (an earlier scan wins)."""
    taken: list[tuple[int, int]] = []
    kept = []
    for found in lists:
        items = []
        for item in found.items:
            i = bisect.bisect_left(taken, (item.start, item.end))
            clash = (i > 0 and taken[i - 1][1] > item.start) or (i < len(taken) and taken[i][0] < item.end)
            if not clash:
                items.append(item)
                taken.insert(i, (item.start, item.end))
        if items:
            found.items = items
            kept.append(found)
    return kept
