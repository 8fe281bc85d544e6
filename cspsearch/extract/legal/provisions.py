"""Provision citations ("section 5(1)(a)", "Sections 5 to 7", "paragraph 3 of Part 1 of Schedule 12A"): the one grammar.

It finds them in a paper's text, normalises them ("s.5(1)(a)", "ss.5-7", "sch.12A pt.1 para.3"),
links them on legislation.gov.uk, reads the provisions people type (law --provision, a member's
question) the same way, and says which cited provision falls under which.

A provision is one or more units (keyword + number) joined by "of"/"to"/commas. The
regexes anchor on the keywords, which are rare enough to keep the scan cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Unit keyword -> normalised prefix (singular, plural). Grammar of citation, not a word list.
_PREFIX = {
    "s": ("s.", "ss."), "reg": ("reg.", "regs."), "sch": ("sch.", "schs."), "art": ("art.", "arts."),
    "pt": ("pt.", "pts."), "ch": ("ch.", "chs."), "para": ("para.", "paras."), "r": ("r.", "rr."),
    "so": ("so.", "so."),
}
# Units ordered from the outside in, as a normalised path reads: "sch.12A pt.1 para.3".
_RANK = {"sch": 0, "pt": 1, "ch": 2, "s": 3, "reg": 3, "art": 3, "r": 3, "so": 3, "para": 4}
_LEGISLATION_PATH = {"s": "section", "reg": "regulation", "sch": "schedule", "art": "article", "pt": "part"}

_KEYWORDS = r"""
    (?P<s>[Ss]ections?|SECTIONS?|[Ss]ect?\.|[Ss]s?\.|[Ss]s(?=\ \d)|[Ss](?=\d))
  | (?P<reg>[Rr]egulations?|REGULATION|[Rr]egs?\.?)
  | (?P<sch>[Ss]chedules?|SCHEDULE|[Ss]chs?\.?|[Ss]ched\.?)
  | (?P<art>[Aa]rticles?|ARTICLE|[Aa]rts?\.)
  | (?P<pt>[Pp]arts?|PART|[Pp]t\.?)
  | (?P<ch>[Cc]hapters?|CHAPTER|[Cc]h\.)
  | (?P<para>[Pp]aragraphs?|[Pp]aras?\.?)
  | (?P<so>[Ss]tanding\ [Oo]rders?)
  | (?P<r>[Rr]ules?|[Rr]\.)
"""
# A number: 17, 12A, 9FB, 17.67, 5(1)(a), 23 (3); never a year, "2024/25" or an ordinal ("13th").
_NUMBER = r"""(?:\d{1,3}(?![\d/])(?!(?:st|nd|rd|th)\b)[A-Za-z]{0,3}(?:\.\d{1,3}[A-Z]?)*(?![\d/])(?:\ ?\((?:\d{1,3}[A-Za-z]?|[a-z]{1,4})\))*
               |(?<=[Pp]art\ )[IVX]{1,4}\b|(?<=PART\ )[IVX]{1,4}\b)"""
# Only spaces inside a citation: a line break kept by normalisation starts a list item or a new line.
_MORE = r"(?:\ ?(?:-|–|—|to|and|&|,|or)\ ?(?:[SsRr](?:s|egs?)?\.\ ?)?" + _NUMBER + r")*"
UNIT_RE = re.compile(
    r"(?<![\w.])(?:" + _KEYWORDS + r")\ ?(?P<num>" + _NUMBER + _MORE + r")(?![\w/])", re.VERBOSE
)
# What may join two units of one provision: "paragraph 3 of Part 1 of Schedule 12A", "Sch 12A, Part 1".
_UNIT_GAP = re.compile(r" ?,? ?(?:(?:of|to|in) (?:the )?)?")
_RANGE_SEP = re.compile(r"-|–|—|\bto\b")
_NUM_ONLY = re.compile(_NUMBER, re.VERBOSE)


@dataclass(frozen=True)
class Unit:
    kind: str  # a key of _PREFIX
    numbers: str  # normalised: "5-7", "5(1)(a)", "32,43"
    plural: bool
    start: int
    end: int

    @property
    def normalised(self) -> str:
        return _PREFIX[self.kind][self.plural] + self.numbers


@dataclass(frozen=True)
class Provision:
    """A cited provision: its units outermost first, and where it stands in the text."""

    units: tuple[Unit, ...]
    start: int
    end: int

    @property
    def head(self) -> Unit:
        """The unit that decides what kind of instrument it belongs to (the first written)."""
        return min(self.units, key=lambda u: u.start)

    @property
    def kept_units(self) -> tuple[Unit, ...]:
        """The units the normalised path keeps: a schedule keeps every level; otherwise the
        section (regulation, article) stands alone, the Part it sits in being redundant."""
        if any(u.kind == "sch" for u in self.units):
            return self.units
        leaves = [u for u in self.units if _RANK[u.kind] == 3]
        if leaves:
            return (leaves[0],) + tuple(u for u in self.units if u.kind == "para")
        return self.units

    @property
    def normalised(self) -> str:
        return " ".join(u.normalised for u in self.kept_units)


def find_provisions(text: str) -> list[Provision]:
    """Every provision citation in `text`, adjacent units joined into one."""
    provisions: list[Provision] = []
    group: list[Unit] = []
    for match in UNIT_RE.finditer(text):
        unit = _unit(match)
        if group and not _UNIT_GAP.fullmatch(text, group[-1].end, unit.start):
            provisions.append(_provision(group))
            group = []
        group.append(unit)
    if group:
        provisions.append(_provision(group))
    return provisions


def _provision(units: list[Unit]) -> Provision:
    return Provision(tuple(sorted(units, key=lambda u: _RANK[u.kind])), units[0].start, units[-1].end)


def _unit(match: re.Match[str]) -> Unit:
    kind = next(k for k in _PREFIX if match.group(k))
    numbers, plural = _numbers(match)
    if match.group("s") and match.group("s").lower().startswith("ss"):
        plural = True
    return Unit(kind, numbers, plural, match.start(), match.end())


def _numbers(unit: re.Match[str]) -> tuple[str, bool]:
    """'5 to 7' -> '5-7'; '32, 43 and 93' -> '32,43,93'; '23 (3)' -> '23(3)'; plural when several."""
    text, start, end = unit.string, unit.start("num"), unit.end("num")
    parts: list[str] = []
    pos = start
    for match in _NUM_ONLY.finditer(text, start, end):
        if parts:
            parts.append("-" if _RANGE_SEP.search(text, pos, match.start()) else ",")
        parts.append(_number(match.group()))
        pos = match.end()
    return "".join(parts), len(parts) > 1


def _number(raw: str) -> str:
    raw = raw.replace(" ", "")
    head, _, tail = raw.partition("(")
    return head.upper() + ("(" + tail if tail else "")


def legislation_url(uri: str | None, provision: Provision | None) -> str | None:
    """The legislation.gov.uk page for an instrument or one of its provisions.

    A range or list ("ss.5-7") links its first provision; a schedule path links the
    schedule (with its part when cited); a unit the site has no page kind for
    (paragraph alone, chapter) links the instrument as a whole.
    """
    if not uri:
        return None
    base = f"https://www.legislation.gov.uk/{uri}"
    if provision is None:
        return base
    path: list[str] = []
    for unit in provision.kept_units:
        kind = _LEGISLATION_PATH.get(unit.kind)
        if kind is None or (path and unit.kind != "pt"):
            break
        path.append(f"{kind}/{_first_number(unit.numbers)}")
        if unit.kind != "sch":
            break
    return base + ("/" + "/".join(path) if path else "")


def _first_number(numbers: str) -> str:
    return re.split(r"[-,(]", numbers, maxsplit=1)[0]


# -- provisions people type ("law --provision", a member's question) --------------------
# A typed abbreviation may stand apart from its number ("s 17", "reg 5"); in a paper's prose a
# lone "s" is too often something else, so only typed text (a flag, a question) is joined up.
_TYPED_ABBREVIATION = re.compile(r"(?<![\w.])(ss?|regs?|schs?|arts?|paras?|pts?)\.?\s+(?=\d)", re.I)
# What a question asks about by provision; its "Part 2" or "paragraph 4" is more often the paper's own.
_ASKED_KINDS = frozenset({"s", "reg", "sch", "art"})
# A normalised prefix ("ss", "regs", "s") -> its unit kind ("s", "reg", "s").
_KIND_OF_PREFIX = {prefix.rstrip("."): kind for kind, pair in _PREFIX.items() for prefix in pair}


def normalise_provision(text: str | None) -> str | None:
    """A provision someone typed, written as the extractor writes the ones it finds (the same grammar):
    'section 17' -> 's.17', 'sections 5 to 7' -> 'ss.5-7', a bare '17' -> 's.17'. Text that is not one
    provision comes back folded (lower case, single spaces)."""
    if not text:
        return None
    raw = " ".join(text.replace("–", "-").split())
    if re.fullmatch(r"\d+\w*(\(\w+\))*", raw):
        raw = "s." + raw
    joined = _join_abbreviations(raw)
    found = find_provisions(joined)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(joined):
        return found[0].normalised
    return raw.lower()


def provision_asked(question: str) -> str | None:
    """The first section, regulation, schedule or article a typed question cites, normalised
    ('What does section 17 require?' -> 's.17'); None when it cites none."""
    for provision in find_provisions(_join_abbreviations(question)):
        if any(unit.kind in _ASKED_KINDS for unit in provision.units):
            return provision.normalised
    return None


def _join_abbreviations(typed: str) -> str:
    return _TYPED_ABBREVIATION.sub(lambda m: m.group(1) + ".", typed)


def provision_span(provision: str) -> tuple[str, int, int] | None:
    """('s', 5, 7) for 'ss.5-7', ('s', 17, 17) for 's.17(1)'; None when it has no leading number."""
    match = re.match(r"([a-z]+)\.(\d+)(?:-(\d+))?", provision)
    if not match:
        return None
    return _KIND_OF_PREFIX.get(match[1], match[1]), int(match[2]), int(match[3] or match[2])


def provision_matches(wanted: str | None, have: str | None) -> bool:
    """True when a cited provision falls under the wanted one (s.6 under ss.5-7, s.5(1)(a) under s.5)."""
    if not wanted:
        return True
    if not have:
        return False
    if have == wanted or have.startswith(wanted + "("):
        return True
    want_span, have_span = provision_span(wanted), provision_span(have)
    if not want_span or not have_span or want_span[0] != have_span[0]:
        return False
    same_number = have_span[1] == have_span[2] and want_span[1] == want_span[2]
    if same_number:  # s.17 and s.17A differ: compare the written number, not just its digits
        return re.sub(r"\(.*", "", have.split(".", 1)[1]) == re.sub(r"\(.*", "", wanted.split(".", 1)[1])
    return want_span[1] <= have_span[2] and have_span[1] <= want_span[2]
