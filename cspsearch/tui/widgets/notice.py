"""Notice: one sentence in the UI for an empty state, a hint or an error (never a traceback)."""

from __future__ import annotations

from textual.widgets import Static


class Notice(Static):
    """A line of explanation; hidden when there is nothing to say."""

    DEFAULT_CSS = """
    Notice {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    Notice.-error {
        color: $text-error;
        text-style: bold;
    }
    """

    def __init__(self, sentence: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        # Sentences quote queries, paths and papers' words: they are never markup.
        super().__init__(sentence, id=id, classes=classes, markup=False)

    def say(self, sentence: str, error: bool = False) -> None:
        """Show `sentence` (empty hides the notice); errors stand out."""
        self.update(sentence)
        self.set_class(error, "-error")
        self.display = bool(sentence)
