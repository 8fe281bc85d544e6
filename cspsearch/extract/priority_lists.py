"""Finding lists of priorities in a paper's normalised text: bullets and numbered items under
a lead-in, inline "reduce to 4: a; b; and c" lists, "Priority 1: ..." items, tables with a
Priority column, "Priority status:" blocks, and unmarked short lines under a lead-in.

Every scan is anchored on rare words ("priorities", "Priority status") and reads only
the few lines around them, so the cost grows linearly with the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_PATH = Path(__file__).parent / "data" / "priorities.yaml"

MAX_ITEMS = 20
MAX_ITEM_WORDS = 30
MAX_INLINE_ITEM_WORDS = 12
MAX_PLAIN_LINE_WORDS = 12
LEAD_IN_REACH = 200  # chars from the cue word to the colon that opens the list
WIDTH_REACH = 1500  # chars around a line break read to learn the page's line width
SENTENCE_REACH = 600  # chars a lead-in sentence may reach back from its cue word (keeps scans linear)

_GLYPHS = "\u2022\u00b7\u25aa\u25cf\u25a0\u25e6\u2023\u2043\uf0b7\uf0a7\u27a2\u25ba"
_GLYPH = re.compile(f"\\s*[{_GLYPHS}]\\s*")
_MARKER = re.compile(  # a bullet glyph may touch its text ("\u25cfKeeping"); other markers need a space
    f"(?P<g>[{_GLYPHS}])\\s*(?=\\S)"
    r"|(?:(?P<m>[*\-\u2013\u2014])|\(?(?P<num>\d{1,2})[.)]|\(?(?P<let>[a-z])[.)]|\(?(?P<rom>[ivx]{1,4}|[IVX]{1,4})[.)])\s+"
)
_PARAGRAPH_NUMBER = re.compile(r"\(?\d{1,2}(?:\.\d{1,2})+\.?\)?\s")
_SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)]*\s+(?=[A-Z0-9\"'\u2018\u201c(])")
_LEADING_NUMBER = re.compile(r"(?:[-\u2022\u00b7*\u2013]\s+)?(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+)?")
_TRAILING_JUNK = re.compile(r"(?:[\s;,.:\u2013-]+|\s(?:and|or)\b)+$")
_LEADING_JUNK = re.compile(r"^(?:and|or)\s+", re.I)
_STATUS_LINE = re.compile(r"^[ \t]*Priority status\s*:[ \t]*(?P<value>[^\n]*)", re.M | re.I)
_NUMBERED_PRIORITY = re.compile(  # "P" first: a literal prefix keeps the scan fast
    r"(?<![A-Za-z])P(?:riority|RIORITY)\s+(?P<n>\d{1,2}|[IVX]{1,4}|(?i:one|two|three|four|five|six|seven|eight|nine|ten))"
    r"\s*(?:[:.)\u2013\u2014]|\s-|\t)[ \t]*(?=[A-Z(\u2018'\"])"
)
_TABLE_PRIORITY_HEADER = re.compile(
    r"^(?:our |key |strategic |csp |community safety )?priorit(?:y|ies)(?: areas?| themes?| outcomes?)?$", re.I)
_OPENER = re.compile(r":-?|;")
_NON_SPACE = re.compile(r"\S")
_OPEN_ENDING = re.compile(r"(?:[,(&\-\u2013/]|\b(?:and|or|of|the|to|for|in|on|with|by|a|an|including))\s*$", re.I)
_STATUS_HEADER = re.compile(r"status|rag|progress|rating", re.I)
_COUNT = re.compile(
    r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b(?![./:]\d)"
    r"(?!\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)",
    re.I)
_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


@dataclass
class Item:
    """One priority: its wording's span in the normalised text, and what the layout adds."""

    start: int
    end: int
    status: str | None = None
    heading_lost: bool = False  # the wording is missing; `theme_text` describes the priority
    theme_text: str | None = None


@dataclass
class FoundList:
    """A list of priorities and the words that introduce it."""

    layout: str  # bullets | inline | numbered | status | table | lines
    items: list[Item]
    lead_in: tuple[int, int] | None = None  # span of the introducing sentence
    cue: int | None = None  # where the word "priorities"/"objectives" stands in the lead-in
    label: str | None = None  # a heading or table row label that names the list


@dataclass(frozen=True)
class Vocabulary:
    cue: re.Pattern[str]
    statuses: tuple[str, ...]
    question_words: frozenset[str]
    statement_subjects: frozenset[str]
    statement_verbs: frozenset[str]
    item_stop: re.Pattern[str]
    scheme_cues: dict[str, tuple[str, ...]]
    lead_in_reject: re.Pattern[str]
    objective_owner: re.Pattern[str]


@cache
def vocabulary() -> Vocabulary:
    """The word lists of data/priorities.yaml, compiled once."""
    data = yaml.safe_load(DATA_PATH.read_text(encoding="utf-8"))
    cues = sorted((c.lower() for c in data["list_cues"]), key=len, reverse=True)
    stops = sorted(data["item_stops"], key=len, reverse=True)
    return Vocabulary(
        cue=re.compile(r"\b(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s") for c in cues) + r")\b", re.I),
        statuses=tuple(sorted((s.lower() for s in data["statuses"]), key=len, reverse=True)),
        question_words=frozenset(w.lower() for w in data["question_words"]),
        statement_subjects=frozenset(w.lower() for w in data["statement_subjects"]),
        statement_verbs=frozenset(w.lower() for w in data["statement_verbs"]),
        item_stop=re.compile(r"\s(?:,|" + "|".join(re.escape(s) for s in stops) + r")\s", re.I),
        scheme_cues={k: tuple(v.lower() for v in vs) for k, vs in data["scheme_cues"].items()},
        lead_in_reject=_any_word(data["lead_in_rejects"]),
        objective_owner=_any_word(data["objective_owners"]),
    )


def _any_word(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


class Lines:
    """Line arithmetic over the normalised text."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __len__(self) -> int:
        return len(self.starts)

    def index(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def span(self, i: int) -> tuple[int, int]:
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end

    def line(self, i: int) -> str:
        a, b = self.span(i)
        return self.text[a:b]

    def is_blank(self, i: int) -> bool:
        a, b = self.span(i)
        return _NON_SPACE.search(self.text, a, b) is None

    def next_filled(self, i: int, limit: int = 3) -> int | None:
        """The next non-blank line after line i, if it is near."""
        for j in range(i + 1, min(len(self), i + 1 + limit)):
            if not self.is_blank(j):
                return j
        return None

    def previous_filled(self, i: int, limit: int = 3) -> int | None:
        for j in range(i - 1, max(-1, i - 1 - limit), -1):
            if not self.is_blank(j):
                return j
        return None


# -- small text tests -------------------------------------------------------------
def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) to the item's own wording: no marker, trailing ";"/"and", spaces."""
    segment = text[start:end]
    stripped = segment.rstrip()
    junk = _TRAILING_JUNK.search(stripped)
    if junk:
        stripped = stripped[: junk.start()]
    lead = len(stripped) - len(stripped.lstrip())
    conj = _LEADING_JUNK.match(stripped[lead:])
    if conj:
        lead += conj.end()
    return start + lead, start + len(stripped)


def word_count(text: str) -> int:
    return len(text.split())


def is_status(value: str) -> bool:
    """True for "On track", "Exceeding expectations", "Amber" and the like."""
    low = value.strip().lower().rstrip(".")
    if not low or word_count(low) > 6:
        return False
    return any(low == s or low.startswith(s + " ") or low.startswith(s + ",") for s in vocabulary().statuses)


def is_question(item: str) -> bool:
    words = item.strip().lower().split()
    return item.rstrip().endswith("?") or bool(words and (
        words[0] in vocabulary().question_words or " ".join(words[:2]) in vocabulary().question_words))


def is_statement(item: str) -> bool:
    """A sentence about the plan ("It will contribute ...") rather than a priority's name."""
    words = [w.strip(",;:").lower() for w in item.split()[:7]]
    vocab = vocabulary()
    return len(words) > 3 and words[0] in vocab.statement_subjects and any(
        w in vocab.statement_verbs for w in words[1:])


def acceptable(item: str, max_words: int = MAX_ITEM_WORDS) -> bool:
    """Whether a list entry can name a priority."""
    if not item or not any(c.isalpha() for c in item) or word_count(item) > max_words:
        return False
    return not (is_question(item) or is_statement(item) or item.lower().startswith("that "))


def count_in(lead_in: str) -> int | None:
    """How many items a lead-in announces ("contains five priorities", "reduce to 4")."""
    numbers = [m.group(1).lower() for m in _COUNT.finditer(lead_in)]
    if not numbers:
        return None
    last = numbers[-1]
    return int(last) if last.isdigit() else _NUMBER_WORDS[last]


def sentence_start(text: str, line_start: int, pos: int) -> int:
    """Where the sentence holding `pos` starts (within its line), after paragraph numbers."""
    start = max(line_start, pos - SENTENCE_REACH)
    for m in _SENTENCE_END.finditer(text, start, pos):
        start = m.end()
    lead = _LEADING_NUMBER.match(text, start)
    return lead.end() if lead else start


def sentence_end(text: str, pos: int, line_end: int) -> int:
    """Where the sentence holding `pos` ends (the full stop included), within its line."""
    m = _SENTENCE_END.search(text, pos, min(line_end, pos + SENTENCE_REACH))
    if m:
        return m.start() + 1
    return min(line_end, pos + SENTENCE_REACH)


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


def items_from_parts(text: str, parts: list[tuple[int, int]], max_words: int) -> list[Item] | None:
    """Trimmed items from raw spans, or None when the entries do not look like a list of names."""
    items = []
    rejected = 0
    for a, b in parts:
        a, b = trim(text, a, b)
        if b > a and acceptable(text[a:b], max_words):
            items.append(Item(a, b))
        else:
            rejected += 1
    if not items or rejected * 2 > len(parts):
        return None
    return items


# -- the scans ----------------------------------------------------------------------
def find_lists(text: str, original: str | None = None, offsets: Any = None) -> list[FoundList]:
    """Every list of priorities in the normalised `text`, in the order the scans trust them.

    `original` and `offsets` (the normalised text's map back to it) let the scan read
    unmarked one-per-line lists, whose line breaks the normalised text folds away.
    """
    lines = Lines(text)
    found = scan_status_blocks(text, lines)
    found += scan_numbered(text, lines)
    found += scan_tables(text, lines)
    found += scan_lead_ins(text, lines, original, offsets)
    return without_overlaps(found)


def without_overlaps(lists: list[FoundList]) -> list[FoundList]:
    """Drop items that overlap an item of a list found earlier (an earlier scan wins)."""
    taken: list[tuple[int, int]] = []
    kept = []
    for found in lists:
        items = []
        for item in found.items:
            i = bisect.bisect_left(taken, (item.start, item.end))
            clash = (i > 0 and taken[i - 1][1] > item.start) or (i < len(taken) and taken[i][0] < item.end)
            if not clash:
                items.append(item)
                taken.insert(i, (item.start, item.end))
        if items:
            found.items = items
            kept.append(found)
    return kept


def lead_in_before(text: str, lines: Lines, line_index: int,
                   any_sentence: bool = False) -> tuple[tuple[int, int], int] | None:
    """The lead-in just above a list: a sentence naming priorities and ending in ":" (with
    `any_sentence`, also one that ends in a full stop: "The plan has five priorities.").
    Returns its span and where its cue word stands."""
    j = lines.previous_filled(line_index, limit=2)
    if j is None:
        return None
    a, b = lines.span(j)
    b = a + len(text[a:b].rstrip())
    if not text.endswith((":", ":-"), a, b) and not (any_sentence and text.endswith(".", a, b)):
        return None
    cues = list(vocabulary().cue.finditer(text, max(a, b - SENTENCE_REACH), b))
    if not cues:
        return None
    cue = cues[-1]
    return (sentence_start(text, a, cue.start()), sentence_end(text, cue.end(), b)), cue.start()


# "Priority status: On track" blocks ------------------------------------------------
def scan_status_blocks(text: str, lines: Lines) -> list[FoundList]:
    """Blocks of a heading, a "Priority status: X" line and a paragraph."""
    groups: list[FoundList] = []
    pending: Item | None = None  # a heading that took the status line's place
    pending_line = -1
    last_line = -10
    for m in _STATUS_LINE.finditer(text):
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
    if (not line or line.endswith(":") or _STATUS_LINE.match(line) or "\t" in line
            or _SENTENCE_END.search(line) or word_count(line) > 25
            or (line.endswith(".") and word_count(line) > 12)):
        return None
    lead = _LEADING_NUMBER.match(text, a)
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
        number = _number_value(m.group("n"))
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


def _number_value(token: str) -> int:
    token = token.lower()
    if token.isdigit():
        return int(token)
    if token in _NUMBER_WORDS:
        return _NUMBER_WORDS[token]
    roman = {"i": 1, "v": 5, "x": 10}
    values = [roman[c] for c in token]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


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


# Lists under a lead-in sentence ------------------------------------------------------
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
    if _STATUS_LINE.match(lines.line(j)) or (k is not None and _STATUS_LINE.match(lines.line(k))):
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
