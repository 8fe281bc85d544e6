"""cspsearch.Library over a real index: each method answers as the operation it stands for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cspsearch import services
from cspsearch.errors import CspSearchError, IndexMissingError
from cspsearch.library import Library


@pytest.fixture(scope="module")
def library(corpus_index: Path) -> Library:
    return Library(corpus_index)


def test_opening_reads_nothing_and_names_its_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CSPSEARCH_INDEX", str(tmp_path / "configured"))
    assert Library().folder == tmp_path / "configured"
    assert Library(tmp_path / "elsewhere").folder == tmp_path / "elsewhere"
    status = Library(tmp_path / "none").status()
    assert status.to_json() == {"path": str(tmp_path / "none"), "exists": False, "documents": 0}
    assert (status.exists, status.documents) == (False, 0)


def test_reads_match_the_service_layer(library, corpus_index):
    assert library.status().documents == len(library.documents()) > 0
    assert library.documents(councils=["medway"]) == services.documents(corpus_index, ["medway"])
    assert library.entities(type="money").to_json()["entities"] == services.entity_rows(corpus_index, type="money")
    found = library.search("community safety", limit=5)
    assert found.to_json() == services.search("community safety", corpus_index, limit=5)
    hit = found.results[0]
    page = library.page(hit.doc_id, hit.passages[0].page, "community safety")
    assert page.doc.doc_id == hit.doc_id and page.highlights


def test_analysis_methods_give_the_json_shapes(library):
    councils = sorted({d["council_id"] for d in library.documents() if d.get("council_id")})
    compared = library.compare(councils[:2])
    assert [c["council_id"] for c in compared.councils] == councils[:2]
    assert library.grants().entries and library.law().instruments
    assert library.ask("What were Medway's priorities?").answer
    assert library.brief([councils[0]]).startswith("#")
    assert library.decisions().count == len(library.decisions().decisions)
    json.dumps([compared.to_json(), library.grants().to_json(), library.law().to_json()])  # plain JSON


def test_a_missing_index_is_a_sentence(tmp_path):
    with pytest.raises(IndexMissingError, match="There is no index"):
        Library(tmp_path / "none").search("anything")


def test_user_errors_are_cspsearch_errors(library):
    with pytest.raises(CspSearchError, match="entity type"):
        library.entities(type="nonsense")
    with pytest.raises(CspSearchError):
        library.compare(["atlantis"])


def test_every_reader_offers_the_protocol_and_a_library_reads_through_the_one_it_is_given(tmp_path):
    import importlib.util

    from cspsearch.reading import IndexReader, StoreReader

    spec = importlib.util.spec_from_file_location("analysis_fakes", Path(__file__).parent / "fixtures" / "analysis"
                                                  / "fakes.py")
    fakes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fakes)
    fake = fakes.FakeReader()
    for reader in (StoreReader(tmp_path), fake, Library(tmp_path)):
        assert isinstance(reader, IndexReader)
    library = Library(tmp_path / "no-index-here", reader=fake)  # the folder is never read
    assert library.documents() == fake.documents()
    assert library.compare(["maidstone", "medway"]).councils[0]["council_id"] == "maidstone"
