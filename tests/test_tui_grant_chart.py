"""The grants chart keeps a small council's bars in view beside a council that received far more."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from cspsearch.tui.widgets.grant_chart import GrantChart

pytestmark = pytest.mark.anyio


BAR = "█"


class ChartApp(App[None]):
    def compose(self) -> ComposeResult:
        yield GrantChart(id="chart")


def ledger(big: float, small: float) -> dict:
    """A grants() result's totals: one year, a large council and a small one."""
    return {"totals": [{"council_id": "kent", "financial_year": "2019-20", "total": big, "count": 3},
                       {"council_id": "rutland", "financial_year": "2019-20", "total": small, "count": 1}]}


def bar_heights(text: str) -> tuple[int, int]:
    """Rows of bar the left and the right half of the plot area fill, counted up from its bottom row
    (the legend sits at the top left, so it is not counted)."""
    lines = text.splitlines()
    bottom = max(n for n, line in enumerate(lines) if "└" in line) - 1
    left_edge = lines[bottom].index("┤") + 1 if "┤" in lines[bottom] else lines[bottom].index("│") + 1
    right_edge = lines[bottom].rindex("│")
    middle = (left_edge + right_edge) // 2

    def height(columns: range) -> int:
        rows = 0
        for line in reversed(lines[:bottom + 1]):
            if not any(c < len(line) and line[c] == BAR for c in columns):
                break
            rows += 1
        return rows

    return height(range(left_edge, middle)), height(range(middle, right_edge))


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_a_council_with_a_thousandth_of_the_money_still_has_a_bar(size):
    # Before: one linear £k axis; £5,000 beside £5m was no taller than an empty year (the baseline row).
    app = ChartApp()
    async with app.run_test(size=size) as pilot:
        chart = app.query_one(GrantChart)
        chart.show(ledger(5_000_000, 5_000))
        await pilot.pause()
        text = chart.render().plain
        big, small = bar_heights(text)
        assert small >= 2 and small * 4 >= big > small, text
        assert "log scale" in text
        assert "£1m" in text and "£1k" in text  # the axis says pounds, a step per power of ten


async def test_councils_of_like_size_keep_a_linear_axis():
    app = ChartApp()
    async with app.run_test(size=(80, 24)) as pilot:
        chart = app.query_one(GrantChart)
        chart.show(ledger(50_000, 30_000))
        await pilot.pause()
        text = chart.render().plain
        assert "£k, linear scale" in text
        big, small = bar_heights(text)
        assert big > small > 1
