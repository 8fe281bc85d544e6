"""Search over an index of the sample corpus: ranking, vocabulary, filters, facets, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cspsearch import services
from cspsearch.errors import CspSearchError, IndexMissingError, NotFoundError, QueryError


def _names(result) -> list[str]:
    return [Path(doc["path"]).name for doc in result["results"]]


def test_cctv_medway_finds_the_2011_maidstone_paper(corpus_index):
    result = services.search("CCTV Medway", corpus_index)
    assert _names(result)[0].startswith("2011-03-14")
    top = result["results"][0]
    assert top["council_id"] == "maidstone" and top["meeting_date"] == "2011-03-14"
    snippet = top["passages"][0]["snippet"].lower()
    assert "<b>cctv</b>" in snippet or "<b>medway</b>" in snippet


def test_asb_finds_papers_that_spell_it_out(corpus_index):
    result = services.search("ASB", corpus_index, councils=["maidstone"])
    names = _names(result)
    assert any(n.startswith("2011-03-14") for n in names)  # says "anti social behaviour", never "ASB"
    assert result["expanded"]


def test_spelled_out_finds_the_acronym(corpus_index):
    names = _names(services.search("antisocial behaviour", corpus_index, limit=20))
    assert any(n.startswith("2023-04-13") for n in names)


def test_council_and_year_filters(corpus_index):
    result = services.search("community safety", corpus_index, councils=["medway"], year_from=2020)
    assert result["results"]
    assert {d["council_id"] for d in result["results"]} == {"medway"}
    assert all(d["year"] >= 2020 for d in result["results"])
    assert not services.search("community safety", corpus_index, councils=["medway"], year_to=2019)["results"]


def test_date_sort_orders_by_meeting_date(corpus_index):
    for sort, reverse in (("date", False), ("-date", True)):
        dates = [d["meeting_date"] for d in services.search("partnership", corpus_index, sort=sort)["results"]]
        assert len(dates) >= 3
        assert dates == sorted(dates, reverse=reverse)


def test_facets_add_up_to_the_total(corpus_index):
    result = services.search("council", corpus_index, limit=50)
    assert result["total"] == len(result["results"]) > 3
    for name in ("council_id", "year", "doc_kind"):
        assert sum(result["facets"][name].values()) == result["total"]


def test_snippets_hold_the_query_terms(corpus_index):
    for doc in services.search("domestic abuse", corpus_index)["results"]:
        for p in doc["passages"]:
            assert "<b>" in p["snippet"]
            assert p["page"] >= 1 and p["end"] > p["start"]


def test_passage_citations_slice_the_document(corpus_index):
    doc = services.search("road safety", corpus_index)["results"][0]
    shown = services.show(doc["doc_id"], corpus_index, page=doc["passages"][0]["page"], query="road safety")
    assert shown["highlights"]
    a, b = shown["highlights"][0]
    assert shown["text"][a:b].lower() in {"road", "safety"}


def test_relaxes_to_any_word_with_a_note(corpus_index):
    result = services.search("CCTV zeppelin", corpus_index)
    assert result["relaxed"] and result["note"] and result["results"]


def test_law_and_theme_filters(corpus_index):
    law = services.search("partnership", corpus_index, law="Crime and Disorder Act 1998")
    assert law["results"]
    theme = services.search("priorities", corpus_index, theme="domestic_abuse")
    assert theme["results"]
    with pytest.raises(NotFoundError):
        services.search("partnership", corpus_index, law="Zeppelin Act 1901")
    with pytest.raises(NotFoundError, match="theme"):
        services.search("partnership", corpus_index, theme="zeppelins")


def test_errors_are_sentences(corpus_index, tmp_path):
    with pytest.raises(QueryError, match="no field"):
        services.search("nosuchfield:value", corpus_index)
    with pytest.raises(QueryError, match="empty"):
        services.search("   ", corpus_index)
    with pytest.raises(NotFoundError, match="Did you mean maidstone"):
        services.search("crime", corpus_index, councils=["maidston"])
    with pytest.raises(IndexMissingError, match="cspsearch ingest"):
        services.search("crime", tmp_path / "nowhere")


def test_did_you_mean_for_a_misspelling(corpus_index):
    result = services.search("partnershp", corpus_index)
    assert not result["results"] and result["did_you_mean"] == "partnership"


def test_entities_by_type_carry_citations(corpus_index):
    rows = services.entity_rows(corpus_index, "money", councils=["maidstone"])
    assert rows and all(r["council_id"] == "maidstone" and r["page"] >= 1 and r["doc_id"] for r in rows)
    with pytest.raises(NotFoundError):
        services.entity_rows(corpus_index, "zeppelin")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_no_query_string_raises_anything_but_a_sentence(corpus_index, query):
    try:
        result = services.search(query, corpus_index)
    except CspSearchError as err:
        assert str(err)
    else:
        assert result["total"] >= 0


def test_did_you_mean_alongside_relaxed_results(corpus_index):
    result = services.search("domestc abuse", corpus_index)
    assert result["relaxed"] and result["results"]
    assert result["did_you_mean"] == "domestic abuse"
