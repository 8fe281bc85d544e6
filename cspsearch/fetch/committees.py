"""Choosing committees by name, forgivingly: case, '&', punctuation and the word 'committee' do not matter."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from cspsearch.fetch.errors import FetchOptionError
from cspsearch.fetch.moderngov import Committee

_FILLER = frozenset({"the", "committee", "of"})


def committee_words(title: str) -> tuple[str, ...]:
    """A committee title as comparable words: lower case, '&' as 'and', no punctuation or filler words."""
    text = re.sub(r"[^a-z0-9]+", " ", title.replace("&", " and ").lower())
    words = ("sub" if word == "subcommittee" else word for word in text.split())
    return tuple(word for word in words if word not in _FILLER)


def choose_committees(committees: Sequence[Committee], wanted: Sequence[str], where: str) -> list[Committee]:
    """The committees named in `wanted` (every current one when none is named); FetchOptionError for a name
    that matches none. A name matches exactly first, then every committee whose title holds all its words."""
    if not wanted:
        return [c for c in committees if c.current]
    chosen: list[Committee] = []
    for name in wanted:
        for committee in _matches(committees, name, where):
            if committee not in chosen:
                chosen.append(committee)
    return chosen


def _matches(committees: Sequence[Committee], name: str, where: str) -> list[Committee]:
    words = committee_words(name)
    exact = [c for c in committees if committee_words(c.title) == words]
    if exact:
        return exact
    within = [c for c in committees if words and set(words) <= set(committee_words(c.title))]
    current = [c for c in within if c.current]
    if current or within:
        return current or within
    titles = {" ".join(committee_words(c.title)): c.title for c in committees}
    close = difflib.get_close_matches(" ".join(words), list(titles), n=3, cutoff=0.6)
    hint = f" Did you mean {', '.join(titles[t] for t in close)}?" if close else ""
    raise FetchOptionError(f"No committee of {where} is called '{name}'.{hint}")
