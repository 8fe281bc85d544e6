"""Dates on a paper's cover: written dates parsed to ISO, the route timetable, and the meeting date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from cspsearch.ingest.metadata.text import Line, cues, head_text, match_label

_MONTH = (r"(?P<{0}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_ORDINAL = r"\s*(?:st|nd|rd|th)?"  # "13 th April 2023": the stray space is common in converted PDFs
DATE_PATTERN = re.compile(
    rf"\b{_WEEKDAY}(?:"
    rf"(?P<d1>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH.format('m1')},?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|{_MONTH.format('m2')}\s+(?P<d2>\d{{1,2}}){_ORDINAL},?\s+(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<d3>\d{{1,2}})[/.](?P<m3>\d{{1,2}})[/.](?P<y3>(?:19|20)\d\d)"
    rf"|{_MONTH.format('m4')},?\s+(?P<y4>(?:19|20)\d\d)"
    rf")\b",
    re.I,
)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


@dataclass(frozen=True)
class FoundDate:
    """A written date: its ISO value (YYYY-MM-DD, or YYYY-MM for a month) and where it was written."""

    value: str
    start: int
    end: int

    @property
    def has_day(self) -> bool:
        return len(self.value) == 10


def _iso(match: re.Match[str]) -> str | None:
    g = match.groupdict()
    for day_key, month_key, year_key in (("d1", "m1", "y1"), ("d2", "m2", "y2"), ("d3", "m3", "y3")):
        if g[year_key]:
            month = g[month_key]
            month_no = int(month) if month.isdigit() else _MONTHS.index(month[:3].lower()) + 1
            try:
                return date(int(g[year_key]), month_no, int(g[day_key])).isoformat()
            except ValueError:
                return None
    return f"{g['y4']}-{_MONTHS.index(g['m4'][:3].lower()) + 1:02d}"


def find_dates(text: str, offset: int = 0) -> list[FoundDate]:
    """Every full or month-only date written in `text`, in order ("Monday 14 March 2011", "FEBRUARY 2015")."""
    found = []
    for match in DATE_PATTERN.finditer(text):
        value = _iso(match)
        if value:
            found.append(FoundDate(value, offset + match.start(), offset + match.end()))
    return found


@dataclass(frozen=True)
class TimetableRow:
    """One row of a report's route: the meeting and its date."""

    meeting: str
    date: FoundDate


def parse_timetable(lines: list[Line]) -> list[TimetableRow]:
    """The rows of a 'Timetable' block (Meeting / Date), or [] when the paper has none."""
    headings = {h.lower() for h in cues()["timetable_headings"]}
    for i, line in enumerate(lines):
        if line.text.lower().rstrip(": ") in headings:
            return _rows(lines[i + 1: i + 16])
    return []


def _rows(block: list[Line]) -> list[TimetableRow]:
    parts = []
    for line in block:
        if re.match(r"^\d+\.?\s+[A-Z]", line.text) or len(line.text) > 120:
            break  # the report body has started
        if not re.fullmatch(r"(?i)(meeting|committee|meeting\s*/\s*committee)\s+date", line.text):
            parts.append(line.text)
    section = " ".join(parts)
    rows, last_end = [], 0
    for found in find_dates(section):
        name = section[last_end:found.start].strip(" \t|,;–-")
        if name:
            rows.append(TimetableRow(name, found))
        last_end = found.end
    return rows


def meeting_date(text: str, lines: list[Line]) -> str | None:
    """The meeting date from the head's cues, earliest first; the issue date when nothing else is found."""
    labels = cues()["meeting_labels"] + cues()["date_labels"]
    candidates = [d for line in lines if not _about_other_meetings(line.text)
                  for d in _line_dates(line, labels)]
    candidates += _held_on_dates(head_text(text))
    if candidates:
        return min(candidates, key=lambda d: d.start).value
    for line in lines:
        value = match_label(line.text, cues()["issued_labels"])
        dates = find_dates(value or "")
        if dates:
            return dates[0].value
    return None


def _about_other_meetings(line: str) -> bool:
    return match_label(line, cues()["other_meeting_labels"]) is not None or bool(
        re.search(r"(?i)\bminutes of the meetings? held on\b", line))


def _line_dates(line: Line, labels: list[str]) -> list[FoundDate]:
    """A date this line gives as the meeting's: labelled, leading the line, or after the body's name."""
    dates = find_dates(line.text, line.start)
    if not dates:
        return []
    first = dates[0]
    stripped = line.text[: first.start - line.start].strip(" \t–-:,")
    # "To Cabinet – 30 January 2025" has no colon but names a body; "To note the plan of 14 May 2020" does not
    labelled = match_label(line.text, labels) is not None or (
        re.match(r"(?i)^to\s", line.text) and _ends_with_body(stripped))
    leading = not stripped or bool(re.fullmatch(r"(?i)[a-z]+day,?", stripped))
    if leading and not first.has_day and line.text[first.end - line.start:].strip():
        return []  # "March 2025 saw..." is prose; a month alone counts only as a whole line
    after_body = first.end - line.start >= len(line.text.rstrip(" .")) and _ends_with_body(stripped)
    return [first] if labelled or leading or after_body else []


def _ends_with_body(text: str) -> bool:
    words = re.findall(r"[A-Za-z-]+", text)
    keywords = {k.lower() for k in cues()["committee_keywords"]} | {"meeting"}
    return bool(words) and words[-1].lower() in keywords


_HELD_ON = re.compile(r"(?i)\b(?:held|meeting)\b[^.;]{0,160}?\bon\s+(?=\S)")


def _held_on_dates(head: str) -> list[FoundDate]:
    """'... meeting of the Cabinet held ... on Thursday, 9 January 2025', not 'Minutes of the meeting held on'."""
    out = []
    for match in _HELD_ON.finditer(head):
        if re.search(r"(?i)minutes of the meetings?\s+(?:held\s+)?on\s+$", head[max(0, match.start() - 40): match.end()]):
            continue
        dates = find_dates(head[match.end(): match.end() + 60], match.end())
        if dates and dates[0].start == match.end() and dates[0].has_day:
            out.append(dates[0])
    return out
