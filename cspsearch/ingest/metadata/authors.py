"""Report authors: the names after 'Report Author', 'Author:', 'Report prepared by' ... (names only, no roles)."""

from __future__ import annotations

import re

from cspsearch.ingest.metadata.text import Line, cues, head_lines, match_label

_NAME_WORD = re.compile(r"(?:[A-Z][a-z]*[’'][A-Z][a-z]+|Ma?c[A-Z][a-z]+|[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.?)$")


def infer_authors(text: str, lines: list[Line], kind: str | None) -> tuple[str, ...]:
    """Authors named on the cover sheet (`lines`); for a report without one, the first contact officer."""
    names = _labelled_names(lines, cues()["author_labels"])
    if names or kind != "report":
        return names
    contact_labels = [label for label in cues()["author_labels"] if "contact" in label.lower()]
    return _labelled_names(head_lines(text, scale=0), contact_labels)[:1]


def _labelled_names(lines: list[Line], labels: list[str]) -> tuple[str, ...]:
    names: list[str] = []
    for i, line in enumerate(lines):
        value = match_label(line.text, labels)
        if value == "" and i + 1 < len(lines):
            value = lines[i + 1].text
        for name in _names_in(value or ""):
            if name not in names:
                names.append(name)
    return tuple(names)


def _names_in(value: str) -> list[str]:
    """'Martyn Jeynes, Communities ... Manager' -> ['Martyn Jeynes']; a role alone gives []."""
    head = re.split(r"\s*(?:,|;|\t|\(|\|| [–—-] |\bTel\b|\bEmail\b|\bE-mail\b)\s*", value)[0]
    parts = re.split(r"\s+(?:and|&)\s+", head)
    return [name for name in (_person_name(p) for p in parts) if name]


def _person_name(text: str) -> str | None:
    words = text.split()
    honorifics = {h.lower() for h in cues()["honorifics"]}
    while words and words[0].rstrip(".").lower() in honorifics:
        words = words[1:]
    roles = {r.lower() for r in cues()["role_words"]}
    if not 2 <= len(words) <= 4 or any(w.lower().strip(".") in roles for w in words):
        return None
    if not all(_NAME_WORD.match(w) for w in words) or len(words[-1].rstrip(".")) < 2:
        return None
    return " ".join(words)
