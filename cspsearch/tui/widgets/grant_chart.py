"""GrantChart: current received grant totals per financial year, one bar per council (a plotext chart)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, cast

from textual_plotext import PlotextPlot

from cspsearch.library import GrantsLedger, council_label, none_last

# Past this ratio between the councils' totals a shared linear axis flattens the smaller ones to nothing.
LOG_ABOVE = 20


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


def needs_log(totals: list[dict[str, Any]]) -> bool:
    """Whether the councils' totals differ by more than LOG_ABOVE times (a linear axis would hide the small)."""
    per_council: dict[str | None, float] = {}
    for t in totals:
        per_council[t["council_id"]] = per_council.get(t["council_id"], 0.0) + t["total"]
    sizes = [v for v in per_council.values() if v > 0]
    return len(sizes) > 1 and max(sizes) > LOG_ABOVE * min(sizes)


def pounds(value: float) -> str:
    """A power of ten of pounds as a tick label: £100, £10k, £1m."""
    for size, unit in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if value >= size:
            return f"£{value / size:g}{unit}"
    return f"£{value:g}"


def log_series(values: dict[str, list[float]]) -> tuple[dict[str, list[float]], list[float], list[str]]:
    """Bars as powers of ten of pounds above a floor one step under the smallest (so every bar shows),
    with the ticks and their labels: plotext draws bars up from 0, and log10(0) has no place on its log axis."""
    amounts = [v for row in values.values() for v in row if v > 0]
    floor = math.floor(math.log10(min(amounts))) - 1
    top = math.ceil(math.log10(max(amounts))) - floor
    heights = {c: [math.log10(v) - floor if v > 0 else 0.0 for v in row] for c, row in values.items()}
    return heights, [float(k) for k in range(top + 1)], [pounds(10.0 ** (floor + k)) for k in range(top + 1)]


class GrantChart(PlotextPlot):
    """Bars of the ledger's totals per council and financial year: £k or £m on a linear axis, or pounds
    on a log axis when the councils' totals are too far apart for one linear axis to show them all."""

    DEFAULT_CSS = """
    GrantChart {
        height: 1fr;
        min-height: 10;
    }
    """

    def show(self, result: GrantsLedger | Mapping[str, Any]) -> None:
        """Draw the ledger's totals (a GrantsLedger, or any mapping with its `totals`)."""
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        log = needs_log(result["totals"])
        unit, scale = ("£", 1.0) if log else unit_of(result["totals"])
        years, values = series(result["totals"], scale)
        if log:
            values, ticks, labels = log_series(values)
            plt.yticks(ticks, labels)
            plt.title("Grants per financial year (log scale, ×10 a step)")
        else:
            plt.title(f"Grants per financial year ({unit}, linear scale)")
        if not years:
            plt.title("No dated grant amounts for these filters")
        elif len(values) == 1:
            (council, amounts), = values.items()
            plt.bar(years, amounts, label=council)
        else:
            # plotext reads `labels` here; textual_plotext's stub misnames it `label`.
            cast(Any, plt).multiple_bar(years, list(values.values()), labels=list(values))
        self.refresh()
