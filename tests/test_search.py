"""Search over an index of the sample corpus: ranking, vocabulary, filters, facets, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cspsearch import services
from cspsearch.errors import CspSearchError, IndexMissingError, NotFoundError, QueryError


@pytest.fixture
def corpus_index(corpus_index_each_engine) -> Path:
    """Every search test here runs on a Whoosh and on a tantivy index of the sample corpus."""
    return corpus_index_each_engine


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


def test_not_alone_means_every_passage_but(corpus_index):
    every = services.search("*", corpus_index, limit=50)
    cctv = services.search("cctv", corpus_index, limit=50)
    rest = services.search("NOT cctv", corpus_index, limit=50)
    assert cctv["passages_total"] > 0
    assert rest["passages_total"] == every["passages_total"] - cctv["passages_total"]
    for doc in rest["results"]:
        assert all("<b>" not in p["snippet"] for p in doc["passages"])


def test_wildcards_on_the_documented_fields(corpus_index):
    councils = services.search("council:med*", corpus_index, limit=50)
    assert councils["results"] and {d["council_id"] for d in councils["results"]} == {"medway"}
    themes = services.search("theme:domestic*", corpus_index, limit=50)
    # Every matching passage is on a theme starting "domestic": here, domestic_abuse.
    assert themes["results"] and themes["facets"]["theme"]["domestic_abuse"] == themes["total"]
    dates = services.search("date:2011*", corpus_index, limit=50)
    assert dates["results"] and all(d["meeting_date"].startswith("2011") for d in dates["results"])
    titles = services.search("title:safe*", corpus_index, limit=50)
    assert titles["results"]


def test_year_ranges(corpus_index):
    closed = services.search("year:[2011 TO 2020]", corpus_index, limit=50)
    assert closed["results"] and all(2011 <= d["year"] <= 2020 for d in closed["results"])
    assert {2011, 2020} <= {d["year"] for d in closed["results"]}
    open_ended = services.search("community year:[2021 TO]", corpus_index, limit=50)
    assert open_ended["results"] and all(d["year"] >= 2021 for d in open_ended["results"])


def test_an_unsearchable_query_gets_a_sentence(corpus_index):
    with pytest.raises(QueryError, match="year such as 2019"):
        services.search("year:99999999999999999999", corpus_index)


_QUERY_PARTS = st.sampled_from([
    "cctv", "domestic", "abuse", "NOT", "AND", "OR", "TO", "*", "?", '"', "(", ")", "[", "]", "{", "}",
    ":", "^", "~", "-", "+", "council:", "theme:", "year:", "date:", "law:", "kind:", "title:",
    "committee:", "body:", "nosuch:", "med*", "domestic*", "[2011 TO 2020]", "{2011 TO}", "[/x]",
    "[bold]", "99999999999999999999999", "-1", "0", "2019", "ASB", "é", "ß", "💥", "中文", "\\", "''",
])


@st.composite
def _query_strings(draw) -> str:
    parts = draw(st.lists(st.one_of(_QUERY_PARTS, st.text(max_size=6)), max_size=8))
    glue = draw(st.sampled_from([" ", "", " AND ", ":"]))
    return glue.join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=40), _query_strings()))
def test_no_query_string_raises_anything_but_a_sentence(corpus_index, query):
    try:
        result = services.search(query, corpus_index)
    except CspSearchError as err:
        assert str(err).strip()
    else:
        assert result["total"] >= 0
        for doc in result["results"]:
            assert doc["passages"] and all(p["page"] >= 1 for p in doc["passages"])


def test_did_you_mean_alongside_relaxed_results(corpus_index):
    result = services.search("domestc abuse", corpus_index)
    assert result["relaxed"] and result["results"]
    assert result["did_you_mean"] == "domestic abuse"


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_a_long_running_process_stops_finding_a_pruned_paper(tmp_path, engine):
    """The TUI keeps one searcher; a commit that only deletes must still reach it."""
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "a.txt").write_text("Maidstone Borough Council\n\nThe zebracrossing plan for the town.\n")
    (papers / "b.txt").write_text("Medway Council\n\nThe zebracrossing review for the towns.\n")
    services.ingest([papers], tmp_path / "ix", engine=engine)
    assert services.search("zebracrossing", tmp_path / "ix")["total"] == 2
    (papers / "b.txt").unlink()
    assert services.prune(tmp_path / "ix") == [str(papers / "b.txt")]
    assert services.search("zebracrossing", tmp_path / "ix")["total"] == 1
