"""Search filters: every facet a multi-select whose unticked values stay listed with their counts."""

from __future__ import annotations

import pytest
from pilot_helpers import until
from textual.widgets import Input, SelectionList, Static

from cspsearch import services
from cspsearch.tui.app import CspSearchApp
from cspsearch.tui.screens.search import RESULT_LIMIT
from cspsearch.tui.widgets.facet_panel import theme_name
from cspsearch.tui.widgets.notice import Notice

pytestmark = pytest.mark.anyio
QUERY = "council"


def labels(box: SelectionList) -> dict[object, str]:
    return {box.get_option_at_index(n).value: str(box.get_option_at_index(n).prompt) for n in range(box.option_count)}


def papers(result: dict) -> set[str]:
    return papers_of(result["results"])


def papers_of(results: list[dict]) -> set[str]:
    return {d["doc_id"] for d in results}


async def searched(pilot) -> None:
    app = pilot.app
    await until(pilot, lambda: app.screen.query("#query"))
    app.screen.query_one("#query", Input).value = QUERY
    await until(pilot, lambda: app.screen.shown_query == QUERY and app.screen.result)


@pytest.mark.parametrize("name, field, label", [("kind", "doc_kind", str), ("theme", "theme", theme_name),
                                                ("years", "year", str)])
async def test_a_facet_keeps_what_is_ticked_and_lists_the_rest_with_counts(corpus_index, name, field, label):
    # Before: kind, theme and years were drop-downs of one value; picking one hid the others.
    everything = services.search(QUERY, corpus_index, limit=RESULT_LIMIT)["facets"][field]
    values = [v for v, n in sorted(everything.items(), key=lambda kv: -kv[1]) if n and v != "0"]
    assert len(values) > 2, f"the corpus has several {name}"
    typed = [int(v) if name == "years" else v for v in values]
    first = typed[0]
    kept = services.search(QUERY, corpus_index, limit=RESULT_LIMIT, **{name: [first]})
    # A second value whose papers are not all the first's too (a paper has several themes).
    second = next(v for v in typed[1:] if services.search(QUERY, corpus_index, **{name: [first, v]})["total"]
                  > kept["total"])
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=(160, 45)) as pilot:
        await searched(pilot)
        screen = app.screen
        box = screen.query_one(f"#{name}", SelectionList)
        box.select(first)
        await until(pilot, lambda: screen.result["total"] == kept["total"] and box.option_count >= len(values))
        shown = labels(box)
        for value, typed_value in zip(values, typed, strict=True):  # the unticked stay, each with its count
            assert shown[typed_value].endswith(f" ({everything[value]})")  # shortened names keep the count
            assert shown[typed_value].startswith(label(typed_value)[:12])
        assert box.selected == [first]
        excluded = str(screen.query_one("#excluded", Static).render())
        title = {"years": "years", "kind": "kind", "theme": "theme"}[name]
        assert f"Left out by the {title} filter" in excluded and f"{label(second)} {everything[str(second)]}" \
            in excluded
        assert f"Left out by the {title} filter" in str(screen.query_one("#status", Notice).render())
        box.select(second)
        both = services.search(QUERY, corpus_index, limit=RESULT_LIMIT, **{name: [first, second]})
        await until(pilot, lambda: screen.result["total"] == both["total"])
        assert both["total"] > kept["total"]  # ticking a second value adds its papers
        assert sorted(box.selected) == sorted([first, second])


async def test_committees_tick_several_and_stay_listed(corpus_index):
    found = services.search(QUERY, corpus_index, limit=RESULT_LIMIT)["results"]
    committees = list(dict.fromkeys(d["committee"] for d in found if d.get("committee")))
    assert len(committees) > 1
    app = CspSearchApp(corpus_index)
    async with app.run_test(size=(160, 45)) as pilot:
        await searched(pilot)
        screen = app.screen
        box = screen.query_one("#committee", SelectionList)
        box.select(committees[0])
        one = services.search(QUERY, corpus_index, limit=RESULT_LIMIT, committee=[committees[0]])
        await until(pilot, lambda: papers(screen.result) == papers(one))
        assert committees[0] in {d["committee"] for d in one["results"]} and papers(one) < papers_of(found)
        await until(pilot, lambda: set(committees) <= set(labels(box)))  # the others still offered
        # A committee whose name's words do not already match the first's papers.
        other = next(c for c in committees[1:] if papers(services.search(
            QUERY, corpus_index, limit=RESULT_LIMIT, committee=[committees[0], c])) > papers(one))
        box.select(other)
        two = services.search(QUERY, corpus_index, limit=RESULT_LIMIT, committee=[committees[0], other])
        await until(pilot, lambda: papers(screen.result) == papers(two))
        assert papers(two) > papers(one)
