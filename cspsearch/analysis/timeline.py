"""A theme's timeline: every year each council named it, in what words, first appearance and gaps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cspsearch.analysis.cells import (
    CouncilSpec,
    Row,
    citation,
    known_councils,
    resolve_council,
    resolve_theme,
    theme_label,
    where,
)
from cspsearch.analysis.compare import check_scheme, council_years, group_priorities, scheme_matches, wordings
from cspsearch.errors import NotFoundError
from cspsearch.reading import IndexReader, reader_for


def year_state(theme: str, papers: int, listed: dict[str, list[Row]] | None) -> dict[str, Any]:
    """What one council-year says about a theme: named (with wording), not named, or no list at all."""
    if listed is None:
        return {
            "state": "no_list",
            "note": f"no priority list found in {papers} paper{'s' if papers != 1 else ''}",
        }
    rows = listed.get(theme, [])
    if not rows:
        return {"state": "not_named"}
    return {
        "state": "named",
        "wording": wordings(rows),
        "citations": [citation(r, r.get("text")) for r in rows],
    }


def build_timeline(theme: str, docs: list[Row], priorities: list[Row], scheme: str = "csp") -> dict[str, Any]:
    """The timeline of `theme` over every council in `docs` (as a JSON-able dict)."""
    check_scheme(scheme)
    specs = [CouncilSpec(c) for c in dict.fromkeys(d["council_id"] for d in docs if d.get("council_id"))]
    years = council_years(specs, docs)
    cells = group_priorities([p for p in priorities if scheme_matches(p, scheme)], years)
    councils = []
    for council_id, by_year in years.items():
        timeline = [
            {"year": y, "papers": n, **year_state(theme, n, cells.get((council_id, y)))}
            for y, n in by_year.items()
        ]
        named = [entry["year"] for entry in timeline if entry["state"] == "named"]
        first = named[0] if named else None
        gaps = [
            {"year": e["year"], "reason": e.get("note") or "not named"}
            for e in timeline
            if first is not None and e["year"] > first and e["state"] != "named"
        ]
        councils.append(
            {
                "council_id": council_id,
                "first": first,
                "last": named[-1] if named else None,
                "named_years": named,
                "years": timeline,
                "gaps": gaps,
            }
        )
    return {"theme": theme, "label": theme_label(theme), "scheme": scheme, "councils": councils}


def timeline(
    theme: str,
    index: str | Path | None = None,
    councils: list[str] | None = None,
    scheme: str = "csp",
    reader: IndexReader | None = None,
) -> dict[str, Any]:
    """The timeline of one theme (id, label or phrasing) for the given councils, or every council,
    read through `reader` (else from the index folder `index`)."""
    read = reader_for(reader, index)
    docs = read.documents()
    known = known_councils(docs)
    if not known:
        raise NotFoundError("The index holds no papers yet; run `cspsearch ingest` first.")
    wanted = [resolve_council(name, known) for name in councils] if councils else list(known)
    docs = [d for d in docs if d.get("council_id") in wanted]
    rows = read.entity_rows(type="priority", councils=wanted)
    theme_id = resolve_theme(theme, {t for r in rows for t in r.get("themes") or []})
    return build_timeline(theme_id, docs, rows, scheme)


def timeline_table(result: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """The timeline as (headers, rows): one row per council-year with papers."""
    headers = ["council", "year", "state", "wording", "source"]
    rows = []
    for council in result["councils"]:
        for entry in council["years"]:
            state = {"named": "named", "not_named": "not named"}.get(entry["state"], entry.get("note", ""))
            if entry["state"] == "named" and entry["year"] == council["first"]:
                state = "named (first)"
            sources = ", ".join(sorted({where(c) for c in entry.get("citations", [])}))
            rows.append(
                [
                    council["council_id"],
                    str(entry["year"]),
                    state,
                    "; ".join(entry.get("wording", [])),
                    sources,
                ]
            )
    return headers, rows


def timeline_lines(result: dict[str, Any]) -> list[str]:
    """One sentence per council: first appearance and gaps."""
    lines = []
    for council in result["councils"]:
        if council["first"] is None:
            lines.append(
                f"{council['council_id']}: never named {result['label']} as a priority in its papers."
            )
            continue
        gaps = ", ".join(f"{g['year']} ({g['reason']})" for g in council["gaps"]) or "none"
        lines.append(
            f"{council['council_id']}: first named {result['label']} in {council['first']}; "
            f"named in {', '.join(map(str, council['named_years']))}; gaps: {gaps}."
        )
    return lines
