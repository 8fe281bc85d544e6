"""Money: every £ amount and money-table cell, linked to its year, funder, recipient and grant.

The "cspsearch_money" component. Amounts come from `amounts` (prose) and `tables`
(bare numbers under a £000/£m heading, with a `scale` field); names from `funding`.
A range ("£10k-£15k") is ONE entity: `amount` is the lower bound and `amount_max` the
upper. A grant the data file knows, named without an amount but with words saying it
was obtained ("the success of obtaining funding from Safer Streets 4"), gives a money
entity whose amount is null. Links come from the amount's sentence, else its neighbours,
read only within a bounded reach of the amount (links):
 - role: what the amount is (roles): received, national, budget, spend, saving,
   change, reserve, proposed, risk or other;
 - financial_year: the nearest financial year in the sentence, else in the previous
   sentence, else in the next (a table cell takes its column heading's year);
 - grant: the nearest grant named in the sentence (a table cell: in its row label); an
   amount said to be received may take the grant of the previous sentence;
 - funder: a funder named in the sentence, else the grant's usual payer, else a funder
   named in the previous sentence;
 - recipient: only when the sentence says money is received ("allocated to", "attracted",
   "due to receive"), the nearest council or partnership named in it; in a table, the
   council its column heading names ("Kent £'m"). A national figure has none.
A table cell (and an amount in a tab-separated row) also carries `row` (its row label),
`column` (its column heading) and `total` when known; `stage` (provisional or final) comes
from a column heading or the words nearest a prose amount.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from cspsearch.extract import CONTEXT_KEY, ENTITIES_KEY
from cspsearch.extract.money.amounts import Amount, find_amounts
from cspsearch.extract.money.cells import TableCues, table_attrs
from cspsearch.extract.money.funding import FUNDER, GRANT, RECIPIENT, Mention, find_mentions, funding_data
from cspsearch.extract.money.links import Links, distance
from cspsearch.extract.money.roles import (
    CHANGE,
    OTHER,
    PROPOSED,
    RECEIVED,
    LeadIns,
    prose_role,
    role_data,
    stage_near,
)
from cspsearch.extract.money.tables import Cell, find_table_cells
from cspsearch.extract.textmap import NormText

RECEIPT_WINDOW = 50  # characters either side of a grant name where a receipt cue counts
_MAY_HAVE_RECIPIENT = frozenset({RECEIVED, CHANGE, OTHER, PROPOSED})
_CLAUSE_BREAK = re.compile(r"[,;:(]|\s[–—-]\s")
_NEGATION = re.compile(r"\b(?:none|not|no|never|unsuccessful(?:ly)?|without)\b", re.IGNORECASE)


@Language.component("cspsearch_money")
def money_component(doc: Doc) -> Doc:
    """Append a money entity for every amount (and obtained grant) in `doc`."""
    context = doc.user_data[CONTEXT_KEY]
    found = doc.user_data[ENTITIES_KEY]
    acronyms = {e["short"]: e["long"] for e in found if e.get("type") == "acronym" and e.get("long")}
    text = context.norm.text  # the same as doc.text, which spaCy rebuilds on every access
    links = MoneyLinks(text, found, find_mentions(doc, text, acronyms, context.meta.council))
    tables = TableCues(context.original, context.meta.council)
    found.extend(find_money(text, context.norm, context.original, links, tables))
    return doc


@cache
def _cue(key: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(funding_data()[key]) + ")", re.IGNORECASE)


class MoneyLinks(Links):
    """Links, the words before each amount that make it a level or a pot, and the lines holding tabs."""

    def __init__(self, text: str, found: list[dict[str, Any]], mentions: list[Mention]) -> None:
        super().__init__(text, found, mentions)
        self.lead_ins = LeadIns(text)
        self.tab_lines = {self.line(m.start())[0] for m in re.finditer("\t", text)}


def find_money(text: str, norm: NormText, original: str, links: MoneyLinks,
               tables: TableCues | None = None) -> list[dict[str, Any]]:
    """Money entities (normalised offsets) for the prose amounts and table cells of a document."""
    tables = tables or TableCues(original, None)
    amounts = find_amounts(text)
    table_lines = set()
    found = []
    for cell in find_table_cells(original):
        if not tables.money_column(cell.start):
            continue
        start, end = _to_norm(norm, cell.start, cell.end)
        table_lines.add(links.line(start)[0])
        found.append(_cell_entity(cell, start, end, norm, links, tables))
    for index, amount in enumerate(amounts):
        line_start = links.line(amount.start)[0]
        in_table = line_start in links.tab_lines or line_start in table_lines
        low = amounts[index - 1].end if index else 0
        high = amounts[index + 1].start if index + 1 < len(amounts) else len(text)
        found.append(_amount_entity(amount, in_table, links, (low, high), norm, tables))
    found.extend(_grants_without_amount(amounts, links))
    return found


def _amount_entity(amount: Amount, in_table: bool, links: MoneyLinks, between: tuple[int, int],
                   norm: NormText, tables: TableCues) -> dict[str, Any]:
    negative = amount.bracketed and in_table  # "(£1.2m)" in a table; in prose an aside
    value = -abs(amount.amount) if negative else amount.amount
    start, end = amount.start, amount.end
    if amount.bracketed and not negative:
        start, end = start + 1, end - 1
    entity = {"type": "money", "start": start, "end": end, "amount": value, "currency": "GBP",
              **_link(start, end, links, between)}
    if in_table:
        label_start, cues = tables.row_at(norm.offsets[start])
        # An amount inside a cell of prose ("Reduce the £12m waste reserve to £11m") is read
        # as prose, unless its clause says nothing; an amount that is its cell is read by its
        # row and column.
        alone = tables.fills_field(norm.offsets[start], norm.offsets[end - 1] + 1)
        if cues is not None and (alone or entity["role"] == OTHER):
            grant = _row_grant(links, norm, label_start, cues.row) if label_start is not None else None
            entity.update(grant=grant.name if grant else None, funder=grant.funder if grant else entity["funder"])
            entity.update(table_attrs(cues, entity))
    if links.text[start - 1:start] == "+":
        entity["role"] = CHANGE  # "+£59.3m": written as a change
    if amount.amount_max is not None:
        entity["amount_max"] = amount.amount_max
    if amount.qualifier:
        entity["qualifier"] = amount.qualifier
    return entity


def _link(start: int, end: int, links: MoneyLinks, between: tuple[int, int]) -> dict[str, Any]:
    """role, financial_year, funder, recipient and grant for a prose amount at [start, end)."""
    here = links.sentence(start)
    low, high = links.bounds(here)
    data = role_data()
    low, high = max(low, between[0], start - data["near_before"]), min(high, between[1], end + data["near_after"])
    clause_end = _CLAUSE_BREAK.search(links.text, end, high)  # "£54.5m, an increase of": not about £54.5m
    high = clause_end.start() if clause_end else high
    councils = links.starts_in(RECIPIENT, low, high)
    role = prose_role(links.text, start, end, low, high, councils, links.lead_ins)
    pot = links.lead_ins.pot(start)
    if role == RECEIVED and not councils:
        role = OTHER  # "£556.4m of this was allocated via the formula": received, but by whom is unsaid
    elif role == OTHER and councils and not pot and links.nearest_in(GRANT, start, end, low, high):
        role = RECEIVED  # "the Council's total Social Care Grant for 2023-24 was £88.771m"
    grant = _own_grant(links, here, start, end, between)
    if grant is None and role == RECEIVED:  # "... the Crime Reduction Grant. The amount allocated was £1"
        grant = links.nearest(GRANT, start, end, here - 1)
    funder = links.nearest(FUNDER, start, end, here)
    funder_name = (funder.name if funder else None) or (grant.funder if grant else None)
    if funder_name is None:
        previous = links.nearest(FUNDER, start, end, here - 1)
        funder_name = previous.name if previous else None
    # Whom it is for: said of money received, changed or unnamed; a giver ("KCC allocated
    # £46,100 to veteran homes") or a pot shared out is no recipient.
    named = links.nearest(RECIPIENT, start, end, here) if role in _MAY_HAVE_RECIPIENT and not pot else None
    said = named is not None and (role == RECEIVED or links.says(_cue("recipient_cues"), here, start, end))
    recipient = named.name if named and said else None
    linked = {"role": role, "financial_year": links.year(start, end), "funder": funder_name,
              "recipient": recipient, "grant": grant.name if grant else None}
    stage = stage_near(links.text, start, end, low, high)
    if stage:
        linked["stage"] = stage
    return linked


def _own_grant(links: MoneyLinks, sentence: int, start: int, end: int, between: tuple[int, int]) -> Mention | None:
    """The grant that labels the amount at [start, end): named in its sentence between its
    neighbouring amounts, and nearer to it than to them ("£1,099 Revenue Support Grant £5m":
    the grant is £5m's, a label going before its figure when it stands as near to both)."""
    low, high = links.window(sentence, start, end)
    before = links.nearest_in(GRANT, start, end, max(low, between[0]), start)
    after = links.nearest_in(GRANT, start, end, start, min(high, between[1]))
    if before and between[0] > 0 and before.start - between[0] < start - before.end:
        before = None  # nearer the amount before: "£5m Social Care Grant £6m" labels £5m
    if after and between[1] < len(links.text) and between[1] - after.end <= after.start - end:
        after = None
    candidates = [m for m in (before, after) if m]
    return min(candidates, key=lambda m: distance(m.start, m.end, start, end)) if candidates else None


def _cell_entity(cell: Cell, start: int, end: int, norm: NormText, links: MoneyLinks,
                 tables: TableCues) -> dict[str, Any]:
    """A table cell's year comes from its column heading and its grant from its row label."""
    grant = _row_grant(links, norm, cell.label_start, cell.label) if cell.label else None
    entity = {"type": "money", "start": start, "end": end, "amount": cell.amount, "currency": "GBP",
              "financial_year": cell.financial_year, "funder": grant.funder if grant else None,
              "recipient": None, "grant": grant.name if grant else None, "scale": cell.scale}
    entity.update(table_attrs(tables.cell(cell), entity))
    return entity


def _row_grant(links: MoneyLinks, norm: NormText, label_start: int, label: str) -> Mention | None:
    """The grant a table row's label names (original offsets in, the label itself only)."""
    low, high = _to_norm(norm, label_start, label_start + len(label))
    return links.first(GRANT, low, high)


def _grants_without_amount(amounts: list[Amount], links: MoneyLinks) -> list[dict[str, Any]]:
    """Known grants said to be obtained, where neither their sentence nor the next gives an amount."""
    with_amount = {links.sentence(a.start) for a in amounts}
    found, seen = [], set()
    for mention in links.mentions:
        index = links.sentence(mention.start)
        if (mention.kind != GRANT or not mention.known or {index, index + 1} & with_amount
                or (index, mention.name) in seen or not _obtained(links, mention, index)):
            continue
        seen.add((index, mention.name))
        entity = {"type": "money", "start": mention.start, "end": mention.end, "amount": None,
                  "currency": "GBP", **_link(mention.start, mention.end, links, (0, len(links.text)))}
        entity["role"] = RECEIVED  # said to be obtained
        found.append(entity)
    return found


def _obtained(links: MoneyLinks, mention: Mention, sentence: int) -> bool:
    """Whether a receipt cue ("obtaining funding from", "awarded") sits within a few words of
    `mention` in its sentence, and no negation ("received none of") goes with it."""
    low, high = links.bounds(sentence)
    window = links.text[max(low, mention.start - RECEIPT_WINDOW):min(high, mention.end + RECEIPT_WINDOW)]
    return bool(_cue("receipt_cues").search(window)) and not _NEGATION.search(window)


def _to_norm(norm: NormText, start: int, end: int) -> tuple[int, int]:
    """Map an [start, end) span of the original text to the normalised text (offsets only grow)."""
    return bisect.bisect_left(norm.offsets, start), bisect.bisect_left(norm.offsets, end - 1) + 1
