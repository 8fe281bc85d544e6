"""The fetcher's errors: each a CspSearchError carrying a sentence a person can act on."""

from __future__ import annotations

from cspsearch.errors import CspSearchError


class FetchError(CspSearchError):
    """A request to a council's site failed for good (after retries), or its answer could not be read."""


class SiteError(CspSearchError):
    """The site asked for cannot be fetched: unknown, not on ModernGov, or no address recorded."""


class RestrictedError(FetchError):
    """A paper is exempt from publication: its address answers with a login page or a refusal."""


class FetchOptionError(CspSearchError):
    """An option of the fetch cannot be used: a date range backwards, a committee no site has."""
