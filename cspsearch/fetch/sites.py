"""Which democracy site to fetch: a council (slug or name) through the council table, or a web address."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from cspsearch.fetch.errors import SiteError
from cspsearch.vocab.councils import Council, council_for_host, find_council, get_council

MODERNGOV = "ModernGov"
# Pages of a ModernGov site a person may paste instead of its base address.
_MODERNGOV_PAGE = re.compile(r"/(mgWebService\.asmx|mg[A-Za-z0-9]+\.aspx|ieList[A-Za-z]*\.aspx|documents)(/.*)?$", re.I)


@dataclass(frozen=True)
class Site:
    """A democracy site to fetch from: its base address, its system and the council it belongs to."""

    base_url: str
    system: str
    council_id: str | None
    council_name: str | None

    @property
    def folder(self) -> str:
        """The folder name the site's papers go under: the council's slug, else the site's host."""
        return self.council_id or urlsplit(self.base_url).netloc.lower().replace(":", "_")


def resolve_site(site: str, council: str | None = None) -> Site:
    """The site `site` names: a council's slug or name, or a web address (then `council` names whose it is)."""
    text = (site or "").strip()
    if not text:
        raise SiteError("Name a council (its slug or name) or give its democracy site's web address.")
    owner = _council(council) if council else None
    if re.match(r"https?://", text, re.I):
        return _from_address(text, owner)
    found = find_council(text) or _council(text)
    return _from_council(found, owner)


def _council(text: str) -> Council:
    return find_council(text) or get_council(text)  # get_council raises NotFoundError naming close slugs


def _from_address(address: str, owner: Council | None) -> Site:
    parts = urlsplit(address)
    if not parts.netloc:
        raise SiteError(f"'{address}' is not a web address with a host.")
    path = _MODERNGOV_PAGE.sub("", parts.path).rstrip("/")
    base = urlunsplit((parts.scheme.lower(), parts.netloc, path, "", ""))
    owner = owner or council_for_host(parts.hostname or "")
    return Site(base, MODERNGOV, owner.council_id if owner else None, owner.name if owner else None)


def _from_council(found: Council, owner: Council | None) -> Site:
    if owner and owner.council_id != found.council_id:
        raise SiteError(f"--council {owner.council_id} names another council than {found.name}; "
                        "use --council only with a web address.")
    if not found.base_url:
        raise SiteError(f"No democracy site is recorded for {found.name}; give its ModernGov web address "
                        f"instead, e.g. cspsearch fetch https://democracy.example.gov.uk --council {found.council_id}.")
    if not found.cms_type:
        raise SiteError(f"Which system {found.name}'s site ({found.base_url}) runs is not recorded; if it is "
                        f"ModernGov, give its address: cspsearch fetch {found.base_url} --council {found.council_id}.")
    if found.cms_type != MODERNGOV:
        raise SiteError(f"{found.name} publishes its papers through {found.cms_type} ({found.base_url}), "
                        "not ModernGov; cspsearch fetch reads ModernGov sites only.")
    base = found.base_url.strip().rstrip("/")
    return Site(base, MODERNGOV, found.council_id, found.name)

