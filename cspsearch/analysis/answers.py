"""Answers to understood questions: one or two sentences plus the citations they rest on."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from typing import Any

from cspsearch.analysis.cells import CouncilSpec, Row, citation, short_name, theme_label
from cspsearch.analysis.compare import (
    build_comparison,
    council_years,
    diff_years,
    group_priorities,
    scheme_matches,
    wordings,
)
from cspsearch.analysis.questions import Question
from cspsearch.analysis.timeline import build_timeline
from cspsearch.reading import IndexReader


@dataclass
class Lookup:
    """The index rows a question needs, fetched once each through `reader`."""

    reader: IndexReader
    _rows: dict[str, list[Row]] = field(default_factory=dict)
    _docs: list[Row] | None = None

    def docs(self) -> list[Row]:
        if self._docs is None:
            self._docs = self.reader.documents()
        return self._docs

    def rows(self, kind: str) -> list[Row]:
        if kind not in self._rows:
            self._rows[kind] = self.reader.entity_rows(type=kind)
        return self._rows[kind]

    def name(self, council_id: str) -> str:
        """A council's short name for sentences ('Maidstone', 'Tonbridge and Malling')."""
        return short_name(council_id)

    def councils(self, question: Question) -> list[str]:
        known = list(dict.fromkeys(d["council_id"] for d in self.docs() if d.get("council_id")))
        return question.councils or known


def human_date(value: str | None) -> str:
    """'2011-03-14' -> '14 March 2011'; '2015-02' -> 'February 2015'."""
    parts = (value or "").split("-")
    if len(parts) < 2 or not parts[1].isdigit():
        return value or "undated"
    month = calendar.month_name[int(parts[1])]
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def source(cite: dict[str, Any]) -> str:
    """'Update from Safer Maidstone Partnership, 14 March 2011, p.1'."""
    title = cite.get("title") or cite.get("doc_id")
    date = human_date(cite.get("meeting_date"))
    # Minutes are often titled with their date ("County Council minutes, 13 February 2025"): say it once.
    return f"{title}, p.{cite.get('page')}" if date in str(title) else f"{title}, {date}, p.{cite.get('page')}"


def short_list(items: list[str], keep: int = 4) -> str:
    """'a, b, c, d and 3 more' so a sentence stays readable."""
    if len(items) <= keep:
        return ", ".join(items)
    return f"{', '.join(items[:keep])} and {len(items) - keep} more"


def result(kind: str, answer: str, citations: list[dict[str, Any]], data: Any = None) -> dict[str, Any]:
    return {"answer": answer, "kind": kind, "fallback": False, "citations": citations, "data": data}


def no_papers(look: Lookup, councils: list[str]) -> dict[str, Any] | None:
    """An answer saying the index holds no papers from a council asked about, if so."""
    held = {d.get("council_id") for d in look.docs()}
    missing = [c for c in councils if c not in held]
    if not missing:
        return None
    return result(
        "no_papers", f"The index holds no papers from {', '.join(look.name(c) for c in missing)}.", []
    )


def theme_timeline(look: Lookup, question: Question) -> dict[str, Any]:
    """The first theme's timeline over the councils asked about (CSP lists, or any list if none is CSP)."""
    councils = look.councils(question)
    docs = [d for d in look.docs() if d.get("council_id") in councils]
    timeline = build_timeline(question.themes[0], docs, look.rows("priority"), "csp")
    if not any(c["first"] for c in timeline["councils"]):
        timeline = build_timeline(question.themes[0], docs, look.rows("priority"), "all")
    return timeline


def first_priority(look: Lookup, question: Question) -> dict[str, Any]:
    missing = no_papers(look, question.councils)
    if missing:
        return missing
    timeline = theme_timeline(look, question)
    named = [c for c in timeline["councils"] if c["first"]]
    if not named:
        return result(
            "first_priority",
            f"No priority list in the papers names {timeline['label'].lower()}.",
            [],
            timeline,
        )
    firsts = [next(y for y in c["years"] if y["year"] == c["first"]) for c in named]
    parts = [
        f'by {look.name(c["council_id"])} in {c["first"]} ("{(f["wording"] or ["named"])[0]}")'
        for c, f in zip(named, firsts, strict=True)
    ]
    answer = f"{timeline['label']} was first named a priority " + " and ".join(parts) + "."
    return result("first_priority", answer, [f["citations"][0] for f in firsts], timeline)


def ever_priority(look: Lookup, question: Question) -> dict[str, Any]:
    missing = no_papers(look, question.councils)
    if missing:
        return missing
    timeline = theme_timeline(look, question)
    sentences, cites = [], []
    for council in timeline["councils"]:
        who = look.name(council["council_id"])
        lists = [y["year"] for y in council["years"] if y["state"] != "no_list"]
        if not council["named_years"]:
            sentences.append(
                f"No: {timeline['label'].lower()} is not named in {who}'s priority lists "
                f"({', '.join(map(str, lists)) or 'none found'})."
            )
            continue
        named = [y for y in council["years"] if y["state"] == "named"]
        wording = named[0]["wording"][0] if named[0]["wording"] else timeline["label"]
        later = [str(y) for y in lists if y > council["last"]]
        tail = f"; it is not named in the lists of {', '.join(later)}" if later else ""
        sentences.append(
            f"Yes: {who} named it a priority in {', '.join(map(str, council['named_years']))} "
            f'("{wording}"){tail}.'
        )
        cites += [y["citations"][0] for y in named]
    return result("ever_priority", " ".join(sentences), cites, timeline)


def priorities_in_year(look: Lookup, question: Question) -> dict[str, Any]:
    council = question.councils[0]
    missing = no_papers(look, [council])
    if missing:
        return missing
    years = council_years([CouncilSpec(council)], look.docs())
    rows = [r for r in look.rows("priority") if r.get("council_id") == council]
    cells = group_priorities([r for r in rows if scheme_matches(r, "csp")], years) or group_priorities(
        rows, years
    )
    listed = sorted(y for (_, y) in cells)
    year = question.year or (listed[-1] if listed else max(years[council]))
    who = look.name(council)
    if year not in years[council]:
        have = ", ".join(map(str, years[council]))
        return result(
            "priorities_in_year",
            f"The index holds no {who} papers from {year}; it has papers from {have}.",
            [],
        )
    if (council, year) not in cells:
        papers = years[council][year]
        return result(
            "priorities_in_year",
            f"{who}'s {papers} paper{'s' if papers > 1 else ''} from {year} "
            f"hold no priority list (lists found for {', '.join(map(str, listed)) or 'no year'}).",
            [],
        )
    items = sorted(
        {id(r): r for group in cells[(council, year)].values() for r in group}.values(),
        key=lambda r: (r.get("meeting_date") or "", r.get("start") or 0),
    )
    texts = wordings(items) + [
        f"[{', '.join(theme_label(t) for t in r.get('themes') or [])}, status only]"
        for r in items
        if not r.get("text")
    ]
    cites = [citation(r, r.get("text")) for r in items]
    answer = f"{who}'s priorities in {year} were: {'; '.join(texts)} ({source(cites[0])})."
    return result(
        "priorities_in_year", answer, cites, {"council_id": council, "year": year, "priorities": texts}
    )


def compare_priorities(look: Lookup, question: Question) -> dict[str, Any]:
    missing = no_papers(look, question.councils)
    if missing:
        return missing
    specs = [CouncilSpec(c) for c in question.councils]
    comparison = build_comparison(specs, look.docs(), look.rows("priority"))
    across, names = comparison["across"], [look.name(c) for c in question.councils]
    shared = short_list([theme_label(t).lower() for t in across["shared"]]) or "no theme"
    only = [
        f"only {look.name(c)} named {short_list([theme_label(t).lower() for t in ts])}"
        for c, ts in across["only"].items()
        if ts
    ]
    answer = f"{' and '.join(names)} both named {shared} as priorities" + (
        f"; {'; '.join(only)}." if only else "."
    )
    cites = [
        cell["citations"][0]
        for theme in comparison["themes"]
        if theme["id"] in across["shared"]
        for cell in theme["cells"]
        if cell["present"]
    ]
    return result("compare_priorities", answer, cites, comparison)


def priority_change(look: Lookup, question: Question) -> dict[str, Any]:
    """'How did X's priorities change between Y and Z?': the themes added, dropped and kept."""
    council = question.councils[0]
    missing = no_papers(look, [council])
    if missing:
        return missing
    first, last = min(question.years), max(question.years)
    years = council_years([CouncilSpec(council)], look.docs())
    rows = [r for r in look.rows("priority") if r.get("council_id") == council]
    cells = group_priorities([r for r in rows if scheme_matches(r, "csp")], years) or group_priorities(
        rows, years
    )
    who = look.name(council)
    absent = [y for y in (first, last) if (council, y) not in cells]
    if absent:
        listed = sorted(y for (c, y) in cells if c == council)
        return {**result(
            "priority_change",
            f"The index holds no {who} priority list from {' or '.join(map(str, absent))} "
            f"(lists found for {', '.join(map(str, listed)) or 'no year'}), so the change cannot be read.",
            [],
        ), "fallback": True}
    diff = diff_years(cells[(council, first)], cells[(council, last)])

    def themes(ids: list[str]) -> str:
        return short_list([theme_label(t).lower() for t in ids]) or "none"

    cites = [citation(next(r for g in cells[(council, y)].values() for r in g)) for y in (first, last)]
    answer = (
        f"Between {first} and {last}, {who} added {themes(diff['added'])}, dropped {themes(diff['dropped'])} "
        f"and kept {themes(diff['continued'])} as priorities [1: {source(cites[0])}; 2: {source(cites[1])}]."
    )
    return result("priority_change", answer, cites, {"council_id": council, "from": first, "to": last, **diff})
