"""Whitespace-normalised text with a map back to the original offsets.

Committee papers wrap phrases across lines ("Crime and Disorder\nAct 1998") and pad
with runs of spaces. Extraction reads a normalised copy in which such runs are one
space, while every character keeps the offset it had in the document text, so each
entity's span can be sliced out of the original.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

# A run of whitespace holding a blank line or a page break separates blocks.
_BLOCK_BREAK = re.compile(r"\n[ \t\u00a0]*\n|\f")
# Single spaces between words stand as they are; only longer runs and other whitespace
# characters need folding, which keeps this loop to a fraction of the words.
_WS_RUN = re.compile(r"\s{2,}|[^\S ]")
# A line break stays a line break before a list item or a table row, and after a line
# that ends a clause or a heading-like line; otherwise it is a wrap and reads as a space.
_LIST_START = re.compile(r"[\u00b7\u2022\u25aa\u25cf\uf0b7]|[\-*\u2013]\s|\(?[0-9]{1,2}(\.[0-9]{1,2})*[.)]?\s|\(?[a-z][.)]\s|Priority\b")


@dataclass(frozen=True)
class NormText:
    """`text` is the normalised copy; `offsets[i]` is where its character i stood."""

    text: str
    offsets: array
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else self.original_length
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


def normalise(original: str) -> NormText:
    """Fold whitespace runs: block breaks become "\\n\\n", kept line breaks "\\n", the rest " "."""
    out: list[str] = []
    offsets = array("l")
    pos = 0
    for match in _WS_RUN.finditer(original):
        a, b = match.span()
        if a > pos:
            out.append(original[pos:a])
            offsets.extend(range(pos, a))
        run = match.group()
        if _BLOCK_BREAK.search(run):
            repl = "\n\n"
        elif "\n" in run and _keeps_line_break(original, a, b):
            repl = "\n"
        elif "\t" in run and "\n" not in run:
            repl = "\t"
        else:
            repl = " "
        out.append(repl)
        offsets.extend([a] * len(repl))
        pos = b
    if pos < len(original):
        out.append(original[pos:])
        offsets.extend(range(pos, len(original)))
    return NormText("".join(out), offsets, len(original))


def _keeps_line_break(text: str, a: int, b: int) -> bool:
    line_start = text.rfind("\n", 0, a) + 1
    previous = text[line_start:a].rstrip()
    if not previous or previous[-1] in ";:.!?" or "\t" in previous:
        return True
    if _LIST_START.match(text, b):
        return True
    line_end = text.find("\n", b)
    return "\t" in text[b:line_end if line_end >= 0 else len(text)]
