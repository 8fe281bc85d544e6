"""Priority lists the word "Priority" marks: "Priority status:" blocks, "Priority 1:" items, tables."""

from __future__ import annotations

import re

from cspsearch.extract.priorities.items import (
    MAX_INLINE_ITEM_WORDS,
    MAX_ITEMS,
    FoundList,
    Item,
    acceptable,
    is_status,
    trim,
)
from cspsearch.extract.priorities.text import (
    LEADING_NUMBER,
    SENTENCE_END,
    Lines,
    lead_in_before,
    number_value,
    sentence_end,
    sentence_start,
    vocabulary,
    word_count,
)

STATUS_LINE = re.compile(r"^[ \t]*Priority status\s*:[ \t]*(?P<value>[^\n]*)", re.M | re.I)
_NUMBERED_PRIORITY = re.compile(  # "P" first: a literal prefix keeps the scan fast
    r"(?<![A-Za-z])P(?:riority|RIORITY)\s+(?P<n>\d{1,2}|[IVX]{1,4}|(?i:one|two|three|four|five|six|seven|eight|nine|ten))"
    r"\s*(?:[:.)\u2013\u2014]|\s-|\t)[ \t]*(?=[A-Z(\u2018'\"])"
)
_TABLE_PRIORITY_HEADER = re.compile(
    r"^(?:our |key |strategic |csp |community safety )?priorit(?:y|ies)(?: areas?| themes?| outcomes?)?$", re.I)
_STATUS_HEADER = re.compile(r"status|rag|progress|rating", re.I)


# "Priority status: On track" blocks ------------------------------------------------
def scan_status_blocks(text: str, lines: Lines) -> list[FoundList]:
    """Blocks of a heading, a "Priority status: X" line and a paragraph."""
    groups: list[FoundList] = []
    pending: Item | None = None  # a heading that took the status line's place
    pending_line = -1
    last_line = -10
    for m in STATUS_LINE.finditer(text):
        li = lines.index(m.start())
        a, b = trim(text, m.start("value"), m.end("value"))
        value = text[a:b]
        if pending is not None and li == pending_line and is_status(value):
            pending.status, pending = value, None
            continue
        pending = None
        if li - last_line > 12 or not groups:
            groups.append(FoundList("status", []))
        last_line = li
        group = groups[-1]
        if value and not is_status(value) and acceptable(value):
            pending, pending_line = Item(a, b), lines.next_filled(li) or -1
            group.items.append(pending)
            continue
        heading = heading_above(text, lines, li)
        if heading:
            group.items.append(Item(*heading, status=value or None))
        else:
            paragraph = lines.next_filled(li)
            about = lines.line(paragraph) if paragraph is not None else None
            group.items.append(Item(*trim(text, m.start(), m.end()), status=value or None,
                                    heading_lost=True, theme_text=about))
    for group in groups:
        if group.items:
            found = lead_in_before(text, lines, lines.index(group.items[0].start), any_sentence=True)
            if found:
                group.lead_in, group.cue = found
    return [g for g in groups if g.items]


def heading_above(text: str, lines: Lines, li: int) -> tuple[int, int] | None:
    """The short heading line just above a "Priority status:" line, if there is one."""
    j = lines.previous_filled(li, limit=2)
    if j is None:
        return None
    a, b = lines.span(j)
    line = text[a:b].strip()
    if (not line or line.endswith(":") or STATUS_LINE.match(line) or "\t" in line
            or SENTENCE_END.search(line) or word_count(line) > 25
            or (line.endswith(".") and word_count(line) > 12)):
        return None
    lead = LEADING_NUMBER.match(text, a)
    a, b = trim(text, lead.end() if lead else a, b)
    return (a, b) if b > a else None


# "Priority 1: Levelling up Kent" ---------------------------------------------------
def scan_numbered(text: str, lines: Lines) -> list[FoundList]:
    """Items named "Priority 1: ...", "Priority 4 - ...", in lines, tables or running text.

    Items numbered in sequence form one list however far apart they stand (a plan may
    give each priority a section); a lone "Priority 3: ..." counts only under a lead-in.
    """
    matches = list(_NUMBERED_PRIORITY.finditer(text))
    groups: list[FoundList] = []
    previous = -1
    for n, m in enumerate(matches):
        li = lines.index(m.start())
        ls, le = lines.span(li)
        following = matches[n + 1].start() if n + 1 < len(matches) and matches[n + 1].start() < le else le
        item = numbered_item(text, m, ls, following)
        if item is None:
            continue
        number = number_value(m.group("n"))
        if number != previous + 1 or not groups:
            groups.append(FoundList("numbered", []))
            groups[-1].lead_in, groups[-1].cue = numbered_lead_in(text, lines, m, li)
        previous = number
        groups[-1].items.append(item)
    return [g for g in groups if len(g.items) > 1 or g.cue is not None]


def numbered_item(text: str, m: re.Match[str], line_start: int, following: int) -> Item | None:
    cell_end = text.find("\t", m.end(), following)
    end = sentence_end(text, m.end(), following if cell_end == -1 else cell_end)
    if not _at_line_start(text, line_start, m.start()):
        stop = vocabulary().item_stop.search(text, m.end(), end)
        end = stop.start() if stop else end
    a, b = trim(text, m.end(), end)
    if b <= a or not acceptable(text[a:b], MAX_INLINE_ITEM_WORDS + 8):
        return None
    return Item(a, b)


def numbered_lead_in(text: str, lines: Lines, m: re.Match[str], li: int) -> tuple[tuple[int, int] | None, int | None]:
    """The lead-in above a list of "Priority N" lines, or the sentence that names them in passing."""
    ls, le = lines.span(li)
    if _at_line_start(text, ls, m.start()):
        found = lead_in_before(text, lines, li, any_sentence=True)
        return found if found else (None, None)
    start = sentence_start(text, ls, m.start())
    cue = vocabulary().cue.search(text, start, m.start())
    return (start, sentence_end(text, m.end(), le)), (cue.start() if cue else None)


def _at_line_start(text: str, line_start: int, pos: int) -> bool:
    return pos - line_start < 12 and not text[line_start:pos].strip(" \t-*\u2022\u00b7\u2013")


# Tables with a "Priority" column ---------------------------------------------------------
_TABLE_ROW_START = re.compile(r"^[ ]*(?:our |key |strategic |csp |community safety )?priorit[a-z ]*\t", re.I | re.M)


def scan_tables(text: str, lines: Lines) -> list[FoundList]:
    """Rows under a header row whose first cell is "Priority"/"Priorities"."""
    out = []
    for m in _TABLE_ROW_START.finditer(text):
        li = lines.index(m.start())
        header = [c.strip() for c in lines.line(li).split("\t")]
        if not _TABLE_PRIORITY_HEADER.match(header[0]):
            continue
        status_col = next((k for k, c in enumerate(header) if k and _STATUS_HEADER.search(c)), None)
        found = FoundList("table", [], label=header[0])
        j = li + 1
        while j < len(lines) and "\t" in lines.line(j) and len(found.items) < MAX_ITEMS:
            item = table_row_item(text, lines, j, status_col)
            if item:
                found.items.append(item)
            j += 1
        lead = lead_in_before(text, lines, li)
        if lead:
            found.lead_in, found.cue = lead
        if found.items:
            out.append(found)
    return out


def table_row_item(text: str, lines: Lines, j: int, status_col: int | None) -> Item | None:
    a, _ = lines.span(j)
    cells, pos = [], a
    for cell in lines.line(j).split("\t"):
        cells.append((pos, pos + len(cell)))
        pos += len(cell) + 1
    first = 1 if len(cells) > 1 and re.fullmatch(r"\s*[\d.()]*\s*", text[slice(*cells[0])]) else 0
    start, end = trim(text, *cells[first])
    if end <= start or not acceptable(text[start:end]):
        return None
    status = None
    if status_col is not None and status_col < len(cells):
        value = text[slice(*cells[status_col])].strip()
        status = value if value and word_count(value) <= 6 else None
    return Item(start, end, status=status)
