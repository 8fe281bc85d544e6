"""Typed results of the read side, each with to_json() giving its part of the JSON contract exactly."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cspsearch.model import Citation


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
