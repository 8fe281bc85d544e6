"""UK financial years, their quarters and plan periods: spans of years written in a paper.

"2019/20", "2019-2020", "FY 2019/20" and "2019 to 2020" are the financial year 2019-20;
"Q3 2019/20" also gives the quarter "2019-20 Q3"; a span whose years are not consecutive
("2013-18", "2020 to 2024", "2024-2039") is a plan period.
"""

from __future__ import annotations

import re
from typing import Any

YEAR = r"(?:19|20)\d\d"
MAX_PLAN_YEARS = 40  # longer "year-year" spans are ranges of something else, not plans

# The look-behind sits after the "19"/"20" it guards, so the scan can skip ahead to
# those two characters: a leading look-behind makes it several times slower.
_YEAR_SPAN = re.compile(
    rf"(?P<a>(?:19|20)(?<![\d£$.,/\-–]..)\d\d)(?P<sep>\s?[-/–—]\s?|\sto\s)(?P<b>{YEAR}|\d\d)"
    r"(?!\d|[-/.]\d|,\d\d\d|%)"
)
# Two-digit years ("24/25") only after "FY" or a quarter ("Q4 23/24"): alone they are too
# often page ranges, ages ("18-25 year olds") or paragraph numbers.
_SHORT_FY = re.compile(r"\bFY\s?(?P<fa>\d\d)[-/](?P<fb>\d\d)\b|Q[1-4]\s(?P<qa>\d\d)[-/](?P<qb>\d\d)\b")
_ACADEMIC = re.compile(r"(?i:academic|school)\syear\s(?:of\s)?$")  # "academic year 2025/26" runs Sept to Aug
_QUARTER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "first": 1, "second": 2, "third": 3, "fourth": 4}
_QUARTER_BEFORE = re.compile(
    r"(?:\bQ(?P<q>[1-4])|\b(?i:quarter)\s(?P<qw>[1-4]|one|two|three|four)|\b(?P<qo>first|second|third|fourth)"
    r"\s(?i:quarter))(?:\s?[-–,]\s?|\s)(?:of\s)?(?:the\s)?(?:[A-Z][a-z]+\s)?(?:(?:FY|financial\syear)\s?)?$"
)
_QUARTER_AFTER = re.compile(r"\s?(?:\(Q(?P<q>[1-4])\)|Q(?P<q2>[1-4])\b)")


def find_year_spans(text: str) -> list[dict[str, Any]]:
    """Financial years, their quarters and plan periods in `text`."""
    found: list[dict[str, Any]] = []
    for match in _year_span_matches(text):
        entity = _year_span_entity(match)
        if entity is None or _ACADEMIC.search(text, max(0, match.start() - 16), match.start()):
            continue
        found.append(entity)
        if entity["type"] == "financial_year":
            quarter = _quarter(text, entity)
            if quarter:
                found.append(quarter)
    return found


def _year_span_matches(text: str) -> list[re.Match[str]]:
    matches = list(_YEAR_SPAN.finditer(text))
    if "FY" in text or "Q" in text:
        matches = sorted(matches + list(_SHORT_FY.finditer(text)), key=lambda m: m.start())
    return matches


def _year_span_entity(match: re.Match[str]) -> dict[str, Any] | None:
    groups = match.groupdict()
    if "fa" in groups:  # "FY24/25", "Q4 23/24": the span is the years, not the quarter
        first, last = 2000 + int(groups["fa"] or groups["qa"]), 2000 + int(groups["fb"] or groups["qb"])
        start = match.start("qa") if groups["qa"] else match.start()
        return _financial_year_entity(start, match.end(), first) if last == first + 1 else None
    first, sep, second = int(groups["a"]), groups["sep"].strip(), groups["b"]
    if sep == "to" and len(second) != 4:
        return None  # "2020 to 24 schools"
    last = int(second) if len(second) == 4 else first - first % 100 + int(second)
    if last < first and len(second) == 2:
        last += 100  # "1999/00"
    if last == first + 1:
        return _financial_year_entity(match.start(), match.end(), first)
    if first + 1 < last <= first + MAX_PLAN_YEARS and sep != "/":
        return {"type": "period", "start": match.start(), "end": match.end(), "value": f"{first}-{last}",
                "start_year": first, "end_year": last}
    return None


def _financial_year_entity(start: int, end: int, first: int) -> dict[str, Any]:
    return {"type": "financial_year", "start": start, "end": end, "value": financial_year(first)}


def financial_year(first: int) -> str:
    """The contract's spelling of the UK financial year starting in April of `first`."""
    return f"{first}-{(first + 1) % 100:02d}"


def parse_financial_year(text: str) -> str | None:
    """'2019/20', '2019-2020', 'FY 19/20' -> '2019-20'; None when `text` holds no financial year."""
    for match in _year_span_matches(text):
        entity = _year_span_entity(match)
        if entity and entity["type"] == "financial_year":
            return entity["value"]
    return None


def financial_years_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, value) of each financial year written in `text`."""
    out = []
    for match in _year_span_matches(text):
        entity = _year_span_entity(match)
        if entity and entity["type"] == "financial_year":
            out.append((entity["start"], entity["end"], entity["value"]))
    return out


def _quarter(text: str, fy_entity: dict[str, Any]) -> dict[str, Any] | None:
    start, end = fy_entity["start"], fy_entity["end"]
    before = _QUARTER_BEFORE.search(text[max(0, start - 30):start])
    if before:
        number = before.group("q") or before.group("qw") or before.group("qo")
        return _quarter_entity(start - len(before.group()), end, fy_entity["value"], number)
    after = _QUARTER_AFTER.match(text, end)
    if after:
        return _quarter_entity(start, after.end(), fy_entity["value"], after.group("q") or after.group("q2"))
    return None


def _quarter_entity(start: int, end: int, fy: str, number: str) -> dict[str, Any]:
    q = int(number) if number.isdigit() else _QUARTER_WORDS[number.lower()]
    return {"type": "quarter", "start": start, "end": end, "value": f"{fy} Q{q}", "financial_year": fy,
            "quarter": q}

