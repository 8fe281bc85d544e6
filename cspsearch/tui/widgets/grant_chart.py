"""GrantChart: current received grant totals per financial year, one bar per council (a plotext chart)."""

from __future__ import annotations

from typing import Any, cast

from textual_plotext import PlotextPlot

from cspsearch.analysis.ledger import council_label, none_last


def unit_of(totals: list[dict[str, Any]]) -> tuple[str, float]:
    """Thousands of pounds, or millions when the largest bar would pass £10m."""
    largest = max((t["total"] for t in totals), default=0)
    return ("£m", 1e6) if largest >= 1e7 else ("£k", 1e3)


def series(totals: list[dict[str, Any]], scale: float) -> tuple[list[str], dict[str, list[float]]]:
    """Financial years (sorted) and, per council, the scaled total for each year (0 where none).

    Papers that do not say their council chart as 'council unknown', after the known councils.
    """
    years = sorted({t["financial_year"] for t in totals})
    councils = sorted({t["council_id"] for t in totals}, key=none_last)
    values = {council_label(c): [0.0] * len(years) for c in councils}
    for t in totals:
        values[council_label(t["council_id"])][years.index(t["financial_year"])] += round(t["total"] / scale, 1)
    return years, values


class GrantChart(PlotextPlot):
    """Bars of the ledger's totals per council and financial year, in £k or £m."""

    DEFAULT_CSS = """
    GrantChart {
        height: 1fr;
        min-height: 10;
    }
    """

    def show(self, result: dict[str, Any]) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        unit, scale = unit_of(result["totals"])
        years, values = series(result["totals"], scale)
        plt.title(f"Grants per financial year ({unit})")
        if not years:
            plt.title("No dated grant amounts for these filters")
        elif len(values) == 1:
            (council, amounts), = values.items()
            plt.bar(years, amounts, label=council)
        else:
            # plotext reads `labels` here; textual_plotext's stub misnames it `label`.
            cast(Any, plt).multiple_bar(years, list(values.values()), labels=list(values))
        self.refresh()
