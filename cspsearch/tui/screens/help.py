"""The help screen: what each screen is for and every key, opened with ? or F1."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# cspsearch keys

| key | where | does |
|---|---|---|
| F2 … F6 | everywhere | Search · Compare · Grants · Law · Ask |
| Ctrl+P | everywhere | command palette: screens, export, help |
| Ctrl+S | everywhere | export the table on screen to .csv or .md |
| ? or F1 | everywhere | this help (Escape closes) |
| Ctrl+Q | everywhere | quit |
| Tab / Shift+Tab | everywhere | move between boxes |
| Enter | lists and tables | open the cited page |
| Ctrl+L | Search | back to the query box |
| Ctrl+B | Search | show or hide the filters |
| n / N (or p) | Document | next / previous hit of the query |
| ] / [ (or → / ←) | Document | next / previous page |
| c | Document | copy the citation |
| e | Document | show or hide the entity list |
| Escape | Document | back to where you were |

**Search** finds passages as you type; the filters on the left narrow by council, years,
committee, kind and theme, each with the number of documents it would keep.
**Document** shows the page: query terms reversed, money green, dates blue, law purple,
priorities amber (all underlined). **Compare** sets councils and years against themes;
pick a cell to read the wording and open its source. **Grants** lists every grant amount
with a chart per year. **Law** goes from an Act to its provisions to the papers citing
them. **Ask** answers a question in a sentence with its citations.
"""


class HelpScreen(ModalScreen[None]):
    """Keys and screens; Escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > VerticalScroll {
        width: 90;
        max-width: 100%;
        height: 90%;
        border: thick $primary;
        background: $surface;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP)
