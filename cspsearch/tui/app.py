"""The cspsearch Textual app: modes for each screen, global keys, document opening and export."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from cspsearch.library import Library
from cspsearch.tui.commands import SCREENS, ScreenCommands


def lazy_screen(module: str, name: str) -> Callable[[], Screen[Any]]:
    """A factory that imports a screen's module only when the screen is first shown (fast start-up)."""

    def make() -> Screen[Any]:
        return getattr(importlib.import_module(f"cspsearch.tui.screens.{module}"), name)()

    return make


class CspSearchApp(App[None]):
    """Search, read and compare council committee papers in the terminal."""

    TITLE = "cspsearch"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {ScreenCommands}
    MODES = {screen.mode: lazy_screen(screen.module, screen.cls) for screen in SCREENS}
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        # The ScreenBar on top shows these keys, so the footer keeps its room for the screen's own.
        *(Binding(s.key, f"switch_mode('{s.mode}')", s.title, show=False) for s in SCREENS),
        Binding("ctrl+s", "export", "Export"),
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
    ]

    def __init__(self, index: Path | None = None) -> None:
        super().__init__()
        self.index = index

    @property
    def index(self) -> Path | None:
        """The index folder given at start (None: the configured one); `library` reads it."""
        return self._index

    @index.setter
    def index(self, index: Path | None) -> None:
        # Every screen reads through the one Library; pointing the app elsewhere gives it a new one.
        self._index = Path(index) if index else None
        self.library = Library(self._index)

    def on_mount(self) -> None:
        self.switch_mode("search")

    def action_help(self) -> None:
        from cspsearch.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_document(self, citation: dict[str, Any], query: str | None = None) -> None:
        """Show the cited page of a document, scrolled to the cited span."""
        from cspsearch.tui.screens.document import DocumentScreen

        self.push_screen(DocumentScreen(citation["doc_id"], citation.get("page") or 1,
                                        offset=citation.get("start"), query=query))

    def action_export(self) -> None:
        """Ask for a file name, then write the current view there as CSV for Excel, Markdown or Word."""
        from cspsearch.tui.export import view_of, write_view
        from cspsearch.tui.screens.export_prompt import ExportPrompt

        view = view_of(self.screen)
        if view is None:
            self.notify("This view has nothing to export yet.", severity="warning")
            return

        def save(path: Path | None) -> None:
            if path is None:
                return
            try:
                written = write_view(view, path)
            except OSError as err:
                self.notify(f"Could not write {path}: {err.strerror or err}.", severity="error", markup=False)
                return
            self.notify(f"Saved {len(view.rows)} rows to {written}.", markup=False)

        self.push_screen(ExportPrompt(view.name), save)
