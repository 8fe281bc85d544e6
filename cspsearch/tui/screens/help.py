"""The help screen: what each screen is for and every key, opened with ? or F1."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("F2 … F8", "everywhere", "Search · Compare · Grants · Law · Ask · Papers · Decisions"),
    ("Ctrl+P", "everywhere", "command palette: screens, export, help"),
    ("Ctrl+S", "everywhere", "export the table on screen: CSV for Excel, Markdown or Word (.docx)"),
    ("? or F1", "everywhere", "this help (Escape closes it)"),
    ("Ctrl+Q", "everywhere", "quit"),
    ("Tab", "everywhere", "next box (Shift+Tab: previous)"),
    ("Enter", "lists, tables", "open the cited page"),
    ("Ctrl+L", "Search", "back to the query box"),
    ("Ctrl+B", "Search", "show or hide the filters"),
    ("m", "Compare", "back to the matrix (from the councils or another tab)"),
    ("n / N", "Document", "next / previous hit of the query"),
    ("] / [", "Document", "next / previous page (or → / ←)"),
    ("c", "Document", "copy the citation"),
    ("o", "Document", "open the PDF at this page (or copy its link where nothing can open it)"),
    ("e", "Document", "show or hide the entity list"),
    ("Escape", "Document", "back to where you were"),
    ("e", "Papers", "correct the paper's committee, date, council or title"),
]

SCREENS = """\
Search finds passages as you type; the filters narrow by council, years, committee,
kind and theme, each with the number of documents it keeps. Document shows the page:
query terms reversed; money, dates, law and priorities underlined in their colours
(green, blue, purple, amber). Compare sets councils and years against themes: move
over a cell to read its wording, Enter opens the source. Grants lists every grant
amount, with a chart per year. Law goes from an Act to its provisions to the papers
citing them. Ask answers a question in a sentence, with its citations. Papers lists every
indexed paper with where its council, committee and date came from."""


def help_text() -> Group:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    for name in ("key", "where", "does"):
        table.add_column(name, style="bold" if name == "key" else None, no_wrap=name != "does")
    for row in KEYS:
        table.add_row(*row)
    return Group(Text("cspsearch keys", style="bold"), table, Text(" ".join(SCREENS.split())))


class HelpScreen(ModalScreen[None]):
    """Keys and screens; Escape, q, ? or F1 closes it."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > VerticalScroll {
        width: 90;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: thick $primary;
        background: $surface;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(help_text())
