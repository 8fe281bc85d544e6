"""ScreenBar: the top line naming every screen with its key, the current one marked (click to switch)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from cspsearch.tui.commands import SCREENS


class ScreenBar(Static):
    """'cspsearch  Search F2  Compare F3 …' with the active screen in reverse video."""

    DEFAULT_CSS = """
    ScreenBar {
        height: 1;
        background: $panel;
        color: $text-muted;
    }
    """

    def __init__(self, active: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.active = active

    def on_mount(self) -> None:
        parts: list[str | tuple[str, str] | Content] = [(" cspsearch ", "bold")]
        for screen in SCREENS:
            label = f" {screen.title} {screen.key.upper()} "
            if screen.mode == self.active:
                parts.append((label, "bold reverse"))
            else:
                parts.append(Content.from_markup(f"[@click=app.switch_mode('{screen.mode}')]$label[/]",
                                                 label=label))
        self.update(Content.assemble(*parts))
