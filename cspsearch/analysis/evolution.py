"""How priorities evolved: a comparison as themes x years, one band per council, and its text rendering."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cspsearch.analysis.cells import short_name

NAMED, NOT_NAMED, NO_LIST = "named", "not named", "no list"
# One fill per council, so bands stay apart where colour is not shown (NO_COLOR, print, colour blindness).
FILLS = ("█", "▓", "▆", "▄", "▀", "▒")
HOLLOW = "░"
# Okabe-Ito colours: told apart by most colour-blind readers; the fills above carry the rest.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")
NOT_NAMED_MARK = "·"
MAX_TAG = 16  # council names past this are clipped, so long names leave room for the years
MIN_LABEL, MAX_CELL = 16, 8

Segment = tuple[str, str]  # (text, style key: 'fill<i>', 'hollow<i>', 'faint', 'axis', 'shared' or '')


@dataclass(frozen=True)
class Band:
    """One council's marks for one theme: year -> state, and the compare() cell behind each year."""

    council_id: str
    index: int  # the council's place in the legend: its fill and colour
    marks: dict[int, str]
    cells: dict[int, dict[str, Any]]


@dataclass(frozen=True)
class ThemeBands:
    theme_id: str
    label: str
    shared: bool  # every council with a band named it in some year
    bands: list[Band]


@dataclass(frozen=True)
class Evolution:
    """The picture's content: a common year axis, the councils with bands, the themes, councils left out."""

    years: list[int]
    councils: list[str]
    themes: list[ThemeBands]
    unlisted: list[dict[str, Any]]  # councils none of whose papers holds a priority list


def state(cell: dict[str, Any]) -> str:
    """A cell's state: named, not named (the list leaves it out), or no list found in that year's papers."""
    if cell["present"] is None:
        return NO_LIST
    return NAMED if cell["present"] else NOT_NAMED


def evolution(result: dict[str, Any]) -> Evolution:
    """The picture of a compare() result; councils that never have a list are set aside, not drawn hollow."""
    listed = {c["council_id"]: False for c in result["councils"]}
    for theme in result["themes"]:
        for cell in theme["cells"]:
            listed[cell["council_id"]] |= cell["present"] is not None
    drawn = [c for c, has_list in listed.items() if has_list]
    unlisted = [
        {"council_id": c["council_id"], "papers": sum(c["papers"].values()) + (c.get("undated_papers") or 0),
         "years": c["years"]}
        for c in result["councils"]
        if c["council_id"] not in drawn
    ]
    known = [y for c in result["councils"] if c["council_id"] in drawn for y in c["years"]]
    years = list(range(min(known), max(known) + 1)) if known else []
    themes = []
    for theme in result["themes"]:
        bands = []
        for index, council_id in enumerate(drawn):
            cells = {c["year"]: c for c in theme["cells"] if c["council_id"] == council_id}
            bands.append(Band(council_id, index, {y: state(c) for y, c in cells.items()}, cells))
        # Shared among the councils drawn: one with no list at all would otherwise leave nothing shared.
        shared = len(bands) > 1 and all(NAMED in band.marks.values() for band in bands)
        themes.append(ThemeBands(theme["id"], theme["label"], shared, bands))
    return Evolution(years, drawn, themes, unlisted)


# ---- text rendering -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Column widths for a given terminal width: theme labels, council tags, and one cell per year."""

    label: int
    tag: int
    cell: int


def layout(evo: Evolution, width: int) -> Layout:
    """Cells as wide as the width allows (1 to MAX_CELL), labels taking what the cells leave."""
    years = max(1, len(evo.years))
    longest = max((len(t.label) for t in evo.themes), default=MIN_LABEL)
    wanted = min(longest, max(MIN_LABEL, width // 3))  # a third of the width for labels before cells grow
    tag = min(MAX_TAG, 1 + max((len(short_name(c)) for c in evo.councils), default=0))
    cell = max(1, min(MAX_CELL, (width - tag - wanted - 1) // years))
    label = max(MIN_LABEL, min(longest, width - tag - cell * years - 1))
    return Layout(label, tag, cell)


def clip(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def cell_segment(mark: str | None, index: int, width: int) -> Segment:
    """One year of a band: the council's fill, hollow where no list was found, a dot where not named."""
    if mark == NAMED:
        return FILLS[index % len(FILLS)] * width, f"fill{index % len(COLOURS)}"
    if mark == NO_LIST:
        return HOLLOW * width, f"hollow{index % len(COLOURS)}"
    if mark == NOT_NAMED:
        return NOT_NAMED_MARK.center(width), "faint"
    return " " * width, ""


def axis_text(years: list[int], cell: int) -> str:
    """Year labels over the cells: four digits where they fit, '11 at three, spaced out when narrower."""
    out = ""
    for n, year in enumerate(years):
        label = f"'{year % 100:02d}" if cell == 3 else str(year)
        start = n * cell
        fits = start + len(label) <= len(years) * cell or n == 0
        if fits and len(out) + (1 if out else 0) <= start:  # a space between labels, else skip this year's
            out = out.ljust(start) + label
    return out.ljust(len(years) * cell)


def legend(evo: Evolution) -> list[list[Segment]]:
    """The legend's items: each council's fill, then what hollow, dot and blank mean."""
    items = [[(FILLS[n % len(FILLS)] * 2, f"fill{n % len(COLOURS)}"), (f" {short_name(c)}", "")]
             for n, c in enumerate(evo.councils)]
    return items + [
        [(HOLLOW * 2, "hollow0" if len(evo.councils) == 1 else "faint"),
         (" no priority list found that year", "")],
        [(NOT_NAMED_MARK, "faint"), (" listed, theme not named", "")],
        [("blank: no papers", "faint")],
    ] + ([[("bold", "shared"), (" theme: every council names it", "")]] if len(evo.councils) > 1 else [])


def wrap(items: list[list[Segment]], width: int, gap: str = "   ") -> list[list[Segment]]:
    """Items laid on as few lines of `width` as they fit, `gap` between them."""
    lines: list[list[Segment]] = [[]]
    used = 0
    for item in items:
        size = sum(len(text) for text, _ in item)
        if lines[-1] and used + len(gap) + size > width:
            lines.append([])
            used = 0
        if lines[-1]:
            lines[-1].append((gap, ""))
            used += len(gap)
        lines[-1] += item
        used += size
    return lines


def year_span(years: list[int]) -> str:
    """'2011–2023', or '2020' for a single year ('' for none)."""
    if not years:
        return ""
    return f"{years[0]}–{years[-1]}" if years[0] != years[-1] else str(years[0])


def sources_line(result: dict[str, Any]) -> str:
    """'Maidstone 2011–2023 (4 papers); Medway 2020 (1 paper)': what the picture is drawn from."""
    parts = []
    for council in result["councils"]:
        years, papers = council["years"], sum(council["papers"].values())
        span = year_span(years)
        undated = f"; {council['undated_papers']} more undated" if council.get("undated_papers") else ""
        parts.append(f"{short_name(council['council_id'])} {span} ({papers} paper{'s' if papers != 1 else ''}"
                     f"{undated})")
    return "; ".join(parts)


def unlisted_notes(evo: Evolution) -> list[str]:
    """A sentence per council left out because none of its papers holds a priority list."""
    notes = []
    for item in evo.unlisted:
        span = f" ({year_span(item['years'])})" if item["years"] else ""
        notes.append(f"{short_name(item['council_id'])}: no priority list found in its {item['papers']} "
                     f"paper{'s' if item['papers'] != 1 else ''}{span}, so it has no band.")
    return notes


def chart_rows(evo: Evolution, width: int = 80) -> list[list[Segment]]:
    """The picture as styled lines: axis, a row per theme and council, legend, notes."""
    shape = layout(evo, width)
    rows: list[list[Segment]] = []
    if evo.years:
        rows.append([(" " * (shape.label + shape.tag + 1), ""), (axis_text(evo.years, shape.cell), "axis")])
    for theme in evo.themes:
        for n, band in enumerate(theme.bands):
            label = clip(theme.label, shape.label) if n == 0 else " " * shape.label
            row: list[Segment] = [(label + " ", "shared" if theme.shared and n == 0 else ""),
                                  (clip(short_name(band.council_id), shape.tag - 1) + " ", "")]
            row += [cell_segment(band.marks.get(y), band.index, shape.cell) for y in evo.years]
            rows.append(row)
    if evo.councils:
        rows.append([])
        rows += wrap(legend(evo), width)
    rows += [[(note, "")] for note in unlisted_notes(evo)]
    return rows


def chart_lines(result: dict[str, Any], width: int = 80) -> list[str]:
    """The picture of a compare() result as plain text lines, `width` columns at most."""
    return ["".join(text for text, _ in row).rstrip() for row in chart_rows(evolution(result), width)]


def timeline_table(evo: Evolution) -> tuple[list[str], list[list[str]]]:
    """The bands as a table for export: theme, council, then each year's state ('' where no papers)."""
    headers = ["theme", "council"] + [str(year) for year in evo.years]
    rows = [[theme.label, short_name(band.council_id)] + [band.marks.get(year, "") for year in evo.years]
            for theme in evo.themes for band in theme.bands]
    return headers, rows


def palette_styles() -> dict[str, str]:
    """Rich-style strings for the segment keys: council colours; hollow dimmed; faint, axis and label."""
    styles = {"faint": "dim", "axis": "bold", "shared": "bold"}
    for n, colour in enumerate(COLOURS):
        styles[f"fill{n}"] = colour
        styles[f"hollow{n}"] = colour
    return styles
