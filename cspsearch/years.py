"""Year filters as users type them: checked once, so no engine ever sees a year it cannot hold."""

from __future__ import annotations

from cspsearch.errors import QueryError

FIRST_YEAR, LAST_YEAR = 1800, 2200  # papers of councils that exist; wide enough for any plan period


def check_years(year_from: int | None, year_to: int | None) -> None:
    """QueryError with a sentence when a year is implausible or the range runs backwards."""
    for flag, year in (("--from", year_from), ("--to", year_to)):
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise QueryError(
                f"{flag} {year} is not a year papers could have; give a four-digit year "
                f"between {FIRST_YEAR} and {LAST_YEAR}."
            )
    if year_from is not None and year_to is not None and year_from > year_to:
        raise QueryError(
            f"The year range {year_from}-{year_to} runs backwards; write the earlier year first."
        )
