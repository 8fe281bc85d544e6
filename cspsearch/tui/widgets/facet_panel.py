"""FacetPanel: the filter sidebar of the search screen, each choice labelled with its result count."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, Select, SelectionList

SORTS = [("relevance", "relevance"), ("newest first", "-date"), ("oldest first", "date")]


def counted(counts: dict[str, int], keep: list[str], label=str) -> list[tuple[Content, str]]:
    """Select options 'value (n)' for every facet value, plus the chosen ones even when they drop to 0."""
    values = list(counts) + [k for k in keep if k not in counts]
    # Content, not str: a committee's name comes from a paper and may hold brackets that read as markup.
    return [(Content(f"{label(v)} ({counts.get(v, 0)})"), v) for v in values]


def theme_name(theme_id: str) -> str:
    """The taxonomy's label of a theme id ('domestic_abuse' -> 'Domestic abuse')."""
    from cspsearch.analysis.cells import theme_label

    return theme_label(theme_id)


class FacetPanel(VerticalScroll):
    """Council, year range, committee, kind, theme and sort; posts FiltersChanged when one changes."""

    DEFAULT_CSS = """
    FacetPanel {
        width: 30;
        padding: 0 1;
        border-right: vkey $foreground 20%;
    }
    FacetPanel Label {
        margin-top: 1;
        text-style: bold;
    }
    FacetPanel SelectionList, FacetPanel SelectionList:focus {
        height: auto;
        max-height: 6;
        border: none;
        padding: 0;
        background: transparent;
    }
    /* Ticked boxes in reverse video: without colour (NO_COLOR) ticked and unticked still differ. */
    FacetPanel SelectionList > .selection-list--button-selected,
    FacetPanel SelectionList > .selection-list--button-selected-highlighted {
        text-style: bold reverse;
    }
    FacetPanel Horizontal {
        height: auto;
    }
    FacetPanel Horizontal Select {
        width: 1fr;
    }
    """

    class FiltersChanged(Message):
        """The person changed a filter; `filters` are keyword arguments for services.search."""

        def __init__(self, filters: dict[str, Any]) -> None:
            super().__init__()
            self.filters = filters

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._last: dict[str, Any] = self.empty_filters()

    @staticmethod
    def empty_filters() -> dict[str, Any]:
        return {"councils": None, "year_from": None, "year_to": None, "committee": None, "kind": None,
                "theme": None, "sort": "relevance"}

    def compose(self) -> ComposeResult:
        yield Label("Council")
        yield SelectionList[str](id="councils")
        yield Label("Years")
        with Horizontal():
            yield Select[int]([], prompt="from", id="year_from", compact=True)
            yield Select[int]([], prompt="to", id="year_to", compact=True)
        yield Label("Committee")
        yield Select[str]([], prompt="any", id="committee", compact=True)
        yield Label("Kind")
        yield Select[str]([], prompt="any", id="kind", compact=True)
        yield Label("Theme")
        yield Select[str]([], prompt="any", id="theme", compact=True)
        yield Label("Sort")
        yield Select[str](SORTS, value="relevance", allow_blank=False, id="sort", compact=True)

    @property
    def filters(self) -> dict[str, Any]:
        """The current choices as keyword arguments for services.search."""
        councils = self.query_one("#councils", SelectionList).selected
        return {"councils": list(councils) or None, "year_from": self._chosen("year_from"),
                "year_to": self._chosen("year_to"), "committee": self._chosen("committee"),
                "kind": self._chosen("kind"), "theme": self._chosen("theme"),
                "sort": self._chosen("sort") or "relevance"}

    def _chosen(self, name: str) -> Any:
        return self.query_one(f"#{name}", Select).selection

    def show_counts(self, facets: dict[str, dict[str, int]], results: list[dict[str, Any]],
                    council_counts: dict[str, int] | None = None) -> None:
        """Relabel every choice with the count of documents the current search finds for it;
        councils by `council_counts` (the search without its council filter) when given, so
        unticked councils stay listed with what ticking them would add."""
        chosen = self.filters
        with self.prevent(Select.Changed, SelectionList.SelectedChanged):
            self._fill_councils(council_counts or facets.get("council_id", {}), chosen["councils"] or [])
            years = {int(y): n for y, n in facets.get("year", {}).items() if y.isdigit()}
            for name in ("year_from", "year_to"):
                keep = [chosen[name]] if chosen[name] else []
                options = [(f"{y} ({years.get(y, 0)})", y) for y in sorted(set(years) | set(keep))]
                self._refill(name, options)
            committees: dict[str, int] = {}
            for doc in results:
                if doc.get("committee"):
                    committees[doc["committee"]] = committees.get(doc["committee"], 0) + 1
            self._refill("committee", counted(committees, _keep(chosen["committee"])))
            self._refill("kind", counted(facets.get("doc_kind", {}), _keep(chosen["kind"])))
            self._refill("theme", counted(facets.get("theme", {}), _keep(chosen["theme"]), theme_name))

    def _fill_councils(self, counts: dict[str, int], chosen: list[str]) -> None:
        councils = self.query_one("#councils", SelectionList)
        councils.clear_options()
        councils.add_options([(label, value, value in chosen) for label, value in counted(counts, chosen)])

    def _refill(self, name: str, options: Sequence[tuple[str | Content, Any]]) -> None:
        select = self.query_one(f"#{name}", Select)
        current = select.selection
        select.set_options(options)
        if current is not None:
            select.value = current

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._report()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self._report()

    def _report(self) -> None:
        filters = self.filters
        if filters != self._last:
            self._last = filters
            self.post_message(self.FiltersChanged(filters))


def _keep(value: str | None) -> list[str]:
    return [value] if value else []
