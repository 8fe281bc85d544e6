"""One resolver for the names people type: councils, committees, themes and instruments, with the same "did you mean"."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence

from cspsearch.errors import NotFoundError


def fold(text: str | None) -> str:
    """Lower-case, '&' read as 'and', punctuation dropped, whitespace folded: for comparing wordings."""
    text = (text or "").lower().replace("&", " and ")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def slug(name: str) -> str:
    """A council name as a council_id slug ('Tunbridge Wells' -> 'tunbridge-wells')."""
    return "-".join(fold(name).replace("_", " ").split())


def did_you_mean(wanted: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """' Did you mean a, b?' naming up to three close choices, or '' when none is close."""
    close = difflib.get_close_matches(wanted, sorted(set(choices)), n=3, cutoff=cutoff)
    return f" Did you mean {', '.join(close)}?" if close else ""


# ---- councils -------------------------------------------------------------------------------------


def registry_councils() -> dict[str, str]:
    """Every council the councils data file knows: council_id -> official name."""
    from cspsearch.vocab.councils import all_councils

    return {c.council_id: c.name for c in all_councils()}


def match_council(name: str, councils: Mapping[str, str]) -> str | None:
    """The council_id among `councils` (council_id -> name) that `name` means, if one does.

    Accepted: the slug, the official name ('Maidstone Borough Council'), any spelling the councils
    data file lists (short name, 'Maidstone BC', an acronym such as 'KCC', a web domain), with any
    case, spacing or punctuation, and the start of a name when it fits one council only ('tunbridge')."""
    wanted = slug(name)
    if not wanted:
        return None
    for council_id, full in councils.items():
        if wanted in (council_id, slug(full)):
            return council_id
    from cspsearch.vocab.councils import find_council

    registered = find_council(name)
    if registered and registered.council_id in councils:
        return registered.council_id
    starts = starting_with(wanted, councils)
    return starts[0] if len(starts) == 1 else None


def starting_with(wanted: str, councils: Mapping[str, str]) -> list[str]:
    """The council_ids whose slug or name begins with the words of the slug `wanted`."""
    return sorted(c for c, full in councils.items()
                  if f"{c}-".startswith(wanted + "-") or slug(full).startswith(wanted + "-"))


def council_id(name: str, in_index: Mapping[str, str] | None = None) -> str:
    """The council_id `name` means (see match_council); NotFoundError with close names otherwise.

    With `in_index` (council_id -> name of the councils that have papers), only those count and the
    error says which councils the index holds; without it, any council of the councils data file."""
    councils = registry_councils() if in_index is None else in_index
    found = match_council(name, councils)
    if found:
        return found
    starts = starting_with(slug(name), councils) if slug(name) else []
    hint = f" Did you mean {', '.join(starts[:3])}?" if starts else did_you_mean(slug(name), councils)
    if in_index is None:
        hint = hint or " Name a council by its name or its slug, e.g. 'Tunbridge Wells' or tunbridge-wells."
        raise NotFoundError(f"There is no council called '{name}'.{hint}")
    hint = hint or f" Councils in the index: {', '.join(sorted(councils)) or 'none'}."
    raise NotFoundError(f"No papers from a council called '{name}' are in the index.{hint}")


def council_ids(names: Sequence[str] | None, in_index: Mapping[str, str] | None = None) -> list[str] | None:
    """`council_id` of each name, in order and without repeats; None when no council is named."""
    if not names:
        return None
    return list(dict.fromkeys(council_id(name, in_index) for name in names))


# ---- themes ---------------------------------------------------------------------------------------


def theme_id(name: str, known: Iterable[str] = ()) -> str:
    """The theme id `name` means: an id ('domestic_abuse', 'domestic-abuse'), a label ('Domestic abuse')
    or a phrasing the taxonomy knows ('DA', 'violence against women'). `known` adds ids found in the
    index that the taxonomy no longer has. NotFoundError with close ids when none fits, or naming
    the candidates when a phrasing fits several themes."""
    from cspsearch.vocab import themes

    taxonomy = themes.load_taxonomy()
    labels = {theme.id: theme.label for theme in taxonomy.themes}
    ids = set(labels) | set(known)
    key = name.strip().lower().replace(" ", "_").replace("-", "_")
    if key in ids:
        return key
    for theme, label in labels.items():
        if fold(label) == fold(name):
            return theme
    matched = taxonomy.match(name) or taxonomy.match(name.upper())
    if len(matched) == 1:
        return matched[0]
    if matched:
        raise NotFoundError(f"'{name}' could mean several themes: {', '.join(matched)}. Name one of them.")
    hint = did_you_mean(key, ids, cutoff=0.5)
    raise NotFoundError(f"There is no theme called '{name}'.{hint}")


# ---- instruments (Acts and regulations) ----------------------------------------------------------

# ---- committees ------------------------------------------------------------------------------------


def names_committee(wanted: str, committee: str | None) -> bool:
    """Whether `committee` is the one typed: every typed word is one of its words ('cabinet', 'Overview &
    Scrutiny' for 'Overview and Scrutiny Committee'; case, accents and punctuation aside), or the typed
    letters are its initials ('OSC')."""
    words, name = fold(wanted).split(), fold(committee).split()
    if not words or not name:
        return False
    return all(word in name for word in words) or (len(words) == 1 and words[0] == initials(committee or ""))


def committees(wanted: str | Sequence[str] | None, indexed: Iterable[str | None]) -> list[str] | None:
    """The indexed committees each typed name stands for (None when none is asked for); a name that stands
    for none is a sentence with the closest committees the index holds."""
    if not wanted:
        return None
    known = sorted({name for name in indexed if name})
    chosen: list[str] = []
    for name in [wanted] if isinstance(wanted, str) else list(wanted):
        found = [committee for committee in known if names_committee(name, committee)]
        if not found:
            raise NotFoundError(f"No indexed paper is from a committee called {name!r}."
                                + did_you_mean(name, known, cutoff=0.5))
        chosen += [committee for committee in found if committee not in chosen]
    return chosen


# Small words left out of initials, so 'PCC' matches 'Police and Crime Commissioner'.
MINOR_WORDS = frozenset({"and", "of", "the", "for", "in", "on", "to", "a"})


def initials(text: str) -> str:
    """The initials of a name's main words ('Police and Crime Commissioner' -> 'pcc')."""
    return "".join(word[0] for word in fold(text).split() if word not in MINOR_WORDS)


def instrument_key(name: str) -> str:
    """An instrument name folded for matching: lower case, no leading 'the', no brackets."""
    folded = fold(name)
    return folded[4:] if folded.startswith("the ") else folded


def without_year(key: str) -> str:
    """An instrument key without its closing year ('crime and disorder act 1998' -> '... act')."""
    return re.sub(r"\s*\b(1[89]|20)\d{2}$", "", key)


def abbreviates(wanted: str, key: str) -> bool:
    """True when `wanted` is the initials of `key`, with its year if one is given ('cda 1998')."""
    bare = without_year(wanted)
    year_ok = bare == wanted or key.endswith(wanted[len(bare) :].strip())
    return year_ok and bare.replace(" ", "") == initials(without_year(key))


def instruments(query: str, cited: Iterable[str]) -> list[str]:
    """The instruments among `cited` (those the indexed papers cite) that `query` names, forgivingly
    ('crime and disorder act', 'Crime & Disorder Act 1998', 'CDA 1998'): the best tier of matches
    only (the exact name, else names it starts or abbreviates, else names holding its words).
    NotFoundError with close names when none does."""
    known = list(cited)
    wanted = instrument_key(query)
    tiers: list[list[str]] = [[], [], []]
    for name in known:
        key = instrument_key(name)
        if wanted in (key, without_year(key)):
            tiers[0].append(name)
        elif key.startswith(wanted + " ") or abbreviates(wanted, key):
            tiers[1].append(name)
        elif set(wanted.split()) <= set(key.split()) or f" {wanted} " in f" {key} ":
            tiers[2].append(name)
    for tier in tiers:
        if tier:
            return sorted(tier)
    close = difflib.get_close_matches(query, sorted(set(known)), n=3, cutoff=0.6)
    hint = f" Did you mean {'; '.join(close)}?" if close else ""
    raise NotFoundError(f"No paper in the index cites '{query}'.{hint}")
