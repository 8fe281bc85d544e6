"""A paper's title: a 'Subject:' style label, else the first heading that is not a council, body, date or label."""

from __future__ import annotations

import re
from datetime import date

from cspsearch.ingest.metadata.committee import clean_committee
from cspsearch.ingest.metadata.dates import find_dates
from cspsearch.ingest.metadata.text import Line, cues, match_label, smart_case, tidy
from cspsearch.vocab.councils import find_council

_APPENDIX = re.compile(r"(?i)^(?:appendix|annex)\s+[A-Z0-9]{1,3}\b[\s:.–—-]*")
_NUMBERING = re.compile(r"^\d{1,2}(?:\.\d+)*\.?\s+")  # "1. Title", not "2024 Annual Report"
_FILE_CODE = re.compile(r"^\d{6}\b")  # "110314 PWB SMP Update": a date-coded file slug


def infer_title(blocks: list[Line], kind: str | None, committee: str | None, meeting: str | None) -> str | None:
    """The title, from a label, a constructed '<body> <kind>, <date>' for minutes and agendas, or a heading."""
    labelled = _labelled_title(blocks)
    if labelled:
        return labelled
    if kind is not None and kind in cues()["constructed_title_kinds"]:
        return _constructed(kind, committee, meeting)
    if kind == "letter":
        return None  # a letter's first lines are its sender and address, not a title
    return _first_heading(blocks)


def _labelled_title(blocks: list[Line]) -> str | None:
    for i, block in enumerate(blocks):
        value = match_label(block.text, cues()["title_labels"])
        if value == "" and i + 1 < len(blocks):
            value = blocks[i + 1].text
        if value:
            return _finish(value)
    return None


def _constructed(kind: str, committee: str | None, meeting: str | None) -> str | None:
    if not committee:
        return None
    title = f"{committee} {kind}"
    return f"{title}, {_human_date(meeting)}" if meeting else title


def _human_date(iso: str) -> str:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {date(*parts):%B %Y}"
    return f"{date(parts[0], parts[1], 1):%B %Y}"


def _first_heading(blocks: list[Line]) -> str | None:
    body_starts = {h.lower() for h in cues()["body_headings"]}
    for block in blocks:
        text = _APPENDIX.sub("", block.text)
        bare = _NUMBERING.sub("", text).rstrip(" :").lower()
        if bare in body_starts or _is_prose(text):
            return None
        if text and not _skipped(text):
            return _finish(_NUMBERING.sub("", text))
    return None


def _skipped(text: str) -> bool:
    """Lines that sit above a title but are not it: labels, councils, bodies, dates, codes, questions."""
    if match_label(text, cues()["skip_labels"]) is not None or _FILE_CODE.match(text):
        return True
    if text.lower() in {s.lower() for s in cues()["skip_lines"]} or not text[:1].isupper() and not text[:1].isdigit():
        return True
    if "@" in text or re.search(r"(?i)^page \d+|\?\s*(?:yes|no)?\s*$|^\W*$", text):
        return True
    if (find_council(text) and "partnership" not in text.lower()) or _is_body_line(text):
        return True
    dates = find_dates(text)
    return bool(dates) and (dates[0].start < 12 or len(text) - (dates[-1].end - dates[0].start) < 12)


def _is_body_line(text: str) -> bool:
    words = re.findall(r"[A-Za-z-]+", clean_committee(text))
    keywords = {k.lower() for k in cues()["committee_keywords"]}
    return bool(words) and words[-1].lower() in keywords and len(words) <= 16


def _is_prose(text: str) -> bool:
    words = text.split()
    return len(text) > 220 or (text.endswith(".") and len(words) > 12)


def _finish(title: str) -> str | None:
    title = tidy(smart_case(_APPENDIX.sub("", tidy(title))))
    return title[:250] or None
