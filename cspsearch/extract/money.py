"""Money: every £ amount and money-table cell, linked to its year, funder, recipient and grant.

The "cspsearch_money" component. Amounts come from `amounts` (prose) and `moneytables`
(bare numbers under a £000/£m heading, with a `scale` field); names from `funding`.
A range ("£10k-£15k") is ONE entity: `amount` is the lower bound and `amount_max` the
upper. A grant the data file knows, named without an amount but with words saying it
was obtained ("the success of obtaining funding from Safer Streets 4"), gives a money
entity whose amount is null. Links come from the amount's sentence, else its neighbours:
 - financial_year: the nearest financial year in the sentence, else in the previous
   sentence, else in the next (a table cell takes its column heading's year);
 - grant: the nearest grant named in the sentence, else in the previous one;
 - funder: a funder named in the sentence, else the grant's usual payer, else a funder
   named in the previous sentence;
 - recipient: only when the sentence says money is received ("allocated to", "attracted",
   "due to receive"), the nearest council or partnership named in it.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from cspsearch.extract import CONTEXT_KEY, ENTITIES_KEY
from cspsearch.extract.amounts import Amount, find_amounts
from cspsearch.extract.funding import FUNDER, GRANT, RECIPIENT, Mention, find_mentions, funding_data
from cspsearch.extract.moneytables import Cell, find_table_cells
from cspsearch.extract.textmap import NormText

RECEIPT_WINDOW = 50  # characters either side of a grant name where a receipt cue counts
_NEGATION = re.compile(r"\b(?:none|not|no|never|unsuccessful(?:ly)?|without)\b", re.IGNORECASE)


@Language.component("cspsearch_money")
def money_component(doc: Doc) -> Doc:
    """Append a money entity for every amount (and obtained grant) in `doc`."""
    context = doc.user_data[CONTEXT_KEY]
    found = doc.user_data[ENTITIES_KEY]
    acronyms = {e["short"]: e["long"] for e in found if e.get("type") == "acronym" and e.get("long")}
    text = context.norm.text  # the same as doc.text, which spaCy rebuilds on every access
    links = Links(text, found, find_mentions(doc, text, acronyms, context.meta.council))
    found.extend(find_money(text, context.norm, context.original, links))
    return doc


# Where a new sentence starts: after a full stop (or ! ?) and space before a capital, a
# digit, a bracketed list letter or a bullet; at a blank line; or at a line that starts
# a list item. The spaCy sentencizer would miss "£0.2m. B) New Homes Bonus": the
# tokenizer keeps "m." as an abbreviation.
_SENTENCE_START = re.compile(
    r"(?<=[.!?])[\"'’”)\]]*\s+(?=[A-Z0-9(•\u2022£])"
    r"|\n\n+"
    r"|\n(?=[•\u2022\-*]\s|\(?[0-9a-z]{1,3}[.)]\s)"
)


def sentence_starts(text: str) -> list[int]:
    """Offsets where the sentences of `text` begin."""
    return [0] + [m.end() for m in _SENTENCE_START.finditer(text)]


class Links:
    """What an amount at a given place can be linked to: sentences, years and names."""

    def __init__(self, text: str, found: list[dict[str, Any]], mentions: list[Mention]) -> None:
        self.text = text
        self.sentence_starts = sentence_starts(text)
        years = [e for e in found if e["type"] == "financial_year"]
        self.years = sorted((e["start"], e["end"], e["value"]) for e in years)
        self.year_starts = [y[0] for y in self.years]
        self.mentions = mentions
        self.by_kind: dict[str, list[Mention]] = {}
        for mention in mentions:  # already sorted by position
            self.by_kind.setdefault(mention.kind, []).append(mention)
        self.starts = {kind: [m.start for m in found] for kind, found in self.by_kind.items()}

    def sentence(self, offset: int) -> int:
        """The index of the sentence holding `offset`."""
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def bounds(self, index: int) -> tuple[int, int]:
        """Where sentence `index` starts and ends; (0, 0) past either end of the text."""
        if index < 0 or index >= len(self.sentence_starts):
            return 0, 0
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else len(self.text)
        return self.sentence_starts[index], end

    def year(self, start: int, end: int) -> str | None:
        """The financial year nearest [start, end) in its sentence, else the previous, else the next."""
        here = self.sentence(start)
        for index in (here, here - 1, here + 1):
            low, high = self.bounds(index)
            first, last = bisect.bisect_left(self.year_starts, low), bisect.bisect_left(self.year_starts, high)
            near = self.years[first:last]
            if near:  # ties go to the year after the amount: "£37,104 for 2017-18"
                return min(near, key=lambda y: (_distance(y[0], y[1], start, end), y[0] < start))[2]
        return None

    def nearest(self, kind: str, start: int, end: int, index: int) -> Mention | None:
        """The mention of `kind` in sentence `index` nearest [start, end)."""
        low, high = self.bounds(index)
        starts = self.starts.get(kind, [])
        near = self.by_kind.get(kind, [])[bisect.bisect_left(starts, low):bisect.bisect_left(starts, high)]
        return min(near, key=lambda m: _distance(m.start, m.end, start, end)) if near else None

    def first(self, kind: str, low: int, high: int) -> Mention | None:
        """The first mention of `kind` starting in [low, high)."""
        starts = self.starts.get(kind, [])
        index = bisect.bisect_left(starts, low)
        return self.by_kind[kind][index] if index < len(starts) and starts[index] < high else None

    def says(self, pattern: re.Pattern[str], index: int) -> bool:
        """Whether sentence `index` holds `pattern`."""
        low, high = self.bounds(index)
        return bool(pattern.search(self.text, low, high))


def _distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, a_start - b_end, b_start - a_end)


@cache
def _cue(key: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(funding_data()[key]) + ")", re.IGNORECASE)


def find_money(text: str, norm: NormText, original: str, links: Links) -> list[dict[str, Any]]:
    """Money entities (normalised offsets) for the prose amounts and table cells of a document."""
    amounts = find_amounts(text)
    table_lines = set()
    found = []
    for cell in find_table_cells(original):
        start, end = _to_norm(norm, cell.start, cell.end)
        table_lines.add(_line_of(text, start))
        found.append(_cell_entity(cell, start, end, norm, links))
    for amount in amounts:
        in_table = "\t" in _line_text(text, amount.start) or _line_of(text, amount.start) in table_lines
        found.append(_amount_entity(amount, in_table, links))
    found.extend(_grants_without_amount(amounts, links))
    return found


def _amount_entity(amount: Amount, in_table: bool, links: Links) -> dict[str, Any]:
    negative = amount.bracketed and in_table  # "(£1.2m)" in a table; in prose an aside
    value = -abs(amount.amount) if negative else amount.amount
    start, end = amount.start, amount.end
    if amount.bracketed and not negative:
        start, end = start + 1, end - 1
    entity = {"type": "money", "start": start, "end": end, "amount": value, "currency": "GBP",
              **_link(start, end, links)}
    if amount.amount_max is not None:
        entity["amount_max"] = amount.amount_max
    if amount.qualifier:
        entity["qualifier"] = amount.qualifier
    return entity


def _link(start: int, end: int, links: Links) -> dict[str, Any]:
    """financial_year, funder, recipient and grant for an amount at [start, end)."""
    here = links.sentence(start)
    grant = links.nearest(GRANT, start, end, here) or links.nearest(GRANT, start, end, here - 1)
    funder = links.nearest(FUNDER, start, end, here)
    funder_name = (funder.name if funder else None) or (grant.funder if grant else None)
    if funder_name is None:
        previous = links.nearest(FUNDER, start, end, here - 1)
        funder_name = previous.name if previous else None
    recipient = None
    if links.says(_cue("recipient_cues"), here):
        found = links.nearest(RECIPIENT, start, end, here)
        recipient = found.name if found else None
    return {"financial_year": links.year(start, end), "funder": funder_name, "recipient": recipient,
            "grant": grant.name if grant else None}


def _cell_entity(cell: Cell, start: int, end: int, norm: NormText, links: Links) -> dict[str, Any]:
    """A table cell's year comes from its column heading and its grant from its row label."""
    label_start, _ = _to_norm(norm, cell.label_start, cell.label_start + 1)
    grant = links.first(GRANT, label_start, start)
    return {"type": "money", "start": start, "end": end, "amount": cell.amount, "currency": "GBP",
            "financial_year": cell.financial_year, "funder": grant.funder if grant else None,
            "recipient": None, "grant": grant.name if grant else None, "scale": cell.scale}


def _grants_without_amount(amounts: list[Amount], links: Links) -> list[dict[str, Any]]:
    """Known grants said to be obtained, where neither their sentence nor the next gives an amount."""
    with_amount = {links.sentence(a.start) for a in amounts}
    found, seen = [], set()
    for mention in links.mentions:
        index = links.sentence(mention.start)
        if (mention.kind != GRANT or not mention.known or {index, index + 1} & with_amount
                or (index, mention.name) in seen or not _obtained(links, mention, index)):
            continue
        seen.add((index, mention.name))
        found.append({"type": "money", "start": mention.start, "end": mention.end, "amount": None,
                      "currency": "GBP", **_link(mention.start, mention.end, links)})
    return found


def _obtained(links: Links, mention: Mention, sentence: int) -> bool:
    """Whether a receipt cue ("obtaining funding from", "awarded") sits within a few words of
    `mention` in its sentence, and no negation ("received none of") goes with it."""
    low, high = links.bounds(sentence)
    window = links.text[max(low, mention.start - RECEIPT_WINDOW):min(high, mention.end + RECEIPT_WINDOW)]
    return bool(_cue("receipt_cues").search(window)) and not _NEGATION.search(window)


def _to_norm(norm: NormText, start: int, end: int) -> tuple[int, int]:
    """Map an [start, end) span of the original text to the normalised text (offsets only grow)."""
    return bisect.bisect_left(norm.offsets, start), bisect.bisect_left(norm.offsets, end - 1) + 1


def _line_of(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset)


def _line_text(text: str, offset: int) -> str:
    end = text.find("\n", offset)
    return text[_line_of(text, offset) + 1:end if end >= 0 else len(text)]
