"""Page clean-up shared by the readers: odd characters normalised, running headers and footers dropped."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

# Characters text layers produce that carry no meaning of their own, or whose meaning a
# plain character carries equally well. Dashes, quotes and currency signs are left alone.
_CHAR_MAP = {
    # spaces of every width read as one plain space
    **{chr(c): " " for c in (0x00A0, 0x2007, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B))},
    # invisible marks
    **{chr(c): "" for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x0000)},
    # hyphens that look like "-" (the minus sign too: "−0.3" is "-0.3" in a table)
    "\u2010": "-", "\u2011": "-", "\u2212": "-",
    # ligatures from typeset PDFs: "ﬁnance" must be findable as "finance"
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
    # Symbol/Wingdings bullets land in the Private Use Area
    "\uf0b7": "\u2022", "\uf0a7": "\u25aa", "\uf06e": "\u25aa", "\uf0a8": "\u25a1",
    "\uf076": "\u2756", "\uf0d8": "\u27a2", "\uf0e0": "\u27a2", "\uf0fc": "\u2713",
    "\uf02d": "-", "\uf0be": "-",
    # line and page separators: "\f" is reserved for the page break between pages
    "\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n",
}
_TRANSLATION = str.maketrans(_CHAR_MAP)
_OTHER_CONTROLS = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")
# A soft hyphen is visible only where the line breaks; anywhere else it is invisible.
_SOFT_HYPHEN_AT_EOL = re.compile(r"\u00ad(?=[ \t]*\n)")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)

EDGE_LINES = 3  # how many lines at the top and bottom of a page can be running lines
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_PAGE_NUMBER_KEY = re.compile(r"^[-\u2013(\[]?\s*(?:page\s*)?#(?:\s*(?:of|/)\s*#)?\s*[-\u2013)\]]?$")
# Footers that vary only by their page number: at most two short numbers, no amounts.
_VARYING_NUMBERS = re.compile(r"\d{1,4}")
_AMOUNT_LIKE = re.compile(r"[£$€%]|\d[.,]\d")


def normalise_characters(text: str) -> str:
    """Replace characters a text layer produces oddly (bullets, special spaces, ligatures)."""
    text = text.replace("\r\n", "\n")
    text = _SOFT_HYPHEN_AT_EOL.sub("-", text).replace("\u00ad", "")
    text = _OTHER_CONTROLS.sub("", text.translate(_TRANSLATION))
    return _TRAILING_SPACE.sub("", text)


def clean_pages(pages: Sequence[str]) -> list[str]:
    """Normalise each page's characters, then drop running headers and footers."""
    return drop_running_lines([normalise_characters(page) for page in pages])


def drop_running_lines(pages: Sequence[str]) -> list[str]:
    """Drop the lines at the top or bottom of pages that repeat on most pages.

    Digits are ignored when comparing, so "Page 3 of 10" matches "Page 4 of 10"; a line
    whose numbers vary is dropped only when one of them rises with the page (a page
    number), never when it holds amounts. A running line stays where it first appears, so
    what it says (a total, a caveat) is still in the document once.
    Table rows (tab-separated) are never dropped.
    """
    split = [page.split("\n") for page in pages]
    with_text = sum(1 for lines in split if any(line.strip() for line in lines))
    if with_text < 3:
        return list(pages)
    needed = max(3, math.floor(with_text / 2) + 1)
    top = _running_keys((_edge(lines, top=True) for lines in split), needed)
    bottom = _running_keys((_edge(lines, top=False) for lines in split), needed)
    if not top and not bottom:
        return list(pages)
    seen: set[str] = set()
    return ["\n".join(_without_running(lines, top, bottom, seen)) for lines in split]


def _edge(lines: list[str], top: bool) -> list[tuple[int, str]]:
    """The first (or last) few non-blank lines of a page, with their line numbers."""
    order = range(len(lines)) if top else range(len(lines) - 1, -1, -1)
    found = []
    for i in order:
        if lines[i].strip():
            found.append((i, lines[i]))
            if len(found) == EDGE_LINES:
                break
    return found


def _running_keys(edges, needed: int) -> set[str]:
    exact: Counter[str] = Counter()
    loose: dict[str, list[frozenset[int]]] = defaultdict(list)  # key -> offsets of its numbers from the page index
    for page_index, edge in enumerate(edges):
        exact.update({_exact_key(line) for _, line in edge if "\t" not in line})
        for key, offsets in {_loose_key(line): _page_offsets(line, page_index)
                             for _, line in edge if _may_vary(line)}.items():
            loose[key].append(offsets)
    keys = {key for key, count in exact.items() if count >= needed}
    keys |= {key for key, offsets in loose.items() if len(offsets) >= needed and _tracks_pages(offsets)}
    return keys


def _page_offsets(line: str, page_index: int) -> frozenset[int]:
    return frozenset(int(n) - page_index for n in _DIGITS.findall(line))


def _tracks_pages(offsets: list[frozenset[int]]) -> bool:
    """True when a number in the line rises with the page, as a page number does.

    This tells "Page 4 of 10" from a heading like "Question 4" that merely repeats.
    """
    common = Counter(offset for page in offsets for offset in page).most_common(1)
    return bool(common) and common[0][1] >= 0.8 * len(offsets)


def _without_running(lines: list[str], top: set[str], bottom: set[str], seen: set[str]) -> list[str]:
    # On a short page a line can be both near the top and near the bottom: judge it once.
    running = {i: top for i, _ in _edge(lines, top=True)}
    running.update({i: running.get(i, set()) | bottom for i, _ in _edge(lines, top=False)})
    drop = set()
    for i, keys in sorted(running.items()):
        key = _running_key(lines[i], keys)
        if key is not None:
            if key in seen:
                drop.add(i)
            seen.add(key)
    return [line for i, line in enumerate(lines) if i not in drop]


def _running_key(line: str, keys: set[str]) -> str | None:
    """The key under which `line` repeats on most pages, or None when it is not a running line."""
    if "\t" in line:
        return None
    exact = _exact_key(line)
    if exact in keys:
        return exact
    loose = _loose_key(line) if _may_vary(line) else None
    return loose if loose in keys else None


def _exact_key(line: str) -> str:
    return "=" + _SPACES.sub(" ", line.strip().lower())


def _loose_key(line: str) -> str:
    return "~" + _DIGITS.sub("#", _SPACES.sub(" ", line.strip().lower()))


def _may_vary(line: str) -> bool:
    """True for lines whose digits may differ page to page: page numbers, "Item 5" titles."""
    if "\t" in line or _AMOUNT_LIKE.search(line):
        return False
    numbers = _VARYING_NUMBERS.findall(line)
    if not numbers or len(numbers) > 2 or any(len(n) > 4 for n in _DIGITS.findall(line)):
        return False
    key = _loose_key(line)[1:]
    return bool(_PAGE_NUMBER_KEY.match(key)) or any(c.isalpha() for c in key)
