"""ThemeTimeline: themes down, years across, one band per council; moving or choosing a cell reports it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable, Static

from cspsearch.library import bands, short_name

LEAD = 2  # the theme and council columns before the first year
# Under the cursor a year without papers shows a baseline: a bare cursor there would look like a filled band
# once NO_COLOR turns every colour grey.
CURSOR_BLANK = "▁"


class TimelineGrid(DataTable):
    """The bands: no padding between cells, so a council's consecutive years join into one band."""

    DEFAULT_CSS = """
    TimelineGrid {
        height: 1fr;
    }
    /* A neutral cursor whose glyphs take the text colour: a council's own colour would hide it. */
    TimelineGrid > .datatable--cursor, TimelineGrid:focus > .datatable--cursor {
        background: $foreground 35%;
        color: $foreground;
        text-style: bold;
    }
    """


class ThemeTimeline(Vertical):
    """A compare() result as bands per theme and council on a common year axis, with a legend."""

    DEFAULT_CSS = """
    ThemeTimeline {
        height: 1fr;
    }
    ThemeTimeline > #timeline-legend {
        height: auto;
        max-height: 5;
        padding: 0 1;
    }
    """

    class CellChosen(Message):
        """A year of a council's band was highlighted (opened=False) or chosen with Enter (opened=True).

        `cell` is the compare() cell, or None where the council has no paper that year.
        """

        def __init__(self, theme: dict[str, Any], council_id: str, year: int,
                     cell: dict[str, Any] | None, opened: bool) -> None:
            super().__init__()
            self.theme, self.council_id, self.year = theme, council_id, year
            self.cell, self.opened = cell, opened

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.evolution: bands.Evolution | None = None
        self.themes: dict[str, dict[str, Any]] = {}
        self.rows: list[tuple[bands.ThemeBands, bands.Band]] = []
        self.shape: bands.Layout | None = None
        self.marked: Coordinate | None = None  # the blank cell showing CURSOR_BLANK

    def compose(self) -> ComposeResult:
        yield TimelineGrid(id="timeline-grid", cursor_type="cell", cell_padding=0, zebra_stripes=False)
        yield Static(id="timeline-legend", markup=False)

    @property
    def grid(self) -> TimelineGrid:
        return self.query_one(TimelineGrid)

    def show(self, result: dict[str, Any]) -> None:
        """Draw the bands of a compare() result."""
        self.evolution = bands.evolution(result)
        self.themes = {t["id"]: t for t in result["themes"]}
        self.rows = [(theme, band) for theme in self.evolution.themes for band in theme.bands]
        self.shape = None
        self._draw()

    def on_resize(self, event: Resize) -> None:
        if self.evolution is not None:
            self._draw()

    def _draw(self) -> None:
        """Fill the grid for the current width, keeping the cursor where it was."""
        evo = self.evolution
        if evo is None:
            return
        width = max(40, (self.size.width or 80) - 2)  # the vertical scrollbar takes two columns
        shape = bands.layout(evo, width)
        if shape == self.shape:
            return
        self.shape = shape
        grid = self.grid
        cursor = grid.cursor_coordinate if grid.row_count else None
        styles = bands.palette_styles()
        grid.clear(columns=True)
        self.marked = None
        axis = bands.axis_text(evo.years, shape.cell)
        grid.add_column(Text("theme"), width=shape.label + 1)
        grid.add_column(Text("council"), width=shape.tag)
        for n, _year in enumerate(evo.years):  # the axis labels spread over the year columns they span
            grid.add_column(Text(axis[n * shape.cell:(n + 1) * shape.cell], style="bold"), width=shape.cell)
        for n, (theme, band) in enumerate(self.rows):
            first = n == 0 or self.rows[n - 1][0] is not theme
            # Text, not str: DataTable reads a str as markup, and labels come from data files.
            label = Text(bands.clip(theme.label, shape.label) if first else "",
                         style="bold" if theme.shared else "")
            cells = [bands.cell_segment(band.marks.get(year), band.index, shape.cell) for year in evo.years]
            grid.add_row(label, Text(bands.clip(short_name(band.council_id), shape.tag - 1)),
                         *(Text(text, style=styles.get(key, "")) for text, key in cells))
        grid.fixed_columns = LEAD
        self._show_legend(evo, width)
        if cursor is not None and cursor.row < grid.row_count:
            grid.move_cursor(row=cursor.row, column=cursor.column)
        elif self.rows:
            _, band = self.rows[0]
            column = next((n for n, year in enumerate(evo.years) if year in band.marks), 0)
            grid.move_cursor(row=0, column=column + LEAD)

    def _show_legend(self, evo: bands.Evolution, width: int) -> None:
        styles = bands.palette_styles()
        lines = [Text.assemble(*((text, styles.get(key, "")) for text, key in row))
                 for row in bands.wrap(bands.legend(evo), width)]
        lines += [Text(note) for note in bands.unlisted_notes(evo)]
        self.query_one("#timeline-legend", Static).update(Text("\n").join(lines))

    def _cell_at(self, row: int, column: int) -> CellChosen | None:
        """The message for a grid coordinate; None on the label columns or outside the bands."""
        if self.evolution is None or column < LEAD or row >= len(self.rows):
            return None
        theme, band = self.rows[row]
        year = self.evolution.years[column - LEAD]
        theme_row = self.themes[theme.theme_id]
        return self.CellChosen(theme_row, band.council_id, year, band.cells.get(year), False)

    def _mark_blank(self, coordinate: Coordinate, found: CellChosen | None) -> None:
        """Give the cursor something to show on a year without papers; put the last such cell back."""
        grid, width = self.grid, self.shape.cell if self.shape else 1
        if self.marked is not None and self.marked != coordinate and grid.is_valid_coordinate(self.marked):
            grid.update_cell_at(self.marked, Text(" " * width))
            self.marked = None
        if found is not None and found.cell is None:
            grid.update_cell_at(coordinate, Text(CURSOR_BLANK * width))
            self.marked = coordinate

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        found = self._cell_at(event.coordinate.row, event.coordinate.column)
        self._mark_blank(event.coordinate, found)
        if found:
            self.post_message(found)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        found = self._cell_at(event.coordinate.row, event.coordinate.column)
        if found:
            found.opened = True
            self.post_message(found)

    def focus_grid(self) -> None:
        """Focus the bands and report the cell under the cursor, so the detail pane follows this view."""
        self.grid.focus()
        found = self._cell_at(self.grid.cursor_coordinate.row, self.grid.cursor_coordinate.column)
        if found:
            self.post_message(found)
