"""What the council received: money rows grouped so each grant, year and recipient is one line, latest paper standing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from cspsearch.analysis.cells import Row, fold
from cspsearch.model import Citation
from cspsearch.results import LedgerEntry, Supersession

# The role of an amount the ledger books as the council's grant; every other role is context.
RECEIVED = "received"
# An entity extracted before money amounts carried a role tells nothing about whose money it is.
UNKNOWN_ROLE = "other"
UNKNOWN_COUNCIL = "council unknown"
UNDATED = "undated"


def role_of(row: Row) -> str:
    """The money row's role ('received', 'national', 'budget', ...), 'other' when it has none."""
    return row.get("role") or UNKNOWN_ROLE


def is_grant(row: Row) -> bool:
    """True when the amount is tied to a named grant or funder: 'received' alone may be council tax or income."""
    return bool(row.get("grant") or row.get("funder"))


def recipient_council(recipient: str | None) -> str | None:
    """The council_id a named recipient stands for ('Kent County Council' -> 'kent'), if it is a council."""
    if not recipient:
        return None
    from cspsearch.vocab.councils import find_council

    council = find_council(recipient)
    return council.council_id if council else None


def ledger_council(row: Row) -> str | None:
    """Whose money the row is: the council the recipient names, else the council of the paper."""
    return recipient_council(row.get("recipient")) or row.get("council_id")


def none_last(value: Any) -> tuple[bool, Any]:
    """A sort key putting missing values (None, '') after every known one."""
    return (value is None or value == "", value if value is not None else "")


# Versions of one figure a table may show side by side: the final settlement replaces the provisional.
STAGE_ORDER = {"final": 0, None: 1, "provisional": 2}


def paper_rank(meeting_date: str | None) -> tuple[bool, str]:
    """Orders papers by meeting date, undated ones below every dated one."""
    return (bool(meeting_date), meeting_date or "")


def newest_first(rows: Iterable[Row]) -> list[Row]:
    """Rows from the latest paper first; undated papers after dated ones.

    Papers of one meeting date (or one paper) may give a grant several figures: a final one
    comes before an unstaged one and that before a provisional one, then the largest first,
    since the smaller ones there are mostly its parts ("rolled in grants of £3.7m") or changes.
    """
    by_place = sorted(
        rows,
        key=lambda r: (
            STAGE_ORDER.get(r.get("stage"), 1),
            -(r.get("amount") or 0),
            r.get("row") is None,
            r.get("doc_id") or "",
            r.get("start") or 0,
        ),
    )
    # reverse=True keeps equal dates in by_place order, so only the date decides.
    return sorted(by_place, key=lambda r: paper_rank(r.get("meeting_date")), reverse=True)


def group_key(row: Row, council_id: str | None) -> tuple[Any, ...]:
    """What makes two rows the same line: role, council, year and grant (or funder and amount).

    A grant's name identifies it across papers, so a later figure replaces an earlier one.
    Without a name or a year only the same amount is the same line: two different unnamed
    sums from one funder are two grants, not a revision. A paper of unknown council is only
    ever compared with itself, since two such papers may come from different councils.
    """
    # A paper's own total row never replaces (nor is replaced by) the grant lines it adds up.
    where = (council_id or ("paper", row.get("doc_id")), bool(row.get("total")))
    # A recipient that is a council is already `where`; any other body keeps its own lines.
    recipient = None if recipient_council(row.get("recipient")) else fold(row.get("recipient")) or None
    fy = row.get("financial_year")
    if row.get("amount") is None:
        return (role_of(row), where, fy, "unpriced", fold(row.get("text")), fold(row.get("funder")))
    if row.get("grant") and fy:
        return (role_of(row), where, recipient, fy, "grant", fold(row.get("grant")))
    return (
        role_of(row),
        where,
        recipient,
        fy,
        "amount",
        fold(row.get("grant") or row.get("funder")),
        row.get("amount"),
    )


def ledger_entry(row: Row, council_id: str | None, citations: list[Citation]) -> LedgerEntry:
    """One ledger line: the amount with its year, funder, recipient, grant, role and every paper citing it."""
    return LedgerEntry.of(row, council_id, role_of(row), tuple(citations))


def distinct_citations(rows: list[Row]) -> list[Citation]:
    """One citation per paper page, newest paper first."""
    seen: dict[tuple[Any, Any], Citation] = {}
    for row in rows:
        seen.setdefault((row.get("doc_id"), row.get("page")), Citation.of(row))
    return list(seen.values())


def group_lines(rows: list[Row], council_id: str | None) -> list[dict[str, Any]]:
    """The lines of one group: the standing amount first, then every other amount marked superseded.

    Each superseded line says which figure replaced it and whether a later paper did
    (`by_later_paper`) or the same meeting's papers gave both.
    """
    ranked = newest_first(rows)
    by_amount: dict[Any, list[Row]] = defaultdict(list)
    for row in ranked:
        by_amount[row.get("amount")].append(row)
    lines: list[LedgerEntry] = []
    for n, same in enumerate(by_amount.values()):
        line = ledger_entry(same[0], council_id, distinct_citations(same))
        if n:
            standing = lines[0]
            cited = standing.citations[0]
            later = paper_rank(standing.meeting_date) > paper_rank(line.meeting_date)
            line = replace(line, superseded_by=Supersession(standing.amount, cited.doc_id, cited.page, later))
        lines.append(line)
    return [line.to_json() for line in lines]


def ledger_lines(rows: list[Row], wanted: Callable[[str | None], bool] | None = None) -> list[dict[str, Any]]:
    """Every line of the rows, grouped and ordered by council, financial year, then first mention.

    `wanted` picks councils by whose money a row is (not only by whose paper it is in).
    """
    groups: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    councils: dict[tuple[Any, ...], str | None] = {}
    for row in sorted(rows, key=lambda r: (none_last(r.get("meeting_date")), r.get("start") or 0)):
        council_id = ledger_council(row)
        if wanted is not None and not wanted(council_id):
            continue
        key = group_key(row, council_id)
        groups[key].append(row)
        councils[key] = council_id
    order = sorted(
        groups,
        key=lambda k: (none_last(councils[k]), none_last(groups[k][0].get("financial_year"))),
    )
    return [line for key in order for line in group_lines(groups[key], councils[key])]


def counted(line: dict[str, Any]) -> bool:
    """True for a line the totals add: a current amount the council received, with a financial year.

    A paper's own total row is shown but not added: its parts are lines already.
    """
    return (
        line["role"] == RECEIVED
        and not line["superseded"]
        and not line["total_row"]
        and line["amount"] is not None
        and bool(line["financial_year"])
    )


def totals(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sum of current received amounts per council and financial year (unknown councils last)."""
    sums: dict[tuple[str | None, str], list[float]] = defaultdict(list)
    for line in lines:
        if counted(line):
            sums[(line["council_id"], line["financial_year"])].append(line["amount"])
    ordered = sorted(sums.items(), key=lambda item: (none_last(item[0][0]), item[0][1]))
    return [
        {"council_id": c, "financial_year": fy, "total": sum(amounts), "count": len(amounts)}
        for (c, fy), amounts in ordered
    ]


def by_year(per_council: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The totals added across councils, per financial year."""
    sums: dict[str, float] = defaultdict(float)
    for item in per_council:
        sums[item["financial_year"]] += item["total"]
    return [{"financial_year": fy, "total": t} for fy, t in sorted(sums.items())]


def council_label(council_id: str | None) -> str:
    """A council id for tables, 'council unknown' when the paper does not say."""
    return council_id or UNKNOWN_COUNCIL
