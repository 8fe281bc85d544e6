"""The themes-by-year picture as an image (PNG or SVG) drawn with matplotlib's Agg backend."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cspsearch.analysis.cells import short_name
from cspsearch.analysis.evolution import (
    COLOURS,
    NAMED,
    NO_LIST,
    NOT_NAMED,
    Evolution,
    evolution,
    sources_line,
)
from cspsearch.outputs import replace_file

DPI = 100
ROW, THEME_GAP = 0.26, 0.14  # inches: one council's band, and the space between themes
YEAR_WIDTH, MIN_PLOT = 0.5, 5.0  # inches per year, and the narrowest the bands get
CHAR = 0.075  # inches per character of 9-point DejaVu Sans, near enough to size the label margin
TOP, BOTTOM = 0.95, 0.85  # inches for the title and year axis; for the legend and notes
# Hatches per council, so bands stay apart printed in grey or seen without colour.
HATCHES = ("", "////", "....", "xxxx", "\\\\\\\\", "++++")
Key = tuple[str, str, int]  # (theme id, council id, year)


@dataclass
class Picture:
    """What was drawn: the file, its size in pixels, the band rows and each cell's centre in pixels."""

    path: Path
    size: tuple[int, int]
    rows: list[tuple[str, str]] = field(default_factory=list)
    centres: dict[Key, tuple[float, float]] = field(default_factory=dict)
    cell_size: tuple[float, float] = (0.0, 0.0)


def band_positions(evo: Evolution) -> tuple[list[tuple[str, str, float]], float]:
    """(theme id, council id, y) per band, top to bottom in band units, and the total height in them."""
    gap = THEME_GAP / ROW
    rows, y = [], 0.0
    for theme in evo.themes:
        for band in theme.bands:
            rows.append((theme.theme_id, band.council_id, y + 0.5))
            y += 1
        y += gap
    return rows, max(y - gap, 1.0)


def draw(result: dict[str, Any], path: Path, fmt: str = "png") -> Picture:
    """Draw the comparison's themes by year to `path`; OSError when the file cannot be written."""
    import matplotlib

    matplotlib.use("Agg")  # no display on a server, and no GUI toolkit needed
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle

    evo = evolution(result)
    rows, height = band_positions(evo)
    years = evo.years or [0]
    longest = max((len(t.label) for t in evo.themes), default=10)
    tags = max((len(short_name(c)) for c in evo.councils), default=0)
    left = 0.3 + CHAR * (longest + tags + 3)
    plot_w = max(MIN_PLOT, YEAR_WIDTH * len(years))
    plot_h = max(ROW, height * ROW)
    width_px = round((left + plot_w + 0.3) * DPI)
    height_px = round((TOP + plot_h + BOTTOM) * DPI)
    fig = Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI)
    ax = fig.add_axes((left * DPI / width_px, BOTTOM * DPI / height_px, plot_w * DPI / width_px,
                       plot_h * DPI / height_px))
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.set_ylim(height, 0)
    ax.xaxis.tick_top()
    step = 1 if len(years) <= 16 else 2 if len(years) <= 32 else 5
    ax.set_xticks([y for y in years if (y - years[0]) % step == 0] if evo.years else [])
    if not evo.themes:
        ax.text(0.5, 0.5, "No priority list was found in these papers.", transform=ax.transAxes,
                ha="center", va="center", fontsize=9)
    ax.tick_params(axis="x", labelsize=8, length=0)
    ax.set_yticks([y for _, _, y in rows], [short_name(c) for _, c, _ in rows], fontsize=7, color="#555555")
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    for year in years:  # faint year columns, so a gap between papers reads as empty years
        ax.axvspan(year - 0.5, year + 0.5, color="#f2f2f2" if (year - years[0]) % 2 else "#ffffff", zorder=0)

    picture = Picture(path, (width_px, height_px), [(t, c) for t, c, _ in rows], cell_size=(0.9, 0.76))
    by_row = {(t, c): y for t, c, y in rows}
    for theme in evo.themes:
        first = by_row[(theme.theme_id, theme.bands[0].council_id)] if theme.bands else 0.5
        last = by_row[(theme.theme_id, theme.bands[-1].council_id)] if theme.bands else 0.5
        ax.text(-(tags + 2) * CHAR / plot_w, (first + last) / 2, theme.label,
                transform=ax.get_yaxis_transform(), ha="right", va="center", fontsize=9,
                fontweight="bold" if theme.shared else "normal")
        for band in theme.bands:
            y = by_row[(theme.theme_id, band.council_id)]
            colour, hatch = COLOURS[band.index % len(COLOURS)], HATCHES[band.index % len(HATCHES)]
            for year, mark in band.marks.items():
                if mark == NAMED:
                    ax.add_patch(Rectangle((year - 0.45, y - 0.38), 0.9, 0.76, facecolor=colour, hatch=hatch,
                                           edgecolor="white", linewidth=0, zorder=2))
                elif mark == NO_LIST:
                    ax.add_patch(Rectangle((year - 0.45, y - 0.38), 0.9, 0.76, facecolor="white", hatch="//",
                                           edgecolor=colour, linewidth=1, linestyle="--", zorder=2))
                elif mark == NOT_NAMED:
                    ax.plot([year], [y], marker=".", markersize=3, color="#999999", zorder=2)
    fig.suptitle("Priorities by year: " + sources_line(result), fontsize=10, x=0.02, ha="left",
                 y=1 - 0.15 / (TOP + plot_h + BOTTOM))
    handles: list[Any] = [Patch(facecolor=COLOURS[n % len(COLOURS)], hatch=HATCHES[n % len(HATCHES)],
                                edgecolor="white", label=short_name(c)) for n, c in enumerate(evo.councils)]
    handles += [Patch(facecolor="white", edgecolor="#555555", hatch="//", linestyle="--",
                      label="no priority list found that year"),
                Line2D([], [], color="#999999", marker=".", markersize=6, linestyle="none",
                       label="listed, theme not named")]
    total_h = TOP + plot_h + BOTTOM
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.3 / total_h), fontsize=8,
               frameon=False, ncol=max(1, min(len(handles), int(width_px / DPI / 2.4))))
    notes = ["Blank: no papers from that council that year."]
    notes += ["Bold: a theme every council named."] if len(evo.councils) > 1 else []
    notes += [f"{short_name(u['council_id'])}: no priority list in its {u['papers']} paper(s), so no band."
              for u in evo.unlisted]
    fig.text(0.02, 0.1 / total_h, " ".join(notes), fontsize=7, color="#555555", wrap=True)
    # The axes' place is fixed above, so data maps to pixels without drawing the figure twice.
    for (theme_id, council_id), y in by_row.items():
        for year in evo.years:
            x_px, y_px = ax.transData.transform((year, y))
            picture.centres[(theme_id, council_id, year)] = (float(x_px), float(height_px - y_px))
    save_replacing(fig, path, fmt)
    return picture


def save_replacing(fig: Any, path: Path, fmt: str) -> None:
    """Save the figure whole over `path` (see outputs.replace_file)."""
    replace_file(path, lambda temp: fig.savefig(temp, format=fmt, dpi=DPI, facecolor="white"))
