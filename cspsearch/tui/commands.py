"""The screens the app offers, and the command-palette provider that lists them and the exports."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ScreenEntry(NamedTuple):
    """One top-level screen: its mode name, key, title, help line and where its class lives."""

    mode: str
    key: str
    title: str
    help: str
    module: str
    cls: str


SCREENS = (
    ScreenEntry("search", "f2", "Search", "Search passages, filter by council, year, kind and theme",
                "search", "SearchScreen"),
    ScreenEntry("compare", "f3", "Compare", "Priorities by theme across councils and years", "compare",
                "CompareScreen"),
    ScreenEntry("grants", "f4", "Grants", "The grants ledger and amounts per year", "grants", "GrantsScreen"),
    ScreenEntry("law", "f5", "Law", "Acts and provisions, and the papers that cite them", "law", "LawScreen"),
    ScreenEntry("ask", "f6", "Ask", "Ask a question, get a cited answer", "ask", "AskScreen"),
    ScreenEntry("docs", "f7", "Papers", "The indexed papers and their metadata; correct it", "docs", "DocsScreen"),
    ScreenEntry("decisions", "f8", "Decisions", "What was resolved, recommended and voted, with outcomes",
                "decisions", "DecisionsScreen"),
)


class ScreenCommands(Provider):
    """Command palette entries: go to each screen, export the current view, open the help."""

    def commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        app = self.app
        entries: list[tuple[str, Callable[[], Any], str]] = [
            (f"Go to {s.title}", partial(app.switch_mode, s.mode), s.help) for s in SCREENS
        ]
        entries.append(("Export view as CSV or Markdown", partial(app.run_action, "export"),
                        "Write the table on screen to a .csv or .md file"))
        entries.append(("Help: keys and screens", partial(app.run_action, "help"), "What every key does"))
        return entries

    async def discover(self) -> Hits:
        for title, command, help_text in self.commands():
            yield DiscoveryHit(title, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, command, help_text in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, help=help_text)
