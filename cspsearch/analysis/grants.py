"""The grants ledger: every grant amount with its financial year, funder and citation, with totals."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from cspsearch.analysis.cells import Row, check_range, citation, fold, indexed_councils, where
from cspsearch.analysis.cells import services as load_services

# Small words left out of initials, so 'PCC' matches 'Police and Crime Commissioner'.
MINOR_WORDS = frozenset({"and", "of", "the", "for", "in", "on", "to", "a"})


def initials(text: str) -> str:
    """The initials of a name's main words ('Police and Crime Commissioner' -> 'pcc')."""
    return "".join(word[0] for word in fold(text).split() if word not in MINOR_WORDS)


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


def ledger_entry(row: Row) -> dict[str, Any]:
    """One money row as a ledger line with its citation."""
    return {
        "amount": row.get("amount"),
        "financial_year": row.get("financial_year"),
        "funder": row.get("funder"),
        "recipient": row.get("recipient"),
        "grant": row.get("grant"),
        "council_id": row.get("council_id"),
        "meeting_date": row.get("meeting_date"),
        "text": row.get("text"),
        "citation": citation(row),
    }


def in_years(row: Row, year_from: int | None, year_to: int | None) -> bool:
    """True when the row's financial year (or, lacking one, its meeting year) is inside the range."""
    year = fy_start(row.get("financial_year")) or row.get("year")
    if year is None:
        return year_from is None and year_to is None
    return (year_from is None or year >= year_from) and (year_to is None or year <= year_to)


def select_money(
    rows: list[Row],
    funder: str | None = None,
    grant: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    include_all: bool = False,
) -> list[Row]:
    """Money rows that are grants (funder or grant name known, unless include_all) matching the filters."""
    picked = []
    for row in rows:
        if not include_all and not (row.get("funder") or row.get("grant")):
            continue
        if (
            names_match(funder, row.get("funder"))
            and names_match(grant, row.get("grant"))
            and in_years(row, year_from, year_to)
        ):
            picked.append(row)
    return sorted(
        picked,
        key=lambda r: (
            r.get("council_id") or "",
            r.get("financial_year") or "",
            r.get("meeting_date") or "",
            r.get("start") or 0,
        ),
    )


def totals(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sum per council and financial year; one grant (funder, amount) reported twice counts once."""
    seen: set[tuple[Any, ...]] = set()
    sums: dict[tuple[str, str], list[float]] = defaultdict(list)
    for entry in entries:
        key = (entry["council_id"], entry["financial_year"], entry["amount"], fold(entry["funder"]))
        if key not in seen:
            seen.add(key)
            sums[(entry["council_id"], entry["financial_year"])].append(entry["amount"])
    return [
        {"council_id": c, "financial_year": fy, "total": sum(amounts), "count": len(amounts)}
        for (c, fy), amounts in sorted(sums.items())
    ]


def build_ledger(rows: list[Row], **filters: Any) -> dict[str, Any]:
    """The ledger as a JSON-able dict: dated entries, undated amounts, grants named without amount, totals."""
    entries = [ledger_entry(r) for r in select_money(rows, **filters)]
    dated = [e for e in entries if e["amount"] is not None and e["financial_year"]]
    undated = [e for e in entries if e["amount"] is not None and not e["financial_year"]]
    unquantified = [e for e in entries if e["amount"] is None]
    per = totals(dated)
    by_year: dict[str, float] = defaultdict(float)
    for item in per:
        by_year[item["financial_year"]] += item["total"]
    return {
        "entries": dated,
        "undated": undated,
        "no_amount": unquantified,
        "totals": per,
        "by_year": [{"financial_year": fy, "total": t} for fy, t in sorted(by_year.items())],
        "total": sum(item["total"] for item in per),
    }


def grants(
    index: str | Path | None = None,
    councils: list[str] | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    funder: str | None = None,
    grant: str | None = None,
    include_all: bool = False,
) -> dict[str, Any]:
    """The grants ledger over the index, for some councils and financial years."""
    check_range(year_from, year_to)
    services = load_services()
    wanted = indexed_councils(councils, services, index)
    rows = services.entity_rows(index=index, type="money", councils=wanted)
    return build_ledger(
        rows, funder=funder, grant=grant, year_from=year_from, year_to=year_to, include_all=include_all
    )


def money(amount: float | None) -> str:
    """An amount as pounds: '£37,104' (pence shown only when there are any)."""
    if amount is None:
        return ""
    return f"£{amount:,.2f}" if amount % 1 else f"£{amount:,.0f}"


LEDGER_HEADERS = ["status", "council", "financial year", "amount", "funder", "recipient", "grant", "source"]


def ledger_table(result: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Every ledger line as (headers, rows); the status column says dated, undated or no amount."""
    rows = []
    for status, key in (("dated", "entries"), ("undated", "undated"), ("no amount", "no_amount")):
        for e in result[key]:
            cite = e["citation"]
            rows.append(
                [
                    status,
                    e["council_id"] or "",
                    e["financial_year"] or "",
                    money(e["amount"]) or e["text"],
                    e["funder"] or "",
                    e["recipient"] or "",
                    e["grant"] or "",
                    where(cite, title=True),
                ]
            )
    return LEDGER_HEADERS, rows


def totals_table(result: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Totals per council and financial year as (headers, rows)."""
    rows = [
        [t["council_id"], t["financial_year"], money(t["total"]), str(t["count"])] for t in result["totals"]
    ]
    rows.append(["all", "", money(result["total"]), str(sum(t["count"] for t in result["totals"]))])
    return ["council", "financial year", "total", "grants"], rows
