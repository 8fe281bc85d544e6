"""Dates, UK financial years, quarters and plan periods: the "cspsearch_dates" component.

Emits `date` (ISO value and granularity: "13 th April 2023", "March 28th 2017",
"12/11/2019" read day first, "February 2015"), and, through `yearspans`, `financial_year`
("2019-20"), `quarter` ("2019-20 Q3") and `period` (a 2013-18 plan). A day and month
without a year take their year from the meeting, or are skipped when the meeting date
is unknown: a year is never guessed. Bare years ("in 2011") are not dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from dateutil.parser import parserinfo
from spacy.language import Language
from spacy.tokens import Doc

from cspsearch.extract import CONTEXT_KEY, ENTITIES_KEY
from cspsearch.extract.yearspans import YEAR, find_year_spans

_INFO = parserinfo()


def _alternation(groups: Sequence[tuple[str, ...]]) -> str:
    """Every name dateutil knows, as written and in capitals; abbreviations may end in a dot."""
    full = {form for names in groups for form in (names[-1], names[-1].upper())}
    short = {form for names in groups for name in names[:-1] for form in (name, name.upper())} - full
    return rf"(?:{_longest_first(full)})\b|(?:{_longest_first(short)})\b\.?"


def _longest_first(forms: set[str]) -> str:
    return "|".join(sorted(forms, key=len, reverse=True))


MONTH = rf"(?:{_alternation(_INFO.MONTHS)})"
WEEKDAY = rf"(?:{_alternation(_INFO.WEEKDAYS)}),?\s"
ORDINAL = r"(?:\s?(?i:st|nd|rd|th)\b)"  # "13 th April 2023": PDFs split the ordinal off

# Textual dates, most specific first; a later pattern never overlaps an earlier match.
# Each pattern starts with a plain character and checks what precedes it afterwards
# ("\d(?<![.,£/]\d)"): a leading look-behind would make the scan several times slower.
_DAY = r"(?P<d>\d(?<![\d.,£/]\d)\d?)"
# The year after a day and month; PDF text sometimes puts a blank line before it.
_YEAR_AFTER = rf"(?:,?\s|\n\n)(?P<y>{YEAR})(?![\d/-]\d|\d)"
_TEXT_DATES = [
    re.compile(rf"{_DAY}{ORDINAL}?\s(?:of\s)?(?P<m>{MONTH})(?:{_YEAR_AFTER})?"),
    # "March 28th 2017", "April 1st"; "May 25" alone is too often May 2025 in a table to read.
    re.compile(rf"(?P<m>{MONTH})\s(?P<d>\d{{1,2}})(?:(?P<o>{ORDINAL})|(?!\d|[.,:/]\d|%))(?:{_YEAR_AFTER})?"),
    re.compile(rf"(?P<m>{MONTH}),?\s(?P<y>{YEAR})(?P<fy>[-/–](?P<y2>\d\d)(?!\d))?(?!\d|[-/]\d)"),
]
_NUMERIC_DATES = [
    re.compile(r"(?P<y>(?:19|20)(?<![\d/.£-]..)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\d-])"),
    re.compile(r"(?P<d>\d(?<![\d/.£,]\d)\d?)/(?P<m>\d{1,2})/(?P<y>\d{4}|\d\d)(?![\d/])"),
    # Dotted dates need two-digit parts, so paragraph numbers ("1.2.3") never match.
    re.compile(r"(?P<d>\d(?<![\d.£,]\d)\d)\.(?P<m>\d\d)\.(?P<y>\d{4}|\d\d)(?![\d]|\.\d)"),
    re.compile(rf"(?P<d>\d(?<![\d/.£-]\d)\d?)-(?P<m>\d{{1,2}})-(?P<y>{YEAR})(?![\d-])"),
]
_MONTH_FIRST = frozenset(_TEXT_DATES[1:])
_INITIALS = "".join(sorted({names[-1][0] for names in _INFO.MONTHS}))
# A capitalised word; the look-behind after the first letter keeps the scan fast.
_MONTH_WORD = re.compile(rf"[{_INITIALS}](?<![A-Za-z][{_INITIALS}])[A-Za-z]{{2,8}}(?![A-Za-z])")
_SEASON_YEAR = re.compile(rf"[SsAaWwc](?<![\w][SsAaWwc])(?:pring|ummer|utumn|inter|alendar\syear)(?:\sof)?\s"
                          rf"(?P<y>{YEAR})(?![\d/-]\d|\d)")
_RELATIVE_YEAR = {"last year": -1, "next year": 1}  # "on 23 May last year"
_RANGE_JOIN = re.compile(r"\s?(?:to|until|till|and|-|–|—)\s?")
_WEEKDAY_BEFORE = re.compile(rf"\b(?:{WEEKDAY})$")


@Language.component("cspsearch_dates")
def dates_component(doc: Doc) -> Doc:
    """Append every date, financial year, quarter and plan period of `doc` to its entity list."""
    context = doc.user_data[CONTEXT_KEY]  # context.norm.text is doc.text, which spaCy rebuilds per access
    month_known = bool(context.meta.meeting_date) and len(context.meta.meeting_date) >= 7
    doc.user_data[ENTITIES_KEY].extend(find_dates(context.norm.text, context.meeting_date, month_known))
    return doc


def find_dates(text: str, meeting_date: date | None = None, month_known: bool = True) -> list[dict[str, Any]]:
    """Date-like entities in `text`, with offsets into it.

    A day and month without a year ("25 November") is dated in the meeting's year, or,
    when the meeting's month is known (`month_known`), in whichever year puts it nearest the
    meeting: "25 November" in a March 2011 paper is 2010-11-25, "April 1st" in a March 2017
    paper 2017-04-01. Without a meeting date such a date is skipped.
    """
    found = list(_calendar_dates(text, meeting_date, month_known))
    found.extend(find_year_spans(text))
    return found


def _calendar_dates(text: str, meeting_date: date | None, month_known: bool) -> Iterator[dict[str, Any]]:
    taken: set[int] = set()  # character offsets inside a date already found
    months = _month_words(text)
    for pattern in _TEXT_DATES + _NUMERIC_DATES + [_SEASON_YEAR]:
        for match in _matches(pattern, text, months):
            if match.start() in taken or match.end() - 1 in taken:
                continue
            entity = _date_entity(text, match, meeting_date, month_known)
            if entity:
                weekday = _WEEKDAY_BEFORE.search(text, max(0, match.start() - 12), match.start())
                entity["start"] = weekday.start() if weekday and "d" in match.groupdict() else entity["start"]
                taken.update(range(match.start(), match.end()))
                yield entity


def _matches(pattern: re.Pattern[str], text: str, months: list[int]) -> Iterator[re.Match[str]]:
    """The pattern's matches; a pattern that starts with a month is tried only where one starts."""
    if pattern not in _MONTH_FIRST:
        yield from pattern.finditer(text)
        return
    for position in months:
        match = pattern.match(text, position)
        if match:
            yield match


def _month_words(text: str) -> list[int]:
    """Where a month name starts: a fast scan on capitals, checked with dateutil."""
    return [m.start() for m in _MONTH_WORD.finditer(text) if _INFO.month(m.group())]


def _date_entity(text: str, match: re.Match[str], meeting_date: date | None,
                 month_known: bool) -> dict[str, Any] | None:
    parts = match.groupdict()
    year = _year(parts.get("y"))
    month = _month(parts.get("m"))
    day = int(parts["d"]) if parts.get("d") else None
    extra: dict[str, Any] = {}
    if year is not None and month and parts.get("fy") and _consecutive(year, parts.get("y2")) and month <= 3:
        year += 1  # "January 2024-25" is January 2025: the financial year starts in April
    if year is None and day and month:
        year, extra = _year_from_range_end(text, match.end(), month), {"year_from": "range"}
    if year is None and day and month:
        bare_number_after_month = "o" in parts and parts["o"] is None  # "May 25", not "May 25th"
        if meeting_date is None or not _full_month_name(parts["m"]) or bare_number_after_month:
            return None  # never guess a year; "Dec 24" or "May 25" in a table is more likely 2024, 2025
        year, extra = _year_near(meeting_date, month, day, month_known), {"year_from": "meeting"}
        year += _RELATIVE_YEAR.get(text[match.end():match.end() + 10].strip(" ,").lower(), 0)
    if year is None or not 1900 <= year <= 2100:
        return None
    value, granularity = _iso(year, month, day)
    if value is None:
        return None
    end = match.start("fy") if parts.get("fy") else match.end()
    return {"type": "date", "start": match.start(), "end": end, "value": value,
            "granularity": granularity, **extra}


def _year_from_range_end(text: str, position: int, month: int) -> int | None:
    """"1 January to 31 March 2009": the first date takes the year of the second."""
    join = _RANGE_JOIN.match(text, position)
    if not join:
        return None
    for pattern in _TEXT_DATES[:2]:
        end = pattern.match(text, join.end())
        if end and end.group("y"):
            end_month = _month(end.group("m")) or 12
            return int(end.group("y")) - (1 if month > end_month else 0)
    return None


def _full_month_name(text: str) -> bool:
    return any(text.rstrip(".").lower() == names[-1].lower() for names in _INFO.MONTHS)


def _year_near(meeting: date, month: int, day: int, month_known: bool) -> int:
    """The year that puts day/month nearest the meeting (only the meeting's year if its month is unknown)."""
    if not month_known:
        return meeting.year
    years = (meeting.year - 1, meeting.year, meeting.year + 1)
    candidates = [year for year in years if _valid(year, month, day)]
    if not candidates:
        return meeting.year
    return min(candidates, key=lambda year: abs((date(year, month, day) - meeting).days))


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _month(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    index = _INFO.month(text.rstrip("."))
    return index if index else None


def _consecutive(year: int | None, short: str | None) -> bool:
    return bool(year and short and (year + 1) % 100 == int(short))


def _iso(year: int, month: int | None, day: int | None) -> tuple[str | None, str]:
    if month is None:
        return f"{year:04d}", "year"
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    try:
        return date(year, month, day).isoformat(), "day"
    except ValueError:
        return None, "day"
