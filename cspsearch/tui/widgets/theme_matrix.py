"""ThemeMatrix: the theme x (council, year) table of a comparison; moving or choosing a cell reports it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

CELL_WIDTH = 14
THEME_WIDTH = 22


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def cell_label(cell: dict[str, Any]) -> Text:
    """A short cell: ✓ and the start of the wording, '-' when not named, '?' where no list was found."""
    # Text, not str: DataTable reads a str as markup, and a paper's wording may hold brackets.
    if cell["present"] is None:
        return Text("? no list")
    if not cell["present"]:
        return Text("-")
    wording = "; ".join(cell["wording"]) or cell.get("status") or "named"
    return Text("✓ " + clip(wording, CELL_WIDTH - 2))


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

    def show(self, result: dict[str, Any]) -> None:
        """Fill the table from a compare() result."""
        self.clear(columns=True)
        self.themes = result["themes"]
        self.add_column("theme", key="theme", width=THEME_WIDTH)
        for council in result["councils"]:
            for year in council["years"]:
                self.add_column(Text(f"{council['council_id']} {year}"), width=CELL_WIDTH)
        for theme in self.themes:
            self.add_row(Text(clip(theme["label"], THEME_WIDTH)), *(cell_label(c) for c in theme["cells"]))
        self.fixed_columns = 1
        if self.themes and len(self.columns) > 1:
            self.move_cursor(row=0, column=1)

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
