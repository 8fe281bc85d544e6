"""Ledger lines (LedgerEntry, Supersession) and the grants ledger they make up, with its tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cspsearch.model import Citation
from cspsearch.results.record import Record, many
from cspsearch.results.writing import Table


@dataclass(frozen=True)
class Supersession:
    """Which figure replaced a ledger line's amount, and whether a later paper gave it."""

    amount: float | None
    doc_id: str
    page: int
    by_later_paper: bool

    def to_json(self) -> dict[str, Any]:
        """The `superseded_by` object of a ledger line."""
        return {"amount": self.amount, "doc_id": self.doc_id, "page": self.page, "by_later_paper": self.by_later_paper}


@dataclass(frozen=True)
class LedgerEntry:
    """One line of the grants ledger: an amount with its year, funder, recipient, grant and role
    (received, national, change...), and every paper page citing it, the newest first."""

    amount: float | None
    financial_year: str | None
    funder: str | None
    recipient: str | None
    grant: str | None
    council_id: str | None
    meeting_date: str | None
    text: str | None
    role: str
    citations: tuple[Citation, ...]
    row: str | None = None
    column: str | None = None
    stage: str | None = None
    total_row: bool = False
    superseded_by: Supersession | None = None

    @classmethod
    def of(cls, money: Mapping[str, Any], council_id: str | None, role: str,
           citations: tuple[Citation, ...]) -> LedgerEntry:
        """The line of a money entity row (merged with its paper's fields) whose money is `council_id`'s."""
        return cls(amount=money.get("amount"), financial_year=money.get("financial_year"),
                   funder=money.get("funder"), recipient=money.get("recipient"), grant=money.get("grant"),
                   council_id=council_id, meeting_date=money.get("meeting_date"), text=money.get("text"),
                   role=role, citations=citations, row=money.get("row"), column=money.get("column"),
                   stage=money.get("stage"), total_row=bool(money.get("total")))

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LedgerEntry:
        """The line a `grants --json` entry (as `to_json` writes it) describes."""
        later = data.get("superseded_by")
        return cls(amount=data["amount"], financial_year=data["financial_year"], funder=data["funder"],
                   recipient=data["recipient"], grant=data["grant"], council_id=data["council_id"],
                   meeting_date=data["meeting_date"], text=data["text"], role=data["role"],
                   citations=tuple(Citation.from_json(c) for c in data["citations"]), row=data["row"],
                   column=data["column"], stage=data["stage"], total_row=data["total_row"],
                   superseded_by=Supersession(**later) if later else None)

    @property
    def citation(self) -> Citation:
        """The newest paper page citing the line."""
        return self.citations[0]

    @property
    def superseded(self) -> bool:
        """Whether another figure for the same line stands instead of this one."""
        return self.superseded_by is not None

    def to_json(self) -> dict[str, Any]:
        """One of the `grants --json` entries; `citation` is the first (newest) of `citations`."""
        cited = [c.to_json() for c in self.citations]
        return {
            "amount": self.amount, "financial_year": self.financial_year, "funder": self.funder,
            "recipient": self.recipient, "grant": self.grant, "council_id": self.council_id,
            "meeting_date": self.meeting_date, "text": self.text, "role": self.role,
            "superseded": self.superseded,
            "superseded_by": self.superseded_by.to_json() if self.superseded_by else None,
            "row": self.row, "column": self.column, "stage": self.stage, "total_row": self.total_row,
            "citation": cited[0], "citations": cited,
        }


@dataclass(frozen=True, kw_only=True)
class GrantsLedger(Record):
    """The grants ledger: dated lines, undated ones and those without an amount; totals per council and
    financial year and per year; how many lines were superseded or had no council or recipient."""

    entries: tuple[LedgerEntry, ...] = ()
    undated: tuple[LedgerEntry, ...] = ()
    no_amount: tuple[LedgerEntry, ...] = ()
    totals: tuple[Mapping[str, Any], ...] = ()
    by_year: tuple[Mapping[str, Any], ...] = ()
    total: float = 0.0
    superseded: int = 0
    council_unknown: int = 0
    unnamed_received: int = 0

    nested = {"entries": many(LedgerEntry.from_json), "undated": many(LedgerEntry.from_json),
              "no_amount": many(LedgerEntry.from_json)}

    def table(self) -> Table:
        """The ledger as (headers, rows) of text, for a table, CSV or Markdown."""
        from cspsearch.analysis.grants import ledger_table

        return ledger_table(self.to_json())

    def totals_table(self) -> Table:
        """The totals received per council and financial year, as (headers, rows)."""
        from cspsearch.analysis.grants import totals_table

        return totals_table(self.to_json())

    def notes(self) -> list[str]:
        """The sentences under the ledger: lines superseded, left without a council or recipient."""
        from cspsearch.analysis.grants import ledger_lines_note

        return ledger_lines_note(self.to_json())

    def spreadsheet(self) -> tuple[list[str], list[list[Any]]]:
        """Every line for a spreadsheet: the amount a number, the meeting date ISO, the source in columns."""
        from cspsearch.analysis.cells import council_label
        from cspsearch.analysis.formats import spreadsheet_year
        from cspsearch.analysis.grants import status

        headers = ["status", "council", "financial year", "amount", "amount as written", "role", "funder",
                   "recipient", "grant", "meeting date", "title", "page", "table row", "doc_id"]
        rows = []
        for kind, lines in (("current", self.entries), ("undated", self.undated), ("no amount", self.no_amount)):
            for line in lines:
                cite = line.citation
                rows.append([status(line.to_json(), kind), council_label(line.council_id),
                             spreadsheet_year(line.financial_year), line.amount, line.text, line.role,
                             line.funder, line.recipient, line.grant, cite.meeting_date, cite.title, cite.page,
                             line.row, cite.doc_id])
        return headers, rows

    @staticmethod
    def money(amount: float | None) -> str:
        """An amount as the ledger writes it: '£1.2m', '£38,449'."""
        from cspsearch.analysis.grants import money

        return money(amount)
