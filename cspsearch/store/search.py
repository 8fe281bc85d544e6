"""Passage search: parse, expand, filter, rank, group per document, facet, highlight."""

from __future__ import annotations

import html
import json
import re
import threading
from collections import Counter
from pathlib import Path
from typing import Any

from whoosh import highlight, sorting
from whoosh.qparser import AndGroup, MultifieldParser, OrGroup
from whoosh.query import And, Or, Query, Term

from cspsearch.errors import QueryError
from cspsearch.store.index import open_for_reading
from cspsearch.store.reader import doc_row, filters
from cspsearch.store.schema import text_analyzer
from cspsearch.store.vocabulary import expand

SEARCH_FIELDS = ["title", "heading", "body"]
# Friendly field names a person may type in a query, mapped to the schema's.
FIELD_ALIASES = {"council": "council_id", "kind": "doc_kind", "theme": "themes", "law": "instruments",
                 "date": "meeting_date"}
QUERY_FIELDS = {"title", "heading", "body", "committee", "council_id", "year", "doc_kind", "themes",
                "instruments", "funders", "meeting_date"}
PASSAGES_PER_DOC = 3
_FIELD_TOKEN = re.compile(r'(?<![\w"])([A-Za-z_]+):(?=\S)')


class _Bold(highlight.HtmlFormatter):
    """<b>term</b> with no classes: the shape the query JSON contract shows."""

    def format_token(self, text, token, replace=False):
        return f"<b>{html.escape(highlight.get_text(text, token, replace))}</b>"

    def _text(self, text):
        return html.escape(text, quote=False)


class _Searchers:
    """One cached searcher per index folder, refreshed when a writer commits."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[str, Any] = {}

    def get(self, folder: Path):
        key = str(folder.resolve())
        with self._lock:
            cached = self._cache.get(key)
            if cached is None:
                searcher = open_for_reading(folder).searcher()
                cached = self._cache[key] = {"searcher": searcher, "docs": None}
            else:
                fresh = cached["searcher"].refresh()
                if fresh is not cached["searcher"]:
                    cached.update(searcher=fresh, docs=None)
            if cached["docs"] is None:
                cached["docs"] = {f["doc_id"]: doc_row(f) for f in cached["searcher"].documents(kind="document")}
            return cached["searcher"], cached["docs"]

    def clear(self) -> None:
        with self._lock:
            for cached in self._cache.values():
                cached["searcher"].close()
            self._cache.clear()


SEARCHERS = _Searchers()


def parse(query: str, schema, synonyms: list[set[str]], relaxed: bool = False) -> tuple[Query, list[str]]:
    """The Whoosh query for a person's query string (AND by default, OR when relaxed)."""
    text = _FIELD_TOKEN.sub(lambda m: _field_name(m.group(1)) + ":", query)
    text, notes = expand(text, synonyms)
    parser = MultifieldParser(SEARCH_FIELDS, schema, group=OrGroup if relaxed else AndGroup)
    try:
        parsed = parser.parse(text)
    except Exception as err:  # the parser's own errors are not sentences
        raise QueryError(f"The query {query!r} could not be understood ({err}).") from err
    if parsed is None or str(parsed) in ("<_NullQuery>", "NullQuery"):
        raise QueryError("The query is empty: type at least one word to search for.")
    return parsed, notes


def _field_name(name: str) -> str:
    field = FIELD_ALIASES.get(name.lower(), name.lower())
    if field not in QUERY_FIELDS:
        known = ", ".join(sorted({*QUERY_FIELDS, *FIELD_ALIASES}))
        raise QueryError(f"There is no field {name!r} to search in; the fields are: {known}.")
    return field


def filter_query(councils=None, year_from=None, year_to=None, committee=None, kind=None,
                 instruments: list[str] | None = None, theme=None) -> Query:
    clauses: list[Query] = [Term("kind", "passage"), *filters(councils, year_from, year_to)]
    if committee:
        words = [t.text for t in text_analyzer()(committee)]
        clauses.extend(Term("committee", w) for w in words)
    if kind:
        clauses.append(Term("doc_kind", kind))
    if instruments is not None:
        clauses.append(Or([Term("instruments", i) for i in instruments]) if instruments else Term("kind", "none"))
    if theme:
        clauses.append(Term("themes", theme))
    return And(clauses)


def match_instruments(folder: Path, text: str) -> list[str]:
    """Indexed instrument titles that contain every word of `text` (lower case)."""
    searcher, _ = SEARCHERS.get(folder)
    words = re.findall(r"[a-z0-9]+", text.lower().replace("&", " and "))
    titles = [t.decode() if isinstance(t, bytes) else t for t in searcher.lexicon("instruments")]
    return [t for t in titles if all(re.search(rf"\b{re.escape(w)}\b", t) for w in words)]


def search(folder: Path, query: str, *, synonyms: list[set[str]], limit: int = 10, sort: str = "relevance",
           filter: Query | None = None) -> dict[str, Any]:
    """Search passages and return the query-JSON shape (documents, passages, facets)."""
    searcher, docs = SEARCHERS.get(folder)
    q, notes = parse(query, searcher.schema, synonyms)
    results = _run(searcher, q, filter, sort, limit)
    relaxed = False
    if results.is_empty() and _is_plain(query):
        q, notes = parse(query, searcher.schema, synonyms, relaxed=True)
        results = _run(searcher, q, filter, sort, limit)
        relaxed = not results.is_empty()
    groups = results.groups("doc")
    out: dict[str, Any] = {
        "query": query, "total": len(groups), "passages_total": len(results),
        "results": _documents(results, groups, docs, limit, sort),
        "facets": _facets(groups, _doc_sets(searcher, results.groups("theme")), docs),
        "expanded": notes, "relaxed": relaxed, "did_you_mean": None,
    }
    if relaxed:
        out["note"] = "No passage has all of your words; showing passages with any of them."
    if not groups:
        out["did_you_mean"] = _suggest(searcher, q, query)
    return out


def _run(searcher, q: Query, flt: Query | None, sort: str, limit: int):
    facets = {"doc": sorting.FieldFacet("doc_id"), "theme": sorting.FieldFacet("themes", allow_overlap=True)}
    if sort in ("date", "-date"):
        return searcher.search(q, filter=flt, limit=None, groupedby=facets, terms=True)
    return searcher.search(q, filter=flt, limit=max(200, limit * 20), groupedby=facets, terms=True)


def _is_plain(query: str) -> bool:
    return len(query.split()) > 1 and not re.search(r'\b(AND|OR|NOT)\b|["():*?]', query)


def _documents(results, groups, docs, limit: int, sort: str) -> list[dict[str, Any]]:
    order: list[str] = []
    passages: dict[str, list[dict[str, Any]]] = {}
    results.fragmenter = highlight.ContextFragmenter(maxchars=220, surround=60)
    results.formatter = _Bold(between=" … ")
    for hit in results:
        doc_id = hit["doc_id"]
        if doc_id not in passages:
            order.append(doc_id)
            passages[doc_id] = []
        if len(passages[doc_id]) < PASSAGES_PER_DOC:
            passages[doc_id].append(_passage(hit))
    if sort in ("date", "-date"):
        order = sorted(groups, key=lambda d: docs.get(d, {}).get("meeting_date") or "", reverse=sort == "-date")
    rows = []
    for doc_id in order[:limit]:
        doc = docs.get(doc_id, {"doc_id": doc_id})
        hits = passages.get(doc_id, [])
        rows.append({
            "doc_id": doc_id, "title": doc.get("title"), "council_id": doc.get("council_id"),
            "council": doc.get("council"), "committee": doc.get("committee"),
            "meeting_date": doc.get("meeting_date"), "year": doc.get("year"), "doc_kind": doc.get("doc_kind"),
            "path": doc.get("path"), "score": round(hits[0]["score"], 3) if hits else 0.0,
            "matches": len(groups.get(doc_id, [])), "passages": hits,
        })
    return rows


def _passage(hit) -> dict[str, Any]:
    snippet = hit.highlights("body", top=2)
    if not snippet:  # matched by its heading or title: show that, then the passage's opening
        label = hit.highlights("heading", top=1) or hit.highlights("title", top=1)
        opening = html.escape(" ".join(hit["body"].split())[:160])
        snippet = f"{label} — {opening}" if label else opening
    return {"page": hit["page"], "paragraph": hit.get("paragraph"), "heading": hit.get("heading") or None,
            "snippet": " ".join(snippet.split()), "start": hit["start"], "end": hit["end"],
            "score": float(hit.score or 0.0)}


def _facets(groups, theme_groups, docs) -> dict[str, dict[str, int]]:
    council, year, kind = Counter(), Counter(), Counter()
    for doc_id in groups:
        doc = docs.get(doc_id, {})
        council[doc.get("council_id") or "unknown"] += 1
        year[str(doc.get("year") or "unknown")] += 1
        kind[doc.get("doc_kind") or "unknown"] += 1
    theme = Counter({t: len(ids) for t, ids in theme_groups.items() if t and ids})
    return {name: dict(c.most_common()) for name, c in
            (("council_id", council), ("year", year), ("doc_kind", kind), ("theme", theme))}


def _doc_sets(searcher, groups: dict[Any, list[int]]) -> dict[Any, set[str]]:
    """Passage numbers grouped by a facet, as the set of documents they belong to."""
    doc_ids = searcher.reader().column_reader("doc_id")
    return {key: {doc_ids[n] for n in nums} for key, nums in groups.items()}


def _suggest(searcher, q: Query, query: str) -> str | None:
    try:
        corrected = searcher.correct_query(q, query)
    except Exception:
        return None
    return corrected.string if corrected.query != q else None


def page_highlights(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans in `text` of the words a query asks for, compared as stems."""
    words = {t.text for t in text_analyzer()(re.sub(r'\b(AND|OR|NOT)\b|\w+:|["()*?]', " ", query))}
    return [(t.startchar, t.endchar) for t in text_analyzer()(text, chars=True, positions=False)
            if t.text in words]


def entity_json(fields: dict[str, Any]) -> dict[str, Any]:
    return json.loads(fields["data"])
