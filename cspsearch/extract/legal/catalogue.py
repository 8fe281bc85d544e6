"""The legislation list indexed for matching: instruments by the keys their titles match on, and their phrases.

The list itself is shared vocabulary (cspsearch.vocab.legislation). A title is matched on a
normalised key (case, brackets, punctuation and "the" dropped, & = and). Aliases give the
phrases a spaCy PhraseMatcher looks for: titles cited without a year, abbreviations
("CDA 1998") and phrases that cite a provision ("Schedule 12A").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from cspsearch.extract.legal.provisions import find_provisions
from cspsearch.vocab.legislation import Instrument, listed_instruments, title_key


@dataclass(frozen=True)
class Catalogue:
    """The list indexed for matching: by title key and year, by year, by year-less title, by phrase."""

    by_key: dict[tuple[str, int], Instrument]
    by_year: dict[int, list[tuple[str, Instrument]]]
    defaults: dict[str, Instrument]
    phrases: list[tuple[str, str, Any]]  # (pattern text, LOWER|ORTH, payload)
    named_provisions: dict[str, Instrument]  # "sch.12A" -> the Act a bare "Schedule 12A" belongs to


@cache
def load_catalogue() -> Catalogue:
    """The instruments of the legislation list, indexed for matching (built once)."""
    by_key: dict[tuple[str, int], Instrument] = {}
    by_year: dict[int, list[tuple[str, Instrument]]] = {}
    defaults: dict[str, Instrument] = {}
    phrases: list[tuple[str, str, Any]] = []
    provisions: dict[str, Instrument] = {}
    for inst, names in listed_instruments():
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
