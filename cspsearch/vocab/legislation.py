"""The legislation list, cspsearch/data/legislation.tsv: the instruments papers cite and the names they cite them by.

One row per Act, statutory instrument or set of council rules: its legislation.gov.uk short
title and year, its type and id there, and aliases (titles without the year, abbreviations,
phrases that name one of its provisions). The extractor's legal family indexes it for matching.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from cspsearch.resources import SHARED, data_file, read_text

DATA_NAME = "data/legislation.tsv"
DATA_FILE = data_file(SHARED, DATA_NAME)


@dataclass(frozen=True)
class Instrument:
    """One Act, statutory instrument or set of council rules, as the list names it."""

    title: str
    year: int | None
    kind: str  # act | si | other
    uri: str | None

    @property
    def stem(self) -> str:
        """The key of the title without its year: what a citation without the year matches."""
        return title_key(re.sub(r"\s\d{4}$", "", self.title))


def title_key(title: str) -> str:
    """'The Crime & Disorder (Overview and Scrutiny) Regulations' -> 'crime and disorder overview ...'."""
    text = re.sub(r"['’]", "", title.lower().replace("&", " and "))
    return " ".join(w for w in re.split(r"[^a-z0-9]+", text) if w and w != "the")


@cache
def listed_instruments() -> tuple[tuple[Instrument, tuple[str, ...]], ...]:
    """Every instrument of the list with the names papers cite it by: its title, then its aliases."""
    lines = (line for line in read_text(SHARED, DATA_NAME).splitlines() if not line.startswith("#"))
    listed = []
    for row in csv.DictReader(lines, delimiter="\t"):
        inst = Instrument(row["short_title"].strip(), int(row["year"]) if row["year"] else None,
                          row["type"].strip(), row["legislation_gov_uk_id"].strip() or None)
        aliases = tuple(a.strip() for a in (row["aliases"] or "").split("|") if a.strip())
        listed.append((inst, (inst.title, *aliases)))
    return tuple(listed)
