"""ExportPrompt: a small dialog asking where to save the current view and in which format."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet

from cspsearch.tui.export import KINDS, default_file_name, kind_of


class ExportPrompt(ModalScreen[Path | None]):
    """Returns the chosen path, or None when the person presses Escape.

    The format buttons set the file name's suffix, and typing a suffix ticks its button: the name
    is what decides, so both ways agree.
    """

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
    ExportPrompt RadioSet {
        layout: horizontal;
        width: 100%;
        border: none;
    }
    """

    def __init__(self, view_name: str) -> None:
        super().__init__()
        self.view_name = view_name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Export {self.view_name!r} as")
            with RadioSet(id="format"):
                for kind, (label, _) in KINDS.items():
                    yield RadioButton(label, value=kind == "csv", id=f"format-{kind}", compact=True)
            yield Input(value=default_file_name(self.view_name), id="path")
            yield Label("Enter saves, Escape cancels.", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    # Both handlers read the widgets' current state, not the event's: a stale event (the name typed
    # just before a button was pressed) must not undo the newer choice.
    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        pressed = self.query_one(RadioSet).pressed_button
        kind = (pressed.id or "").removeprefix("format-") if pressed else ""
        box = self.query_one(Input)
        path = Path(box.value.strip() or default_file_name(self.view_name))
        if kind in KINDS and kind_of(path) != kind:
            box.value = str(path.with_suffix(KINDS[kind][1]))

    def on_input_changed(self, event: Input.Changed) -> None:
        kind = kind_of(Path(self.query_one(Input).value.strip()))
        if kind is not None:
            button = self.query_one(f"#format-{kind}", RadioButton)
            if not button.value:
                button.value = True  # the set's Changed then finds the suffix already right

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        self.dismiss(Path(value) if value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
