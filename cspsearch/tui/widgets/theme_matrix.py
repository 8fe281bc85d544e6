"""ThemeMatrix: the theme x (council, year) table of a comparison; moving or choosing a cell reports it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

CELL_WIDTH = 14  # the narrowest a cell gets; wide terminals share out their room up to MAX_CELL_WIDTH
MAX_CELL_WIDTH = 40
THEME_WIDTH = 22


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def cell_width(room: int, columns: int) -> int:
    """How wide each council-year cell can be when `room` columns hold the theme and `columns` cells."""
    if columns < 1:
        return CELL_WIDTH
    share = (room - THEME_WIDTH - 2) // columns - 2  # each column has a cell of padding either side
    return max(CELL_WIDTH, min(MAX_CELL_WIDTH, share))


def cell_label(cell: dict[str, Any], width: int = CELL_WIDTH) -> Text:
    """A short cell: ✓ and the start of the wording, '-' when not named, '?' where no list was found."""
    # Text, not str: DataTable reads a str as markup, and a paper's wording may hold brackets.
    if cell["present"] is None:
        return Text("? no list")
    if not cell["present"]:
        return Text("-")
    wording = "; ".join(cell["wording"]) or cell.get("status") or "named"
    return Text("✓ " + clip(wording, width - 2))


class ThemeMatrix(DataTable):
    """One row per theme, one column per council-year; cells are the cell dicts of compare()."""

    DEFAULT_CSS = """
    ThemeMatrix {
        height: 1fr;
    }
    """

    class CellChosen(Message):
        """A cell was highlighted (opened=False) or chosen with Enter (opened=True)."""

        def __init__(self, theme: dict[str, Any], cell: dict[str, Any], opened: bool) -> None:
            super().__init__()
            self.theme, self.cell, self.opened = theme, cell, opened

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.themes: list[dict[str, Any]] = []
        self.result: dict[str, Any] | None = None
        self.width_shown = CELL_WIDTH

    def show(self, result: dict[str, Any]) -> None:
        """Fill the table from a compare() result."""
        cursor = self.cursor_coordinate if result is self.result else None
        self.clear(columns=True)
        self.result, self.themes = result, result["themes"]
        years = sum(len(council["years"]) for council in result["councils"])
        width = self.width_shown = cell_width(self.size.width or self.app.size.width, years)
        self.add_column("theme", key="theme", width=THEME_WIDTH)
        for council in result["councils"]:
            for year in council["years"]:
                self.add_column(Text(f"{council['council_id']} {year}"), width=width)
        for theme in self.themes:
            self.add_row(Text(clip(theme["label"], THEME_WIDTH)), *(cell_label(c, width) for c in theme["cells"]))
        self.fixed_columns = 1
        if cursor is not None:
            self.move_cursor(row=cursor.row, column=cursor.column)
        elif self.themes and len(self.columns) > 1:
            self.move_cursor(row=0, column=1)

    def on_resize(self) -> None:
        # Cells follow the terminal: redraw when the room per cell has changed.
        if self.result is not None:
            years = sum(len(council["years"]) for council in self.result["councils"])
            if cell_width(self.size.width, years) != self.width_shown:
                self.show(self.result)

    def _cell_at(self, row: int, column: int) -> tuple[dict[str, Any], dict[str, Any]] | None:
        if column < 1 or row >= len(self.themes):
            return None
        theme = self.themes[row]
        return theme, theme["cells"][column - 1]

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        found = self._cell_at(event.coordinate.row, event.coordinate.column)
        if found:
            self.post_message(self.CellChosen(*found, opened=False))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        found = self._cell_at(event.coordinate.row, event.coordinate.column)
        if found:
            self.post_message(self.CellChosen(*found, opened=True))
