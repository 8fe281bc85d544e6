"""Priority lists under a lead-in sentence: bullets, numbered lines, inline lists, short lines."""

from __future__ import annotations

import bisect
import re
from typing import Any

from cspsearch.extract.priorities.items import (
    MAX_INLINE_ITEM_WORDS,
    MAX_ITEM_WORDS,
    MAX_ITEMS,
    FoundList,
    Item,
    items_from_parts,
)
from cspsearch.extract.priorities.layouts import STATUS_LINE
from cspsearch.extract.priorities.text import (
    SENTENCE_REACH,
    Lines,
    count_in,
    sentence_end,
    sentence_start,
    vocabulary,
    word_count,
)

MAX_PLAIN_LINE_WORDS = 12
LEAD_IN_REACH = 200  # chars from the cue word to the colon that opens the list
WIDTH_REACH = 1500  # chars around a line break read to learn the page's line width

_GLYPHS = "\u2022\u00b7\u25aa\u25cf\u25a0\u25e6\u2023\u2043\uf0b7\uf0a7\u27a2\u25ba"
_GLYPH = re.compile(f"\\s*[{_GLYPHS}]\\s*")
_MARKER = re.compile(  # a bullet glyph may touch its text ("\u25cfKeeping"); other markers need a space
    f"(?P<g>[{_GLYPHS}])\\s*(?=\\S)"
    r"|(?:(?P<m>[*\-\u2013\u2014])|\(?(?P<num>\d{1,2})[.)]|\(?(?P<let>[a-z])[.)]|\(?(?P<rom>[ivx]{1,4}|[IVX]{1,4})[.)])\s+"
)
_PARAGRAPH_NUMBER = re.compile(r"\(?\d{1,2}(?:\.\d{1,2})+\.?\)?\s")
_OPENER = re.compile(r":-?|;")
_OPEN_ENDING = re.compile(r"(?:[,(&\-\u2013/]|\b(?:and|or|of|the|to|for|in|on|with|by|a|an|including))\s*$", re.I)


def scan_lead_ins(text: str, lines: Lines, original: str | None, offsets: Any) -> list[FoundList]:
    """Lists opened by a sentence naming priorities/objectives: "the priorities for 2017/18 are:"
    followed by bullets or short lines, or followed on the same line ("reduce to 4: a; b; and c")."""
    out: list[FoundList] = []
    next_free = 0
    for m in vocabulary().cue.finditer(text):
        if m.start() < next_free or _names_a_numbered_item(text, m):
            continue
        found = list_after_cue(text, lines, m, original, offsets)
        if found:
            out.append(found)
            next_free = max(item.end for item in found.items)
    return out


def _names_a_numbered_item(text: str, cue: re.Match[str]) -> bool:
    """"Priority status: ..." and "Priority 1: ..." are read by their own scans."""
    return cue.group().lower() == "priority" and bool(
        re.match(r"\s*(?:status\b|\d|[IVX]{1,4}\b|one\b|two\b|three\b|four\b|five\b)", text[cue.end():cue.end() + 12]))


def list_after_cue(text: str, lines: Lines, cue: re.Match[str], original: str | None,
                   offsets: Any) -> FoundList | None:
    li = lines.index(cue.start())
    ls, le = lines.span(li)
    opener = _OPENER.search(text, cue.end(), min(le, cue.end() + LEAD_IN_REACH))
    is_heading = opener is None and le - ls < 120 and "\t" not in text[ls:le] and word_count(text[ls:le]) <= 10
    if opener is None and not is_heading:
        return None  # most mentions of "priorities": no list follows
    reach_start, reach_end = max(ls, cue.start() - SENTENCE_REACH), min(le, cue.end() + SENTENCE_REACH)
    cell_start = max(reach_start, text.rfind("\t", reach_start, cue.start()) + 1)
    cell_end = text.find("\t", cue.end(), reach_end)
    cell_end = reach_end if cell_end == -1 else cell_end
    start = sentence_start(text, cell_start, cue.start())
    end = sentence_end(text, cue.end(), cell_end)
    if "?" in text[start:end] or vocabulary().lead_in_reject.search(text, start, end):
        return None
    if is_heading:  # "Our priorities" above a list
        return block_after(text, lines, li, (start, le), cue.start(), None, original, offsets)
    if opener is None or opener.start() >= end:
        return None
    lead_in = (start, opener.end())
    after = text[opener.end():cell_end]
    if opener.group() != ";" and not after.strip(" -\u2013") and cell_end == le:
        count = count_in(text[start:opener.end()])
        return block_after(text, lines, li, lead_in, cue.start(), count, original, offsets)
    if opener.group() == ";" and opener.start() - cue.end() > 80:
        return None
    items = inline_items(text, opener.end(), end)
    if not items:
        return None
    return FoundList("inline", items, lead_in=lead_in, cue=cue.start())


def block_after(text: str, lines: Lines, li: int, lead_in: tuple[int, int], cue: int, count: int | None,
                original: str | None, offsets: Any) -> FoundList | None:
    """The list on the lines below a lead-in: marked items, else unmarked short lines."""
    j = lines.next_filled(li)
    if j is None:
        return None
    k = lines.next_filled(j)
    if STATUS_LINE.match(lines.line(j)) or (k is not None and STATUS_LINE.match(lines.line(k))):
        return None  # a "Priority status:" block, read by its own scan
    if marker_of(lines.line(j)):
        items = marked_items(text, lines, j, original, offsets)
        layout = "bullets"
    elif "\t" in lines.line(j) or original is None or count == 1:
        return None
    else:
        items = plain_line_items(text, lines.span(li)[1], original, offsets, count)
        layout = "lines"
    if not items:
        return None
    return FoundList(layout, items, lead_in=lead_in, cue=cue)


def marker_of(line: str) -> tuple[str, int] | None:
    """The kind of list marker a line starts with and where its content starts."""
    m = _MARKER.match(line)
    if not m or _PARAGRAPH_NUMBER.match(line, m.end()):
        return None
    kind = ("num" if m.group("num") else "let" if m.group("let") else "rom" if m.group("rom")
            else m.group("g") or m.group("m"))
    if kind in "\u2013\u2014":
        kind = "-"
    return kind, m.end()


def marked_items(text: str, lines: Lines, j: int | None, original: str | None = None,
                 offsets: Any = None) -> list[Item] | None:
    """Consecutive bulleted or numbered lines from line j; other markers are sub-items."""
    first = marker_of(lines.line(j)) if j is not None else None
    if first is None or j is None:
        return None
    parts: list[tuple[int, int]] = []
    while j is not None and len(parts) < MAX_ITEMS:
        marker = marker_of(lines.line(j))
        if marker is None:
            break
        if marker[0] == first[0]:
            a, b = lines.span(j)
            parts += glued_items(text, a + marker[1], b, original, offsets)
        j = lines.next_filled(j, limit=2)
    return items_from_parts(text, parts, MAX_ITEM_WORDS)


def glued_items(text: str, a: int, b: int, original: str | None, offsets: Any) -> list[tuple[int, int]]:
    """A bulleted line's items: one, or several where a PDF text layer ran bullets together
    ("\u25cfA \u25cfB \u25cfC"). Where the original text breaks a short line before a capital,
    the item ends there: what follows is the next paragraph, folded into the item's line."""
    cuts = [(m.start(), m.end()) for m in _GLYPH.finditer(text, a, b)]
    bounds = [a] + [x for cut in cuts for x in cut] + [b]
    parts = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
    if original is None or offsets is None:
        return parts
    return [(start, _end_at_paragraph(start, end, original, offsets)) for start, end in parts if end > start]


def _end_at_paragraph(start: int, end: int, original: str, offsets: Any) -> int:
    o_start, o_end = offsets[start], offsets[end - 1] + 1
    for brk in re.finditer(r"\n\s*(?=[A-Z])", original[o_start:o_end]):
        at = o_start + brk.start()
        line_start = original.rfind("\n", 0, at) + 1
        before = original[o_start:at]
        if before.count("(") > before.count(")") or _OPEN_ENDING.search(before):
            continue  # "(including" / "and" at a line's end: the item goes on
        next_word = original[o_start + brk.end():o_end].split(" ", 1)[0]
        if at - line_start + 1 + len(next_word) < 0.85 * _line_width(original, at):
            return bisect.bisect_left(offsets, at)  # the next word would have fitted: not a wrap
    return end


def _line_width(original: str, at: int) -> int:
    """The longest line near `at`: roughly the page's text width."""
    region = original[max(0, at - WIDTH_REACH):at + WIDTH_REACH]
    return max((len(line) for line in region.split("\n")[1:-1]), default=len(region))


def inline_items(text: str, a: int, b: int) -> list[Item] | None:
    """Items of a list that runs on in its sentence: "a; b; and c", "a, b and c", "A and B"."""
    segment = text[a:b]
    if ";" in segment:
        cuts = [m.start() for m in re.finditer(";", segment)]
    elif "," in segment:
        cuts = [m.start() for m in re.finditer(",", segment)]
        tail = segment[cuts[-1] + 1:]
        first_and = re.search(r"\sand\s", tail)
        if first_and and not re.match(r"\s*and\s", tail):  # "a, b and c": c follows the first "and"
            cuts.append(cuts[-1] + 1 + first_and.start())
    else:
        cuts = _and_cuts(segment)
    bounds = [0, *cuts, len(segment)]
    parts = [(a + x + (1 if k else 0), a + y) for k, (x, y) in enumerate(zip(bounds, bounds[1:], strict=False))]
    items = items_from_parts(text, parts, MAX_INLINE_ITEM_WORDS)
    if not items or len(items) != len(parts):
        return None
    return items


def _and_cuts(segment: str) -> list[int]:
    """Where "A and B" splits into two items: before an "and" that starts a capitalised item,
    preferring those after a lower-case word ("live and Corporate and Customer Excellence")."""
    candidates = [m for m in re.finditer(r"\s+and\s+(?=[A-Z])", segment)]
    after_lower = [m for m in candidates if re.search(r"\b[a-z][\w']*$", segment[:m.start()])]
    return [m.start() for m in (after_lower or candidates)]


def plain_line_items(text: str, after: int, original: str, offsets: Any, count: int | None) -> list[Item] | None:
    """Unmarked short lines under a lead-in, read from the original text's line breaks."""
    pos = offsets[after - 1] + 1 if after > 0 else 0
    spans: list[list[int]] = []
    blanks = 0
    for raw in _original_lines(original, pos):
        a, b = raw
        line = original[a:b].strip()
        if not line:
            blanks += 1
            if blanks > 1 and spans:
                break
            continue
        blanks = 0
        if spans and line[0].islower() and original[spans[-1][1] - 1] not in ".;:":
            spans[-1][1] = b  # a wrapped item
            continue
        if not _plain_item_line(line, count):
            break
        lead = len(original[a:b]) - len(original[a:b].lstrip())
        spans.append([a + lead, a + lead + len(line)])
        if count and len(spans) == count:
            break
    if (count and len(spans) != count) or not 2 <= len(spans) <= (count or 8):
        return None
    parts = [(bisect.bisect_left(offsets, s), bisect.bisect_left(offsets, e - 1) + 1) for s, e in spans]
    return items_from_parts(text, parts, MAX_PLAIN_LINE_WORDS)


def _original_lines(original: str, pos: int, limit: int = 30):
    for _ in range(limit):
        if pos >= len(original):
            return
        end = original.find("\n", pos)
        end = len(original) if end == -1 else end
        yield pos, end
        pos = end + 1


def _plain_item_line(line: str, count: int | None) -> bool:
    limit = MAX_PLAIN_LINE_WORDS if count else 10
    return (line[0].isupper() and "\t" not in line and "\f" not in line and not line.endswith(":")
            and word_count(line) <= limit and (count is not None or not line.endswith(".")))
