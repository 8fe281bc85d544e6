"""Typed results (cspsearch.results) over a real index of the sample corpus: every kind gives back today's
JSON byte for byte, reads as typed attributes, is frozen, and carries the tables its command prints."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cspsearch import services
from cspsearch.analysis.ask import ask
from cspsearch.analysis.compare import compare, matrix_table
from cspsearch.analysis.decisions import decisions
from cspsearch.analysis.grants import grants, ledger_table
from cspsearch.analysis.law import law
from cspsearch.analysis.timeline import timeline
from cspsearch.cli import app
from cspsearch.library import Library
from cspsearch.model import Citation
from cspsearch.results import (
    Abilities,
    Answer,
    Comparison,
    DocumentHit,
    DocumentList,
    EntityList,
    EntityRow,
    GrantsLedger,
    Health,
    IndexStatus,
    LedgerEntry,
    Page,
    PassageHit,
    Reindexing,
    Repair,
    SearchResult,
)

QUERIES = ["community safety", '"domestic abuse"', "anti-social behaviour", "xyzzyq nothing here", "grant*"]
QUESTIONS = ["What were Medway's priorities?", "How much PCC grant did Maidstone get in 2019-20?",
             "When did domestic abuse first become a priority for Maidstone?",
             "What did the committee recommend in June 2016?", "Tell me about CCTV monitoring"]


@pytest.fixture(scope="module")
def library(corpus_index: Path) -> Library:
    return Library(corpus_index)


def same_bytes(typed, today) -> bool:
    """Whether the typed result writes exactly the bytes today's dict does (as the CLI prints them too)."""
    return (json.dumps(typed.to_json()) == json.dumps(today)
            and json.dumps(typed.to_json(), ensure_ascii=False, indent=2) == json.dumps(today, ensure_ascii=False,
                                                                                        indent=2))


def test_search_results_and_pages_keep_their_json(library, corpus_index):
    for query in QUERIES:
        found = library.search(query, limit=5)
        assert same_bytes(found, services.search(query, corpus_index, limit=5)), query
    filtered = library.search("plan", councils=["medway"], year_from=2015, limit=3)
    assert same_bytes(filtered, services.search("plan", corpus_index, ["medway"], 2015, limit=3))
    hits = [hit for hit in library.search("community safety", limit=5).results if hit.passages]
    assert hits
    for hit in hits:
        page = hit.passages[0].page
        assert same_bytes(library.page(hit.doc_id, page, "community safety"),
                          services.show(hit.doc_id, corpus_index, page, "community safety"))


def test_listings_and_analyses_keep_their_json(library, corpus_index):
    reader = library.reader
    assert same_bytes(library.list_documents(), services.list_documents(corpus_index))
    assert same_bytes(library.list_documents(year_from=2015), services.list_documents(corpus_index, None, 2015))
    for specs in (["maidstone", "medway"], ["maidstone:2011-2023", "medway", "kent"]):
        assert same_bytes(library.compare(specs), compare(specs, corpus_index, reader=reader))
    assert same_bytes(library.timeline("domestic_abuse"), timeline("domestic_abuse", corpus_index, reader=reader))
    assert same_bytes(library.grants(), grants(corpus_index, reader=reader))
    assert same_bytes(library.grants(include_all=True), grants(corpus_index, include_all=True, reader=reader))
    assert same_bytes(library.law(), law(None, corpus_index, reader=reader))
    assert same_bytes(library.law("crime and disorder act"), law("crime and disorder act", corpus_index,
                                                                 reader=reader))
    assert same_bytes(library.law("crime and disorder act", "s.17"),
                      law("crime and disorder act", corpus_index, "s.17", reader=reader))
    for question in QUESTIONS:
        assert same_bytes(library.ask(question), ask(question, corpus_index, reader=reader)), question
    assert same_bytes(library.decisions(), decisions(reader, corpus_index))
    for kind in (None, "money", "legal", "priority", "date", "financial_year", "acronym"):
        rows = services.entity_rows(corpus_index, type=kind)
        assert same_bytes(library.entities(kind), {"total": len(rows), "entities": rows}), kind
    assert same_bytes(library.entities(councils=["medway"], year_from=2015),
                      {"total": len(rows := services.entity_rows(corpus_index, councils=["medway"], year_from=2015)),
                       "entities": rows})


def test_results_read_as_typed_attributes(library):
    found = library.search("community safety", limit=3)
    assert isinstance(found, SearchResult) and found.query == "community safety"
    assert all(isinstance(doc, DocumentHit) for doc in found.results)
    assert all(isinstance(p, PassageHit) and p.page >= 1 for doc in found.results for p in doc.passages)
    assert found.total >= len(found.results) > 0 and isinstance(found.facets["council_id"], dict)
    assert found["query"] == found.query and found.get("no such key") is None  # the dict's keys still read

    answer = library.ask("What were Medway's priorities?")
    assert isinstance(answer, Answer) and answer.citations
    assert all(isinstance(c, Citation) and c.page >= 1 for c in answer.citations)

    ledger = library.grants()
    assert isinstance(ledger, GrantsLedger) and ledger.entries
    entry = ledger.entries[0]
    assert isinstance(entry, LedgerEntry) and entry.citation is entry.citations[0]
    assert ledger.total == pytest.approx(sum(item["total"] for item in ledger.by_year))

    facts = library.entities("money")
    assert isinstance(facts, EntityList) and facts.total == len(facts.entities) > 0
    fact = facts.entities[0]
    assert isinstance(fact, EntityRow) and fact.type == "money" and fact.doc_id and fact.page >= 1
    cited = fact.citation
    assert isinstance(cited, Citation) and (cited.doc_id, cited.page, cited.start, cited.end) == \
        (fact.doc_id, fact.page, fact.start, fact.end)
    assert fact["amount"] == fact.get("amount") and "amount=" in fact.value_text()  # a kind's own fields

    listing = library.list_documents()
    assert isinstance(listing, DocumentList) and listing.total == len(listing.documents) > 0
    page = library.page(found.results[0].doc_id, found.results[0].passages[0].page, "community safety")
    assert isinstance(page, Page) and page.doc.doc_id == found.results[0].doc_id
    assert all(page.text[a:b].lower() for a, b in page.highlights)


def test_results_are_frozen(library):
    found = library.search("community safety", limit=1)
    with pytest.raises(FrozenInstanceError):
        found.total = 0  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        found.results[0].passages[0].page = 9  # type: ignore[misc]
    assert isinstance(found.results, tuple) and isinstance(found.expanded, tuple)


def test_keys_a_result_gains_later_are_kept_in_their_place():
    today = {"query": "q", "total": 0, "engine_note": "new", "passages_total": 0, "results": [], "facets": {},
             "expanded": [], "relaxed": False, "did_you_mean": None, "left_out": []}
    typed = SearchResult.from_json(today)
    assert typed.extra == {"engine_note": "new"}
    assert json.dumps(typed.to_json()) == json.dumps(today)
    with pytest.raises(KeyError):
        typed["note"]  # a key today's dict lacks is not made up


def test_results_carry_the_tables_their_commands_print(library, corpus_index):
    reader = library.reader
    ledger = library.grants()
    assert ledger.table() == ledger_table(grants(corpus_index, reader=reader))
    headers, rows = ledger.spreadsheet()
    assert len(rows) == len(ledger.entries) + len(ledger.undated) + len(ledger.no_amount)
    assert all(isinstance(row[headers.index("amount")], float) for row in rows[:len(ledger.entries)])
    compared = library.compare(["maidstone", "medway"])
    assert isinstance(compared, Comparison)
    assert compared.table() == matrix_table(compare(["maidstone", "medway"], corpus_index, reader=reader))
    found = library.search("community safety", limit=3)
    headers, rows = found.spreadsheet()
    assert len(rows) == sum(len(doc.passages) for doc in found.results)
    assert all("<b>" not in row[headers.index("passage")] for row in rows)
    page = library.page(found.results[0].doc_id, found.results[0].passages[0].page)
    assert page.markdown().startswith("# ") and f"page {page.page} of {page.pages}" in page.markdown()
    columns, rows = library.list_documents().table()
    assert columns[0] == "doc_id" and all(len(row) == len(columns) for row in rows)
    headers, rows = library.entities("money").sheet()
    assert headers[:2] == ["type", "text"] and "amount" in headers and "start" not in headers
    assert rows and all(isinstance(row[headers.index("amount")], int | float) for row in rows
                        if row[headers.index("amount")] is not None)


def test_the_cli_prints_the_same_json_bytes(corpus_index):
    runner = CliRunner()
    printed = runner.invoke(app, ["search", "community safety", "--index", str(corpus_index), "--json"])
    assert printed.exit_code == 0, printed.output
    today = services.search("community safety", corpus_index)
    assert printed.stdout == json.dumps(today, ensure_ascii=False, indent=2) + "\n"
    printed = runner.invoke(app, ["grants", "--index", str(corpus_index), "-f", "json"])
    assert printed.exit_code == 0, printed.output
    assert printed.stdout == json.dumps(grants(corpus_index), ensure_ascii=False, indent=2) + "\n"
    printed = runner.invoke(app, ["entities", "--type", "legal", "--index", str(corpus_index), "--json"])
    assert printed.exit_code == 0, printed.output
    rows = services.entity_rows(corpus_index, type="legal")
    assert printed.stdout == json.dumps({"total": len(rows), "entities": rows}, ensure_ascii=False, indent=2) + "\n"


def test_a_page_links_to_itself_and_says_when_ocr_read_it(tmp_path):
    paper = tmp_path / "plan.pdf"
    paper.write_bytes(b"%PDF-1.4")
    doc = {"doc_id": "a1", "path": str(paper), "source_url": None,
           "ocr_pages": [{"page": 2, "confidence": 0.87, "low": False}]}
    page = Page.from_json({"doc": doc, "page": 2, "pages": 3, "text": "words", "page_start": 0, "highlights": [],
                           "entities": []})
    assert page.link() == f"{paper.resolve().as_uri()}#page=2"
    assert page.ocr_note() == "read by OCR, 87% confidence"
    fetched = Page.from_json({**page.to_json(), "doc": {**doc, "source_url": "https://example.org/p.pdf#x"}})
    assert fetched.link() == "https://example.org/p.pdf#page=2"
    assert fetched.doc.ocr_note(1) is None


def test_looking_after_an_index_gives_typed_results_with_the_same_json(tmp_path, corpus_index):
    papers = tmp_path / "papers"
    papers.mkdir()
    for name in ("a", "b"):
        (papers / f"{name}.txt").write_text(f"Swale Borough Council\n\nThe {name} review of CCTV.\n")
    folder = tmp_path / "ix"
    library = Library(folder)
    assert isinstance(library.status(), IndexStatus) and not library.status().exists
    library.ingest([papers])
    status = library.status()
    assert same_bytes(status, services.index_status(folder)) and status.documents == 2

    health = library.check()
    assert isinstance(health, Health) and health.healthy and health.problems == ()
    assert same_bytes(health, services.check_index(folder)) and health.counts().startswith("2 documents")
    headers, rows = health.sheet()
    assert headers[-1] == "problem" and rows == [[str(folder), True, 2, health.passages, health.entities,
                                                 health.segments, None]]

    # Damaged (a segment file gone): the check says so, and a repair rebuilds it from the papers.
    next(folder.glob("*.seg")).unlink()
    damaged = library.check()
    assert not damaged.healthy and damaged.problems and damaged.sheet()[1][0][-1] == damaged.problems[0]
    rebuilt = library.repair([papers])  # the only segment is gone: the index cannot name its papers
    assert isinstance(rebuilt, Repair) and isinstance(rebuilt.health, Health) and rebuilt.health.healthy
    assert rebuilt.ingested == 2 and rebuilt.gone == () and rebuilt.failed == ()
    assert json.loads(json.dumps(rebuilt.to_json()))["health"]["documents"] == 2

    moved = library.reindex("tantivy")
    assert isinstance(moved, Reindexing) and moved.converted and moved.source == "whoosh"
    assert moved.to_json()["from"] == "whoosh" and moved.records > 0
    assert library.reindex("tantivy").converted is False

    abilities = library.doctor()
    assert isinstance(abilities, Abilities) and same_bytes(abilities, services.doctor())
    assert abilities.ready == bool(abilities.ocr["available"])
    assert abilities.sheet()[1][0][:2] == ["ocr", abilities.ocr["available"]]
