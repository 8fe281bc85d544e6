"""What the top-level screens share: the library, error sentences, opening citations, the export hook."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import work
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from cspsearch.errors import CspSearchError, IndexMissingError
from cspsearch.library import Library

NO_INDEX = "No index yet: build one with `cspsearch ingest corpus`"
# Below this many columns a screen opens with its sidebar hidden, so results get the width (Ctrl+B shows it).
NARROW = 100


def sentence(err: BaseException) -> str:
    """What to tell the person about `err`: the missing index gets the how-to, others their own words."""
    if isinstance(err, IndexMissingError):
        return f"{NO_INDEX} (or start the TUI with --index DIR)."
    if isinstance(err, CspSearchError):
        return str(err)
    # A bug, not a user error: say so plainly rather than crash the session.
    return f"Something went wrong ({type(err).__name__}: {err}). Please report it."


def attempt(call: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, str | None]:
    """Run a Library call; (result, None) on success, (None, sentence) on failure."""
    try:
        return call(*args, **kwargs), None
    except Exception as err:  # every failure, even a bug, becomes a sentence in the UI
        return None, sentence(err)


def library_of(app: Any) -> Library:
    """The Library `app` holds; an app without one (a test's bare App) reads the configured index."""
    library = getattr(app, "library", None)
    return library if isinstance(library, Library) else Library(getattr(app, "index", None))


class ViewScreen(Screen[None]):
    """A top-level screen: reads through the app's Library, opens citations, and may offer its table for export."""

    # The same keys on every screen: back to where one types, wherever focus has wandered;
    # the sidebar out of the way and back (offered only where there is one).
    BINDINGS = [Binding("ctrl+l", "focus_input", "Input", show=False),
                Binding("ctrl+b", "toggle_sidebar", "Sidebar")]
    SIDEBAR: ClassVar[str | None] = None  # the selector of the screen's sidebar, if it has one

    def on_mount(self) -> None:
        if self.SIDEBAR and self.app.size.width < NARROW:
            for bar in self.query(self.SIDEBAR):
                bar.display = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_sidebar":
            return self.SIDEBAR is not None
        return True

    def action_toggle_sidebar(self) -> None:
        if self.SIDEBAR:
            for bar in self.query(self.SIDEBAR):
                bar.display = not bar.display

    @property
    def library(self) -> Library:
        """The app's Library: every read and write of the index goes through it."""
        return library_of(self.app)

    def open_citation(self, citation: dict[str, Any], query: str | None = None) -> None:
        self.app.open_document(citation, query)  # type: ignore[attr-defined]

    def action_focus_input(self) -> None:
        """Focus the screen's main text box: its query bar, else its first input (if it has one)."""
        from cspsearch.tui.widgets.query_bar import QueryBar

        for kind in (QueryBar, Input):
            boxes = self.query(kind)
            if boxes:
                boxes.first().focus()
                return

    def export_view(self):
        """The table this screen shows, as an export.View; None when there is nothing to export."""
        return None


class CouncilScreen(ViewScreen):
    """A screen whose sidebar picks councils (and years) from the indexed documents;
    subclasses set `councils_loaded = False`, call `load_councils()` on mount and say
    what to redraw in `refresh_view`."""

    SIDEBAR = ".sidebar"

    @work(thread=True, group="councils")
    def load_councils(self) -> None:
        docs, error = attempt(self.library.documents)
        self.app.call_from_thread(self._councils_loaded, docs, error)

    def _councils_loaded(self, docs: list[dict[str, Any]] | None, error: str | None) -> None:
        from cspsearch.tui.widgets.council_picker import CouncilPicker
        from cspsearch.tui.widgets.notice import Notice

        if error:
            self.query_one(Notice).say(error, error=True)
            return
        self.query_one(CouncilPicker).load(docs or [])
        self.councils_loaded = True
        self.refresh_view()

    def on_council_picker_picked(self, event) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        """Recompute what the screen shows from the sidebar's choices."""
        raise NotImplementedError
