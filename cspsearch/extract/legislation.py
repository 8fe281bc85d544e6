"""The legislation list of data/legislation.tsv: instruments, the keys their titles match on, their phrases.

A title is matched on a normalised key (case, brackets, punctuation and "the" dropped,
& = and). Aliases give the phrases a spaCy PhraseMatcher looks for: titles cited without
a year, abbreviations ("CDA 1998") and phrases that cite a provision ("Schedule 12A").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cspsearch.extract.provisions import find_provisions

DATA_FILE = Path(__file__).parent / "data" / "legislation.tsv"


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


@dataclass(frozen=True)
class Catalogue:
    """The list indexed for matching: by title key and year, by year, by year-less title, by phrase."""

    by_key: dict[tuple[str, int], Instrument]
    by_year: dict[int, list[tuple[str, Instrument]]]
    defaults: dict[str, Instrument]
    phrases: list[tuple[str, str, Any]]  # (pattern text, LOWER|ORTH, payload)
    named_provisions: dict[str, Instrument]  # "sch.12A" -> the Act a bare "Schedule 12A" belongs to


def title_key(title: str) -> str:
    """'The Crime & Disorder (Overview and Scrutiny) Regulations' -> 'crime and disorder overview ...'."""
    text = re.sub(r"['’]", "", title.lower().replace("&", " and "))
    return " ".join(w for w in re.split(r"[^a-z0-9]+", text) if w and w != "the")


@cache
def load_catalogue() -> Catalogue:
    """The instruments of data/legislation.tsv, indexed for matching (read once)."""
    by_key: dict[tuple[str, int], Instrument] = {}
    by_year: dict[int, list[tuple[str, Instrument]]] = {}
    defaults: dict[str, Instrument] = {}
    phrases: list[tuple[str, str, Any]] = []
    provisions: dict[str, Instrument] = {}
    with DATA_FILE.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in rows:
            inst = Instrument(row["short_title"].strip(), int(row["year"]) if row["year"] else None,
                              row["type"].strip(), row["legislation_gov_uk_id"].strip() or None)
            names = [inst.title] + [a.strip() for a in (row["aliases"] or "").split("|") if a.strip()]
            for name in names:
                _index_name(name, inst, by_key, by_year, defaults, phrases, provisions)
    return Catalogue(by_key, by_year, defaults, phrases, provisions)


def _index_name(name: str, inst: Instrument, by_key: dict, by_year: dict, defaults: dict, phrases: list,
                provisions: dict) -> None:
    fixed = re.search(r"\s*\[([^\]]+)\]$", name)
    if fixed:  # "Schedule 12A [sch.12A]", "Section 114 notice [s.114]": a phrase naming a provision
        phrase = name[: fixed.start()]
        parsed = find_provisions(phrase)
        if len(parsed) == 1 and parsed[0].end - parsed[0].start == len(phrase):
            provisions.setdefault(parsed[0].normalised, inst)
        else:
            phrases.append((phrase, "LOWER", ("alias", inst, fixed.group(1))))
        return
    year = re.search(r"\s\(?((?:19|20)\d{2})\)?$", name)
    abbreviation = re.match(r"[A-Z][A-Za-z&]*[A-Z]\b", name) is not None
    if inst.kind == "other":
        by_key.setdefault((title_key(name), 0), inst)  # "Financial Regulations 2019" stays the council's
        for variant in {name, name.upper()}:
            phrases.append((variant, "ORTH", ("alias", inst, None)))
    elif year:
        key, value = title_key(name[: year.start()]), int(year.group(1))
        by_key.setdefault((key, value), inst)
        by_year.setdefault(value, []).append((key, inst))
        if name == inst.title:
            phrases.append((name[: year.start()], "LOWER", ("stem", key)))
        elif abbreviation:
            phrases.append((name, "ORTH", ("alias", inst, None)))
    elif abbreviation:
        phrases.append((name, "ORTH", ("alias", inst, None)))
    else:  # a title without its year: this instrument is what it means
        defaults.setdefault(title_key(name), inst)
        phrases.append((name, "LOWER", ("stem", title_key(name))))
