"""Acronym definitions: "Safer Maidstone Partnership (SMP)", "CSP (Community Safety Partnership)".

The component anchors on parentheses, so it costs next to nothing on text without them.
A candidate short form in brackets is accepted only when its letters can be matched, in
order, to the initials of the words just before it (connectives such as "and"/"of" may be
skipped or counted, hyphenated words give one initial per part). The reverse form puts the
short form before the brackets. Short forms the paper uses without ever defining them are
matched to a capitalised phrase elsewhere in the paper whose initials spell them exactly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from cspsearch.extract import ENTITIES_KEY
from cspsearch.extract.context import text_of

# Small function words an acronym may skip or count ("Police and Crime Commissioner (PCC)",
# "Deprivation of Liberty Safeguards (DoLS)"). Linguistic glue, not a list users extend.
CONNECTIVES = frozenset(
    {"and", "&", "of", "the", "for", "in", "on", "to", "a", "an", "at", "by", "with", "or"}
)

_PAREN = re.compile(r"\(([^()\n\f]{1,120})\)")
# One word of a possible long form; hyphen and slash parts stay in the word.
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*(?:[-/][A-Za-z0-9'’]+)*|&")
# A short form: starts with a capital, holds at least two capitals, no spaces.
_SHORT = re.compile(r"[A-Z][A-Za-z0-9&]{1,9}")
# Where a long form cannot reach back across. A block break is not one: PDF text often
# breaks a paragraph mid-sentence ("the Safer\n\nMaidstone Partnership (SMP)").
_BARRIER = re.compile(r"[\t\f()\[\]:;.!?•\u2022]")
_QUOTES = "\"'“”‘’"
_SHORT_BEFORE = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9&]{1,9}) ?$")
_PLURAL_TAIL = re.compile(r"(?<=[A-Z])s$")
# List numbering such as "(iv)" / "(XII)"; "CIL" or "MI" may well be acronyms.
_ROMAN = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")
# Lead-in words that may sit inside the brackets after the short form.
_INNER_TAIL = re.compile(r"[,;]|[a-z]")
_POSSESSIVE = re.compile(r"['’]s?$")
_BROKEN_HYPHEN = re.compile(r"(?<=[a-z])- (?=[A-Za-z])")
_MAX_EXTRA_WORDS = 4  # words a long form may hold beyond one per letter (connectives)


@dataclass(frozen=True)
class Word:
    """A word of a possible long form and where it stands in the text."""

    text: str
    start: int
    end: int

    @property
    def parts(self) -> list[str]:
        return [p for p in re.split(r"[-/]", _POSSESSIVE.sub("", self.text) or self.text) if p]

    @property
    def is_connective(self) -> bool:
        return self.text.lower() in CONNECTIVES


@Language.component("cspsearch_acronyms")
def acronyms_component(doc: Doc) -> Doc:
    doc.user_data.setdefault(ENTITIES_KEY, []).extend(find_acronyms(text_of(doc)))
    return doc


def find_acronyms(text: str) -> list[dict[str, Any]]:
    """Acronym entity dicts (normalised-text offsets) for every definition in `text`."""
    found = []
    for match in _PAREN.finditer(text):
        entity = _forward_definition(text, match) or _reverse_definition(text, match)
        if entity:
            found.append(entity)
    defined = {_letters(e["short"]) for e in found}
    found.extend(_inferred_definitions(text, defined))
    return found


def _forward_definition(text: str, match: re.Match[str]) -> dict[str, Any] | None:
    """ "Kent Fire and Rescue Service (KFRS)": the long form precedes the brackets."""
    short = _short_form(match.group(1))
    if short is None:
        return None
    letters = _letters(short)
    words = _words_before(text, match.start(), len(letters) + _MAX_EXTRA_WORDS)
    long_words = _best_long_form(letters, short, words)
    if long_words is None:
        return None
    start = long_words[0].start
    return _entity(text, start, match.end(), short, long_words, "parenthesis")


def _reverse_definition(text: str, match: re.Match[str]) -> dict[str, Any] | None:
    """ "CSP (Community Safety Partnership)": the short form precedes the brackets."""
    before_start = max(0, match.start() - 14)
    head = _SHORT_BEFORE.search(text, before_start, match.start())
    if head is None or not _is_short_form(head.group(1)):
        return None
    short = head.group(1)
    inner_start = match.start(1)
    words = [
        Word(m.group(), inner_start + m.start(), inner_start + m.end())
        for m in _WORD.finditer(match.group(1))
    ]
    if not words or not words[0].text[0].isalpha():
        return None
    if _match_cost(_letters(short), short, words) is None:
        return None
    return _entity(text, head.start(1), match.end(), short, words, "reverse")


def _entity(text: str, start: int, end: int, short: str, long_words: list[Word], form: str) -> dict[str, Any]:
    long = _tidy(text[long_words[0].start : long_words[-1].end])
    return {"type": "acronym", "start": start, "end": end, "short": short, "long": long, "form": form}


def _tidy(phrase: str) -> str:
    """One-spaced, a word hyphenated across a line break rejoined, no closing quote or "'s"."""
    phrase = _BROKEN_HYPHEN.sub("-", " ".join(phrase.split()))
    return _POSSESSIVE.sub("", phrase.rstrip(_QUOTES))


def _short_form(inner: str) -> str | None:
    """The short form at the head of a bracket's content, or None: "KSS CRC formerly ..." -> "KSS CRC"."""
    inner = inner.strip().strip(_QUOTES).strip()
    if inner.lower().startswith("the "):
        inner = inner[4:].strip(_QUOTES)
    tokens = inner.split()
    if not tokens:
        return None
    head = [tokens[0].strip(_QUOTES + ",;")]
    if len(tokens) > 1 and _is_short_form(tokens[1].strip(",;")):
        head.append(tokens[1].strip(",;"))
    rest = tokens[len(head) :]
    if rest and not _INNER_TAIL.match(rest[0]):
        return None  # "(Appendix A)", "(SMP Board)": not a bare short form
    if not all(_is_short_form(h) for h in head):
        return None
    return " ".join(head)


def _is_short_form(token: str) -> bool:
    if not _SHORT.fullmatch(token):
        return False
    capitals = sum(c.isupper() for c in token)
    return capitals >= 2 and not _ROMAN.fullmatch(token) and not token[1:].islower()


def _letters(short: str) -> str:
    """The letters a long form must spell, lower-cased: "OCGs" -> "ocg", "KSS CRC" -> "ksscrc"."""
    return "".join(_PLURAL_TAIL.sub("", part) for part in short.split()).replace("&", "").lower()


def _words_before(text: str, end: int, limit: int) -> list[Word]:
    """Up to `limit` words just before `end`, not reaching back across a barrier."""
    window_start = max(0, end - 40 * limit)
    window = text[window_start:end]
    barriers = list(_BARRIER.finditer(window))
    if barriers:
        window_start += barriers[-1].end()
        window = text[window_start:end]
    words = [
        Word(m.group(), window_start + m.start(), window_start + m.end()) for m in _WORD.finditer(window)
    ]
    return words[-limit:]


def _best_long_form(letters: str, short: str, words: list[Word]) -> list[Word] | None:
    """The words ending at the brackets that spell `letters` most cleanly (then shortest)."""
    best: tuple[int, int] | None = None
    best_words = None
    for first in range(len(words) - 1, -1, -1):
        word = words[first]
        if word.is_connective or word.text[0].lower() != letters[0]:
            continue
        cost = _match_cost(letters, short, words[first:])
        if cost is None:
            continue
        key = (cost, len(words) - first)
        if best is None or key < best:
            best, best_words = key, words[first:]
    return best_words


def _match_cost(letters: str, short: str, words: list[Word]) -> int | None:
    """How many letters had to come from inside a word (0 is a perfect initialism), or None.

    Every content word gives its initial; a connective may give its initial or nothing;
    a word may give further letters from its later parts ("Re-offending") or, at a cost,
    from inside it ("Equality" -> "Eq" in "EqIA").
    """
    if words[-1].is_connective or len(words) > len(letters) + _MAX_EXTRA_WORDS:
        return None
    allowed_inside = max(1, sum(c.islower() for c in short.replace(" ", "")) - short.endswith("s"))
    memo: dict[tuple[int, int], int | None] = {}

    def solve(i: int, j: int) -> int | None:
        if j == len(words):
            return 0 if i == len(letters) else None
        key = (i, j)
        if key in memo:
            return memo[key]
        word = words[j]
        options = []
        if word.is_connective:
            rest = solve(i, j + 1)
            if rest is not None:
                options.append(rest)
        for taken, cost in _word_takes(word, letters, i):
            rest = solve(i + taken, j + 1)
            if rest is not None:
                options.append(rest + cost)
        memo[key] = min(options) if options else None
        return memo[key]

    cost = solve(0, 0)
    return cost if cost is not None and cost <= allowed_inside else None


def _word_takes(word: Word, letters: str, i: int) -> list[tuple[int, int]]:
    """(letters taken, inside-letter cost) for each way `word` can spell letters[i:]."""
    if i >= len(letters):
        return []
    parts = [p.lower() for p in word.parts]
    if not parts or parts[0][0] != letters[i]:
        return []
    if word.is_connective:
        return [(1, 0)]
    options = [(1, 0)]
    # Walk further letters through the word: a later part's initial is free, any other
    # character costs one.
    part, char, taken, cost = 0, 0, 1, 0
    while i + taken < len(letters):
        step = _next_in_word(parts, part, char, letters[i + taken])
        if step is None:
            break
        (part, char), free = step
        taken += 1
        cost += 0 if free else 1
        options.append((taken, cost))
    return options


def _next_in_word(parts: list[str], part: int, char: int, target: str) -> tuple[tuple[int, int], bool] | None:
    """The next place `target` occurs after (part, char): a later part's initial (free) first."""
    for later in range(part + 1, len(parts)):
        if parts[later][0] == target:
            return (later, 0), True
    inside = parts[part].find(target, char + 1)
    return ((part, inside), False) if inside >= 0 else None


# -- Short forms the paper uses but never defines in brackets -----------------------------

_USED_SHORT = re.compile(r"(?<![\w\-&])([A-Z]{3,6})(s?)(?![\w\-&])")
_CAPITAL_RUN = re.compile(
    r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*(?:(?: (?:and|of|the|for|&))* [A-Z][a-z]+(?:-[A-Za-z][a-z]+)*)+"
)


def _inferred_definitions(text: str, defined: set[str]) -> list[dict[str, Any]]:
    """ "LSP" used in running text, "Local Strategic Partnership" written out before it.

    A phrase qualifies only when it is spelled out before the short form's first use in
    prose; among those, the one most often standing as a whole name (not cut out of a
    longer capitalised run) wins.
    """
    wanted = _undefined_shorts(text, defined)
    if not wanted:
        return []
    scores: dict[str, Counter[str]] = {}
    first_seen: dict[str, tuple[int, int]] = {}
    for run in _CAPITAL_RUN.finditer(text):
        for phrase, initials, span, whole in _sub_phrases(run, wanted):
            scores.setdefault(initials, Counter())[phrase] += 1 + 100 * whole
            first_seen.setdefault(phrase, span)
    found = []
    for letters, (short, first_use) in wanted.items():
        eligible = [item for item in scores.get(letters, {}).items() if first_seen[item[0]][0] < first_use]
        best = max(eligible, key=lambda item: (item[1], -first_seen[item[0]][0]), default=None)
        if best is None or best[1] < 100:  # never seen as a whole name
            continue
        start, end = first_seen[best[0]]
        found.append(
            {
                "type": "acronym",
                "start": start,
                "end": end,
                "short": short,
                "long": best[0],
                "form": "inferred",
            }
        )
    return found


def _undefined_shorts(text: str, defined: set[str]) -> dict[str, tuple[str, int]]:
    """Upper-case short forms used in prose but never defined: letters -> (short, first use)."""
    wanted: dict[str, tuple[str, int]] = {}
    for match in _USED_SHORT.finditer(text):
        letters = match.group(1).lower()
        if letters in defined or letters in wanted or _ROMAN.fullmatch(match.group(1)):
            continue
        if _in_prose(text, match.start(), match.end()):
            wanted[letters] = (match.group(1), match.start())
    return wanted


def _in_prose(text: str, start: int, end: int) -> bool:
    """Whether a line of at least six words with lower-case letters holds the span (not a heading)."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("\t", 0, start)) + 1
    line_end = min(i for i in (text.find("\n", end), text.find("\t", end), len(text)) if i >= 0)
    line = text[line_start:line_end]
    return line.count(" ") >= 5 and any(c.islower() for c in line)


def _sub_phrases(
    run: re.Match[str], wanted: dict[str, tuple[str, int]]
) -> Iterator[tuple[str, str, tuple[int, int], bool]]:
    """(phrase, initials, span, whole) for each stretch of a capitalised run spelling a wanted
    short form; `whole` when it neither starts nor ends inside a longer name."""
    content: list[tuple[str, int, int]] = []  # (initials, start, end) of each non-connective word
    joined: list[bool] = []  # content word i directly follows content word i-1
    pos, after_connective = run.start(), True
    for piece in run.group().split(" "):
        if piece.lower() in CONNECTIVES:
            after_connective = True
        else:
            initials = piece[0] if "-" not in piece else "".join(p[0] for p in piece.split("-") if p)
            content.append((initials.lower(), pos, pos + len(piece)))
            joined.append(not after_connective)
            after_connective = False
        pos += len(piece) + 1
    joined.append(False)
    for first in range(len(content)):
        initials = ""
        for last in range(first, min(len(content), first + 6)):
            initials += content[last][0]
            if len(initials) > 6:
                break
            if len(initials) >= 3 and initials in wanted:
                start, end = content[first][1], content[last][2]
                whole = not joined[first] and not joined[last + 1]
                yield run.string[start:end], initials, (start, end), whole
