"""The community safety theme taxonomy: which themes a text names, their labels and search synonyms.

Pure Python (no spaCy): search, compare and the priority extractor all use it. The
taxonomy itself is the data file `data/themes.yaml`, which a person can extend.

Matching forgives what council papers vary: capitals, hyphens and spacing inside
words ("anti social" = "anti-social" = "antisocial"), "&" for "and", plurals and
verb endings, small words and the order of words within a short span. Acronyms
count only as whole words in capitals ("ASB", never "asb"), and generic words
("victims", "safeguarding") only when nothing more specific is named.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from cspsearch.errors import CspSearchError, NotFoundError

DATA_FILE = "themes.yaml"
DATA_PATH = Path(__file__).parent / "data" / DATA_FILE

# Words that carry no theme: ignored when phrasings are compared.
STOPWORDS = frozenset(
    "a an and or of the in on to for with by from at as our your its their his her other "
    "including include includes incl s".split()
)
_WORD = re.compile(r"[A-Za-z0-9]+")
_TOKEN = re.compile(r"[A-Za-z0-9]+|[.;:!?\n\u2022\u00b7]")
_HYPHENATED = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_CLAUSE_GAP = 50  # word positions skipped at a clause break, so no phrasing matches across it
_WINDOW_SLACK = 2  # extra words a multiword phrasing may be spread over


class TaxonomyError(CspSearchError):
    """The theme taxonomy file is missing or malformed."""


@dataclass(frozen=True)
class Theme:
    """One theme: its stable id, a label for people and the wordings that name it."""

    id: str
    label: str
    description: str = ""
    phrasings: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    acronym_map: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    names: tuple[str, ...] = ()
    synonym_groups: tuple[tuple[str, ...], ...] = ()
    near_crime: tuple[str, ...] = ()  # phrasings that count only in a text that speaks of crime

    @property
    def acronyms(self) -> tuple[str, ...]:
        """The theme's acronyms, as written (case matters)."""
        return tuple(self.acronym_map)


@dataclass(frozen=True)
class _Phrase:
    theme: str
    stems: tuple[str, ...]  # distinct content stems, all of which must occur
    width: int  # the span (in words) they may be spread over
    weak: bool
    near_crime: bool = False


@dataclass
class _Tokens:
    """A text as the stems it holds at word positions, and the acronyms and names it uses."""

    stems: dict[str, list[tuple[int, int]]]  # stem -> [(word position, char offset)]
    named: list[tuple[str, int]]  # (theme id, char offset)


class Taxonomy:
    """The loaded taxonomy with a compiled matcher."""

    def __init__(self, themes: list[Theme], solid_prefixes: tuple[str, ...] = (), crime_words: tuple[str, ...] = ()):
        self._order = {theme.id: n for n, theme in enumerate(themes)}
        self.themes: tuple[Theme, ...] = tuple(themes)
        self._by_id = {t.id: t for t in themes}
        self._joinable = _joinable_words(themes)
        self._solid_prefixes = frozenset(solid_prefixes)
        self._phrases = self._compile_phrases()
        self._by_anchor = self._index_phrases()
        self._acronyms = {a: t.id for t in themes for a in t.acronym_map}
        self._crime_stems = frozenset(stem for word in crime_words for stem in self._words(word)[:1])
        self._vocabulary = frozenset(stem for phrase in self._phrases for stem in phrase.stems) | self._crime_stems
        self._known_stems: dict[str, str] = {}  # word -> its stem if a phrasing uses it, else ""
        self._join_heads = frozenset(w[:k] for w in self._joinable for k in range(1, len(w)))
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
        for phrase, offset in self._phrase_hits(tokens):
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
        groups: list[set[str]] = []
        for theme in self.themes:
            raw = [{acro, *expansions} for acro, expansions in theme.acronym_map.items()]
            raw += [set(g) for g in theme.synonym_groups]
            spelled = [self._with_spellings(g) for g in raw]
            for group in _merge_overlapping(spelled):
                if len(group) > 1:
                    groups.append(group)
        hyphenated = {w.lower() for t in self.themes for p in (*t.phrasings, *t.weak) for w in _HYPHENATED.findall(p)}
        groups += [self._with_spellings({word}) for word in sorted(hyphenated) if not any(c.isdigit() for c in word)]
        return groups

    def _with_spellings(self, group: set[str]) -> set[str]:
        """A group plus the other spellings of its hyphenated words: "anti-social" -> "anti social",
        and "antisocial" where the taxonomy writes the word solid too."""
        out = set(group)
        for text in group:
            for word in _HYPHENATED.findall(text):
                spaced, solid = word.replace("-", " "), word.replace("-", "")
                out.add(text.replace(word, spaced))
                if word.split("-")[0].lower() in self._solid_prefixes:
                    out.add(text.replace(word, solid))
        return out

    # -- compiling ----------------------------------------------------------------
    def _compile_phrases(self) -> list[_Phrase]:
        phrases: dict[tuple[str, tuple[str, ...]], _Phrase] = {}
        for theme in self.themes:
            strong = [*theme.phrasings, *(e for exp in theme.acronym_map.values() for e in exp)]
            strong += [w for group in theme.synonym_groups for w in group]
            wordings = [(p, False, False) for p in strong] + [(p, True, False) for p in theme.weak]
            wordings += [(p, False, True) for p in theme.near_crime]
            for text, is_weak, near_crime in wordings:
                words = self._words(text)
                stems = tuple(dict.fromkeys(w for w in words if w not in STOPWORDS))
                if not stems:
                    continue
                width = 1 if len(words) == 1 else len(words) + _WINDOW_SLACK
                key = (theme.id, tuple(sorted(stems)))
                if key not in phrases or (phrases[key].weak and not is_weak):
                    phrases[key] = _Phrase(theme.id, stems, width, is_weak, near_crime)
        return list(phrases.values())

    def _index_phrases(self) -> dict[str, list[_Phrase]]:
        """Index each phrasing under its rarest stem, so matching looks at few candidates."""
        frequency: dict[str, int] = defaultdict(int)
        for phrase in self._phrases:
            for stem in phrase.stems:
                frequency[stem] += 1
        index: dict[str, list[_Phrase]] = defaultdict(list)
        for phrase in self._phrases:
            anchor = min(phrase.stems, key=lambda s: (frequency[s], -len(s)))
            index[anchor].append(phrase)
        return dict(index)

    def _words(self, text: str) -> list[str]:
        """Stems of a phrasing's words, compounds joined as the text matcher joins them."""
        words = [w.lower() for w in _WORD.findall(_clean(text))]
        return [_stem(w) for w in _join_compounds(words, self._joinable)]

    # -- matching -----------------------------------------------------------------
    def _tokenise_text(self, text: str) -> _Tokens:
        """One pass over the words: stems at positions, plus acronym and name hits."""
        text = _clean(text)
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
                if held[2] + 1 == position and held[0] + low in self._joinable:
                    self._add(tokens, held[0] + low, held[2], held[1])
                    held = None
                    continue
                self._add(tokens, held[0], held[2], held[1])
            held = (low, m.start(), position) if low in self._join_heads else None
            if held is None:
                self._add(tokens, low, position, m.start())
        if held is not None:
            self._add(tokens, held[0], held[2], held[1])
        return tokens

    def _add(self, tokens: _Tokens, word: str, position: int, offset: int) -> None:
        stem = self._known_stems.get(word)
        if stem is None:
            if len(self._known_stems) > 200_000:  # bound the memo on endless vocabularies
                self._known_stems.clear()
            stem = _stem(word)
            stem = self._known_stems[word] = stem if stem in self._vocabulary else ""
        if stem:
            tokens.stems[stem].append((position, offset))

    def _note_capitalised(self, word: str, offset: int, starts_clause: bool, text: str, tokens: _Tokens) -> None:
        """Acronyms (whole words in capitals) and names (capitalised inside a sentence)."""
        if word in self._names:
            if not starts_clause:
                tokens.named.append((self._names[word], offset))
            return
        key = word if word in self._acronyms else word[:-1]
        if not _in_capitals_run(text, offset, offset + len(word), self._acronyms):
            tokens.named.append((self._acronyms[key], offset))

    def _phrase_hits(self, tokens: _Tokens):
        for anchor in tokens.stems.keys() & self._by_anchor.keys():
            for phrase in self._by_anchor[anchor]:
                if all(s in tokens.stems for s in phrase.stems):
                    offset = _window_offset(phrase, anchor, tokens.stems)
                    if offset is not None:
                        yield phrase, offset


# -- helpers ----------------------------------------------------------------------
def _clean(text: str) -> str:
    return _POSSESSIVE.sub("", text.replace("&", " and "))


def _stem(word: str) -> str:
    """A light stem: plurals and -ing/-ed/-e endings folded ("tackling" = "tackle")."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def _join_compounds(words: list[str], joinable: frozenset[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words) and words[i] + words[i + 1] in joinable:
            out.append(words[i] + words[i + 1])
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out


def _joinable_words(themes: list[Theme]) -> frozenset[str]:
    """Words written solid or hyphenated in the taxonomy ("antisocial", "re-offending"):
    the two halves of such a word are joined wherever they appear split."""
    joinable: set[str] = set()
    for theme in themes:
        texts = [*theme.phrasings, *theme.weak, *theme.near_crime,
                 *(e for exp in theme.acronym_map.values() for e in exp)]
        for text in texts:
            for token in re.findall(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+|[A-Za-z0-9]+", text):
                if "-" in token:
                    parts = token.lower().split("-")
                    joinable.update(a + b for a, b in zip(parts, parts[1:], strict=False))
                elif len(token) > 6:
                    joinable.add(token.lower())
    return frozenset(joinable)


def _window_offset(phrase: _Phrase, anchor: str, stems: dict[str, list[tuple[int, int]]]) -> int | None:
    """Char offset where the phrase's words occur together within its width, or None.

    Two-word phrasings keep their order ("young people", not "people ... young"); longer
    ones may come in any order ("misuse of drugs and alcohol").
    """
    if len(phrase.stems) == 2:
        return _ordered_pair_offset(phrase, stems)
    for pos, _ in stems[anchor]:
        nearest = {stem: min(stems[stem], key=lambda po: abs(po[0] - pos)) for stem in phrase.stems}
        spread = [po[0] for po in nearest.values()]
        if max(spread) - min(spread) < phrase.width:
            return nearest[phrase.stems[0]][1]  # where the phrasing's first word stands
    return None


def _ordered_pair_offset(phrase: _Phrase, stems: dict[str, list[tuple[int, int]]]) -> int | None:
    first, second = phrase.stems
    later = [pos for pos, _ in stems[second]]
    for pos, offset in stems[first]:
        if any(0 < q - pos < phrase.width for q in later):
            return offset
    return None


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


def _merge_overlapping(groups: list[set[str]]) -> list[set[str]]:
    merged: list[set[str]] = []
    for group in groups:
        keyed = {g.lower() for g in group}
        joined = [m for m in merged if keyed & {x.lower() for x in m}]
        for m in joined:
            merged.remove(m)
            group = group | m
        merged.append(group)
    return merged


# -- loading ----------------------------------------------------------------------
def _as_strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise TaxonomyError(f"In the theme taxonomy, {where} should be a list of wordings.")
    return tuple(str(v).strip() for v in value if str(v).strip())


def _theme_from_dict(entry: Any, n: int) -> Theme:
    if not isinstance(entry, dict) or not entry.get("id") or not entry.get("label"):
        raise TaxonomyError(f"Theme number {n} in the taxonomy needs an 'id' and a 'label'.")
    theme_id = str(entry["id"])
    if not re.fullmatch(r"[a-z0-9_]+", theme_id):
        raise TaxonomyError(f"Theme id '{theme_id}' should be lower case words joined by '_'.")
    acronyms = entry.get("acronyms") or {}
    if not isinstance(acronyms, dict):
        raise TaxonomyError(f"In theme '{theme_id}', 'acronyms' should map each acronym to what it stands for.")
    synonyms = entry.get("synonyms") or []
    if not isinstance(synonyms, list):
        raise TaxonomyError(f"In theme '{theme_id}', 'synonyms' should be a list of groups of wordings.")
    theme = Theme(
        id=theme_id,
        label=str(entry["label"]),
        description=str(entry.get("description") or "").strip(),
        phrasings=_as_strings(entry.get("phrasings"), f"the phrasings of '{theme_id}'"),
        weak=_as_strings(entry.get("weak"), f"the weak phrasings of '{theme_id}'"),
        acronym_map={str(k): _as_strings(v if isinstance(v, list) else [v], f"acronym {k} of '{theme_id}'")
                     for k, v in acronyms.items()},
        names=_as_strings(entry.get("names"), f"the names of '{theme_id}'"),
        near_crime=_as_strings(entry.get("only_near_crime"), f"the only_near_crime phrasings of '{theme_id}'"),
        synonym_groups=tuple(_as_strings(g, f"a synonym group of '{theme_id}'") for g in synonyms),
    )
    if not (theme.phrasings or theme.acronym_map or theme.weak or theme.near_crime):
        raise TaxonomyError(f"Theme '{theme_id}' needs at least one phrasing.")
    return theme


def parse_taxonomy(text: str, source: str = DATA_FILE) -> Taxonomy:
    """A Taxonomy from the YAML text of a taxonomy file."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise TaxonomyError(f"The theme taxonomy {source} is not valid YAML: {err}") from err
    entries = data.get("themes") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise TaxonomyError(f"The theme taxonomy {source} has no 'themes:' list.")
    themes = [_theme_from_dict(entry, n) for n, entry in enumerate(entries, 1)]
    seen: set[str] = set()
    for theme in themes:
        if theme.id in seen:
            raise TaxonomyError(f"Theme id '{theme.id}' appears twice in {source}.")
        seen.add(theme.id)
    prefixes = _as_strings(data.get("solid_prefixes"), "solid_prefixes")
    crime_words = _as_strings(data.get("crime_words"), "crime_words")
    return Taxonomy(themes, tuple(p.lower() for p in prefixes), crime_words)


@cache
def load_taxonomy(path: str | None = None) -> Taxonomy:
    """The taxonomy shipped with the package (or the file at `path`), loaded once."""
    if path is None:
        return parse_taxonomy(DATA_PATH.read_text(encoding="utf-8"))
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
