"""Passage search: parse, expand, filter, rank, group per document, facet, highlight."""

from __future__ import annotations

import html
import json
import re
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import highlight
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


@dataclass
class _Snapshot:
    """A searcher and what queries need about its documents, built once per commit."""

    searcher: Any
    docs: dict[str, dict[str, Any]]  # doc_id -> DocRow
    doc_of: list[str]  # passage docnum -> doc_id
    themes: dict[str, set[int]]  # theme -> docnums of passages on it
    acronyms: list[set[str]]  # {short, long} of every acronym the corpus defines


def _snapshot(searcher) -> _Snapshot:
    reader = searcher.reader()
    docs = {f["doc_id"]: doc_row(f) for f in searcher.documents(kind="document")}
    doc_of = list(reader.column_reader("doc_id")) if reader.has_column("doc_id") else []
    themes = {}
    if "themes" in reader.indexed_field_names():
        for term in reader.lexicon("themes"):
            themes[term.decode()] = set(reader.postings("themes", term).all_ids())
    acronyms = []
    for hit in searcher.search(Term("entity_type", "acronym"), limit=None):
        entity = json.loads(hit["data"])
        if entity.get("short") and entity.get("long"):
            acronyms.append({entity["short"], entity["long"]})
    return _Snapshot(searcher, docs, doc_of, themes, acronyms)


class _Searchers:
    """One cached snapshot per index folder, refreshed when a writer commits."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[str, _Snapshot] = {}

    def get(self, folder: Path) -> _Snapshot:
        key = str(folder.resolve())
        with self._lock:
            cached = self._cache.get(key)
            if cached is None:
                cached = self._cache[key] = _snapshot(open_for_reading(folder).searcher())
            else:
                fresh = cached.searcher.refresh()
                if fresh is not cached.searcher:
                    cached = self._cache[key] = _snapshot(fresh)
            return cached

    def clear(self) -> None:
        with self._lock:
            for cached in self._cache.values():
                cached.searcher.close()
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
                 instruments: list[str] | None = None, theme=None) -> list[Query]:
    """Filter clauses, ANDed into the query itself: Whoosh then skips through postings
    instead of building a set of allowed documents for every search."""
    clauses: list[Query] = [*filters(councils, year_from, year_to)]
    if committee:
        words = [t.text for t in text_analyzer()(committee)]
        clauses.extend(Term("committee", w) for w in words)
    if kind:
        clauses.append(Term("doc_kind", kind))
    if instruments is not None:
        clauses.append(Or([Term("instruments", i) for i in instruments]) if instruments else Term("kind", "none"))
    if theme:
        clauses.append(Term("themes", theme))
    return clauses


def match_instruments(folder: Path, text: str) -> list[str]:
    """Indexed instrument titles that contain every word of `text` (lower case)."""
    searcher = SEARCHERS.get(folder).searcher
    words = re.findall(r"[a-z0-9]+", text.lower().replace("&", " and "))
    titles = [t.decode() if isinstance(t, bytes) else t for t in searcher.lexicon("instruments")]
    return [t for t in titles if all(re.search(rf"\b{re.escape(w)}\b", t) for w in words)]


def search(folder: Path, query: str, *, synonyms: list[set[str]], limit: int = 10, sort: str = "relevance",
           filter: list[Query] | None = None) -> dict[str, Any]:
    """Search passages and return the query-JSON shape (documents, passages, facets).

    `synonyms` are the caller's groups (the theme taxonomy's); the acronyms the indexed
    papers define are added to them."""
    snap = SEARCHERS.get(folder)
    synonyms = [*synonyms, *snap.acronyms]
    q, notes = parse(query, snap.searcher.schema, synonyms)
    full = _restricted(q, filter)
    matched = _matching(snap, full)
    relaxed = False
    if not matched and _is_plain(query):
        q, notes = parse(query, snap.searcher.schema, synonyms, relaxed=True)
        full = _restricted(q, filter)
        matched = _matching(snap, full)
        relaxed = bool(matched)
    out: dict[str, Any] = {
        "query": query, "total": len(matched), "passages_total": sum(len(v) for v in matched.values()),
        "results": _documents(snap, full, matched, limit, sort),
        "facets": _facets(snap, matched),
        "expanded": notes, "relaxed": relaxed, "did_you_mean": None,
    }
    if relaxed:
        out["note"] = "No passage has all of your words; showing passages with any of them."
    if not matched or relaxed:
        out["did_you_mean"] = _suggest(snap.searcher, query)
    return out


def _restricted(q: Query, clauses: list[Query] | None) -> Query:
    """The query ANDed with its filters, and limited to passages when it names a field
    that other records carry too (council:, year:, committee:)."""
    fields = {field for field, _ in q.iter_all_terms()}
    if fields - set(SEARCH_FIELDS):
        clauses = [Term("kind", "passage"), *(clauses or [])]
    return And([q, *(clauses or [])]) if clauses else q


def _matching(snap: _Snapshot, q: Query) -> dict[str, list[int]]:
    """doc_id -> docnums of its matching passages, without scoring."""
    matched: dict[str, list[int]] = {}
    for docnum in snap.searcher.docs_for_query(q):
        matched.setdefault(snap.doc_of[docnum], []).append(docnum)
    return matched


def _is_plain(query: str) -> bool:
    return len(query.split()) > 1 and not re.search(r'\b(AND|OR|NOT)\b|["():*?]', query)


def _documents(snap: _Snapshot, q: Query, matched: dict[str, list[int]], limit: int,
               sort: str) -> list[dict[str, Any]]:
    if not matched:
        return []
    by_date = sort in ("date", "-date")
    if by_date:
        order = sorted(matched, key=lambda d: snap.docs.get(d, {}).get("meeting_date") or "",
                       reverse=sort == "-date")[:limit]
        # Score only the passages of the documents shown.
        results = snap.searcher.search(And([q, Or([Term("doc_id", d) for d in order])]), limit=limit * 20)
    else:
        results = snap.searcher.search(q, limit=max(100, limit * 10))
    results.fragmenter = highlight.ContextFragmenter(maxchars=220, surround=60)
    results.formatter = _Bold(between=" … ")
    passages: dict[str, list[dict[str, Any]]] = {}
    for hit in results:
        shown = passages.setdefault(hit["doc_id"], [])
        if len(shown) < PASSAGES_PER_DOC:
            shown.append(_passage(hit))
    if not by_date:
        order = list(passages)[:limit]
    rows = []
    for doc_id in order:
        doc = snap.docs.get(doc_id, {"doc_id": doc_id})
        hits = passages.get(doc_id, [])
        rows.append({
            "doc_id": doc_id, "title": doc.get("title"), "council_id": doc.get("council_id"),
            "council": doc.get("council"), "committee": doc.get("committee"),
            "meeting_date": doc.get("meeting_date"), "year": doc.get("year"), "doc_kind": doc.get("doc_kind"),
            "path": doc.get("path"), "score": round(hits[0]["score"], 3) if hits else 0.0,
            "matches": len(matched.get(doc_id, [])), "passages": hits,
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


def _facets(snap: _Snapshot, matched: dict[str, list[int]]) -> dict[str, dict[str, int]]:
    """Counts of matching documents per council, year and kind; per theme of a matching passage."""
    council, year, kind, theme = Counter(), Counter(), Counter(), Counter()
    for doc_id in matched:
        doc = snap.docs.get(doc_id, {})
        council[doc.get("council_id") or "unknown"] += 1
        year[str(doc.get("year") or "unknown")] += 1
        kind[doc.get("doc_kind") or "unknown"] += 1
    if snap.themes:
        for nums in matched.values():
            for name, postings in snap.themes.items():
                if not postings.isdisjoint(nums):
                    theme[name] += 1
    return {name: dict(c.most_common()) for name, c in
            (("council_id", council), ("year", year), ("doc_kind", kind), ("theme", theme))}


def _suggest(searcher, query: str) -> str | None:
    """The query with each word the index does not know replaced by the closest one it does.

    Close words are found among the indexed stems, then shown as a passage spells them,
    which spares every ingest the cost of a separate spelling dictionary."""
    words = re.findall(r"[A-Za-z]{3,}", re.sub(r"\w+:\S+", " ", query))
    corrector = searcher.corrector("body")
    suggestion, changed = query, False
    for word in words:
        stem = [t.text for t in text_analyzer()(word)]
        if not stem or searcher.doc_frequency("body", stem[0]):
            continue
        # Same first letter, and one edit for short words: a scan of the whole vocabulary
        # per unknown word would be slow on a large index, and short words drift far.
        close = corrector.suggest(stem[0], limit=1, maxdist=1 if len(word) <= 5 else 2, prefix=1)
        spelled = _spelling_of(searcher, close[0]) if close else None
        if spelled:
            suggestion, changed = re.sub(rf"\b{re.escape(word)}\b", spelled, suggestion, count=1), True
    return suggestion if changed else None


def _spelling_of(searcher, stem: str) -> str | None:
    """How a passage holding `stem` spells it ("domest" -> "domestic")."""
    for hit in searcher.search(Term("body", stem), limit=1):
        body = hit["body"]
        for token in text_analyzer()(body, chars=True):
            if token.text == stem:
                return body[token.startchar:token.endchar].lower()
    return None


def page_highlights(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans in `text` of the words a query asks for, compared as stems."""
    words = {t.text for t in text_analyzer()(re.sub(r'\b(AND|OR|NOT)\b|\w+:|["()*?]', " ", query))}
    return [(t.startchar, t.endchar) for t in text_analyzer()(text, chars=True, positions=False)
            if t.text in words]


def entity_json(fields: dict[str, Any]) -> dict[str, Any]:
    return json.loads(fields["data"])
