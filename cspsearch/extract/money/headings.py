"""Column headings of money tables written without tabs, matched to the figures by their order.

A table read from a PDF without ruling lines comes out as words and figures separated by
single spaces: "Adult Social Care & Health 586.1 621.6 +35.4 +6.0%" under "Budget
Forecast Variance Variance". Where a heading line has one word per figure column (or one
more, over the row labels), its words name the columns right to left, as the figures end
every row. A row with every column filled takes its words; a row with fewer figures takes
them only when the headings repeat ("Kent England Kent England": its two figures are
Kent's and England's, whichever year they are for); otherwise which columns its figures
sit in is unknown and they get no heading.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Slotted(Protocol):
    """A figure of a row: its place among the row's trailing figures and their number."""

    slot: int
    slots: int
    heading: str | None


def assign_headings(cells: Sequence[Slotted], heading_lines: list[str]) -> None:
    """Give each cell of one table the heading words over its column, where they can be told."""
    width = max((cell.slots for cell in cells), default=0)
    if width < 2:
        return
    rows = [line.split() for line in heading_lines if _reads_as_heading(line)]
    usable = [words[-width:] for words in rows if len(words) in (width, width + 1)]
    if not usable:
        return
    names = [" ".join(words[slot] for words in usable) for slot in range(width)]
    period = _period(names)
    for cell in cells:
        if cell.slots == width:
            cell.heading = names[cell.slot]
        elif period < width and cell.slots % period == 0:
            cell.heading = names[cell.slot % period]


def _reads_as_heading(line: str) -> bool:
    """Column headings are short capitalised words without figures, not a sentence."""
    words = line.split()
    lower = sum(1 for word in words if word[:1].islower())
    return (bool(words) and not any(c.isdigit() for c in line) and not line.rstrip().endswith(".")
            and lower * 3 <= len(words))


def _period(names: list[str]) -> int:
    """The shortest run of headings that repeats across the row (the row's width when none does)."""
    for period in range(1, len(names)):
        if len(names) % period == 0 and all(names[i] == names[i % period] for i in range(len(names))):
            return period
    return len(names)
