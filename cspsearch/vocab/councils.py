"""The councils cspsearch knows, loaded once from data/councils.yaml: lookup by slug, name, alias or domain."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from cspsearch.errors import NotFoundError
from cspsearch.resources import SHARED, load_yaml

_ACRONYM = re.compile(r"[A-Z]{2,6}")
_DOMAIN_IN_TEXT = re.compile(r"(?:@|//|^|\b)((?:[a-z0-9-]+\.)+[a-z]{2,})", re.I)


@dataclass(frozen=True)
class Council:
    """One authority: its slug, official name, other names and web/e-mail domains."""

    council_id: str
    name: str
    short_name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    web: str | None = None
    gss_code: str | None = None
    territory: str | None = None
    subtype: str | None = None
    cms_type: str | None = None
    base_url: str | None = None

    def names(self) -> tuple[str, ...]:
        """The official name followed by every alias."""
        return (self.name, *self.aliases)


def normalise_name(text: str) -> str:
    """A council name in comparable form: lower case, '&' as 'and', no leading 'the', no possessive."""
    text = text.replace("’", "'").replace("&", " and ").lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^a-z0-9']+", " ", text).strip()
    return text.removeprefix("the ").strip()


def _read_data() -> list[dict[str, Any]]:
    return load_yaml(SHARED, "data/councils.yaml")["councils"]


@cache
def all_councils() -> tuple[Council, ...]:
    """Every council in the data file, in slug order."""
    councils = []
    for entry in _read_data():
        entry = dict(entry)
        entry["aliases"] = tuple(entry.get("aliases") or ())
        entry["domains"] = tuple(entry.get("domains") or ())
        councils.append(Council(**entry))
    return tuple(councils)


@cache
def _by_id() -> dict[str, Council]:
    return {c.council_id: c for c in all_councils()}


def _index(pairs: list[tuple[str, Council]]) -> dict[str, Council]:
    """Keys that point to exactly one council; a key shared by two councils identifies neither."""
    found: dict[str, set[str]] = {}
    for key, council in pairs:
        found.setdefault(key, set()).add(council.council_id)
    return {key: _by_id()[next(iter(ids))] for key, ids in found.items() if len(ids) == 1}


@cache
def name_index() -> dict[str, Council]:
    """Normalised official names and written-out aliases -> council."""
    return _index([(normalise_name(n), c) for c in all_councils() for n in c.names() if not _ACRONYM.fullmatch(n)])


@cache
def acronym_index() -> dict[str, Council]:
    """Upper-case acronyms (KCC, TMBC) -> council; matched case-sensitively."""
    return _index([(n, c) for c in all_councils() for n in c.aliases if _ACRONYM.fullmatch(n)])


@cache
def place_index() -> dict[str, Council]:
    """Normalised place names (Maidstone, Kent) -> council: weak evidence on their own."""
    return _index([(normalise_name(c.short_name), c) for c in all_councils()])


@cache
def domain_index() -> dict[str, Council]:
    """Registrable domains (kent.gov.uk) -> council."""
    return _index([(d.lower(), c) for c in all_councils() for d in c.domains])


def council_for_host(host: str) -> Council | None:
    """The council owning a host or e-mail domain: democracy.kent.gov.uk and kent.gov.uk give Kent."""
    labels = host.lower().strip(".").split(".")
    index = domain_index()
    for start in range(len(labels) - 1):
        council = index.get(".".join(labels[start:]))
        if council:
            return council
    return None


def find_council(text: str) -> Council | None:
    """The council `text` names exactly: a slug, official name, alias, acronym, domain, e-mail or URL."""
    text = (text or "").strip()
    if not text:
        return None
    council = _by_id().get(text.lower()) or acronym_index().get(text.upper() if len(text) <= 6 else text)
    council = council or name_index().get(normalise_name(text)) or place_index().get(normalise_name(text))
    if council:
        return council
    host = _DOMAIN_IN_TEXT.search(text.split("@")[-1])
    return council_for_host(host.group(1)) if host and " " not in text else None


def get_council(council_id: str) -> Council:
    """The council with this slug; a NotFoundError naming close slugs when there is none."""
    council = _by_id().get((council_id or "").strip().lower())
    if council:
        return council
    close = difflib.get_close_matches((council_id or "").lower(), list(_by_id()), n=3, cutoff=0.6)
    hint = f" Did you mean {', '.join(close)}?" if close else " Slugs are lower case with hyphens, e.g. tunbridge-wells."
    raise NotFoundError(f"No council has the id '{council_id}'.{hint}")
