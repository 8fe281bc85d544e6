"""Organisations and people named in a paper: partner bodies, councils, officers, councillors.

Organisations come from the editable list in data/organisations.yaml and the council list
(PhraseMatchers), from a rule for capitalised names ending in an organisation word
("Medway Clinical Commissioning Group"), and from the paper's own acronyms whose long form
is an organisation ("KFRS" after "Kent Fire and Rescue Service (KFRS)").
People are taken only with a cue: a title ("Cllr", "Mr"), a labelled field ("Report
Author:") or a job title next to the name ("Martin Adams, Area Manager of ...").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import yaml
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from cspsearch.extract import CONTEXT_KEY, ENTITIES_KEY

Candidate = tuple[int, int, str, int]  # start, end, canonical name, priority
T = TypeVar("T")

_MAX_NAME_TOKENS = 8
_BULLETS = frozenset({"•", "-", "–", "·", "*", "\u25aa", "\u25cf", "\uf0b7"})
_COUNCIL_ALIAS_ENDS = ("Council", " CC", " BC", " DC")
_WORDS = re.compile(r"[\w'’-]+|&")
_AFTER_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z'’-]*,? $")
_VERB_ENDINGS = ("ed", "ing", "ly")  # "Decreased Agency", "Supporting Kent Police"


# -- Word lists ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyWords:
    """Everything data/organisations.yaml and the council list say, ready to match with."""

    organisations: dict[str, list[str]]  # canonical name -> names and aliases
    organisation_acronyms: dict[str, list[str]]  # canonical name -> case-sensitive short forms
    by_alias: dict[str, str]  # lower-cased alias -> canonical name
    suffixes: frozenset[str]
    not_proper: frozenset[str]  # words that never make a capitalised phrase a proper name
    name_openers: frozenset[str]
    sentence_starters: frozenset[str]
    places: frozenset[str]
    councillor_titles: tuple[str, ...]
    other_titles: tuple[str, ...]
    labels: tuple[str, ...]
    role_terms: frozenset[str]  # the head word of every role: Officer, Manager, Member ...
    not_names: frozenset[str]
    role_stoppers: frozenset[str]  # words that end a job title: contact fields, titles, sentence openers
    weak_roles: frozenset[str]
    role_openers: frozenset[str]  # "Deputy Chief | Executive": a job title broken after these goes on

    def canonical(self, name: str) -> str:
        return self.by_alias.get(name.lower(), name)


@cache
def party_words() -> PartyWords:
    """The word lists, loaded once per process."""
    data = yaml.load(_package_text("cspsearch.extract", "data/organisations.yaml") or "{}", Loader=_loader())
    organisations, acronyms = _listed_organisations(data)
    places = _add_councils(organisations, acronyms)
    lists = {
        key: frozenset(data.get(key) or [])
        for key in (
            "organisation_suffixes",
            "sentence_starters",
            "generic_name_words",
            "not_name_words",
            "contact_words",
            "weak_role_words",
            "role_openers",
            "name_openers",
        )
    }
    titles = data.get("person_titles") or {}
    roles = data.get("role_words") or []
    labels = tuple(sorted(data.get("person_labels") or [], key=len, reverse=True))
    title_words = {
        w
        for t in (titles.get("councillor") or []) + (titles.get("other") or [])
        for w in t.rstrip(".").split()
    }
    role_words = {w for phrase in roles for w in phrase.split()}
    suffixes, starters = lists["organisation_suffixes"], lists["sentence_starters"]
    not_proper = (
        lists["generic_name_words"] | suffixes | starters | lists["not_name_words"] | role_words | title_words
    )
    return PartyWords(
        organisations=organisations,
        organisation_acronyms=acronyms,
        by_alias={alias.lower(): name for name, aliases in organisations.items() for alias in aliases},
        suffixes=suffixes,
        not_proper=not_proper,
        name_openers=lists["name_openers"],
        sentence_starters=starters,
        places=places,
        councillor_titles=tuple(titles.get("councillor") or []),
        other_titles=tuple(titles.get("other") or []),
        labels=labels,
        role_terms=frozenset(r.split()[-1] for r in roles),
        not_names=not_proper | places | {w for label in labels for w in label.split()},
        role_stoppers=lists["contact_words"] | starters | title_words,
        weak_roles=lists["weak_role_words"],
        role_openers=lists["role_openers"],
    )


def _listed_organisations(data: dict[str, Any]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(canonical name -> names and aliases, canonical name -> acronyms) from the YAML list."""
    organisations: dict[str, list[str]] = {}
    acronyms: dict[str, list[str]] = {}
    for entry in data.get("organisations") or []:
        organisations[entry["name"]] = [entry["name"], *(entry.get("aliases") or [])]
        if entry.get("acronyms"):
            acronyms[entry["name"]] = list(entry["acronyms"])
    return organisations, acronyms


def _add_councils(organisations: dict[str, list[str]], acronyms: dict[str, list[str]]) -> frozenset[str]:
    """Add each council's names from the council list (when present); return the place names."""
    text = _package_text("cspsearch", "data/councils.yaml")
    if not text:
        return frozenset()
    places = set()
    for council in (yaml.load(text, Loader=_loader()) or {}).get("councils") or []:
        name = re.sub(r"^The ", "", council.get("name") or "")
        if not name:
            continue
        aliases = [a for a in council.get("aliases") or [] if a.endswith(_COUNCIL_ALIAS_ENDS)]
        organisations.setdefault(name, [name]).extend(aliases)
        shorts = [a for a in council.get("aliases") or [] if a.isupper() and " " not in a]
        if shorts:
            acronyms.setdefault(name, []).extend(shorts)
        places.update((council.get("short_name") or "").split())
    return frozenset(p for p in places if p[:1].isupper() and p not in {"and", "of", "upon", "on"})


def _loader() -> type:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _package_text(package: str, name: str) -> str | None:
    try:
        return resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None


class LowerWords:
    """The words a paper writes in lower case: a capitalised word also found here is no name.

    Read from the tokens, where an e-mail address ("james.brown@medway.gov.uk") is one token;
    `word in LowerWords(doc)` looks the word's hash up among the doc's token ids.
    """

    def __init__(self, doc: Doc) -> None:
        import numpy

        self.strings = doc.vocab.strings
        self.orths = set(numpy.unique(doc.to_array(ORTH)).tolist())

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.islower() and self.strings[word] in self.orths


# -- The component ---------------------------------------------------------------------------


@Language.factory("cspsearch_parties")
def create_parties_component(nlp: Language, name: str) -> PartiesComponent:
    return PartiesComponent(nlp)


class PartiesComponent:
    """Adds organisation and person entity dicts to the doc's entity list."""

    def __init__(self, nlp: Language) -> None:
        self.words = party_words()
        self.people = PeopleFinder(self.words)
        self.known = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.known_acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.suffixes = PhraseMatcher(nlp.vocab, attr="ORTH")
        for canonical, aliases in self.words.organisations.items():
            self.known.add(canonical, list(nlp.tokenizer.pipe(aliases)))
        for canonical, shorts in self.words.organisation_acronyms.items():
            self.known_acronyms.add(canonical, list(nlp.tokenizer.pipe(shorts)))
        self.suffixes.add("suffix", list(nlp.tokenizer.pipe(sorted(self.words.suffixes))))

    def __call__(self, doc: Doc) -> Doc:
        found = doc.user_data.setdefault(ENTITIES_KEY, [])
        context = doc.user_data.get(CONTEXT_KEY)
        text = context.norm.text if context is not None else doc.text  # Doc.text rebuilds the string
        page = _Page(text, LowerWords(doc), context)
        organisations = self.find_organisations(doc, page, found)
        found.extend(organisations)
        found.extend(self.people.find(page))
        return doc

    def find_organisations(self, doc: Doc, page: _Page, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Organisation entity dicts, the longest name winning where mentions overlap."""
        acronyms = [e for e in found if e.get("type") == "acronym"]
        candidates = self._listed(doc, {e["short"] for e in acronyms})
        candidates += self._suffixed(doc, page)
        candidates += self._acronym_uses(page, acronyms)
        return _longest_first(candidates, len(page.text))

    def _listed(self, doc: Doc, defined: set[str]) -> list[Candidate]:
        """Mentions of listed organisations and councils, by name or by listed acronym."""
        strings = doc.vocab.strings
        out = []
        for match_id, start, end in self.known(doc):
            span = doc[start:end]
            if span.text[0].isupper():  # "the home office" in prose is not the Home Office
                out.append((span.start_char, span.end_char, strings[match_id], 2))
        for match_id, start, end in self.known_acronyms(doc):
            span = doc[start:end]
            if span.text not in defined:  # the paper's own definition wins over the list
                out.append((span.start_char, span.end_char, strings[match_id], 2))
        return out

    def _suffixed(self, doc: Doc, page: _Page) -> list[Candidate]:
        """ "Medway Clinical Commissioning Group": capitalised words ending in an organisation word."""
        out = []
        for _, start, _end in self.suffixes(doc):
            if start + 1 < len(doc) and doc[start + 1].text in self.words.suffixes:
                continue  # "Kent Police Authority": the name goes on
            first = self._name_start(doc, start, page)
            if first is None:
                continue
            span = doc[first : start + 1]
            words = _name_words(span.text)
            if self._is_organisation_name(words, page.lower) and self._may_be_council(words):
                name = " ".join(span.text.split())
                out.append((span.start_char, span.end_char, self.words.canonical(name), 1))
        return out

    def _name_start(self, doc: Doc, end: int, page: _Page) -> int | None:
        """Index of the first word of the capitalised name ending at token `end`, if any."""
        first, k, crossed_and = end, end - 1, False
        while k >= 0 and end - k < _MAX_NAME_TOKENS:
            token = doc[k]
            if token.text in ("and", "&") or (token.text == "," and crossed_and):
                if k == 0 or not self._joins_names(doc, k, first, end, page):
                    break
                crossed_and = True
            elif token.text == "-" and not token.whitespace_ and k > 0 and not doc[k - 1].whitespace_:
                pass  # "Decision-Maker": one word in two tokens
            elif token.is_space and _breaks_mid_sentence(doc, k) and self._is_name_word(doc[k - 1]):
                pass  # "the Safer\n\nMaidstone Partnership": a PDF line gap inside a sentence
            elif self._is_name_word(token):
                if first < end and self._table_cell_break(doc, k, first, end, page):
                    break
                first = k
                if token.is_sent_start and not (
                    k > 0 and doc[k - 1].is_space and _breaks_mid_sentence(doc, k - 1)
                ):
                    break
            else:
                break
            k -= 1
        if first < end and _starts_line(doc, first) and not self._opens_name(doc, first, end, page):
            first += 1  # "Supporting Kent Police", "Silver Kent Police": a line's first word
        return first if first < end and doc[first].text != "-" else None

    def _table_cell_break(self, doc: Doc, k: int, first: int, end: int, page: _Page) -> bool:
        """Whether a line break after token k ends a table cell rather than wrapping the name:
        the words after it already make a name ("2024 Silver | Armoured Engineering Ltd") and
        neither the sentence ("the Safer | Maidstone ...") nor the paper elsewhere joins them."""
        token = doc[k]
        if not token.whitespace_ or not page.soft_break(token.idx + len(token.text)):
            return False
        if not self._is_organisation_name(_name_words(doc[first : end + 1].text), page.lower):
            return False  # "Medway Clinical | Commissioning Group": a wrapped name
        if k > 0 and doc[k - 1].is_lower and doc[k - 1].is_alpha:
            return False
        return not _seen_inside_sentence(page.text, doc[k : end + 1].text)

    def _joins_names(self, doc: Doc, k: int, first: int, end: int, page: _Page) -> bool:
        """Whether the "and" / "&" / "," at token k lies inside one name: between places ("Kent
        and Medway ...", "Kent, Surrey and Sussex ..."), or where the words after it are no name
        by themselves ("Fire and | Rescue Service"), unlike "Kent Police and | Medway Council"."""
        left = doc[k - 1]
        if not self._is_name_word(left) or left.text in self.words.suffixes:
            return False
        if left.text in self.words.places:
            return True
        return doc[k].text != "," and not self._is_organisation_name(
            _name_words(doc[first : end + 1].text), page.lower
        )

    def _opens_name(self, doc: Doc, first: int, end: int, page: _Page) -> bool:
        """Whether a capitalised word opening a line belongs to the name after it.

        A place or a name opener ("East") does; a word before a name that stands on its own
        ("Silver | Kent Police" in a table) does only if the paper also writes the whole name
        inside a sentence; any other word does unless the paper writes it in lower case.
        """
        word = doc[first].text
        if word in self.words.places or word in self.words.name_openers:
            return True
        rest = _name_words(doc[first + 1 : end + 1].text)
        if len(rest) >= 2 and self._is_organisation_name(rest, page.lower):
            return _seen_inside_sentence(page.text, doc[first : end + 1].text)
        return word.lower() not in page.lower and not word.endswith(_VERB_ENDINGS)

    def _is_name_word(self, token: Token) -> bool:
        """A capitalised word that may be part of a name; acronyms are names of their own."""
        text = token.text
        if not text[:1].isupper() or text in self.words.sentence_starters:
            return False
        return text.isalpha() and not (text.isupper() and len(text) > 1)

    def _is_organisation_name(self, words: list[str], lower: LowerWords) -> bool:
        """A name needs a proper word before its last: a place, or a word that is neither common
        in such names nor written in lower case in the paper."""
        return any(self._is_proper(w, lower) for w in words[:-1] if w not in ("and", "&"))

    def _is_proper(self, word: str, lower: LowerWords) -> bool:
        if "-" in word:  # "Decision-Maker" is proper only if every part is
            return all(self._is_proper(part, lower) for part in word.split("-") if part)
        if word in self.words.places:
            return True
        return word not in self.words.not_proper and word.lower() not in lower and not word.isdigit()

    def _may_be_council(self, words: list[str]) -> bool:
        """ "<Place> Council": a council the list knows, or one named after a known place (not
        "March County Council" out of a table)."""
        if words[-1] != "Council" or not self.words.places:
            return True
        name = " ".join(words)
        return self.words.canonical(name) != name or any(w in self.words.places for w in words[:-1])

    def _acronym_uses(self, page: _Page, acronyms: list[dict[str, Any]]) -> list[Candidate]:
        """Uses of the paper's acronyms whose long form names an organisation."""
        names: dict[str, str] = {}
        definitions = []
        for entity in acronyms:
            definitions.append((entity["start"], entity["end"]))
            name = self._organisation_for(entity["long"], page.lower, entity.get("form") == "inferred")
            if name:
                names.setdefault(entity["short"], name)
        if not names:
            return []
        alternatives = "|".join(re.escape(s) for s in sorted(names, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w-])({alternatives})s?(?![\w-])")
        return [
            (m.start(), m.end(), names[m.group(1)], 1)
            for m in pattern.finditer(page.text)
            if not any(a <= m.start() < b for a, b in definitions)
        ]

    def _organisation_for(self, long: str, lower: LowerWords, inferred: bool) -> str | None:
        """The organisation an acronym's long form names, or None when it names none; an
        acronym the paper never defines counts only when it stands for a listed organisation."""
        canonical = self.words.canonical(long)
        if canonical in self.words.organisations:
            return canonical
        if inferred:
            return None
        words = _name_words(long)
        last = words[-1]
        if last in self.words.suffixes or last.removesuffix("s") in self.words.suffixes:
            if self._is_organisation_name(words, lower):
                return long
        return None


def _inside_word(text: str, pos: int) -> bool:
    """Whether pos continues a word ("Mrs" inside "HMrs", "Lead" inside "Unleaded" is no match)."""
    return pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == ".")


def _name_words(text: str) -> list[str]:
    """The words of a name, without commas: "Kent, Surrey and Sussex" -> Kent Surrey and Sussex."""
    return _WORDS.findall(text)


def _seen_inside_sentence(text: str, phrase: str) -> bool:
    """Whether `phrase` occurs somewhere after a lower-case word ("by the Safer Maidstone ...")."""
    pattern = re.compile(r"\s+".join(re.escape(w) for w in phrase.split()))
    return any(
        _AFTER_LOWER_WORD.search(text, max(0, m.start() - 40), m.start()) for m in pattern.finditer(text)
    )


def _breaks_mid_sentence(doc: Doc, k: int) -> bool:
    """Whether the line break at token k falls inside a sentence ("... the Safer | Maidstone")."""
    return k >= 2 and doc[k - 2].is_lower and doc[k - 2].is_alpha


def _starts_line(doc: Doc, i: int) -> bool:
    if i == 0 or doc[i].is_sent_start:
        return True
    before = doc[i - 1]
    return before.is_space or before.text in _BULLETS or "\n" in before.whitespace_


def _longest_first(candidates: list[Candidate], size: int) -> list[dict[str, Any]]:
    """One entity per place: where mentions overlap, the longest (then the listed one) wins."""
    candidates = sorted(candidates, key=lambda c: (c[0] - c[1], -c[3], c[0]))
    chosen = sorted(_without_overlaps(candidates, size, lambda c: (c[0], c[1])))
    return [{"type": "organisation", "start": s, "end": e, "name": name} for s, e, name, _ in chosen]


def _without_overlaps(items: list[T], size: int, span: Callable[[T], tuple[int, int]]) -> list[T]:
    """The items, best first, each kept unless it overlaps one kept before it."""
    taken = bytearray(size + 1)
    kept = []
    for item in items:
        start, end = span(item)
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            kept.append(item)
    return kept


# -- People ----------------------------------------------------------------------------------

# A name word, not the start of an e-mail address ("Oliver.Richardson@kent.gov.uk").
_NAME_WORD = r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*(?![\w@]|\.\w)"
_NAME_WORD_RE = re.compile(_NAME_WORD)
_SPACE = re.compile(r"[ \n\t]")
_INITIALS = r"(?:[A-Z](?:\.|(?= )) ?){1,3}"
_FULL_NAME = rf"(?:{_INITIALS}{_NAME_WORD}|{_NAME_WORD}(?: {_NAME_WORD}){{1,2}})"
_TRAILING_NAME = re.compile(rf"((?:{_NAME_WORD} ){{1,4}}{_NAME_WORD})$")
_LEADING_NAME = re.compile(rf"{_NAME_WORD} {_NAME_WORD}")
_BARE_NAME_LINE = re.compile(rf"{_NAME_WORD}(?: {_NAME_WORD}){{1,2}}")
# One word of a job title: a capitalised word, a short acronym ("ICT"), or a connective.
_ROLE_WORD = re.compile(r"[A-Z](?:[a-z][\w'’&-]*|[A-Z]{1,3}(?![\w]))|of|for|and|&|the|at|to|in|on|with")
_ROLE_PREFIX = re.compile(r"(?:(?:[A-Z][\w'’&-]*|of|for|and|&|the|at|to|in|on|with) )*$")
_ROLE_CONNECTIVES = frozenset({"of", "for", "and", "&", "the", "at", "to", "in", "on", "with"})
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


@dataclass(frozen=True)
class _Page:
    """The normalised text, its lower-case words, and where its spaces were line breaks."""

    text: str
    lower: LowerWords
    context: Any = None  # ExtractionContext, when the doc came through extract_entities

    def soft_break(self, i: int) -> bool:
        """Whether the space at normalised offset i stood for a line break in the document."""
        if i >= len(self.text) or self.text[i] == "\n":
            return True
        if self.context is None or self.text[i] != " ":
            return False
        norm = self.context.norm
        a = norm.offsets[i]
        b = norm.offsets[i + 1] if i + 1 < len(norm.offsets) else norm.original_length
        return "\n" in self.context.original[a:b]

    def unbroken(self, start: int, end: int) -> bool:
        """Whether text[start:end] sits on one line of the document."""
        return not any(self.soft_break(m.start()) for m in _SPACE.finditer(self.text, start, end))


class PeopleFinder:
    """Finds people by title, by labelled field and by job title, never by a name alone."""

    def __init__(self, words: PartyWords) -> None:
        self.words = words
        titles = "|".join(
            re.escape(t) for t in sorted(words.councillor_titles + words.other_titles, key=len, reverse=True)
        )
        labels = "|".join(re.escape(label) for label in words.labels)
        # No look-behind in front: it would slow the scan; _titled checks the boundary.
        self.titled = re.compile(
            rf"(?P<title>{titles})\s(?P<name>(?:{_INITIALS})?{_NAME_WORD}(?: {_NAME_WORD}){{0,2}})"
        )
        # A label opens the text, a line or a table cell.
        self.labelled = re.compile(
            rf"[\n\t](?P<label>(?i:{labels}))(?::\s*|\t+|\s*\n\s*| )(?P<name>{_FULL_NAME})"
        )
        roles = "|".join(re.escape(r) for r in sorted(words.role_terms, key=len, reverse=True))
        self.role_term = re.compile(rf"(?:{roles})\b")  # the word boundary in front: _by_role

    def find(self, page: _Page) -> list[dict[str, Any]]:
        """Person entity dicts; where mentions overlap, the one that knows a role wins."""
        people = self._titled(page) + self._labelled(page) + self._by_role(page)
        people.sort(key=lambda p: (2 if p.role is None else p.rank, p.start - p.end))
        chosen = _without_overlaps(people, len(page.text), lambda p: (p.start, p.end))
        return [p.to_dict() for p in sorted(chosen, key=lambda p: p.start)]

    def _titled(self, page: _Page) -> list[_Person]:
        """ "Cllr John Perry", "Mr B J Sweetland (Chairman)", "Dr A Ghosh"."""
        out = []
        for match in self.titled.finditer(page.text):
            if _inside_word(page.text, match.start()):
                continue
            words = match.group("name").split(" ")
            while words and (words[-1] in self.words.not_names or not _NAME_WORD_RE.fullmatch(words[-1])):
                words.pop()  # "Councillor Jane Smith Cabinet ...", "Mr A"
            end = match.start("name") + len(" ".join(words))
            if not words or not page.unbroken(match.start("name"), end):
                continue
            title = match.group("title")
            role = self._role_after(page, end)
            rank = 0
            if role is None and title in self.words.councillor_titles:
                role, rank = "Councillor", 1
            out.append(_Person(match.start(), end, " ".join(words), role, title.rstrip("."), rank))
        return out

    def _labelled(self, page: _Page) -> list[_Person]:
        """ "Report Author: Sarah Robson", "Lead Officer and Report Author<TAB>Martyn Jeynes, ..."."""
        out = []
        for match in self.labelled.finditer("\n" + page.text):  # offsets are one too far
            start, end = match.start("name") - 1, match.end("name") - 1
            if not page.unbroken(start, end) or not self._is_name(
                match.group("name").split(" "), page, False
            ):
                continue
            label = " ".join(match.group("label").split())
            role = self._role_after(page, end)
            rank = 0
            if role is None and self._has_role_term(label):
                role, rank = label, 1
            out.append(_Person(start, end, match.group("name"), role, rank=rank))
        return out

    def _by_role(self, page: _Page) -> list[_Person]:
        """A name next to a job title: before it ("Martin Adams, Area Manager of ..."), on the line
        above it (a contact block) or after it ("Corporate Director Amanda Beer")."""
        out = []
        done_until = -1
        for hit in self.role_term.finditer(page.text):
            if hit.start() < done_until or _inside_word(page.text, hit.start()):
                continue
            line_start = self._line_start(page, hit.start())
            role_start = self._role_start(page, line_start, hit.start())
            phrase = self._role_phrase(page, role_start)
            if phrase is None:
                continue
            role_end, role = phrase
            person = self._name_before_role(page, line_start, role_start, role) or self._name_after_role(
                page, role_end, role
            )
            if person:
                out.append(person)
                done_until = role_end
        return out

    def _line_start(self, page: _Page, pos: int) -> int:
        """Where the document line holding `pos` starts (within reach of a job title)."""
        text = page.text
        start = max(text.rfind("\n", 0, pos), text.rfind("\t", 0, pos), pos - _ROLE_REACH - 1) + 1
        for i in range(pos - 1, start - 1, -1):
            if text[i] == " " and page.soft_break(i):
                return i + 1
        return start

    def _role_start(self, page: _Page, line_start: int, hit: int) -> int:
        prefix = _ROLE_PREFIX.search(page.text, line_start, hit)
        start = prefix.start() if prefix else hit
        while True:  # a job title starts with a capitalised word, not "of" / "the"
            word = _ROLE_WORD.match(page.text, start)
            if word is None or word.group() not in _ROLE_CONNECTIVES:
                return start
            start = word.end() + 1

    def _role_phrase(self, page: _Page, pos: int) -> tuple[int, str] | None:
        """(end, role) of the job title starting at `pos`: capitalised words and connectives,
        "Director of Children, Young People\\nand Education"; None without a role word."""
        text = page.text
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
            if words and word[0].isupper() and self._name_starts(page, p):
                break  # "... Education and Skills | Sarah Hammond, Corporate Director"
            words.append((word, match.end()))
            p = self._role_continues(page, match.end(), word)
        while words and words[-1][0] in _ROLE_CONNECTIVES:
            words.pop()
        while words and words[0][0] in _ROLE_CONNECTIVES:  # "the Leader of ..." -> "Leader of ..."
            words.pop(0)
        if not words:
            return None
        start, end = words[0][1] - len(words[0][0]), words[-1][1]
        role = " ".join(text[start:end].split())
        return (end, role) if self._is_role(role) else None

    def _role_continues(self, page: _Page, p: int, word: str) -> int | None:
        """Where the job title's next word starts, or None where the title ends."""
        text = page.text
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

    def _name_starts(self, page: _Page, pos: int) -> bool:
        """Whether a person's name (two name words, then a line end or a comma) starts at pos."""
        match = _LEADING_NAME.match(page.text, pos)
        if match is None:
            return False
        if not _NAME_END.match(page.text, match.end()) and not page.soft_break(match.end()):
            return False
        return page.unbroken(pos, match.end()) and self._is_name(match.group().split(" "), page, True)

    def _name_before_role(self, page: _Page, line_start: int, role_start: int, role: str) -> _Person | None:
        text = page.text
        before = text[line_start:role_start]
        separator = next((s for s in _SEPARATORS if before.endswith(s)), None)
        if separator is not None:
            return self._trailing_name(page, line_start, role_start - len(separator), role)
        if before.strip():
            return None
        # A contact block: the name alone on the line above the job title.
        above_end = len(text[:role_start].rstrip())
        above_start = max(text.rfind("\n", 0, above_end), text.rfind("\t", 0, above_end)) + 1
        for i in range(above_end - 1, above_start, -1):
            if text[i] == " " and page.soft_break(i):
                above_start = i + 1
                break
        line = text[above_start:above_end]
        if _BARE_NAME_LINE.fullmatch(line) and self._is_name(line.split(" "), page, True):
            return _Person(above_start, above_end, line, role)
        return None

    def _trailing_name(self, page: _Page, lo: int, hi: int, role: str) -> _Person | None:
        """The name ending at `hi`: the whole run of two or three name words, else its last two."""
        match = _TRAILING_NAME.search(page.text, max(lo, hi - 80), hi)
        if match is None:
            return None
        words = match.group(1).split(" ")
        for candidate in ([words] if len(words) <= 3 else []) + [words[-2:]]:
            name = " ".join(candidate)
            if self._is_name(candidate, page, True) and page.unbroken(hi - len(name), hi):
                return _Person(hi - len(name), hi, name, role)
        return None

    def _name_after_role(self, page: _Page, role_end: int, role: str) -> _Person | None:
        """ "Corporate Director Amanda Beer" at a line's end or before a phone number."""
        if not page.text.startswith(" ", role_end) or not self._name_starts(page, role_end + 1):
            return None
        match = _LEADING_NAME.match(page.text, role_end + 1)
        return _Person(match.start(), match.end(), match.group(), role, rank=1) if match else None

    def _role_after(self, page: _Page, end: int) -> str | None:
        """The job title right after a name: ", Head of ...", " (Chairman)", or the next line."""
        text = page.text
        for separator in _SEPARATORS:
            if text.startswith(separator, end):
                phrase = self._role_phrase(page, end + len(separator))
                if phrase and (separator != " (" or text.startswith(")", phrase[0])):
                    return phrase[1]
                return None
        if text.startswith("\n", end) or (text.startswith(" ", end) and page.soft_break(end)):
            start = len(text) - len(text[end:].lstrip())
            phrase = self._role_phrase(page, start)
            if phrase and _LINE_END_OR_FIELD.match(text, phrase[0]):
                return phrase[1]
        return None

    def _is_name(self, words: list[str], page: _Page, strict: bool) -> bool:
        """Whether words read as a person's name; `strict` also refuses any word the paper writes
        in lower case elsewhere (otherwise only the surname is checked)."""
        if not words or any(w in self.words.not_names for w in words):
            return False
        if not _NAME_WORD_RE.fullmatch(words[-1]):
            return False
        if strict and not all(_NAME_WORD_RE.fullmatch(w) for w in words):
            return False
        checked = words if strict else words[-1:]
        return all(w.lower() not in page.lower for w in checked)

    def _has_role_term(self, phrase: str) -> bool:
        return any(w.strip(",") in self.words.role_terms for w in phrase.split())

    def _is_role(self, phrase: str) -> bool:
        """A job title: holds a role word, and is more than a vague one ("Executive")."""
        return self._has_role_term(phrase) and phrase not in self.words.weak_roles
