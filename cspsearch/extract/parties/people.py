"""People named in a paper, with their job titles: officers, report authors, councillors.

People are taken only with a cue: a title ("Cllr", "Mr"), a labelled field ("Report
Author:") or a job title next to the name ("Martin Adams, Area Manager of ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cspsearch.extract.parties.text import PaperText, without_overlaps
from cspsearch.extract.parties.words import PartyWords, alternation

# A name word, not the start of an e-mail address ("Oliver.Richardson@kent.gov.uk").
_NAME_WORD = r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*(?![\w@]|\.\w)"
_NAME_WORD_RE = re.compile(_NAME_WORD)
_INITIALS = r"(?:[A-Z](?:\.|(?= )) ?){1,3}"
_FULL_NAME = rf"(?:{_INITIALS}{_NAME_WORD}|{_NAME_WORD}(?: {_NAME_WORD}){{1,2}})"
_TRAILING_NAME = re.compile(rf"((?:{_NAME_WORD} ){{1,4}}{_NAME_WORD})$")
_LEADING_NAME = re.compile(rf"{_NAME_WORD} {_NAME_WORD}")
_BARE_NAME_LINE = re.compile(rf"{_NAME_WORD}(?: {_NAME_WORD}){{1,2}}")
_CONNECTIVES = "of|for|and|&|the|at|to|in|on|with"  # the small words inside a job title
_ROLE_CONNECTIVES = frozenset(_CONNECTIVES.split("|"))
# One word of a job title: a capitalised word, a short acronym ("ICT"), or a connective.
_ROLE_WORD = re.compile(rf"[A-Z](?:[a-z][\w'’&-]*|[A-Z]{{1,3}}(?![\w]))|{_CONNECTIVES}")
_ROLE_PREFIX = re.compile(rf"(?:(?:[A-Z][\w'’&-]*|{_CONNECTIVES}) )*$")
_ROLE_REACH = 120  # characters a job title may reach back before its head word
_SEPARATORS = (", ", " – ", " - ", " (")
_LINE_END_OR_FIELD = re.compile(r"[ \t]*(?:$|\n|\t|[A-Z][\w-]*:)")
# What may follow a name written after its job title: a line end, a comma, a phone number.
_NAME_END = re.compile(r"[ \t]*(?:$|\n|\t|,|\(|\d|\S+@)")


@dataclass
class _Person:
    start: int
    end: int
    name: str
    role: str | None
    title: str | None = None
    rank: int = 0  # where mentions overlap the lowest wins: 0 role after the name, 1 before it, 2 none

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "person",
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "role": self.role,
            "title": self.title,
        }


class PeopleFinder:
    """Finds people by title, by labelled field and by job title, never by a name alone."""

    def __init__(self, words: PartyWords) -> None:
        self.words = words
        titles = alternation(words.councillor_titles + words.other_titles)
        labels = alternation(words.labels)
        # No look-behind in front: it would slow the scan; _titled checks the boundary.
        self.titled = re.compile(
            rf"(?P<title>{titles})\s(?P<name>(?:{_INITIALS})?{_NAME_WORD}(?: {_NAME_WORD}){{0,2}})"
        )
        # A label opens the text, a line or a table cell.
        self.labelled = re.compile(
            rf"[\n\t](?P<label>(?i:{labels}))(?::\s*|\t+|\s*\n\s*| )(?P<name>{_FULL_NAME})"
        )
        roles = alternation(words.role_terms)
        self.role_term = re.compile(rf"(?:{roles})\b")  # the word boundary in front: _by_role

    def find(self, paper: PaperText) -> list[dict[str, Any]]:
        """Person entity dicts; where mentions overlap, the one that knows a role wins."""
        people = self._titled(paper) + self._labelled(paper) + self._by_role(paper)
        people.sort(key=lambda p: (2 if p.role is None else p.rank, p.start - p.end))
        chosen = without_overlaps(people, len(paper.text), lambda p: (p.start, p.end))
        return [p.to_dict() for p in sorted(chosen, key=lambda p: p.start)]

    def _titled(self, paper: PaperText) -> list[_Person]:
        """ "Cllr John Perry", "Mr B J Sweetland (Chairman)", "Dr A Ghosh"."""
        out = []
        for match in self.titled.finditer(paper.text):
            if _inside_word(paper.text, match.start()):
                continue
            words = match.group("name").split(" ")
            while words and (words[-1] in self.words.not_names or not _NAME_WORD_RE.fullmatch(words[-1])):
                words.pop()  # "Councillor Jane Smith Cabinet ...", "Mr A"
            end = match.start("name") + len(" ".join(words))
            if not words or not paper.unbroken(match.start("name"), end):
                continue
            title = match.group("title")
            role = self._role_after(paper, end)
            rank = 0
            if role is None and title in self.words.councillor_titles:
                role, rank = "Councillor", 1
            out.append(_Person(match.start(), end, " ".join(words), role, title.rstrip("."), rank))
        return out

    def _labelled(self, paper: PaperText) -> list[_Person]:
        """ "Report Author: Sarah Robson", "Lead Officer and Report Author<TAB>Martyn Jeynes, ..."."""
        out = []
        for match in self.labelled.finditer("\n" + paper.text):  # offsets are one too far
            start, end = match.start("name") - 1, match.end("name") - 1
            if not paper.unbroken(start, end) or not self._is_name(
                match.group("name").split(" "), paper, False
            ):
                continue
            label = " ".join(match.group("label").split())
            role = self._role_after(paper, end)
            rank = 0
            if role is None and self._has_role_term(label):
                role, rank = label, 1
            out.append(_Person(start, end, match.group("name"), role, rank=rank))
        return out

    def _by_role(self, paper: PaperText) -> list[_Person]:
        """A name next to a job title: before it ("Martin Adams, Area Manager of ..."), on the line
        above it (a contact block) or after it ("Corporate Director Amanda Beer")."""
        out = []
        done_until = -1
        for hit in self.role_term.finditer(paper.text):
            if hit.start() < done_until or _inside_word(paper.text, hit.start()):
                continue
            line_start = self._line_start(paper, hit.start())
            role_start = self._role_start(paper, line_start, hit.start())
            phrase = self._role_phrase(paper, role_start)
            if phrase is None:
                continue
            role_end, role = phrase
            person = self._name_before_role(paper, line_start, role_start, role) or self._name_after_role(
                paper, role_end, role
            )
            if person:
                out.append(person)
                done_until = role_end
        return out

    def _line_start(self, paper: PaperText, pos: int) -> int:
        """Where the document line holding `pos` starts (within reach of a job title)."""
        text = paper.text
        start = max(text.rfind("\n", 0, pos), text.rfind("\t", 0, pos), pos - _ROLE_REACH - 1) + 1
        for i in range(pos - 1, start - 1, -1):
            if text[i] == " " and paper.soft_break(i):
                return i + 1
        return start

    def _role_start(self, paper: PaperText, line_start: int, hit: int) -> int:
        prefix = _ROLE_PREFIX.search(paper.text, line_start, hit)
        start = prefix.start() if prefix else hit
        while True:  # a job title starts with a capitalised word, not "of" / "the"
            word = _ROLE_WORD.match(paper.text, start)
            if word is None or word.group() not in _ROLE_CONNECTIVES:
                return start
            start = word.end() + 1

    def _role_phrase(self, paper: PaperText, pos: int) -> tuple[int, str] | None:
        """(end, role) of the job title starting at `pos`: capitalised words and connectives,
        "Director of Children, Young People\\nand Education"; None without a role word."""
        text = paper.text
        words: list[tuple[str, int]] = []
        p: int | None = pos
        while p is not None and len(words) < 16:
            match = _ROLE_WORD.match(text, p)
            if match is None:
                break
            word = match.group()
            if word in ("and", "&") and words and words[-1][0] in self.words.suffixes:
                break  # "Chief Inspector at Kent Police and David Coleman"
            if text.startswith(":", match.end()) or word in self.words.role_stoppers:
                break  # "... Manager Telephone: 01622 ...", "... Services | When I ...", "... and Lt Col"
            if words and word[0].isupper() and self._name_starts(paper, p):
                break  # "... Education and Skills | Sarah Hammond, Corporate Director"
            words.append((word, match.end()))
            p = self._role_continues(paper, match.end(), word)
        while words and words[-1][0] in _ROLE_CONNECTIVES:
            words.pop()
        while words and words[0][0] in _ROLE_CONNECTIVES:  # "the Leader of ..." -> "Leader of ..."
            words.pop(0)
        if not words:
            return None
        start, end = words[0][1] - len(words[0][0]), words[-1][1]
        role = " ".join(text[start:end].split())
        return (end, role) if self._is_role(role) else None

    def _role_continues(self, paper: PaperText, p: int, word: str) -> int | None:
        """Where the job title's next word starts, or None where the title ends."""
        text = paper.text
        if text.startswith(" ", p):
            return p + 1
        if text.startswith(", ", p) and word not in self.words.suffixes and word not in self.words.role_terms:
            # "Director of Children, Young People and Education"; not a list of people.
            segment = re.match(r"[^,.;:()\n\t]*", text[p + 2 : p + 80])
            return p + 2 if segment and (" and " in segment.group() or " & " in segment.group()) else None
        if text.startswith("\n", p):
            nxt = len(text) - len(text[p:].lstrip())
            if (
                word in _ROLE_CONNECTIVES
                or word in self.words.role_openers
                or re.match(r"(?:and|of|for|&) ", text[nxt : nxt + 5])
            ):
                return nxt  # "Deputy Chief\n\nExecutive", "Young People\nand Education"
        return None

    def _name_starts(self, paper: PaperText, pos: int) -> bool:
        """Whether a person's name (two name words, then a line end or a comma) starts at pos."""
        match = _LEADING_NAME.match(paper.text, pos)
        if match is None:
            return False
        if not _NAME_END.match(paper.text, match.end()) and not paper.soft_break(match.end()):
            return False
        return paper.unbroken(pos, match.end()) and self._is_name(match.group().split(" "), paper, True)

    def _name_before_role(
        self, paper: PaperText, line_start: int, role_start: int, role: str
    ) -> _Person | None:
        text = paper.text
        before = text[line_start:role_start]
        separator = next((s for s in _SEPARATORS if before.endswith(s)), None)
        if separator is not None:
            return self._trailing_name(paper, line_start, role_start - len(separator), role)
        if before.strip():
            return None
        # A contact block: the name alone on the line above the job title.
        above_end = len(text[:role_start].rstrip())
        above_start = max(text.rfind("\n", 0, above_end), text.rfind("\t", 0, above_end)) + 1
        for i in range(above_end - 1, above_start, -1):
            if text[i] == " " and paper.soft_break(i):
                above_start = i + 1
                break
        line = text[above_start:above_end]
        if _BARE_NAME_LINE.fullmatch(line) and self._is_name(line.split(" "), paper, True):
            return _Person(above_start, above_end, line, role)
        return None

    def _trailing_name(self, paper: PaperText, lo: int, hi: int, role: str) -> _Person | None:
        """The name ending at `hi`: the whole run of two or three name words, else its last two."""
        match = _TRAILING_NAME.search(paper.text, max(lo, hi - 80), hi)
        if match is None:
            return None
        words = match.group(1).split(" ")
        for candidate in ([words] if len(words) <= 3 else []) + [words[-2:]]:
            name = " ".join(candidate)
            if self._is_name(candidate, paper, True) and paper.unbroken(hi - len(name), hi):
                return _Person(hi - len(name), hi, name, role)
        return None

    def _name_after_role(self, paper: PaperText, role_end: int, role: str) -> _Person | None:
        """ "Corporate Director Amanda Beer" at a line's end or before a phone number."""
        if not paper.text.startswith(" ", role_end) or not self._name_starts(paper, role_end + 1):
            return None
        match = _LEADING_NAME.match(paper.text, role_end + 1)
        return _Person(match.start(), match.end(), match.group(), role, rank=1) if match else None

    def _role_after(self, paper: PaperText, end: int) -> str | None:
        """The job title right after a name: ", Head of ...", " (Chairman)", or the next line."""
        text = paper.text
        for separator in _SEPARATORS:
            if text.startswith(separator, end):
                phrase = self._role_phrase(paper, end + len(separator))
                if phrase and (separator != " (" or text.startswith(")", phrase[0])):
                    return phrase[1]
                return None
        if text.startswith("\n", end) or (text.startswith(" ", end) and paper.soft_break(end)):
            start = len(text) - len(text[end:].lstrip())
            phrase = self._role_phrase(paper, start)
            if phrase and _LINE_END_OR_FIELD.match(text, phrase[0]):
                return phrase[1]
        return None

    def _is_name(self, words: list[str], paper: PaperText, strict: bool) -> bool:
        """Whether words read as a person's name; `strict` also refuses any word the paper writes
        in lower case elsewhere (otherwise only the surname is checked)."""
        if not words or any(w in self.words.not_names for w in words):
            return False
        if not _NAME_WORD_RE.fullmatch(words[-1]):
            return False
        if strict and not all(_NAME_WORD_RE.fullmatch(w) for w in words):
            return False
        checked = words if strict else words[-1:]
        return all(w.lower() not in paper.lower for w in checked)

    def _has_role_term(self, phrase: str) -> bool:
        return any(w.strip(",") in self.words.role_terms for w in phrase.split())

    def _is_role(self, phrase: str) -> bool:
        """A job title: holds a role word, and is more than a vague one ("Executive")."""
        return self._has_role_term(phrase) and phrase not in self.words.weak_roles


def _inside_word(text: str, pos: int) -> bool:
    """Whether pos continues a word ("Mrs" inside "HMrs", "Lead" inside "Unleaded" is no match)."""
    return pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == ".")
