"""Sums of money as papers write them in prose: "£38,449", "c.£550k", "-£1.2m", "£10k-£15k".

`find_amounts` returns each written amount in pounds with its span; a range is one
`Amount` with `amount` (the lower bound) and `amount_max`. Linking an amount to its
year, funder and grant is the money component's job (cspsearch/extract/money/component.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
UNIT = r"(?:\s?(?i:billion|million|thousand|bn|mn|m|k)(?![A-Za-z]))"
UNIT_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}

_AMOUNT = re.compile(rf"£\s?(?P<num>{NUMBER})(?P<unit>{UNIT})?(?P<close>\))?")
# What may touch the £ in front: a minus sign ("-£0.8m"; " – £5m" is a dash between
# clauses, so the sign must touch the £) and an opening bracket.
_BEFORE = re.compile(r"(?:(?<![\w£])(?P<sign>[-−–]))?(?P<open>\()?$")
_RANGE_TAIL = re.compile(
    rf"\s?(?:-|–|—|to|and)\s?(?P<pound>£\s?)?(?P<num>{NUMBER})(?P<unit>{UNIT})?(?![\d%/]|\.\d)"
)
_BETWEEN = re.compile(r"\bbetween\s$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s$", re.IGNORECASE)  # "from £532m to £1,032m" is a change, not a range
_YEAR_CODE = re.compile(r"(?:19|20)\d\d")
_ZEROS = re.compile(r"0{3,}")
_FY_TAIL = re.compile(r"[-/–]\d\d")
# Words that hedge an amount; "c." only in lower case, so a grade "KS C £25,252" is not "circa".
_QUALIFIER = re.compile(
    r"(?:\b(?i:(?:just\s)?(?:over|under)|up\sto|at\sleast|more\sthan|less\sthan|in\sexcess\sof|nearly"
    r"|almost|about|around|approximately|approx\.?|circa)|\bca?\.)\s?$"
)


@dataclass(frozen=True)
class Amount:
    """A written sum: `amount` in pounds (negative for "-£1.2m"), `amount_max` for ranges."""

    start: int
    end: int
    amount: float
    amount_max: float | None = None
    qualifier: str | None = None
    bracketed: bool = False  # "(£1.2m)": negative in a table, an aside in prose


def find_amounts(text: str) -> list[Amount]:
    """Every £ amount written in `text`, ranges folded into one Amount."""
    found: list[Amount] = []
    position = 0
    for match in _AMOUNT.finditer(text):
        if match.start() < position:
            continue  # the second half of a range already taken
        amount = _amount(text, match)
        if amount is not None:
            found.append(amount)
            position = amount.end
    return found


def _amount(text: str, match: re.Match[str]) -> Amount | None:
    number, unit = match.group("num"), match.group("unit")
    if _not_money(text, match):
        return None
    value = to_pounds(number, unit)
    before = _BEFORE.search(text, max(0, match.start() - 2), match.start())
    opened, negative = bool(before and before.group("open")), bool(before and before.group("sign"))
    bracketed = opened and bool(match.group("close"))
    start = match.start() - (len(before.group()) if before and (negative or bracketed) else 0)
    end = match.end() if bracketed or not match.group("close") else match.end() - 1
    if negative:
        value = -value
    qualifier = _qualifier(text, start)
    if not bracketed:
        ranged = _range(text, match, value, negative)
        if ranged:
            low, high, end = ranged
            return Amount(start, end, low, high, qualifier)
    return Amount(start, end, value, None, qualifier, bracketed)


def _not_money(text: str, match: re.Match[str]) -> bool:
    number = match.group("num")
    if _ZEROS.fullmatch(number):
        return True  # "£000": a column heading, not a sum
    # "£2019/20" is a mistyped year, not two thousand pounds.
    return bool(_YEAR_CODE.fullmatch(number) and not match.group("unit")
                and _FY_TAIL.match(text, match.end()))


def to_pounds(number: str, unit: str | None) -> float:
    """'1.2', 'm' -> 1200000.0; '38,449', None -> 38449.0."""
    value = float(number.replace(",", ""))
    if unit:
        value *= UNIT_SCALE[unit.strip().lower()]
    return round(value, 2)


def _qualifier(text: str, start: int) -> str | None:
    found = _QUALIFIER.search(text[max(0, start - 24):start])
    return " ".join(found.group().split()).lower() if found else None


def _range(text: str, match: re.Match[str], low: float, negative: bool) -> tuple[float, float, int] | None:
    """"£10k-£15k", "£10-15m", "£10,000 to £15,000", "between £1m and £2m": (low, high, end)."""
    tail = _RANGE_TAIL.match(text, match.end())
    if not tail:
        return None
    joint = text[match.end():tail.start("num")]
    word = joint.strip(" £")
    before = text[max(0, match.start() - 9):match.start()]
    if (word == "and" and not _BETWEEN.search(before)) or (word == "to" and _FROM.search(before)):
        return None
    if "\t" in joint or "\n" in joint:
        return None  # the next cell of a table row or the next line: two amounts
    if negative or (joint.startswith(" -") and not joint.startswith(" - ")):
        return None  # "-£289,929 -£701,977": two signed amounts in a row, not a range
    number, unit = tail.group("num"), tail.group("unit")
    if not tail.group("pound") and not unit and _YEAR_CODE.fullmatch(number):
        return None  # "£5m to 2025"
    high = to_pounds(number, unit)
    if unit and not match.group("unit"):
        low = to_pounds(match.group("num"), unit)  # "£10-15m": the unit covers both
        low = -low if negative else low
    if not low < high:
        return None
    return low, high, tail.end()
