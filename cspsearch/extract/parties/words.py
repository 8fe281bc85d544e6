"""The word lists the organisation and people finders match with, loaded once from data files.

extract/data/organisations.yaml (partner bodies, organisation words, titles, labels, job-title
words) and the shared council list (cspsearch.vocab.councils: every council's names, short
forms and place names) become one `PartyWords`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from cspsearch.resources import load_yaml
from cspsearch.vocab.councils import all_councils

_COUNCIL_ALIAS_ENDS = ("Council", " CC", " BC", " DC")


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
    data = load_yaml("cspsearch.extract", "data/organisations.yaml") or {}
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
    """Add each council's names from the shared council list; return the place names."""
    places: set[str] = set()
    for council in all_councils():
        name = re.sub(r"^The ", "", council.name or "")
        if not name:
            continue
        aliases = [a for a in council.aliases if a.endswith(_COUNCIL_ALIAS_ENDS)]
        organisations.setdefault(name, [name]).extend(aliases)
        shorts = [a for a in council.aliases if a.isupper() and " " not in a]
        if shorts:
            acronyms.setdefault(name, []).extend(shorts)
        places.update((council.short_name or "").split())
    return frozenset(p for p in places if p[:1].isupper() and p not in {"and", "of", "upon", "on"})


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first so that a longer word wins over its own start."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
