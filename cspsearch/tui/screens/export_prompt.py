"""ExportPrompt: a small dialog asking where to save the current view (.csv or .md)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from cspsearch.tui.export import default_file_name


class ExportPrompt(ModalScreen[Path | None]):
    """Returns the chosen path, or None when the person presses Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    ExportPrompt {
        align: center middle;
    }
    ExportPrompt > Vertical {
        width: 64;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        border: thick $primary;
        background: $surface;
    }
    """

    def __init__(self, view_name: str) -> None:
        super().__init__()
        self.view_name = view_name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Export {self.view_name!r}: a .csv or .md file name")
            yield Input(value=default_file_name(self.view_name), id="path")
            yield Label("Enter saves, Escape cancels.", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        self.dismiss(Path(value) if value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
