"""QueryBar: the search input, which reports a query once typing pauses (search-as-you-type)."""

from __future__ import annotations

from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input


class QueryBar(Input):
    """An input that posts QueryChanged after a short pause in typing, and at once on Enter."""

    DEFAULT_CSS = """
    QueryBar {
        margin: 0 0;
    }
    """
    # Long enough to skip most intermediate keystrokes, short enough to feel instant.
    PAUSE_SECONDS = 0.05

    class QueryChanged(Message):
        """The query settled (typing paused) or was submitted with Enter."""

        def __init__(self, query: str, submitted: bool = False) -> None:
            super().__init__()
            self.query = query
            self.submitted = submitted

    def __init__(self, value: str = "", placeholder: str = "", id: str | None = None, compact: bool = False) -> None:
        super().__init__(value=value, placeholder=placeholder, id=id, compact=compact)
        self._pause: Timer | None = None
        self._reported = value.strip()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._pause is not None:
            self._pause.stop()
        self._pause = self.set_timer(self.PAUSE_SECONDS, self._settle)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._pause is not None:
            self._pause.stop()
        self._reported = self.value.strip()
        self.post_message(self.QueryChanged(self._reported, submitted=True))

    def _settle(self) -> None:
        query = self.value.strip()
        if query != self._reported:  # a trailing space changes nothing worth searching again
            self._reported = query
            self.post_message(self.QueryChanged(query))
