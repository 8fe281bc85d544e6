"""Precedent by statutory duty: which papers cite an Act or regulation (and provision), or the most cited."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from cspsearch.analysis.cells import (
    Row,
    citation,
    council_label,
    fold,
    indexed_councils,
    known_first,
    stem,
    where,
)
from cspsearch.errors import NotFoundError
from cspsearch.extract.legal.provisions import normalise_provision, provision_matches
from cspsearch.names import instruments as resolve_instruments
from cspsearch.reading import IndexReader, reader_for

LEGISLATION_BASE = re.compile(r"^(https?://(?:www\.)?legislation\.gov\.uk/[a-z]+/\d{4}/\d+)")


def instrument_url(rows: list[Row]) -> str | None:
    """The legislation.gov.uk page of the instrument as a whole (provision links cut back to it)."""
    urls = [r["url"] for r in sorted(rows, key=lambda r: r.get("provision") is not None) if r.get("url")]
    if not urls:
        return None
    base = LEGISLATION_BASE.match(urls[0])
    return base[1] if base else urls[0]


def cited(row: Row) -> dict[str, Any]:
    """A legal row as a precedent line: provision, sentence, legislation.gov.uk link and citation."""
    return {
        "instrument": row.get("instrument"),
        "provision": row.get("provision"),
        "context": row.get("context"),
        "sentence": sentence_of(row),
        "url": row.get("url"),
        "citation": citation(row),
    }


def build_precedent(rows: list[Row], instrument: str, provision: str | None = None) -> dict[str, Any]:
    """The papers citing `instrument` (and `provision`), grouped by council and meeting year."""
    names = resolve_instruments(instrument, sorted({r["instrument"] for r in rows if r.get("instrument")}))
    wanted = normalise_provision(provision)
    hits = [r for r in rows if r.get("instrument") in names and provision_matches(wanted, r.get("provision"))]
    groups: dict[tuple[str | None, int | None], list[Row]] = defaultdict(list)
    for row in sorted(hits, key=lambda r: (known_first(r.get("meeting_date")), r.get("start") or 0)):
        groups[(row.get("council_id"), row.get("year"))].append(row)
    urls = {n: instrument_url([r for r in rows if r.get("instrument") == n]) for n in names}
    return {
        "query": instrument,
        "instruments": [{"instrument": n, "url": urls.get(n)} for n in names],
        "provision": wanted,
        "total": len(hits),
        "papers": len({r["doc_id"] for r in hits}),
        "groups": [
            {"council_id": c, "year": y, "citations": [cited(r) for r in group]}
            for (c, y), group in sorted(groups.items(), key=lambda item: tuple(map(known_first, item[0])))
        ],
    }


SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+|\s+[-\u2022]\s+")


def sentence_of(row: Row) -> str:
    """The sentence of a legal row's context that holds the reference (the whole context if not found)."""
    context = row.get("context") or ""
    text = " ".join((row.get("text") or "").split())
    at = context.find(text) if text else -1
    if at < 0:
        return context
    start = 0
    for match in SENTENCE_BREAK.finditer(context):
        if match.start() >= at + len(text):
            return context[start : match.start()].strip(" -\u2022")
        if match.end() <= at:
            start = match.end()
    return context[start:].strip(" -\u2022")


def rank_duties(rows: list[Row], words: list[str], limit: int = 3) -> list[dict[str, Any]]:
    """Legislation whose citing sentence shares the most (and rarest) of `words` (stems), best first.

    Each (instrument, provision) counts once, by its best sentence; words rare among the legal
    sentences weigh more, so 'scrutiny' outranks 'crime' in a crime and disorder corpus. A
    council's own constitution or standing orders (instrument_type 'other') is not law.
    """
    rows = [r for r in rows if r.get("instrument") and r.get("instrument_type") != "other"]
    bags = [{stem(w) for w in fold(f"{sentence_of(r)} {r['instrument']}").split()} for r in rows]
    weight = {w: math.log(1 + len(rows) / (1 + sum(w in bag for bag in bags))) for w in words}
    best: dict[tuple[str, str | None], tuple[float, Row]] = {}
    for row, bag in zip(rows, bags, strict=True):
        score = sum(weight[w] for w in words if w in bag)
        key = (row["instrument"], row.get("provision"))
        if score > 0 and score > best.get(key, (0.0, row))[0]:
            best[key] = (score, row)
    ranked = sorted(best.values(), key=lambda item: -item[0])
    top = ranked[0][0] if ranked else 0.0
    return [{"score": round(score, 3), **cited(row)} for score, row in ranked[:limit] if score >= 0.6 * top]


def most_cited(rows: list[Row], limit: int = 20) -> dict[str, Any]:
    """The instruments cited in the most papers, with how often and which provisions."""
    by_name: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.get("instrument"):
            by_name[row["instrument"]].append(row)
    ranked = sorted(
        by_name.items(), key=lambda item: (-len({r["doc_id"] for r in item[1]}), -len(item[1]), item[0])
    )
    return {
        "instruments": [
            {
                "instrument": name,
                "instrument_type": group[0].get("instrument_type"),
                "url": instrument_url(group),
                "mentions": len(group),
                "papers": len({r["doc_id"] for r in group}),
                "councils": sorted({r.get("council_id") for r in group}, key=known_first),
                "provisions": dict(
                    Counter(r["provision"] for r in group if r.get("provision")).most_common()
                ),
            }
            for name, group in ranked[:limit]
        ]
    }


def law(
    instrument: str | None = None,
    index: str | Path | None = None,
    provision: str | None = None,
    councils: list[str] | None = None,
    limit: int = 20,
    reader: IndexReader | None = None,
) -> dict[str, Any]:
    """Precedent for one instrument (and provision), or the most cited instruments when none is named,
    read through `reader` (else from the index folder `index`)."""
    read = reader_for(reader, index)
    wanted = indexed_councils(councils, read)
    rows = read.entity_rows(type="legal", councils=wanted)
    if not instrument:
        if provision:
            raise NotFoundError(
                "Name the Act or regulation the provision belongs to, e.g. law 'Crime and Disorder Act'."
            )
        return most_cited(rows, limit)
    return build_precedent(rows, instrument, provision)


def precedent_table(result: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Precedent lines as (headers, rows)."""
    rows = []
    for group in result["groups"]:
        for line in group["citations"]:
            cite = line["citation"]
            rows.append(
                [
                    council_label(group["council_id"]),
                    str(group["year"] or "undated"),
                    line["instrument"],
                    line["provision"] or "",
                    line["context"] or "",
                    where(cite, title=True),
                    line["url"] or "",
                ]
            )
    return ["council", "year", "instrument", "provision", "sentence", "source", "link"], rows


def ranking_table(result: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """The most cited instruments as (headers, rows)."""
    rows = [
        [
            i["instrument"],
            str(i["papers"]),
            str(i["mentions"]),
            ", ".join(council_label(c) for c in i["councils"]),
            ", ".join(list(i["provisions"])[:5]),
            i["url"] or "",
        ]
        for i in result["instruments"]
    ]
    return ["instrument", "papers", "mentions", "councils", "provisions", "link"], rows
