"""The theme taxonomy file: Theme records read and checked from cspsearch/data/themes.yaml, and the synonyms they imply."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from cspsearch.errors import CspSearchError

DATA_FILE = "themes.yaml"
_HYPHENATED = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+")


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
class TaxonomyFile:
    """What a taxonomy file holds: its themes in order and the word lists the matcher uses."""

    themes: list[Theme]
    solid_prefixes: tuple[str, ...]  # lower case
    crime_words: tuple[str, ...]


# -- reading ----------------------------------------------------------------------
def read_taxonomy_file(text: str, source: str = DATA_FILE) -> TaxonomyFile:
    """The themes and word lists in the YAML text of a taxonomy file; TaxonomyError when malformed."""
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
    return TaxonomyFile(themes, tuple(p.lower() for p in prefixes), crime_words)


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


# -- synonyms ---------------------------------------------------------------------
def synonym_groups(themes: tuple[Theme, ...], solid_prefixes: frozenset[str]) -> list[set[str]]:
    """Sets of interchangeable wordings (acronym <-> phrases, spelling variants) for search."""
    groups: list[set[str]] = []
    for theme in themes:
        raw = [{acro, *expansions} for acro, expansions in theme.acronym_map.items()]
        raw += [set(g) for g in theme.synonym_groups]
        spelled = [_with_spellings(g, solid_prefixes) for g in raw]
        for group in _merge_overlapping(spelled):
            if len(group) > 1:
                groups.append(group)
    hyphenated = {w.lower() for t in themes for p in (*t.phrasings, *t.weak) for w in _HYPHENATED.findall(p)}
    groups += [_with_spellings({word}, solid_prefixes)
               for word in sorted(hyphenated) if not any(c.isdigit() for c in word)]
    return groups


def _with_spellings(group: set[str], solid_prefixes: frozenset[str]) -> set[str]:
    """A group plus the other spellings of its hyphenated words: "anti-social" -> "anti social",
    and "antisocial" where the taxonomy writes the word solid too."""
    out = set(group)
    for text in group:
        for word in _HYPHENATED.findall(text):
            spaced, solid = word.replace("-", " "), word.replace("-", "")
            out.add(text.replace(word, spaced))
            if word.split("-")[0].lower() in solid_prefixes:
                out.add(text.replace(word, solid))
    return out


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
