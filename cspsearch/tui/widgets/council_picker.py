"""CouncilPicker: choose councils (with the years their papers cover) and a year range."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, SelectionList


def council_spans(docs: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(label, council_id) per council in `docs`: 'maidstone 2011-23 (4)'."""
    years: dict[str, list[int]] = {}
    for doc in docs:
        if doc.get("council_id"):
            years.setdefault(doc["council_id"], []).extend([doc["year"]] if doc.get("year") else [])
    out = []
    for council_id, found in sorted(years.items()):
        span = year_span(min(found), max(found)) if found else "undated"
        papers = sum(1 for d in docs if d.get("council_id") == council_id)
        out.append((f"{council_id} {span} ({papers})", council_id))
    return out


def year_span(first: int, last: int) -> str:
    """'2011-23', or one year when first == last."""
    return str(first) if first == last else f"{first}-{last % 100:02d}"


def as_year(text: str) -> int | None:
    text = text.strip()
    return int(text) if len(text) == 4 and text.isdigit() else None


class CouncilPicker(Vertical):
    """Councils to include and an inclusive year range; posts Picked whenever the choice changes."""

    DEFAULT_CSS = """
    CouncilPicker {
        height: auto;
    }
    CouncilPicker Label {
        margin-top: 1;
        text-style: bold;
    }
    CouncilPicker SelectionList, CouncilPicker SelectionList:focus {
        height: auto;
        max-height: 8;
        border: none;
        padding: 0;
        background: transparent;
    }
    /* Ticked boxes in reverse video: without colour (NO_COLOR) ticked and unticked still differ. */
    CouncilPicker SelectionList > .selection-list--button-selected,
    CouncilPicker SelectionList > .selection-list--button-selected-highlighted {
        text-style: bold reverse;
    }
    CouncilPicker Horizontal {
        height: auto;
    }
    CouncilPicker Input {
        width: 1fr;
    }
    """

    class Picked(Message):
        """The councils or years changed."""

        def __init__(self, councils: list[str], year_from: int | None, year_to: int | None) -> None:
            super().__init__()
            self.councils, self.year_from, self.year_to = councils, year_from, year_to

    def __init__(self, years_label: str = "Years", id: str | None = None) -> None:
        super().__init__(id=id)
        self.years_label = years_label

    def compose(self) -> ComposeResult:
        yield Label("Councils")
        yield SelectionList[str](id="picker-councils")
        yield Label(self.years_label)
        with Horizontal():
            yield Input(placeholder="from", id="picker-from", max_length=4, type="integer", compact=True)
            yield Input(placeholder="to", id="picker-to", max_length=4, type="integer", compact=True)

    def load(self, docs: list[dict[str, Any]], select_all: bool = True) -> None:
        """Offer the councils that have papers in `docs` (all ticked by default)."""
        councils = self.query_one(SelectionList)
        with self.prevent(SelectionList.SelectedChanged):
            councils.clear_options()
            councils.add_options([(label, value, select_all) for label, value in council_spans(docs)])

    def untick(self, council_ids: list[str]) -> None:
        """Untick these councils (they stay listed), then report the new choice once."""
        councils = self.query_one(SelectionList)
        with self.prevent(SelectionList.SelectedChanged):
            for council_id in council_ids:
                councils.deselect(council_id)
        self._report()

    @property
    def councils(self) -> list[str]:
        return list(self.query_one(SelectionList).selected)

    @property
    def years(self) -> tuple[int | None, int | None]:
        return as_year(self.query_one("#picker-from", Input).value), as_year(self.query_one("#picker-to", Input).value)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self._report()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not event.value.strip() or as_year(event.value) is not None:
            self._report()

    def _report(self) -> None:
        self.post_message(self.Picked(self.councils, *self.years))
