"""The grants ledger: what each council received, per grant and financial year, with citations and totals."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from cspsearch.analysis.cells import Row, check_range, fold, indexed_councils, where
from cspsearch.analysis.ledger import (
    RECEIVED,
    UNDATED,
    by_year,
    council_label,
    is_grant,
    ledger_council,
    ledger_lines,
    role_of,
    totals,
)
from cspsearch.names import initials
from cspsearch.reading import IndexReader, reader_for


def names_match(query: str | None, value: str | None) -> bool:
    """True when `query` is part of `value` or stands for its initials; an empty query matches all."""
    if not query:
        return True
    if not value:
        return False
    wanted, have = fold(query), fold(value)
    return wanted in have or wanted.replace(" ", "") == initials(value)


def fy_start(financial_year: str | None) -> int | None:
    """The first calendar year of a 'YYYY-YY' financial year."""
    match = re.match(r"(\d{4})", financial_year or "")
    return int(match[1]) if match else None


def in_years(row: Row, year_from: int | None, year_to: int | None) -> bool:
    """True when the row's financial year (or, lacking one, its meeting year) is inside the range."""
    year = fy_start(row.get("financial_year")) or row.get("year")
    if year is None:
        return year_from is None and year_to is None
    return (year_from is None or year >= year_from) and (year_to is None or year <= year_to)


def is_received_grant(row: Row) -> bool:
    """A row of the default ledger: an amount the council received, of a named grant or funder.

    A paper's own total row is kept too, to compare with the lines (it is never added).
    """
    return role_of(row) == RECEIVED and (is_grant(row) or bool(row.get("total")))


def select_money(
    rows: list[Row],
    funder: str | None = None,
    grant: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    include_all: bool = False,
) -> list[Row]:
    """Money rows matching the filters: grants the council received, or every amount with include_all."""
    return [
        row
        for row in rows
        if (include_all or is_received_grant(row))
        and names_match(funder, row.get("funder"))
        and names_match(grant, row.get("grant"))
        and in_years(row, year_from, year_to)
    ]


def unnamed_received(rows: list[Row], wanted: set[str] | None) -> int:
    """Received amounts the default ledger leaves out for naming no grant or funder (`--all` lists them)."""
    return sum(
        1
        for row in rows
        if role_of(row) == RECEIVED
        and not (is_grant(row) or row.get("total"))
        and (wanted is None or ledger_council(row) in wanted)
    )


def build_ledger(rows: list[Row], councils: list[str] | None = None, **filters: Any) -> dict[str, Any]:
    """The ledger as a JSON-able dict: dated lines, undated amounts, grants named without amount, totals.

    Each grant, year and recipient is one line citing every paper; where papers disagree the
    latest stands and the earlier amount follows it marked superseded. Totals add only the
    current amounts the council received. `councils` picks by whose money it is.
    """
    wanted = set(councils) if councils else None
    lines = ledger_lines(
        select_money(rows, **filters), None if wanted is None else lambda council: council in wanted
    )
    dated = [e for e in lines if e["amount"] is not None and e["financial_year"]]
    undated = [e for e in lines if e["amount"] is not None and not e["financial_year"]]
    unquantified = [e for e in lines if e["amount"] is None]
    per = totals(dated)
    return {
        "entries": dated,
        "undated": undated,
        "no_amount": unquantified,
        "totals": per,
        "by_year": by_year(per),
        "total": sum(item["total"] for item in per),
        "superseded": sum(1 for e in lines if e["superseded"]),
        "council_unknown": sum(1 for e in lines if e["council_id"] is None),
        "unnamed_received": 0 if filters.get("include_all") else unnamed_received(rows, wanted),
    }


def grants(
    index: str | Path | None = None,
    councils: list[str] | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    funder: str | None = None,
    grant: str | None = None,
    include_all: bool = False,
    reader: IndexReader | None = None,
) -> dict[str, Any]:
    """The grants ledger over the index, for some councils and financial years, read through
    `reader` (else from the index folder `index`)."""
    check_range(year_from, year_to)
    read = reader_for(reader, index)
    wanted = indexed_councils(councils, read)
    # Every paper's rows: a council's grant may be reported in another body's paper, naming it as recipient.
    rows = read.entity_rows(type="money")
    return build_ledger(
        rows,
        councils=wanted,
        funder=funder,
        grant=grant,
        year_from=year_from,
        year_to=year_to,
        include_all=include_all,
    )


def money(amount: float | None) -> str:
    """An amount as pounds: '£37,104', '-£15,000' (pence shown only when there are any)."""
    if amount is None:
        return ""
    sign, amount = ("-" if amount < 0 else ""), abs(amount)
    return f"{sign}£{amount:,.2f}" if amount % 1 else f"{sign}£{amount:,.0f}"


LEDGER_HEADERS = [
    "status",
    "council",
    "financial year",
    "amount",
    "role",
    "funder",
    "recipient",
    "grant",
    "source",
]


def status(line: dict[str, Any], kind: str) -> str:
    """'current', 'undated' (no financial year) or 'no amount'; 'superseded' for an amount a later paper
    replaced, 'other figure' for one the same meeting's papers gave beside the standing one;
    'total row' for a paper's own total, shown beside its parts but not added."""
    if line.get("superseded"):
        later = (line.get("superseded_by") or {}).get("by_later_paper", True)
        return "superseded" if later else "other figure"
    return "total row" if line.get("total_row") else kind


def source_text(line: dict[str, Any]) -> str:
    """Where a line comes from: date, title, page, the table row it sits in, and how many more papers say it."""
    text = where(line["citation"], title=True)
    if line.get("row"):
        text += f", row \u201c{line['row']}\u201d"
    more = len(line.get("citations") or []) - 1
    return text + (f" (+{more} more)" if more > 0 else "")


def ledger_table(result: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Every ledger line as (headers, rows); the status column says current, superseded, total row, undated or no amount."""
    rows = []
    for kind, key in (("current", "entries"), ("undated", "undated"), ("no amount", "no_amount")):
        for e in result[key]:
            rows.append(
                [
                    status(e, kind),
                    council_label(e["council_id"]),
                    e["financial_year"] or UNDATED,
                    money(e["amount"]) or e["text"] or "",
                    e.get("role") or "",
                    e["funder"] or "",
                    e["recipient"] or "",
                    e["grant"] or "",
                    source_text(e),
                ]
            )
    return LEDGER_HEADERS, rows


def ledger_lines_note(result: dict[str, Any]) -> list[str]:
    """Sentences under the tables: what the totals add, what they leave out, and lines of unknown council."""
    lines = ["Totals add only the current amounts each council received."]
    if result.get("superseded"):
        lines.append(
            f"{result['superseded']} amount(s) replaced by a later paper (superseded) or beside a larger "
            "figure of the same meeting (other figure) are shown, not added."
        )
    if result.get("unnamed_received"):
        lines.append(
            f"{result['unnamed_received']} received amount(s) name no grant or funder and are left out; "
            "--all lists them."
        )
    if result.get("council_unknown"):
        lines.append(f"{result['council_unknown']} line(s) come from papers that do not say their council.")
    return lines


def totals_table(result: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Current received amounts per council and financial year as (headers, rows)."""
    rows = [
        [council_label(t["council_id"]), t["financial_year"], money(t["total"]), str(t["count"])]
        for t in result["totals"]
    ]
    rows.append(["all", "", money(result["total"]), str(sum(t["count"] for t in result["totals"]))])
    return ["council", "financial year", "total", "grants"], rows
