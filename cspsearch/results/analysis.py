"""Results of the analyses: Comparison, Timeline, LawResult, Answer and Decisions, with their tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cspsearch.model import Citation
from cspsearch.results.record import Record, key, many
from cspsearch.results.writing import Table


@dataclass(frozen=True, kw_only=True)
class Comparison(Record):
    """Councils' priorities side by side: per council its years and papers; per theme a cell per (council,
    year) with the wording and citations; gaps, changes year to year, and what is shared or only one's."""

    scheme: str
    councils: tuple[Mapping[str, Any], ...] = ()
    themes: tuple[Mapping[str, Any], ...] = ()
    gaps: tuple[Mapping[str, Any], ...] = ()
    changes: tuple[Mapping[str, Any], ...] = ()
    across: Mapping[str, Any] = field(default_factory=dict)
    unthemed: tuple[Mapping[str, Any], ...] = ()

    def table(self) -> Table:
        """The theme x (council, year) matrix as (headers, rows)."""
        from cspsearch.analysis.compare import matrix_table

        return matrix_table(self.to_json())

    def change_lines(self) -> list[str]:
        """A sentence per change between a council's years, then what is shared and only one's."""
        from cspsearch.analysis.compare import change_lines

        return change_lines(self.to_json())

    def sources_line(self) -> str:
        """Which councils and years the picture draws, as its heading says."""
        from cspsearch.analysis.evolution import sources_line

        return sources_line(self.to_json())

    def chart_rows(self, width: int) -> list[list[tuple[str, str]]]:
        """The themes-by-year picture for a terminal `width` wide: rows of (text, style key) segments."""
        from cspsearch.analysis.evolution import chart_rows, evolution

        return chart_rows(evolution(self.to_json()), width)

    @staticmethod
    def chart_styles() -> dict[str, str]:
        """The terminal style of each style key of `chart_rows`: each council its colour and fill."""
        from cspsearch.analysis.evolution import palette_styles

        return palette_styles()

    def draw(self, path: Path, fmt: str = "png") -> None:
        """Draw the themes-by-year picture to `path` as png or svg (OSError when it cannot be written)."""
        from cspsearch.analysis.picture import draw

        draw(self.to_json(), path, fmt)


@dataclass(frozen=True, kw_only=True)
class Timeline(Record):
    """When each council's papers named one theme: per council its first and last year, the years named,
    each year's state and wording, and the gaps."""

    theme: str
    label: str
    scheme: str
    councils: tuple[Mapping[str, Any], ...] = ()

    def table(self) -> Table:
        """A row per council and year, as (headers, rows)."""
        from cspsearch.analysis.timeline import timeline_table

        return timeline_table(self.to_json())

    def lines(self) -> list[str]:
        """A sentence per council: first named, the gaps."""
        from cspsearch.analysis.timeline import timeline_lines

        return timeline_lines(self.to_json())


@dataclass(frozen=True, kw_only=True)
class LawResult(Record):
    """Precedent for one instrument (`query` named it: `groups` of citations by council and year, `total`
    citations in `papers` papers), or the most cited instruments (`instruments` alone)."""

    instruments: tuple[Mapping[str, Any], ...] = ()
    query: str | None = None
    provision: str | None = None
    total: int | None = None
    papers: int | None = None
    groups: tuple[Mapping[str, Any], ...] = ()

    @property
    def is_precedent(self) -> bool:
        """Whether this is one instrument's precedent rather than the ranking of instruments."""
        return "groups" in self.json_keys

    @property
    def title(self) -> str:
        """'s.17 of Crime and Disorder Act 1998', or 'Most cited instruments'."""
        if not self.is_precedent:
            return "Most cited instruments"
        names = "; ".join(i["instrument"] for i in self.instruments)
        return f"{self.provision + ' of ' if self.provision else ''}{names}"

    def table(self) -> Table:
        """The citations by council and year, or the instruments with their counts, as (headers, rows)."""
        from cspsearch.analysis.law import precedent_table, ranking_table

        return precedent_table(self.to_json()) if self.is_precedent else ranking_table(self.to_json())


@dataclass(frozen=True, kw_only=True)
class Answer(Record):
    """An answer to a member's question in a sentence or two, the papers it cites, the figures behind it
    (`data`), how the question was read (`query`), and whether it fell back to a passage search."""

    question: str
    answer: str
    kind: str | None = None
    fallback: bool = False
    citations: tuple[Citation, ...] = ()
    data: Mapping[str, Any] | None = None
    query: Mapping[str, Any] = field(default_factory=dict)

    nested = {"citations": many(Citation.from_json)}

    @staticmethod
    def source(cite: Citation) -> str:
        """'Update from Safer Maidstone Partnership, 14 March 2011, p.1'."""
        from cspsearch.analysis.answers import source

        return source(cite.to_json())

    def spreadsheet(self) -> tuple[list[str], list[list[Any]]]:
        """The sources, a row each: the paper, its date, the page and the words cited."""
        headers = ["n", "council", "meeting date", "title", "page", "text", "doc_id", "path"]
        rows: list[list[Any]] = [[n, c.council_id, c.meeting_date, c.title, c.page, " ".join(str(c.text or "").split()),
                                  c.doc_id, c.path] for n, c in enumerate(self.citations, start=1)]
        return headers, rows


@dataclass(frozen=True, kw_only=True)
class Decision(Record):
    """A decision, recommendation or motion: its meeting, words, outcome and votes, and its citation."""

    kind: str
    date: str | None = None
    council_id: str | None = None
    body: str | None = None
    item: str | None = None
    text: str | None = None
    outcome: str | None = None
    votes_for: int | None = key("for")
    against: int | None = None
    abstain: int | None = None
    proposer: str | None = None
    seconder: str | None = None
    amount: float | None = None
    funding_source: str | None = None
    citation: Citation | None = None

    nested = {"citation": Citation.from_json}

    @property
    def outcome_text(self) -> str:
        """'lost (13-39-3)', 'carried', or '' when the papers give none."""
        from cspsearch.analysis.decisions import outcome_text

        return outcome_text(self.to_json())


@dataclass(frozen=True, kw_only=True)
class Decisions(Record):
    """The decisions the filters kept, in date order, with the filters as they were read."""

    filters: Mapping[str, Any] = field(default_factory=dict)
    count: int = 0
    decisions: tuple[Decision, ...] = ()

    nested = {"decisions": many(Decision.from_json)}

    def table(self, compact: bool = False) -> Table:
        """The decisions as (headers, rows); `compact` shortens the words for a terminal."""
        from cspsearch.analysis.decisions import decisions_table

        return decisions_table(self.to_json(), compact=compact)
