"""FittedTable: a DataTable whose columns share out the width it has, so amounts are never cut or scrolled away."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

# A shrunk column keeps this many characters: "current", "received", "Ministry…" still read; when even
# that does not fit, the last columns scroll sideways, so put what must stay in view first.
LEAST = 10
SCROLLBAR = 2  # room kept for the vertical scrollbar, shown or not, so rows never reflow under it


def natural_width(header: str, cells: Sequence[Text]) -> int:
    return max([len(header), *(cell.cell_len for cell in cells)])


def fit_widths(naturals: list[int], room: int, keep: set[int], least: int = LEAST) -> list[int]:
    """Column widths that fit `room`: kept columns (amounts, dates) at full width, the others cut to one
    common cap, as high as the room allows but not under `least` (narrow columns keep their own width)."""
    if sum(naturals) <= room:
        return list(naturals)
    shrinkable = [n for i, n in enumerate(naturals) if i not in keep]
    left = room - sum(n for i, n in enumerate(naturals) if i in keep)
    cap = least
    for candidate in range(max(shrinkable, default=least), least - 1, -1):
        if sum(min(n, candidate) for n in shrinkable) <= left:
            cap = candidate
            break
    return [n if i in keep else min(n, max(cap, least)) for i, n in enumerate(naturals)]


def clip(cell: Text, width: int) -> Text:
    """The cell cut to `width` with an ellipsis, its style kept."""
    if cell.cell_len <= width:
        return cell
    cut = cell.copy()
    cut.truncate(width, overflow="ellipsis")
    return cut


class FittedTable(DataTable):
    """Call `fill(headers, rows, keep)`; the columns in `keep` are never cut, the others shrink to fit
    the table's width and follow a resize. A cell cut short ends in '…'; the row's detail shows it whole."""

    def __init__(self, id: str | None = None, cursor_type: str = "row") -> None:
        super().__init__(id=id, cursor_type=cursor_type, zebra_stripes=True)  # type: ignore[arg-type]
        self.headers: list[str] = []
        self.cells: list[list[Text]] = []
        self.keep: set[int] = set()
        self.naturals: list[int] = []
        self.widths: list[int] = []

    def fill(self, headers: list[str], rows: Sequence[Sequence[str | Text]], keep: set[int]) -> None:
        self.headers, self.keep = list(headers), set(keep)
        self.cells = [[c if isinstance(c, Text) else Text(c) for c in row] for row in rows]
        self.naturals = [natural_width(h, [r[i] for r in self.cells]) for i, h in enumerate(self.headers)]
        self._draw()

    def room(self) -> int:
        width = self.size.width or self.app.size.width
        return width - SCROLLBAR - 2 * self.cell_padding * len(self.headers)

    def _draw(self) -> None:
        row = self.cursor_row
        self.widths = fit_widths(self.naturals, self.room(), self.keep)
        self.clear(columns=True)
        for header, width in zip(self.headers, self.widths, strict=True):
            self.add_column(header, width=width)
        self.add_rows([[clip(c, w) for c, w in zip(r, self.widths, strict=True)] for r in self.cells])
        if self.cells:
            self.move_cursor(row=min(row, len(self.cells) - 1))

    def on_resize(self) -> None:
        # Only when the widths change: a redraw clears the table, and resizes come in bursts.
        if self.headers and fit_widths(self.naturals, self.room(), self.keep) != self.widths:
            self._draw()
