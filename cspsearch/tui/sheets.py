"""Typed cells for a spreadsheet beside the tables the screens show: amounts as numbers, years Excel keeps."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from cspsearch.library import Decision, GrantsLedger, spreadsheet_year

T = TypeVar("T")


def retyped(rows: Sequence[Sequence[Any]], records: Sequence[T],
            typed: dict[int, Callable[[T], Any]]) -> list[list[Any]]:
    """The display `rows` with columns replaced by each row's record's typed value; where a record
    has none (no amount, no year) the display text stays, so nothing shown is lost."""
    out = []
    for row, record in zip(rows, records, strict=True):
        cells = list(row)
        for column, value_of in typed.items():
            value = value_of(record)
            if value not in (None, ""):
                cells[column] = value
        out.append(cells)
    return out


def ledger_values(result: GrantsLedger, rows: list[list[str]]) -> list[list[Any]]:
    """The ledger table's rows typed: financial year '2019 to 2020', amount a number (its lines are
    listed current, undated, then without an amount, as GrantsLedger.table lists them)."""
    lines = [*result.entries, *result.undated, *result.no_amount]
    return retyped(rows, lines, {2: lambda e: spreadsheet_year(e.financial_year), 3: lambda e: e.amount})


def totals_values(result: GrantsLedger, rows: list[list[str]]) -> list[list[Any]]:
    """The totals table's rows typed: the totals and counts numbers (the 'all' row too)."""
    every = {"financial_year": None, "total": result.total, "count": sum(t["count"] for t in result.totals)}
    return retyped(rows, [*result.totals, every], {1: lambda t: spreadsheet_year(t["financial_year"]),
                                                   2: lambda t: t["total"], 3: lambda t: t["count"]})


def decisions_values(records: Sequence[Decision], rows: list[list[str]]) -> list[list[Any]]:
    """The decisions table's rows typed: the amount a number."""
    return retyped(rows, records, {8: lambda r: r.amount})
