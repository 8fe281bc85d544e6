"""Query-side synonym expansion: ASB finds "anti-social behaviour" and the reverse.

The synonym groups come from the caller (the theme taxonomy, the common acronyms of
data/acronyms.yaml and the acronyms the corpus defines); this module reads the common
acronyms and knows how to rewrite a query string with the groups.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_QUOTED_OR_FIELD = re.compile(r'"[^"]*"|\S+:\S+')


def _surface_pattern(form: str) -> str:
    words = re.split(r"[\s\-]+", form.strip())
    return r"[\s\-]*".join(re.escape(w) for w in words if w)


def _quote(form: str) -> str:
    return f'"{form}"' if re.search(r"[\s\-]", form) else form


def common_acronyms() -> list[set[str]]:
    """{short, long forms...} of every acronym in data/acronyms.yaml (common local-government and
    community-safety acronyms, which papers often use without defining)."""
    from cspsearch.resources import SHARED, load_yaml

    return [{entry["short"], *entry["long"]} for entry in load_yaml(SHARED, "data/acronyms.yaml")["acronyms"]]


def _key(form: str) -> str:
    """What makes two forms the same search: case (except for short acronyms), hyphens and spaces aside."""
    if len(form) <= 2 and form.isupper():
        return form
    return " ".join(re.split(r"[\s\-]+", form.strip().lower()))


def possible_synonyms(query: str, groups: Iterable[set[str]]) -> list[set[str]]:
    """The groups with a form whose every word is somewhere in the query: the only ones the
    expansion can use (its forms match words, case and hyphens aside), found without
    building a pattern for every form of every group on each search."""
    text = query.lower()
    return [g for g in groups if any(all(w in text for w in _words(form)) for form in g)]


@lru_cache(maxsize=100_000)
def _words(form: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s\-]+", form.strip().lower()) if w)


def expand(query: str, groups: Iterable[set[str]]) -> tuple[str, list[str]]:
    """Rewrite each synonym found in the query's plain words as (form OR "other form" ...).

    Returns the new query and the expansions made (for a note to the user). Quoted
    phrases and field:value terms are left alone; two-letter acronyms expand only when
    typed in capitals, so "da" in a query is not taken for domestic abuse. A form in several
    groups (an acronym with two meanings: CSP for community safety partnership and, in budget
    papers, core spending power) expands to every one of them, but groups are not chained.
    """
    alternatives_of: dict[str, dict[str, str]] = {}  # form key -> {key: form} of its alternatives
    for group in possible_synonyms(query, groups):
        for form in group:
            into = alternatives_of.setdefault(_key(form), {})
            for other in sorted(group):
                into.setdefault(_key(other), other)
    forms = sorted(((alts[key], alts) for key, alts in alternatives_of.items()), key=lambda fa: -len(fa[0]))
    protected = [m.span() for m in _QUOTED_OR_FIELD.finditer(query)]
    taken: list[tuple[int, int, str]] = []
    notes: list[str] = []
    for form, alts in forms:
        short_acronym = len(form) <= 2 and form.isupper()
        flags = 0 if short_acronym else re.IGNORECASE
        for m in re.finditer(rf"(?<![\w\-]){_surface_pattern(form)}(?![\w\-])", query, flags):
            a, b = m.span()
            if any(a < pb and pa < b for pa, pb in [*protected, *((ta, tb) for ta, tb, _ in taken)]):
                continue
            alternatives = sorted(alts.values(), key=lambda f: (_key(f) != _key(form), f.lower()))
            taken.append((a, b, "(" + " OR ".join(_quote(f) for f in alternatives) + ")"))
            notes.append(f"{m.group()} → {', '.join(f for f in alternatives if _key(f) != _key(form))}")
    out = query
    for a, b, repl in sorted(taken, reverse=True):
        out = out[:a] + repl + out[b:]
    return out, notes
