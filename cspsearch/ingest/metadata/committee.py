"""The meeting body a paper goes to: from its route timetable, decision-maker row, 'To:' line or heading."""

from __future__ import annotations

import re

from cspsearch.ingest.metadata.dates import TimetableRow, find_dates
from cspsearch.ingest.metadata.text import Line, cues, head_text, is_label_line, match_label, smart_case, tidy
from cspsearch.vocab.councils import find_council

_MEETING_OF = re.compile(
    r"(?i:\bmeeting of\s+(?:the\s+)?)(?P<body>[A-Z][\w ,&'’()-]{2,90}?)\s+(?i:will be held|to be held|held)\b")


def decision_maker(lines: list[Line]) -> str | None:
    """The value of a 'Final Decision-Maker' row, if the cover sheet has one."""
    for line in lines:
        value = match_label(line.text, cues()["decision_maker_labels"])
        if value:
            return value
    return None


def choose_row(rows: list[TimetableRow], decider: str | None) -> TimetableRow | None:
    """The timetable row of the deciding body, else the first row naming a committee-like body, else a lone row."""
    if decider:
        wanted = _key(decider)
        for row in rows:
            have = _key(row.meeting)
            if wanted.strip() and (wanted in have or have in wanted):
                return row
    bodies = [row for row in rows if names_body(clean_committee(row.meeting))]
    return bodies[0] if bodies else rows[0] if len(rows) == 1 else None


def infer_committee(text: str, blocks: list[Line], row: TimetableRow | None, decider: str | None) -> str | None:
    """The committee's name, cleaned and re-cased; None when the paper does not say."""
    if row:
        return clean_committee(row.meeting)
    if decider:
        return clean_committee(decider)
    found = [hit for hit in (_labelled(b) or _heading(b) for b in blocks) if hit]
    found += [(m.start(), m.group("body")) for m in _MEETING_OF.finditer(head_text(text))
              if names_body(m.group("body"))]
    if not found:
        return None
    return clean_committee(min(found)[1])


def clean_committee(name: str) -> str:
    """'COMMITTEE X (ACTING AS ...)' -> 'Committee X'; drops dates, clauses and leading 'the'."""
    for date in reversed(find_dates(name)):
        name = name[: date.start] + name[date.end:]
    name = re.sub(r"\([^)]*\)?", " ", name)
    clauses = "|".join(re.escape(c) for c in cues()["committee_clause_starts"])
    name = re.split(rf"(?i)\s+(?:{clauses})\b", name)[0]
    name = re.sub(r"(?i)\s+(?:meeting|on|at)\s*$", "", tidy(name))
    for prefix in cues()["committee_strip_prefixes"]:
        if name.lower().startswith(prefix.lower() + " "):
            name = name[len(prefix) + 1:]
            break
    return smart_case(tidy(name))


def _labelled(block: Line) -> tuple[int, str] | None:
    """'To: Cabinet – 4 March 2025' or, without the colon, 'To Cabinet – 30 January 2025'."""
    value = match_label(block.text, cues()["meeting_labels"])
    if not value and find_dates(block.text):
        value = (re.match(r"(?i)^to\s+(.+)$", block.text) or [None, None])[1]
    if not value:
        return None
    value = re.split(r"\s+(?:[–—-]|Date:)\s*|\t|,", value)[0]
    return (block.start, value) if names_body(clean_committee(value)) else None


def _heading(block: Line) -> tuple[int, str] | None:
    """A short heading line naming a body: 'CABINET', 'Audit Committee', 'CORPORATE PARENTING PANEL – 10th ...'."""
    text = block.text
    if is_label_line(text) or text.endswith(".") or re.match(r"(?i)^(report|agenda|minutes)\b", text):
        return None
    if re.search(r"\.{4,}|…", text):
        return None  # a table-of-contents entry
    name = clean_committee(text)
    if len(name.split()) > 16 or find_council(name) or not names_body(name):
        return None
    return block.start, text


def names_body(name: str) -> bool:
    """True when the last word is a meeting-body keyword (Committee, Cabinet, Council, Panel ...)."""
    words = re.findall(r"[A-Za-z-]+", name)
    keywords = {k.lower() for k in cues()["committee_keywords"]}
    if not words or words[-1].lower() not in keywords:
        return False
    # "Leader - Kent County Council" ends with a council's name: that is the council, not one of its bodies
    return not any(find_council(" ".join(words[-k:])) for k in range(2, min(len(words), 7) + 1))


def _key(name: str) -> str:
    """Comparable words, space-padded so that 'council' is found in 'full council', not in 'councillor'."""
    words = re.sub(r"[^a-z ]", " ", clean_committee(name).lower().replace("&", "and")).split()
    return f" {' '.join(words)} "
