"""Small shared helpers of the analysis layer: citations, theme labels, council and year specs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cspsearch import names
from cspsearch.errors import NotFoundError, QueryError
from cspsearch.model import Citation
from cspsearch.names import fold, slug  # noqa: F401 (the analysis modules' shared spellings)
from cspsearch.reading import IndexReader
from cspsearch.vocab import themes
from cspsearch.years import check_years

Row = dict[str, Any]



def citation(row: Row, text: str | None = None) -> dict[str, Any]:
    """The citation of an entity or document row: model.Citation.of(row, text).to_json()."""
    return Citation.of(row, text).to_json()


UNKNOWN_COUNCIL = "council unknown"
UNDATED = "undated"


def known_first(value: Any) -> tuple[bool, Any]:
    """A sort key that puts missing values (None, '') after every known one, e.g. undated papers last."""
    missing = value is None or value == ""
    return (missing, "" if missing else value)


def council_label(council_id: str | None) -> str:
    """A council id for tables and sentences: 'council unknown' for a paper that names none."""
    return council_id or UNKNOWN_COUNCIL


def where(cite: dict[str, Any], title: bool = False) -> str:
    """A short place for tables: '2017-03-28 p.1', or with the title: '2017-03-28 Plan refresh p.1'."""
    date = cite.get("meeting_date") or "undated"
    name = f" {cite.get('title') or cite.get('doc_id')}" if title else ""
    return f"{date}{name} p.{cite.get('page') or 1}"


def stem(word: str) -> str:
    """A crude stem good enough to pair 'scrutiny' with 'scrutinise' and 'requires' with 'require'."""
    word = word.lower()
    return word[:6] if len(word) > 6 else word.rstrip("s") or word


# ---- themes -------------------------------------------------------------------------------------


def theme_labels() -> dict[str, str]:
    """Every taxonomy theme id with its label."""
    return {theme.id: theme.label for theme in themes.load_taxonomy().themes}


def theme_label(theme_id: str) -> str:
    """The human label of a theme id ('domestic_abuse' -> 'Domestic abuse')."""
    return themes.label(theme_id)


def match_theme_ids(text: str) -> list[str]:
    """Theme ids named in free text, via the taxonomy's phrasings."""
    return themes.match_themes(text)


def resolve_theme(name: str, known: set[str] | None = None) -> str:
    """A theme id from an id, label or phrasing (names.theme_id); `known` adds ids the index holds."""
    return names.theme_id(name, known or ())


# ---- councils and year ranges -------------------------------------------------------------------


@dataclass(frozen=True)
class CouncilSpec:
    """One council with an optional inclusive range of meeting years."""

    council_id: str
    year_from: int | None = None
    year_to: int | None = None

    def holds(self, year: int | None) -> bool:
        if year is None:
            return self.year_from is None and self.year_to is None
        return (self.year_from is None or year >= self.year_from) and (
            self.year_to is None or year <= self.year_to
        )


SPEC_RE = re.compile(r"^(?P<name>[^:]+?)(?::(?P<a>\d{4})(?:-(?P<b>\d{4}))?)?$")


def known_councils(docs: list[Row]) -> dict[str, str]:
    """council_id -> council name for the councils that have papers in `docs`."""
    return {d["council_id"]: d.get("council") or d["council_id"] for d in docs if d.get("council_id")}


def indexed_councils(names: list[str] | None, reader: IndexReader) -> list[str] | None:
    """The council_ids `names` refer to among the councils with papers in the index `reader` reads."""
    if not names:
        return None
    known = known_councils(reader.documents())
    return [resolve_council(name, known) for name in names]


def resolve_council(name: str, councils: dict[str, str]) -> str:
    """The council_id `name` refers to among `councils` (those with papers in the index), matched as
    every command matches a council (names.council_id); NotFoundError with suggestions otherwise."""
    return names.council_id(name, councils)


def short_name(council_id: str) -> str:
    """A council's place name for sentences and headings ('Maidstone', 'Tonbridge and Malling')."""
    from cspsearch.vocab.councils import find_council

    council = find_council(council_id)
    return council.short_name if council else council_id.replace("-", " ").title()


def parse_spec(text: str, councils: dict[str, str]) -> CouncilSpec:
    """'maidstone:2011-2023', 'medway:2020' or 'medway' as a CouncilSpec of a council in the index."""
    match = SPEC_RE.match(text.strip())
    if not match:
        raise QueryError(
            f"'{text}' is not a council spec; write council[:YYYY[-YYYY]], e.g. maidstone:2011-2023."
        )
    year_from = int(match["a"]) if match["a"] else None
    year_to = int(match["b"]) if match["b"] else year_from
    check_range(year_from, year_to)
    return CouncilSpec(resolve_council(match["name"], councils), year_from, year_to)


def check_range(year_from: int | None, year_to: int | None) -> None:
    """QueryError when a year is implausible or a year range runs backwards."""
    check_years(year_from, year_to)


def require_papers(spec: CouncilSpec, docs: list[Row]) -> list[Row]:
    """The papers of `spec`'s council in its range; NotFoundError naming the years it does have."""
    own = [d for d in docs if d.get("council_id") == spec.council_id]
    inside = [d for d in own if spec.holds(d.get("year"))]
    if not inside:
        years = sorted({d["year"] for d in own if d.get("year")})
        have = f"it has papers from {years[0]} to {years[-1]}" if years else "it has no dated papers"
        raise NotFoundError(
            f"{spec.council_id} has no papers between {spec.year_from} and {spec.year_to}; {have}."
        )
    return inside
