"""FacetPanel: the filter sidebar of the search screen, each choice labelled with its result count."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, Select, SelectionList, Static

from cspsearch.library import DocumentHit, theme_label

LABEL_ROOM = 19  # characters beside a tick box in the 30-column sidebar (its scrollbar shown)
SORTS = [("relevance", "relevance"), ("newest first", "-date"), ("oldest first", "date")]
# Each multi-select: its services.search keyword, its title, and the search result's facet it counts by
# (committees are counted from the papers found: the index keeps no facet of them).
FACETS = (("councils", "Council", "council_id"), ("years", "Years", "year"), ("committee", "Committee", None),
          ("kind", "Kind", "doc_kind"), ("theme", "Theme", "theme"))


def counted(counts: dict[Any, int], keep: list[Any], label: Callable[[Any], str] = str) -> list[tuple[Content, Any]]:
    """Options 'value (n)' for every facet value, plus the chosen ones even when they drop to 0; a long
    name is shortened so its count still shows in the sidebar."""
    values = list(counts) + [k for k in keep if k not in counts]
    options = []
    for v in values:
        count = f" ({counts.get(v, 0)})"
        name = label(v)
        if len(name) + len(count) > LABEL_ROOM:
            name = name[:LABEL_ROOM - len(count) - 1] + "…"
        # Content, not str: a committee's name comes from a paper and may hold brackets that read as markup.
        options.append((Content(name + count), v))
    return options


def theme_name(theme_id: str) -> str:
    """The taxonomy's label of a theme id ('domestic_abuse' -> 'Domestic abuse')."""
    return theme_label(theme_id)


def committee_counts(results: Sequence[DocumentHit]) -> dict[str, int]:
    """How many of the papers found come from each committee."""
    counts: dict[str, int] = {}
    for doc in results:
        if doc.committee:
            counts[doc.committee] = counts.get(doc.committee, 0) + 1
    return counts


def facet_counts(name: str, facets: Mapping[str, Mapping[str, int]], results: Sequence[DocumentHit]) -> dict[Any, int]:
    """One facet's counts from a search result; years as numbers, the undated (year 0) left out."""
    field = dict((n, f) for n, _, f in FACETS)[name]
    if field is None:
        return committee_counts(results)
    counts = facets.get(field, {})
    if name == "years":
        return {int(y): n for y, n in sorted(counts.items()) if y.isdigit() and int(y) > 0}
    return dict(counts)


def excluded_lines(chosen: dict[str, Any], counts: dict[str, dict[Any, int]]) -> list[str]:
    """What each ticked filter leaves out: 'Left out by the kind filter: minutes 3, agenda 1.'"""
    lines = []
    for name, title, _ in FACETS:
        if not chosen.get(name):
            continue
        label = theme_name if name == "theme" else str
        out = [f"{label(v)} {n}" for v, n in counts.get(name, {}).items() if v not in chosen[name] and n]
        if out:
            lines.append(f"Left out by the {title.lower()} filter: {', '.join(out)}.")
    return lines


class FacetPanel(VerticalScroll):
    """Council, years, committee, kind and theme (each a multi-select: ticked values are kept, none ticked
    keeps all) and sort; posts FiltersChanged when one changes."""

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
    FacetPanel #excluded {
        margin-top: 1;
        color: $text-warning;
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
        return {**{name: None for name, _, _ in FACETS}, "sort": "relevance"}

    def compose(self) -> ComposeResult:
        for name, title, _ in FACETS:
            yield Label(title)
            yield SelectionList[Any](id=name)
        yield Label("Sort")
        yield Select[str](SORTS, value="relevance", allow_blank=False, id="sort", compact=True)
        yield Static(id="excluded", markup=False)

    @property
    def filters(self) -> dict[str, Any]:
        """The current choices as keyword arguments for services.search (None: that facet keeps all)."""
        chosen = {name: list(self.query_one(f"#{name}", SelectionList).selected) or None for name, _, _ in FACETS}
        return {**chosen, "sort": self.query_one("#sort", Select).selection or "relevance"}

    def show_counts(self, facets: Mapping[str, Mapping[str, int]], results: Sequence[DocumentHit],
                    unfiltered: dict[str, dict[Any, int]] | None = None) -> list[str]:
        """Relabel every choice with the count of documents the current search finds for it. A ticked
        facet counts by `unfiltered[name]` (the search without that facet's filter), so its unticked
        values stay listed with what ticking them would add. Returns the left-out sentences it shows."""
        chosen = self.filters
        counts = {name: (unfiltered or {}).get(name) or facet_counts(name, facets, results) for name, _, _ in FACETS}
        with self.prevent(SelectionList.SelectedChanged):
            for name, _, _ in FACETS:
                keep = chosen[name] or []
                box = self.query_one(f"#{name}", SelectionList)
                box.clear_options()
                label = theme_name if name == "theme" else str
                box.add_options([(text, value, value in keep) for text, value in counted(counts[name], keep, label)])
        lines = excluded_lines(chosen, counts)
        self.query_one("#excluded", Static).update("\n".join(lines))
        return lines

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
