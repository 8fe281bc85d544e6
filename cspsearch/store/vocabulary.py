"""Query-side synonym expansion: ASB finds "anti-social behaviour" and the reverse.

The synonym groups come from the caller (the theme taxonomy and the acronyms the
corpus defines); this module only knows how to rewrite a query string with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_QUOTED_OR_FIELD = re.compile(r'"[^"]*"|\S+:\S+')


def _surface_pattern(form: str) -> str:
    words = re.split(r"[\s\-]+", form.strip())
    return r"[\s\-]*".join(re.escape(w) for w in words if w)


def _quote(form: str) -> str:
    return f'"{form}"' if re.search(r"[\s\-]", form) else form


def expand(query: str, groups: Iterable[set[str]]) -> tuple[str, list[str]]:
    """Rewrite each synonym found in the query's plain words as (form OR "other form" ...).

    Returns the new query and the expansions made (for a note to the user). Quoted
    phrases and field:value terms are left alone; two-letter acronyms expand only when
    typed in capitals, so "da" in a query is not taken for domestic abuse.
    """
    forms: list[tuple[str, set[str]]] = []
    for group in groups:
        for form in group:
            forms.append((form, group))
    forms.sort(key=lambda fg: -len(fg[0]))
    protected = [m.span() for m in _QUOTED_OR_FIELD.finditer(query)]
    taken: list[tuple[int, int, str]] = []
    notes: list[str] = []
    for form, group in forms:
        short_acronym = len(form) <= 2 and form.isupper()
        flags = 0 if short_acronym else re.IGNORECASE
        for m in re.finditer(rf"(?<![\w\-]){_surface_pattern(form)}(?![\w\-])", query, flags):
            a, b = m.span()
            if any(a < pb and pa < b for pa, pb in [*protected, *((ta, tb) for ta, tb, _ in taken)]):
                continue
            alternatives = sorted(group, key=lambda f: (f != form, f.lower()))
            taken.append((a, b, "(" + " OR ".join(_quote(f) for f in alternatives) + ")"))
            notes.append(f"{m.group()} → {', '.join(f for f in alternatives if f != form)}")
    out = query
    for a, b, repl in sorted(taken, reverse=True):
        out = out[:a] + repl + out[b:]
    return out, notes
