"""Extracted facts as the `entities` command lists them (EntityList of EntityRow), with their sheet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cspsearch.model import Citation
from cspsearch.results.record import Record, many
from cspsearch.results.search import PaperFields
from cspsearch.results.writing import spreadsheet_year

# Where an entity was found, first; then whatever fields its kind has, in the order they first appear.
PLACE = ["type", "text", "council_id", "committee", "meeting_date", "title", "page", "doc_id"]
NOT_IN_SHEET = {"start", "end", "context", "council", "year", "path", "doc_kind"}
# Columns of their own, or context: not repeated in an entity's value.
NOT_VALUE = {"type", "text", "page", "start", "end", "doc_id", "council", "council_id", "committee",
             "meeting_date", "year", "title", "path", "doc_kind", "context"}
# Who and what first: on a narrow terminal the value wraps, and these are what a reader looks for.
VALUE_FIRST = ("funder", "recipient", "grant", "financial_year", "role", "amount")


@dataclass(frozen=True, kw_only=True)
class EntityRow(PaperFields):
    """One extracted fact (an amount, a date, an Act, a priority, a name) with the paper it is in and
    where on its page. What only some kinds have (funder, instrument, themes, ...) reads as row["funder"]."""

    type: str
    text: str
    page: int | None = None
    start: int | None = None
    end: int | None = None
    context: str | None = None

    @property
    def citation(self) -> Citation:
        """The document, page and span the fact was read from, quoting its sentence."""
        return Citation.of(self.to_json())

    def value_text(self) -> str:
        """The fact's own fields as 'funder=PCC, recipient=..., amount=...', the telling ones first."""
        row = self.to_json()
        keys = [k for k in VALUE_FIRST if k in row] + [k for k in row if k not in VALUE_FIRST]
        return ", ".join(f"{k}={row[k]}" for k in keys if k not in NOT_VALUE and row[k] not in (None, [], ""))


@dataclass(frozen=True, kw_only=True)
class EntityList(Record):
    """The facts an `entities` listing found (`entities --json`: {total, entities})."""

    total: int = 0
    entities: tuple[EntityRow, ...] = ()

    nested = {"entities": many(EntityRow.from_json)}

    @classmethod
    def of(cls, rows: list[dict[str, Any]]) -> EntityList:
        """The listing of these entity rows (store/reader.entity_row dicts)."""
        return cls.from_json({"total": len(rows), "entities": rows})

    def sheet(self) -> tuple[list[str], list[list[Any]]]:
        """Every fact as a spreadsheet row: amounts as numbers, dates ISO, financial years that Excel keeps."""
        rows = [entity.to_json() for entity in self.entities]
        fields = [k for k in dict.fromkeys(k for row in rows for k in row) if k not in NOT_IN_SHEET and k not in PLACE]
        headers = PLACE + fields

        def cell(row: dict[str, Any], key: str) -> Any:
            value = row.get(key)
            if key == "text":
                return " ".join(str(value or "").split())
            if key == "financial_year" or (key == "value" and row["type"] == "financial_year"):
                return spreadsheet_year(value)
            return value

        return headers, [[cell(row, key) for key in headers] for row in rows]
