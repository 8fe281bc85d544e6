"""The community safety theme taxonomy: which themes a text names, their labels and search synonyms.

Pure Python (no spaCy): search, compare and the priority extractor all use it. The
taxonomy itself is the data file `cspsearch/data/themes.yaml`, which a person can extend.

Matching forgives what council papers vary: capitals, hyphens and spacing inside
words ("anti social" = "anti-social" = "antisocial"), "&" for "and", plurals and
verb endings, small words and the order of words within a short span. Acronyms
count only as whole words in capitals ("ASB", never "asb"), and generic words
("victims", "safeguarding") only when nothing more specific is named.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cspsearch.errors import NotFoundError
from cspsearch.resources import SHARED, read_text
from cspsearch.vocab.taxonomy import (
    DATA_FILE,
    TaxonomyError,
    Theme,
    read_taxonomy_file,
    synonym_groups,
)
from cspsearch.vocab.theme_phrases import PhraseIndex, Stems, clean_text, stem

_TOKEN = re.compile(r"[A-Za-z0-9]+|[.;:!?\n\u2022\u00b7]")
_CLAUSE_GAP = 50  # word positions skipped at a clause break, so no phrasing matches across it


@dataclass
class _Tokens:
    """A text as the stems it holds at word positions, and the acronyms and names it uses."""

    stems: Stems
    named: list[tuple[str, int]]  # (theme id, char offset)


class Taxonomy:
    """The loaded taxonomy with a compiled matcher."""

    def __init__(self, themes: list[Theme], solid_prefixes: tuple[str, ...] = (), crime_words: tuple[str, ...] = ()):
        self._order = {theme.id: n for n, theme in enumerate(themes)}
        self.themes: tuple[Theme, ...] = tuple(themes)
        self._by_id = {t.id: t for t in themes}
        self._solid_prefixes = frozenset(solid_prefixes)
        self._phrases = PhraseIndex(themes)
        self._acronyms = {a: t.id for t in themes for a in t.acronym_map}
        self._crime_stems = frozenset(s for word in crime_words for s in self._phrases.words(word)[:1])
        self._vocabulary = frozenset(s for phrase in self._phrases.phrases for s in phrase.stems) | self._crime_stems
        self._known_stems: dict[str, str] = {}  # word -> its stem if a phrasing uses it, else ""
        self._names = {n: t.id for t in themes for n in t.names}

    # -- public -----------------------------------------------------------------
    def theme(self, theme_id: str) -> Theme:
        """The theme with this id; NotFoundError when there is none."""
        try:
            return self._by_id[theme_id]
        except KeyError:
            known = ", ".join(sorted(self._by_id))
            raise NotFoundError(f"There is no theme '{theme_id}'. Known themes: {known}.") from None

    def label(self, theme_id: str) -> str:
        """The label of a theme; an unknown id (e.g. from an older taxonomy) is returned as it is."""
        theme = self._by_id.get(theme_id)
        return theme.label if theme else theme_id

    def resolve(self, name: str) -> str:
        """The id of the theme a person means by `name`: an id, a label or any phrasing."""
        wanted = name.strip()
        for theme in self.themes:
            if wanted.lower() in (theme.id, theme.label.lower()):
                return theme.id
        found = self.match(wanted) or self.match(wanted.upper())
        if len(found) == 1:
            return found[0]
        if found:
            raise NotFoundError(f"'{name}' could mean several themes: {', '.join(found)}. Name one of them.")
        return self.theme(wanted.lower().replace(" ", "_")).id

    def match(self, text: str) -> list[str]:
        """Ids of the themes `text` names, in order of first appearance."""
        if not text:
            return []
        tokens = self._tokenise_text(text)
        strong: dict[str, int] = {}
        weak: dict[str, int] = {}
        speaks_of_crime = not self._crime_stems.isdisjoint(tokens.stems)
        for phrase, offset in self._phrases.hits(tokens.stems):
            if phrase.near_crime and not speaks_of_crime:
                continue
            found = weak if phrase.weak else strong
            if offset < found.get(phrase.theme, offset + 1):
                found[phrase.theme] = offset
        for theme_id, offset in tokens.named:
            if offset < strong.get(theme_id, offset + 1):
                strong[theme_id] = offset
        hits = strong or weak
        # Ties at one offset ("Gangs & CSE" names two themes at once) keep taxonomy order,
        # so the same text always gives the same list.
        return sorted(hits, key=lambda t: (hits[t], self._order.get(t, 0)))

    def synonyms(self) -> list[set[str]]:
        """Sets of interchangeable wordings (acronym <-> phrases, spelling variants) for search."""
        return synonym_groups(self.themes, self._solid_prefixes)

    # -- matching -----------------------------------------------------------------
    def _tokenise_text(self, text: str) -> _Tokens:
        """One pass over the words: stems at positions, plus acronym and name hits."""
        text = clean_text(text)
        tokens = _Tokens(defaultdict(list), [])
        position, fresh_clause = 0, True
        held: tuple[str, int, int] | None = None  # a word that may join the next ("anti" + "social")
        for m in _TOKEN.finditer(text):
            word = m.group()
            if not word[0].isalnum():
                fresh_clause = True
                continue
            position += _CLAUSE_GAP if fresh_clause and position else 1
            if word[0].isupper() and (word in self._names or word in self._acronyms
                                      or (word[-1] == "s" and word[:-1] in self._acronyms)):
                self._note_capitalised(word, m.start(), fresh_clause, text, tokens)
            fresh_clause = False
            low = word.lower()
            if held is not None:
                if held[2] + 1 == position and held[0] + low in self._phrases.joinable:
                    self._add(tokens, held[0] + low, held[2], held[1])
                    held = None
                    continue
                self._add(tokens, held[0], held[2], held[1])
            held = (low, m.start(), position) if low in self._phrases.join_heads else None
            if held is None:
                self._add(tokens, low, position, m.start())
        if held is not None:
            self._add(tokens, held[0], held[2], held[1])
        return tokens

    def _add(self, tokens: _Tokens, word: str, position: int, offset: int) -> None:
        known = self._known_stems.get(word)
        if known is None:
            if len(self._known_stems) > 200_000:  # bound the memo on endless vocabularies
                self._known_stems.clear()
            known = stem(word)
            known = self._known_stems[word] = known if known in self._vocabulary else ""
        if known:
            tokens.stems[known].append((position, offset))

    def _note_capitalised(self, word: str, offset: int, starts_clause: bool, text: str, tokens: _Tokens) -> None:
        """Acronyms (whole words in capitals) and names (capitalised inside a sentence)."""
        if word in self._names:
            if not starts_clause:
                tokens.named.append((self._names[word], offset))
            return
        key = word if word in self._acronyms else word[:-1]
        if not _in_capitals_run(text, offset, offset + len(word), self._acronyms):
            tokens.named.append((self._acronyms[key], offset))


def _in_capitals_run(text: str, start: int, end: int, acronyms: dict[str, str]) -> bool:
    """True inside a heading written in capitals ("TO PREVENT CRIME"), where an acronym-like
    word is more likely an ordinary word."""
    before = re.search(r"([A-Za-z]+)[^A-Za-z0-9.;:!?\n]*$", text[max(0, start - 30):start])
    after = re.match(r"[^A-Za-z0-9.;:!?\n]*([A-Za-z]+)", text[end:end + 30])
    for neighbour in (before, after):
        if neighbour:
            word = neighbour.group(1)
            if len(word) >= 3 and word.isupper() and word not in acronyms:
                return True
    return False


# -- loading ----------------------------------------------------------------------
def parse_taxonomy(text: str, source: str = DATA_FILE) -> Taxonomy:
    """A Taxonomy from the YAML text of a taxonomy file."""
    data = read_taxonomy_file(text, source)
    return Taxonomy(data.themes, data.solid_prefixes, data.crime_words)


@cache
def load_taxonomy(path: str | None = None) -> Taxonomy:
    """The taxonomy shipped with the package (or the file at `path`), loaded once."""
    if path is None:
        return parse_taxonomy(read_text(SHARED, "data/" + DATA_FILE))
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise TaxonomyError(f"Cannot read the theme taxonomy {path}: {err.strerror}.") from err
    return parse_taxonomy(text, str(path))


def match_themes(text: str) -> list[str]:
    """Ids of the themes `text` names, in order of first appearance."""
    return load_taxonomy().match(text)


def label(theme_id: str) -> str:
    """A theme's label for people (the id itself when the taxonomy does not know it)."""
    return load_taxonomy().label(theme_id)


def synonyms() -> list[set[str]]:
    """Sets of interchangeable wordings for search expansion (ASB <-> anti-social behaviour)."""
    return load_taxonomy().synonyms()
