"""Compare councils' priorities: a theme x (council, year) matrix, year-on-year changes, shared themes."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from cspsearch.analysis.cells import (
    CouncilSpec,
    Row,
    citation,
    fold,
    known_councils,
    parse_spec,
    require_papers,
    resolve_theme,
    theme_label,
    where,
)
from cspsearch.errors import QueryError
from cspsearch.reading import IndexReader, reader_for

Cell = tuple[str, int]  # (council_id, year)
ThemeRows = dict[str, list[Row]]
GAP_NOTE = "no priority list found"


def check_scheme(scheme: str) -> str:
    """`scheme` when it names a kind of priority list the extractor writes (or 'all'); QueryError if not."""
    from cspsearch.extract.priorities.text import vocabulary

    known = list(dict.fromkeys(["csp", *vocabulary().scheme_cues, "all"]))
    if scheme not in known:
        raise QueryError(f"There is no priority scheme '{scheme}'; choose one of {', '.join(known)}.")
    return scheme


def scheme_matches(row: Row, scheme: str) -> bool:
    """True when a priority row belongs to `scheme` ('all' takes every scheme)."""
    return scheme == "all" or (row.get("scheme") or "") == scheme


def council_years(specs: list[CouncilSpec], docs: list[Row]) -> dict[str, dict[int, int]]:
    """council_id -> {meeting year: number of papers} inside each spec's range."""
    years: dict[str, dict[int, int]] = {}
    for spec in specs:
        counts: dict[int, int] = defaultdict(int)
        for doc in docs:
            if doc.get("council_id") == spec.council_id and doc.get("year") and spec.holds(doc["year"]):
                counts[doc["year"]] += 1
        years[spec.council_id] = dict(sorted(counts.items()))
    return years


def group_priorities(rows: list[Row], years: dict[str, dict[int, int]]) -> dict[Cell, ThemeRows]:
    """(council, year) -> theme -> the priority rows naming it; unthemed rows sit under ''."""
    cells: dict[Cell, ThemeRows] = {}
    for row in sorted(rows, key=lambda r: (r.get("meeting_date") or "", r.get("start") or 0)):
        council_id, year = row.get("council_id"), row.get("year")
        if council_id is None or year is None or year not in years.get(council_id, {}):
            continue  # a cell is a council's year: a paper without either belongs to none
        cell = (council_id, year)
        themes = cells.setdefault(cell, {})
        for theme in row.get("themes") or [""]:
            themes.setdefault(theme, []).append(row)
    return cells


def wordings(rows: list[Row]) -> list[str]:
    """The distinct wordings of priority rows, in document order."""
    seen: dict[str, str] = {}
    for row in rows:
        if row.get("text"):
            seen.setdefault(fold(row["text"]), " ".join(row["text"].split()))
    return list(seen.values())


def order_themes(theme_ids: set[str], cells: dict[Cell, ThemeRows]) -> list[str]:
    """Themes shared by more councils first, then named in more years, then earliest named."""

    def key(theme: str) -> tuple[int, int, int, str]:
        named = [cell for cell, themes in cells.items() if theme in themes]
        return (-len({c for c, _ in named}), -len(named), min((y for _, y in named), default=9999), theme)

    return sorted(theme_ids, key=key)


def theme_row(theme: str, years: dict[str, dict[int, int]], cells: dict[Cell, ThemeRows]) -> dict[str, Any]:
    """One matrix row: a cell per (council, year) saying present (True/False/None), wording, citations."""
    out = []
    for council_id, council_years_ in years.items():
        for year in council_years_:
            listed = cells.get((council_id, year))
            rows = (listed or {}).get(theme, [])
            out.append(
                {
                    "council_id": council_id,
                    "year": year,
                    "present": bool(rows) if listed is not None else None,
                    "wording": wordings(rows),
                    "citations": [citation(r, r.get("text")) for r in rows],
                    "status": next((r["status"] for r in rows if r.get("status")), None),
                }
            )
    return {"id": theme, "label": theme_label(theme), "cells": out}


def diff_years(before: ThemeRows, after: ThemeRows) -> dict[str, Any]:
    """What changed between two priority lists: added, dropped, continued and renamed themes."""
    old, new = set(before) - {""}, set(after) - {""}
    renamed = []
    for theme in sorted(old & new):
        was, now = wordings(before[theme]), wordings(after[theme])
        if was and now and not {fold(w) for w in was} & {fold(w) for w in now}:
            renamed.append({"theme": theme, "from": was[0], "to": now[0]})
    return {
        "added": sorted(new - old),
        "dropped": sorted(old - new),
        "continued": sorted(old & new),
        "renamed": renamed,
    }


def changes(years: dict[str, dict[int, int]], cells: dict[Cell, ThemeRows]) -> list[dict[str, Any]]:
    """Per council, the diff between each pair of consecutive years that have a priority list."""
    out = []
    for council_id, council_years_ in years.items():
        listed = [y for y in council_years_ if (council_id, y) in cells]
        for before, after in zip(listed, listed[1:], strict=False):
            diff = diff_years(cells[(council_id, before)], cells[(council_id, after)])
            out.append({"council_id": council_id, "from": before, "to": after, **diff})
    return out


def across(
    years: dict[str, dict[int, int]], cells: dict[Cell, ThemeRows], themes: list[str]
) -> dict[str, Any]:
    """Across councils: themes every council named, themes only one named, first year each named a theme."""
    first: dict[str, dict[str, int]] = {}
    for theme in themes:
        for (council_id, year), named in sorted(cells.items(), key=lambda item: item[0][1]):
            if theme in named:
                first.setdefault(theme, {}).setdefault(council_id, year)
    councils = list(years)
    shared = [t for t in themes if len(councils) > 1 and set(first.get(t, {})) == set(councils)]
    only = {c: [t for t in themes if set(first.get(t, {})) == {c}] for c in councils}
    return {"shared": shared, "only": only, "first_named": first}


def build_comparison(
    specs: list[CouncilSpec],
    docs: list[Row],
    priorities: list[Row],
    scheme: str = "csp",
    themes: list[str] | None = None,
) -> dict[str, Any]:
    """The whole comparison as a JSON-able dict (the `compare --format json` shape)."""
    check_scheme(scheme)
    years = council_years(specs, docs)
    cells = group_priorities([p for p in priorities if scheme_matches(p, scheme)], years)
    found = {t for named in cells.values() for t in named} - {""}
    theme_ids = order_themes(set(themes) if themes else found, cells)
    gaps = [
        {"council_id": c, "year": y, "papers": n, "note": GAP_NOTE}
        for c, by_year in years.items()
        for y, n in by_year.items()
        if (c, y) not in cells
    ]
    unthemed = [
        {
            "council_id": c,
            "year": y,
            "wording": wordings(named[""]),
            "citations": [citation(r, r.get("text")) for r in named[""]],
        }
        for (c, y), named in cells.items()
        if "" in named
    ]
    undated = {c: sum(1 for d in docs if d.get("council_id") == c and not d.get("year")) for c in years}
    return {
        "scheme": scheme,
        "councils": [
            {"council_id": c, "years": list(by_year), "papers": {str(y): n for y, n in by_year.items()},
             "undated_papers": undated[c]}
            for c, by_year in years.items()
        ],
        "themes": [theme_row(t, years, cells) for t in theme_ids],
        "gaps": gaps,
        "changes": changes(years, cells),
        "across": across(years, cells, theme_ids),
        "unthemed": unthemed,
    }


def compare(
    spec_texts: list[str],
    index: str | Path | None = None,
    scheme: str = "csp",
    themes: list[str] | None = None,
    reader: IndexReader | None = None,
) -> dict[str, Any]:
    """Compare the priorities of the councils in `spec_texts` ('maidstone:2011-2023', 'medway'),
    read through `reader` (else from the index folder `index`)."""
    read = reader_for(reader, index)
    all_docs = read.documents()
    specs = [parse_spec(text, known_councils(all_docs)) for text in spec_texts]
    docs = [doc for spec in specs for doc in require_papers(spec, all_docs)]
    # Papers with no meeting date have no column, but the matrix says how many there are.
    docs += [d for d in all_docs if not d.get("year") and d.get("council_id") in {s.council_id for s in specs}
             and d not in docs]
    rows = read.entity_rows(type="priority", councils=[s.council_id for s in specs])
    known = {t for r in rows for t in r.get("themes") or []}
    wanted = [resolve_theme(t, known) for t in themes] if themes else None
    return build_comparison(specs, docs, rows, scheme, wanted)


# ---- tabular views ------------------------------------------------------------------------------


def cell_text(cell: dict[str, Any], papers: int) -> str:
    """One matrix cell as text: the wording and where it is, '-' when absent, or the honest gap."""
    if cell["present"] is None:
        return f"no list found in {papers} paper{'s' if papers != 1 else ''}"
    if not cell["present"]:
        return "-"
    wording = "; ".join(cell["wording"]) or f"(status: {cell.get('status') or 'named'})"
    places = ", ".join(sorted({where(c) for c in cell["citations"]}))
    return f"{wording} [{places}]"


def matrix_table(result: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """The matrix as (headers, rows): one row per theme, one column per (council, year)."""
    papers = {(c["council_id"], int(y)): n for c in result["councils"] for y, n in c["papers"].items()}
    columns = [(c["council_id"], y) for c in result["councils"] for y in c["years"]]
    headers = ["theme"] + [f"{c} {y}" for c, y in columns]
    rows = []
    for theme in result["themes"]:
        by_cell = {(cell["council_id"], cell["year"]): cell for cell in theme["cells"]}
        rows.append([theme["label"]] + [cell_text(by_cell[col], papers[col]) for col in columns])
    return headers, rows


def change_lines(result: dict[str, Any]) -> list[str]:
    """The year-on-year changes and the cross-council summary as plain sentences."""
    lines = []
    for change in result["changes"]:
        parts = [
            f"{name}: {', '.join(theme_label(t) for t in change[name])}"
            for name in ("added", "dropped", "continued")
            if change[name]
        ]
        parts += [
            f'renamed {theme_label(r["theme"])}: "{r["from"]}" -> "{r["to"]}"' for r in change["renamed"]
        ]
        lines.append(f"{change['council_id']} {change['from']} -> {change['to']}: " + "; ".join(parts))
    summary = result["across"]
    if len(result["councils"]) > 1:
        lines.append("shared by all: " + (", ".join(theme_label(t) for t in summary["shared"]) or "none"))
        for council_id, only in summary["only"].items():
            lines.append(f"only {council_id}: " + (", ".join(theme_label(t) for t in only) or "none"))
    for gap in result["gaps"]:
        lines.append(f"{gap['council_id']} {gap['year']}: {gap['note']} in {gap['papers']} paper(s)")
    for council in result["councils"]:
        if council.get("undated_papers"):
            lines.append(f"{council['council_id']}: {council['undated_papers']} paper(s) with no meeting date "
                         "are not in the matrix (no year to place them in)")
    return lines
