"""The briefing export: Markdown for scrutiny officers, every statement pointing to a numbered reference."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cspsearch.analysis.answers import human_date
from cspsearch.analysis.cells import (
    CouncilSpec,
    Row,
    check_range,
    known_councils,
    require_papers,
    resolve_council,
    short_name,
)
from cspsearch.analysis.compare import build_comparison, theme_label
from cspsearch.analysis.formats import Table, md_cell, md_table
from cspsearch.analysis.grants import build_ledger, money
from cspsearch.analysis.law import instrument_url
from cspsearch.reading import IndexReader, reader_for


class References:
    """Numbers citations by (document, page) in order of first use: [1], [2], ..."""

    def __init__(self, docs: list[Row]) -> None:
        self.docs = {d["doc_id"]: d for d in docs}
        self.order: list[tuple[str, int]] = []

    def mark(self, citations: list[dict[str, Any]]) -> str:
        """'[1][3]' for these citations (each document page once)."""
        numbers = []
        for cite in citations:
            key = (cite["doc_id"], cite.get("page") or 1)
            if key not in self.order:
                self.order.append(key)
            numbers.append(self.order.index(key) + 1)
        return "".join(f"[{n}]" for n in sorted(set(numbers)))

    def markdown(self) -> str:
        """The numbered reference list: council, committee, date, title, page."""
        lines = [f"{n}. {self.entry(doc_id, page)}" for n, (doc_id, page) in enumerate(self.order, start=1)]
        return "\n".join(lines) + "\n"

    def entry(self, doc_id: str, page: int) -> str:
        """One reference without its number: council, committee, date, title, page."""
        doc = self.docs.get(doc_id, {"doc_id": doc_id})
        return (
            f"{doc.get('council') or doc.get('council_id') or 'Unknown council'}, "
            f"{doc.get('committee') or 'committee not stated'}, {human_date(doc.get('meeting_date'))}, "
            f"\u201c{doc.get('title') or doc_id}\u201d, p. {page}."
        )


def matrix_section(comparison: dict[str, Any], refs: References) -> str:
    """The theme x (council, year) matrix as a Markdown table."""
    return md_table(matrix_table(comparison, refs))


def matrix_table(comparison: dict[str, Any], refs: References) -> Table:
    """The theme x (council, year) matrix, each present cell with its wording and reference."""
    columns = [(c["council_id"], y, c["papers"][str(y)]) for c in comparison["councils"] for y in c["years"]]
    rows = []
    for theme in comparison["themes"]:
        cells = {(c["council_id"], c["year"]): c for c in theme["cells"]}
        row = [theme["label"]]
        for council_id, year, papers in columns:
            cell = cells[(council_id, year)]
            if cell["present"] is None:
                row.append(f"no list found in {papers} paper{'s' if papers != 1 else ''}")
            elif cell["present"]:
                wording = "; ".join(cell["wording"]) or f"status: {cell.get('status') or 'named'}"
                row.append(f"\u201c{wording}\u201d {refs.mark(cell['citations'])}")
            else:
                row.append("\u2014")
        rows.append(row)
    headers = ["Theme"] + [f"{short_name(c)} {y}" for c, y, _ in columns]
    return headers, rows


def figure_section(comparison: dict[str, Any], image: str, refs: References) -> str:
    """The themes-by-year image, linked by its file name, captioned with the papers it is drawn from."""
    from cspsearch.analysis.evolution import sources_line

    drawn = [cite for theme in comparison["themes"] for cell in theme["cells"] for cite in cell["citations"]]
    gaps = {(g["council_id"], g["year"]) for g in comparison["gaps"]}
    drawn += [{"doc_id": d, "page": 1} for d, doc in refs.docs.items()
              if (doc.get("council_id"), doc.get("year")) in gaps]
    return (
        f"![Priorities by year, a band per council]({quote(image)})\n\n"
        "_Figure: the themes each council's priority list names, by meeting year (filled where named, "
        f"hollow where that year's papers hold no list). Drawn from {md_cell(sources_line(comparison))} "
        f"{refs.mark(drawn)}._\n"
    )


def cell_citations(
    comparison: dict[str, Any], theme: str, council_id: str, year: int
) -> list[dict[str, Any]]:
    for item in comparison["themes"]:
        if item["id"] == theme:
            for cell in item["cells"]:
                if cell["council_id"] == council_id and cell["year"] == year:
                    return cell["citations"]
    return []


def changes_section(comparison: dict[str, Any], refs: References) -> str:
    """Year-on-year changes per council, shared and unique themes, and honest gaps."""

    def named(themes: list[str], council_id: str, year: int) -> str:
        return (
            ", ".join(
                f"{theme_label(t).lower()} {refs.mark(cell_citations(comparison, t, council_id, year))}"
                for t in themes
            )
            or "none"
        )

    def first(theme: str) -> str:
        return ", ".join(
            f"{short_name(c)} {y} {refs.mark(cell_citations(comparison, theme, c, y))}"
            for c, y in comparison["across"]["first_named"][theme].items()
        )

    lines = []
    for ch in comparison["changes"]:
        council_id = ch["council_id"]
        text = (
            f"**{short_name(council_id)} {ch['from']} \u2192 {ch['to']}**: "
            f"added {named(ch['added'], council_id, ch['to'])}; "
            f"dropped {named(ch['dropped'], council_id, ch['from'])}; "
            f"continued {named(ch['continued'], council_id, ch['to'])}"
        )
        renamed = [
            f"{theme_label(r['theme']).lower()} \u201c{r['from']}\u201d \u2192 \u201c{r['to']}\u201d"
            for r in ch["renamed"]
        ]
        lines.append(text + (f"; reworded: {'; '.join(renamed)}." if renamed else "."))
    across = comparison["across"]
    if len(comparison["councils"]) > 1:
        shared = [f"{theme_label(t).lower()} (first named {first(t)})" for t in across["shared"]]
        lines.append("**Shared by all**: " + ("; ".join(shared) or "no theme") + ".")
        for council_id, only in across["only"].items():
            listed = "; ".join(f"{theme_label(t).lower()} (from {first(t)})" for t in only) or "none"
            lines.append(f"**Only {short_name(council_id)}**: {listed}.")
    for gap in comparison["gaps"]:
        papers = [
            {"doc_id": d, "page": 1}
            for d, doc in refs.docs.items()
            if doc.get("council_id") == gap["council_id"] and doc.get("year") == gap["year"]
        ]
        lines.append(
            f"{short_name(gap['council_id'])} {gap['year']}: no priority list found in {gap['papers']} "
            f"paper(s) {refs.mark(papers)} (not the same as having no priorities)."
        )
    return "\n".join(f"- {line}" for line in lines) + "\n"


def council_name(council_id: str | None) -> str:
    """A council's short name, 'Council unknown' for papers that do not say."""
    return short_name(council_id) if council_id else "Council unknown"


def replaced(line: dict[str, Any]) -> str:
    """' (superseded by a later paper)' for an amount not standing, a paper's total row said so; '' else."""
    if line.get("total_row") and not line["superseded"]:
        return f" (the paper's total \u201c{line.get('row') or 'total'}\u201d, not added)"
    if not line["superseded"]:
        return ""
    if (line.get("superseded_by") or {}).get("by_later_paper", True):
        return " (superseded by a later paper)"
    return f" (another figure; {money(line['superseded_by']['amount'])} stands)"


def grants_section(ledger: dict[str, Any], refs: References) -> str:
    """The ledger: what each council received, each grant once, superseded figures marked; totals of current ones."""
    table = grants_table(ledger, refs)
    if table is None:
        return "No grant received by these councils was found in these papers.\n"
    totals = grants_totals(ledger)
    return md_table(table) + (
        f"\nTotals received per council and year (current figures only): {totals}.\n" if totals else ""
    )


def grants_totals(ledger: dict[str, Any]) -> str:
    """'Kent 2023/24: £1,000; ...' for the current figures, '' when there are none."""
    return "; ".join(
        f"{council_name(t['council_id'])} {t['financial_year']}: {money(t['total'])}"
        for t in ledger["totals"]
    )


def grants_table(ledger: dict[str, Any], refs: References) -> Table | None:
    """The ledger's rows, each grant once with its reference; None when there is no grant at all."""
    if not (ledger["entries"] or ledger["undated"] or ledger["no_amount"]):
        return None
    rows = [
        [
            council_name(e["council_id"]),
            e["financial_year"] or "year not stated",
            (money(e["amount"]) or e["text"] or "") + replaced(e),
            e["funder"] or "",
            e["recipient"] or "",
            e["grant"] or "",
            refs.mark(e["citations"]),
        ]
        for key in ("entries", "undated", "no_amount")
        for e in ledger[key]
    ]
    return ["Council", "Financial year", "Amount", "Funder", "Recipient", "Grant", "Ref"], rows


def legal_section(legal: list[Row], refs: References) -> str:
    """Each instrument cited, with its provisions and where each is cited."""
    by_instrument: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for row in sorted(legal, key=lambda r: (r.get("meeting_date") or "", r.get("start") or 0)):
        if row.get("instrument") and row.get("instrument_type") != "other":
            by_instrument[row["instrument"]][row.get("provision") or "whole instrument"].append(row)
    if not by_instrument:
        return "No legislation is cited in these papers.\n"
    ranked = sorted(
        by_instrument.items(), key=lambda item: -len({r["doc_id"] for g in item[1].values() for r in g})
    )
    lines = []
    for name, provisions in ranked:
        url = instrument_url([r for rows in provisions.values() for r in rows])
        title = f"[{name}]({url})" if url else name
        parts = [f"{p} {refs.mark([_cite(r) for r in rows])}" for p, rows in provisions.items()]
        lines.append(f"- **{title}**: {'; '.join(parts)}")
    return "\n".join(lines) + "\n"


def decisions_section(decided: list[Row], refs: References, keep: int = 15) -> str:
    """What the committees resolved and how motions were voted, as a Markdown table."""
    table, more = decisions_table(decided, refs, keep)
    if table is None:
        return "No decision or motion is recorded in these papers.\n"
    note = f"\n{more} more decisions and motions are listed by `cspsearch decisions`.\n"
    return md_table(table) + (note if more else "")


def decisions_table(decided: list[Row], refs: References, keep: int = 15) -> tuple[Table | None, int]:
    """The first `keep` decisions and motions in date order, each with its reference, and how many more."""
    from cspsearch.analysis.decisions import cut, outcome_text, record

    records = sorted(
        (record(r) for r in decided),
        key=lambda r: (r["date"] is None, r["date"] or "", r["citation"]["doc_id"], r["citation"]["start"]),
    )
    if not records:
        return None, 0
    rows = [
        [human_date(r["date"]), r["body"] or "", (r["kind"] or "").replace("_", " "), cut(r["text"] or "", 160),
         outcome_text(r), refs.mark([r["citation"]])]
        for r in records[:keep]
    ]
    headers = ["Date", "Body", "Kind", "Decided or moved", "Outcome (for-against-abstain)", "Ref"]
    return (headers, rows), max(len(records) - keep, 0)


def _cite(row: Row) -> dict[str, Any]:
    return {"doc_id": row["doc_id"], "page": row.get("page") or 1}


def build_brief(
    docs: list[Row],
    comparison: dict[str, Any],
    ledger: dict[str, Any],
    legal: list[Row],
    title: str,
    image: str | None = None,
    decided: list[Row] | None = None,
) -> str:
    """The briefing as Markdown: (the image,) matrix, changes, grants, legal basis, decisions, numbered references."""
    refs = References(docs)
    body = [
        f"# {md_cell(title)}\n",
        f"_Drawn from {len(docs)} committee papers. "
        "Numbers in brackets point to the references at the end._\n",
        "## 1. Priorities compared\n",
        matrix_section(comparison, refs),
        "## 2. What changed\n",
        changes_section(comparison, refs),
        "## 3. Grants\n",
        grants_section(ledger, refs),
        "## 4. Legal basis\n",
        legal_section(legal, refs),
        "## 5. Decisions\n",
        decisions_section(decided or [], refs),
    ]
    if image:  # captioned last, so the references keep the numbers they have without the image
        body.insert(3, figure_section(comparison, image, refs))
    return "\n".join(body) + "\n## References\n\n" + refs.markdown()


def brief(
    councils: list[str],
    year_from: int | None = None,
    year_to: int | None = None,
    index: str | Path | None = None,
    scheme: str = "csp",
    image: Path | None = None,
    reader: IndexReader | None = None,
) -> str:
    """A Markdown briefing comparing `councils` over the meeting years from..to, read through `reader`
    (else from the index folder `index`).

    With `image`, the themes-by-year picture is drawn there as PNG and linked (by file name) above the matrix.
    """
    parts = brief_parts(councils, year_from, year_to, index, scheme, reader)
    if image is not None:
        from cspsearch.analysis.picture import draw

        draw(parts["comparison"], image, "png")
    return build_brief(**parts, image=image.name if image else None)


def brief_parts(
    councils: list[str],
    year_from: int | None = None,
    year_to: int | None = None,
    index: str | Path | None = None,
    scheme: str = "csp",
    reader: IndexReader | None = None,
) -> dict[str, Any]:
    """What a briefing is made of (docs, comparison, ledger, legal, title, decided), for any rendering,
    read through `reader` (else from the index folder `index`)."""
    check_range(year_from, year_to)
    read = reader_for(reader, index)
    all_docs = read.documents()
    known = known_councils(all_docs)
    specs = [CouncilSpec(resolve_council(name, known), year_from, year_to) for name in councils]
    docs = [d for spec in specs for d in require_papers(spec, all_docs)]
    in_scope = {d["doc_id"] for d in docs}
    ids = [s.council_id for s in specs]

    def rows(kind: str) -> list[Row]:
        return [
            r for r in read.entity_rows(type=kind, councils=ids) if r["doc_id"] in in_scope
        ]

    comparison = build_comparison(specs, docs, rows("priority"), scheme)
    span = f"{year_from or 'earliest'}\u2013{year_to or 'latest'}"
    title = f"Community safety priorities: {' and '.join(known[c] for c in ids)}, {span}"
    ledger = build_ledger(rows("money"), councils=ids)
    from cspsearch.analysis.decisions import with_votes

    decided = rows("decision") + [m for m in with_votes(rows("motion"), rows("vote")) if m.get("outcome")]
    return {"docs": docs, "comparison": comparison, "ledger": ledger, "legal": rows("legal"), "title": title,
            "decided": decided}
