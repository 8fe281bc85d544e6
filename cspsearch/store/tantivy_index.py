"""The tantivy engine's index folder: its schema, its analyzer, opening it, and one locked commit."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import tantivy
from whoosh.analysis import STOP_WORDS

from cspsearch.errors import IndexBusyError, IndexMissingError
from cspsearch.store.index import LOCK_WAIT_SECONDS, folder_lock

ANALYZER = "cspsearch_en"
# Whoosh's StemmingAnalyzer (store/schema.text_analyzer) rebuilt from tantivy's parts, so both
# engines index nearly the same stems: words, lower case, Whoosh's stop list and single letters and
# digits (it drops words shorter than two), then Snowball English (porter2). Words are split at
# every character that is not a letter or digit (tantivy's regex tokenizer, which could split as
# Whoosh does, is six times slower and would be most of the build)...
TEXT_FIELDS = ("committee", "title", "heading", "body")
# ...but Whoosh's tokenizer keeps a word with a dot or an underscore inside it whole ("kent.gov.uk",
# "s.17", "4.3", "item_5"), where tantivy's would split it and find "kent" in an e-mail address on
# one engine only. Such a dot or underscore is written into tantivy as a letter of its own that
# papers never use, so both engines index the same words; `unjoined` reads it back.
_JOINERS = {".": "\ua78f", "_": "\u02cd"}  # LATIN LETTER SINOLOGICAL DOT, MODIFIER LETTER LOW MACRON
# The mark first, so the search jumps from mark to mark (seven times faster than a look-behind first).
_INSIDE = {mark: re.compile(rf"{re.escape(mark)}(?<=\w{re.escape(mark)})(?=\w)") for mark in _JOINERS}
_JOIN_ALL = str.maketrans(_JOINERS)
_UNJOIN = str.maketrans({letter: mark for mark, letter in _JOINERS.items()})
KEYWORD_FIELDS = ("themes", "instruments", "funders")  # comma-joined in Whoosh, one value each here
RAW_FIELDS = ("rec_id", "kind", "doc_id", "path", "sha256", "council_id", "meeting_date", "doc_kind",
              "entity_type", "paragraph")
FAST_FIELDS = {"doc_id", "council_id", "doc_kind", "meeting_date", "kind"}
INT_FIELDS = ("year", "page", "start", "end")
STORED_ONLY = ("fingerprint", "data")  # kept as bytes: never searched, and may be long
DOC_KEY = "doc_key"


@cache
def analyzer() -> tantivy.TextAnalyzer:
    one_letter = [chr(c) for c in range(ord("a"), ord("z") + 1)] + [str(d) for d in range(10)]
    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.custom_stopword(sorted(STOP_WORDS) + one_letter))
            .filter(tantivy.Filter.stemmer("english"))
            .build())


@cache
def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in RAW_FIELDS:
        builder.add_text_field(name, stored=True, fast=name in FAST_FIELDS, tokenizer_name="raw",
                               index_option="basic")
    for name in TEXT_FIELDS:
        builder.add_text_field(name, stored=True, tokenizer_name=ANALYZER, index_option="position")
    for name in KEYWORD_FIELDS:
        builder.add_text_field(name, stored=True, fast=name == "themes", tokenizer_name="raw",
                               index_option="basic")
    for name in INT_FIELDS:
        builder.add_integer_field(name, stored=True, indexed=True, fast=name == "year")
    for name in STORED_ONLY:
        builder.add_bytes_field(name, stored=True, indexed=False)
    builder.add_unsigned_field(DOC_KEY, fast=True)  # last, so the fields before keep their numbers
    return builder.build()


def doc_key(doc_id: str) -> int:
    """A number standing for `doc_id` in a fast column: hits are grouped per paper without loading them."""
    return int.from_bytes(hashlib.blake2b(doc_id.encode(), digest_size=8).digest(), "big")


def joined(text: str) -> str:
    """`text` with each dot or underscore inside a word made a letter, as tantivy indexes it (same length)."""
    for mark, inside in _INSIDE.items():
        if mark in text:
            text = inside.sub(_JOINERS[mark], text)
    return text


def joined_term(text: str) -> str:
    """A word, a prefix or a wildcard as Whoosh's parser gives it, in tantivy's terms: any dot or
    underscore in it can only be one inside a word (tantivy splits words at the others)."""
    return text.translate(_JOIN_ALL)


def unjoined(text: str) -> str:
    """Stored or highlighted text as the paper had it."""
    return text.translate(_UNJOIN)


def exists(folder: Path) -> bool:
    return (folder / "meta.json").is_file()


def open_index(folder: Path, create: bool = False) -> tantivy.Index:
    if not exists(folder):
        if not create:
            raise IndexMissingError(
                f"There is no index at {folder} yet: build one with `cspsearch ingest PATH --index {folder}`.")
        folder.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(schema(), str(folder), reuse=False)
    else:
        index = tantivy.Index.open(str(folder))
    index.register_tokenizer(ANALYZER, analyzer())
    return index


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """The write lock of the index at `folder` (the same lock file as a Whoosh index's), waiting as a Whoosh
    writer waits."""
    folder.mkdir(parents=True, exist_ok=True)
    with folder_lock(folder, wait=LOCK_WAIT_SECONDS):
        yield


def commit(folder: Path, change: Callable[[tantivy.IndexWriter, tantivy.Index], None]) -> None:
    """Make `change` with one writer and commit it; on any failure roll back, so the
    index keeps what it had."""
    with locked(folder):
        index = open_index(folder, create=True)
        try:
            writer = index.writer(heap_size=64_000_000, num_threads=1)
        except ValueError as err:
            raise IndexBusyError(f"The index at {folder} is being written by another process; try again when "
                                 "that ingest has finished.") from err
        try:
            change(writer, index)
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise


def to_document(fields: dict[str, Any]) -> tantivy.Document:
    """A record as Whoosh's writer is given it (store/writer.records_of) as a tantivy document."""
    doc = tantivy.Document()
    for name, value in fields.items():
        if value is None:
            continue
        if name in KEYWORD_FIELDS:
            for item in str(value).split(","):
                if item.strip():
                    doc.add_text(name, item.strip().lower())
        elif name in INT_FIELDS:
            doc.add_integer(name, int(value))
        elif name in STORED_ONLY:
            doc.add_bytes(name, json.dumps(value).encode() if name == "fingerprint" else str(value).encode())
        elif name in TEXT_FIELDS:
            doc.add_text(name, joined(str(value)))
        else:
            doc.add_text(name, str(value))
    if fields.get("doc_id"):
        doc.add_unsigned(DOC_KEY, doc_key(str(fields["doc_id"])))
    return doc


def to_fields(doc: tantivy.Document) -> dict[str, Any]:
    """A stored tantivy document as the dict Whoosh's searcher gives (store/reader.doc_row reads it)."""
    out: dict[str, Any] = {}
    for name, values in doc.to_dict().items():
        if name in KEYWORD_FIELDS:
            out[name] = ",".join(values)
        elif name == "fingerprint":
            out[name] = json.loads(bytes(values[0]).decode())
        elif name == "data":
            out[name] = bytes(values[0]).decode()
        elif name in TEXT_FIELDS:
            out[name] = unjoined(values[0])
        else:
            out[name] = values[0]
    return out


def every(searcher: tantivy.Searcher, query: tantivy.Query) -> Iterator[dict[str, Any]]:
    """The stored fields of every record `query` matches, in index order."""
    total = searcher.search(query, limit=1, count=True).count  # type: ignore[attr-defined]
    if not total:
        return
    for _, address in searcher.search(query, limit=total, count=False).hits:
        yield to_fields(searcher.doc(address))


def term(field: str, value: Any) -> tantivy.Query:
    return tantivy.Query.term_query(schema(), field, value)


def document_count(folder: Path) -> int | None:
    """How many documents the index holds; None when there is no index."""
    if not exists(folder):
        return None
    searcher = open_index(folder).searcher()
    return searcher.search(term("kind", "document"), limit=1, count=True).count  # type: ignore[attr-defined]
