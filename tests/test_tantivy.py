"""The tantivy engine beside Whoosh: choosing and remembering it, converting, and the same answers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cspsearch import services
from cspsearch.cli import app
from cspsearch.errors import IndexMissingError, QueryError
from cspsearch.store import engine
from cspsearch.store.engine import EngineError

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["CCTV Medway", "ASB", '"community safety" NOT draft', "NOT plan", "polic*", "year:[2011 TO 2020] crime",
           "domestc abuse", "theme:asb", "*", "council:kent", "date:[2020 TO 2024]", "partnership OR zeppelin",
           '"crime and disorder"', '"the police and crime commissioner"',  # stop words inside a phrase
           "What are Maidstone's community safety priorities for 2017?"]


def _shape(value, path: str = "") -> set[tuple[str, str]]:
    """The JSON's shape: every key path with the types found there (facet counts as one)."""
    if isinstance(value, dict):
        if path.count(".") == 1 and path.startswith(".facets"):
            return {(path, "counts")}
        return {(path, "dict")} | {p for k, v in value.items() for p in _shape(v, f"{path}.{k}")}
    if isinstance(value, list):
        return {(path, "list")} | {p for item in value for p in _shape(item, path + "[]")}
    return {(path, type(value).__name__)} if value is not None else {(path, "set")}


def _optional(shape: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """A value missing in one answer (a passage with no heading) is not a different shape."""
    return {(p, t) for p, t in shape if t != "set"}


def _papers(folder: Path, text: str) -> Path:
    papers = folder / "papers"
    papers.mkdir(parents=True)
    (papers / "a.txt").write_text(f"Maidstone Borough Council\n\nThe {text} plan for the town.\n")
    (papers / "b.txt").write_text(f"Medway Council\n\nThe {text} review for the towns.\n")
    return papers


@pytest.mark.parametrize("query", QUERIES)
def test_both_engines_give_the_same_json(corpus_index_whoosh, corpus_index_tantivy, query):
    whoosh = services.search(query, corpus_index_whoosh, limit=20)
    tantivy = services.search(query, corpus_index_tantivy, limit=20)
    for key in ("total", "passages_total", "expanded", "relaxed", "did_you_mean", "left_out"):
        assert tantivy[key] == whoosh[key], key
    assert tantivy["facets"] == whoosh["facets"]
    assert {d["doc_id"]: d["matches"] for d in tantivy["results"]} == {d["doc_id"]: d["matches"]
                                                                      for d in whoosh["results"]}
    assert _optional(_shape(tantivy)) == _optional(_shape(whoosh))
    for doc in tantivy["results"]:
        assert doc["passages"] and len(doc["passages"]) <= 3


def test_both_engines_rank_alike(corpus_index_whoosh, corpus_index_tantivy):
    """The same papers on the first page; BM25F (Whoosh) and per-field BM25 (tantivy) may swap neighbours."""
    for query in ("CCTV Medway", "domestic abuse", "road safety", "modern slavery", "community safety partnership"):
        whoosh, tantivy = ([d["doc_id"] for d in services.search(query, ix)["results"]]
                           for ix in (corpus_index_whoosh, corpus_index_tantivy))
        assert set(whoosh) == set(tantivy) and whoosh[0] in tantivy[:2], query


def test_filters_and_sorts_agree(corpus_index_whoosh, corpus_index_tantivy):
    asks = [dict(councils=["medway"], year_from=2020), dict(committee="cabinet"), dict(kind="minutes"),
            dict(theme="domestic_abuse"), dict(law="Crime and Disorder Act 1998"), dict(sort="date"),
            dict(sort="-date"), dict(year_from=2024, include_undated=True)]
    for ask in asks:
        whoosh = services.search("council", corpus_index_whoosh, limit=50, **ask)
        tantivy = services.search("council", corpus_index_tantivy, limit=50, **ask)
        assert tantivy["total"] == whoosh["total"] and tantivy["facets"] == whoosh["facets"], ask
        if "sort" in ask:
            assert [d["meeting_date"] for d in tantivy["results"]] == [d["meeting_date"] for d in whoosh["results"]]


def test_reads_are_the_same_on_both_engines(corpus_index_whoosh, corpus_index_tantivy):
    assert services.documents(corpus_index_tantivy) == services.documents(corpus_index_whoosh)
    assert services.entity_rows(corpus_index_tantivy) == services.entity_rows(corpus_index_whoosh)
    doc_id = services.documents(corpus_index_whoosh)[0]["doc_id"]
    assert services.show(doc_id, corpus_index_tantivy, query="council") == services.show(
        doc_id, corpus_index_whoosh, query="council")
    assert services.index_status(corpus_index_tantivy)["documents"] == len(services.documents(corpus_index_whoosh))
    health = services.check_index(corpus_index_tantivy)
    assert health["healthy"] and health["documents"] == services.index_status(corpus_index_whoosh)["documents"]


def test_analyzer_matches_whoosh_on_real_text(corpus_index_whoosh, corpus_index_tantivy):
    """tantivy's words and stems are Whoosh's, those with a dot or underscore inside ("4.3", "s.17", an
    e-mail address) included, but for a few words Snowball and porter2 stem apart; a query finds
    those words on either engine, as each analyses queries as it analysed the papers."""
    from collections import Counter

    from cspsearch.store.schema import text_analyzer
    from cspsearch.store.tantivy_index import analyzer, joined, unjoined

    pages = [p for doc in services.documents(corpus_index_whoosh) for p in _pages(corpus_index_whoosh, doc["doc_id"])]
    text = "\n".join(pages)
    ours = Counter(unjoined(t) for t in analyzer().analyze(joined(text)))
    whoosh = Counter(t.text for t in text_analyzer()(text))
    assert whoosh.total() > 5_000
    assert (ours - whoosh).total() + (whoosh - ours).total() < whoosh.total() / 100
    dotted = [t for t in whoosh if "." in t]
    assert len(dotted) > 10 and all(ours[t] == whoosh[t] for t in dotted)
    for word in ("added", "universities", "organisations", "3.1"):
        totals = {services.search(word, ix)["passages_total"] for ix in (corpus_index_whoosh, corpus_index_tantivy)}
        assert len(totals) == 1 and totals.pop() > 0, word


def test_words_inside_addresses_and_numbers_are_whole_on_both_engines(tmp_path):
    """Whoosh keeps "kent.gov.uk", "4.3" and "item_5" whole: tantivy does too, so "kent" is not found in an
    e-mail address on one engine only, and the stored text and highlights read as the paper has them."""
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "a.txt").write_text("Swale Borough Council\n\nWrite to anna.taylor@kent.gov.uk about the review "
                                  "under s.17.\n\nSee paragraph 4.3 and item_5 of the plan, and 2 more.\n")
    (papers / "b.txt").write_text("Kent County Council\n\nThe Kent review of CCTV, paragraphs 4 and 3.\n")
    services.ingest([papers], tmp_path / "whoosh")
    services.ingest([papers], tmp_path / "tantivy", engine="tantivy")
    for query in ("kent", "review NOT kent", "kent.gov.uk", "kent.gov*", "4.3", "s.17", "item_5", "anna.taylor",
                  "taylor", "review", "paragraph 2"):
        found = [services.search(query, tmp_path / name) for name in ("whoosh", "tantivy")]
        assert found[0]["total"] == found[1]["total"] and found[0]["passages_total"] == found[1]["passages_total"], \
            query
    assert services.search("review NOT kent", tmp_path / "tantivy")["total"] == 1  # was 0: "kent" in the e-mail
    for name in ("whoosh", "tantivy"):  # a lone digit is not a word on either engine
        with pytest.raises(QueryError, match="words need two letters or more"):
            services.search("2", tmp_path / name)
    hit = services.search("kent.gov.uk", tmp_path / "tantivy")["results"][0]["passages"][0]
    assert "anna.taylor@<b>kent.gov.uk</b>" in hit["snippet"]
    page = services.show(services.search("item_5", tmp_path / "tantivy")["results"][0]["doc_id"], tmp_path / "tantivy")
    assert "paragraph 4.3 and item_5" in page["text"]


def _pages(folder: Path, doc_id: str) -> list[str]:
    from cspsearch.store import reader

    return reader.document(folder, doc_id)[1]


def test_ingest_makes_and_remembers_its_engine(tmp_path):
    papers = _papers(tmp_path, "zebracrossing")
    index = tmp_path / "ix"
    report = services.ingest([papers], index, engine="tantivy")
    assert report.engine == "tantivy" and engine.engine_of(index) == "tantivy" and (index / engine.MARKER).is_file()
    (papers / "c.txt").write_text("Kent County Council\n\nThe zebracrossing audit.\n")
    assert services.ingest([papers], index).engine == "tantivy"  # no --engine: the index's own
    assert services.search("zebracrossing", index)["total"] == 3
    with pytest.raises(EngineError, match="reindex --engine whoosh"):
        services.ingest([papers], index, engine="whoosh")
    (papers / "c.txt").unlink()
    assert services.prune(index) == [str(papers / "c.txt")]
    assert services.search("zebracrossing", index)["total"] == 2
    assert services.ingest([papers], tmp_path / "default").engine == "whoosh"
    assert not (tmp_path / "default" / engine.MARKER).exists()


def test_unknown_engine_is_a_sentence(tmp_path):
    papers = _papers(tmp_path, "zebracrossing")
    with pytest.raises(EngineError, match="no search engine 'lucene'; the engines are: whoosh, tantivy"):
        services.ingest([papers], tmp_path / "ix", engine="lucene")
    assert not (tmp_path / "ix").exists()
    result = runner.invoke(app, ["ingest", str(papers), "--index", str(tmp_path / "ix"), "--engine", "lucene"])
    assert result.exit_code == 1 and "no search engine 'lucene'" in result.output
    assert "Traceback" not in result.output
    (tmp_path / "odd").mkdir()
    (tmp_path / "odd" / engine.MARKER).write_text("elastic\n")
    with pytest.raises(EngineError, match="does not know"):
        services.search("zebracrossing", tmp_path / "odd")


def test_reindex_converts_both_ways_without_reading_papers(tmp_path, corpus_index_whoosh):
    index = tmp_path / "ix"
    shutil.copytree(corpus_index_whoosh, index)
    (index / "ocr-cache").mkdir(exist_ok=True)
    (index / "ocr-cache" / "page.json").write_text("{}")
    before = services.search("domestic abuse", index, limit=50)
    result = runner.invoke(app, ["reindex", "--engine", "tantivy", "--index", str(index)])
    assert result.exit_code == 0 and "from whoosh to tantivy" in result.output
    assert engine.engine_of(index) == "tantivy" and (index / "ocr-cache" / "page.json").is_file()
    after = services.search("domestic abuse", index, limit=50)
    assert (after["total"], after["facets"]) == (before["total"], before["facets"])
    assert services.reindex("tantivy", index)["converted"] is False
    back = services.reindex("whoosh", index)
    assert back["converted"] and back["records"] > 0 and engine.engine_of(index) == "whoosh"
    assert services.search("domestic abuse", index, limit=50)["facets"] == before["facets"]
    assert services.documents(index) == services.documents(corpus_index_whoosh)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".ix.")]  # nothing left beside it


def test_reindex_errors_are_sentences(tmp_path):
    with pytest.raises(IndexMissingError, match="no index"):
        services.reindex("tantivy", tmp_path / "nowhere")
    with pytest.raises(EngineError, match="no search engine"):
        services.reindex("solr", tmp_path / "nowhere")
    result = runner.invoke(app, ["reindex", "--engine", "solr", "--index", str(tmp_path)])
    assert result.exit_code == 1 and "no search engine 'solr'" in result.output


def test_metadata_corrections_on_tantivy(tmp_path, corpus_index_tantivy):
    from cspsearch.store import writer

    index = tmp_path / "ix"
    shutil.copytree(corpus_index_tantivy, index)
    doc = next(d for d in services.documents(index) if d["council_id"] == "maidstone")
    assert writer.update_metadata(index, {doc["doc_id"]: {"council_id": "swale", "council": "Swale Borough Council"}})
    moved = next(d for d in services.documents(index) if d["doc_id"] == doc["doc_id"])
    assert moved["council_id"] == "swale"
    found = services.search("*", index, councils=["swale"], limit=50)
    assert [d["doc_id"] for d in found["results"]] == [doc["doc_id"]]
    assert services.entity_rows(index, councils=["swale"])
    assert writer.delete_documents(index, [doc["doc_id"]]) > 0
    assert not services.search("*", index, councils=["swale"])["results"]


def test_check_on_a_damaged_tantivy_index_says_so(tmp_path, corpus_index_tantivy):
    index = tmp_path / "ix"
    shutil.copytree(corpus_index_tantivy, index)
    next(index.glob("*.store")).write_bytes(b"not a store")
    health = services.check_index(index)
    assert not health["healthy"] and "tantivy index" in health["problems"][0]
    repaired = services.repair_index(index, [ROOT / "corpus"])
    assert repaired["repaired"] and repaired["health"]["healthy"] and engine.engine_of(index) == "tantivy"


def test_the_summary_suggests_tantivy_past_200000_passages():
    assert engine.suggestion("whoosh", 200_000) is None
    advice = engine.suggestion("whoosh", 200_001)
    assert advice and "reindex --engine tantivy" in advice and "200,001" in advice
    assert engine.suggestion("tantivy", 5_000_000) is None


def test_search_json_on_tantivy_round_trips(corpus_index_tantivy):
    result = services.search("ASB", corpus_index_tantivy)
    assert json.loads(json.dumps(result)) == result
    assert any("<b>" in p["snippet"] for d in result["results"] for p in d["passages"])


def test_only_possible_synonym_groups_are_tried_and_expansion_is_unchanged():
    import random

    from cspsearch.store.tantivy_search import possible_synonyms
    from cspsearch.store.vocabulary import expand

    groups = [set(g) for g in services.taxonomy_synonyms()] + [{"CSP", "community safety partnership"},
                                                              {"CSP", "core spending power"}, {"DA", "domestic abuse"}]
    forms = sorted(f for g in groups for f in g)
    rng = random.Random(7)
    for _ in range(500):
        query = " ".join(rng.choice([*forms, "crime", "NOT", '"x y"', "council:kent", "da"]) for _ in range(3))
        query = query.lower() if rng.random() < 0.3 else query
        assert expand(query, possible_synonyms(query, groups)) == expand(query, groups), query
    assert len(possible_synonyms("ASB in Medway", groups)) < len(groups) / 10


def _left_out(result: dict) -> dict[str, int]:
    return {note["field"]: note["papers"] for note in result["left_out"]}


def test_left_out_counts_the_matching_papers_that_lack_the_field(tmp_path):
    """Counted among the papers lacking the field, a paper with no document record included."""
    from cspsearch.store.tantivy_index import commit

    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "letter.txt").write_text("Dear colleague,\n\nThe zebracrossing funding letter.\n\nYours sincerely\n")
    (papers / "note.txt").write_text("A note on the zebracrossing survey for the wardens.\n")
    (papers / "a.txt").write_text("Maidstone Borough Council\n\nCabinet\n\n12 March 2019\n\nThe zebracrossing plan.\n")
    index = tmp_path / "ix"
    services.ingest([papers], index, engine="tantivy")
    rows = services.documents(index)
    matching = {d["doc_id"] for d in services.search("zebracrossing", index, limit=50)["results"]}
    no_council = sum(1 for d in rows if d["doc_id"] in matching and not d.get("council_id"))
    assert len(matching) == 3 and no_council == 2  # the fixture really lacks councils
    assert _left_out(services.search("zebracrossing", index, councils=["maidstone"]))["council"] == no_council
    assert _left_out(services.search("funding", index, councils=["maidstone"]))["council"] == 1
    assert not _left_out(services.search("plan", index, councils=["maidstone"]))

    # The full paper's document record lost: its passages still match, and it has no council now.
    full = next(d["doc_id"] for d in rows if d.get("council_id"))
    commit(index, lambda w, _ix: w.delete_documents_by_term("rec_id", full))
    assert _left_out(services.search("plan", index, councils=["swale"]))["council"] == 1


@pytest.mark.parametrize(("has_graffiti", "left"), [(lambda n: n % 3, 10), (lambda n: n % 10 == 0, 27)])
def test_a_not_leaves_out_whole_papers_however_many(tmp_path, has_graffiti, left):
    """'x NOT y' drops every paper with y anywhere: most of them (the ranking then keeps the few
    left) or a few (it leaves those out), through one term set (tantivy_query.Papers)."""
    papers = tmp_path / "papers"
    papers.mkdir()
    for n in range(30):
        extra = " The graffiti budget." if has_graffiti(n) else ""
        (papers / f"p{n:02d}.txt").write_text(f"Swale Borough Council\n\nThe zebracrossing review {n}.\n\n"
                                              f"The zebracrossing audit.{extra}\n")
    index = tmp_path / "ix"
    services.ingest([papers], index, engine="tantivy")
    found = services.search("zebracrossing NOT graffiti", index, limit=50)
    assert found["total"] == left == len(found["results"]) == found["facets"]["council_id"]["swale"]
    assert found["passages_total"] == sum(d["matches"] for d in found["results"]) >= left
    services.ingest([papers], tmp_path / "whoosh")
    whoosh = services.search("zebracrossing NOT graffiti", tmp_path / "whoosh", limit=50)
    assert [found[k] for k in ("total", "passages_total", "facets")] == \
        [whoosh[k] for k in ("total", "passages_total", "facets")]
    assert all("graffiti" not in p["snippet"] for d in found["results"] for p in d["passages"])
    assert services.search("zebracrossing", index, limit=50)["total"] == 30
    # Scores are the query's own: limiting the ranking to some papers adds nothing to them.
    plain = {d["doc_id"]: d["passages"][0]["score"] for d in services.search("zebracrossing", index, limit=50)["results"]}
    assert all(d["passages"][0]["score"] == pytest.approx(plain[d["doc_id"]]) for d in found["results"])


def test_an_index_made_before_the_paper_number_column_counts_alike(corpus_index_tantivy):
    """Papers are counted by their number column, or by doc_id on an index made before it: the same."""
    import dataclasses

    from cspsearch.store.query import parse
    from cspsearch.store.tantivy_parse import parse_schema
    from cspsearch.store.tantivy_query import translate
    from cspsearch.store.tantivy_search import SEARCHERS, _matching

    snap = SEARCHERS.get(corpus_index_tantivy)
    assert snap.group_field == "doc_key"
    by_id = dataclasses.replace(snap, group_field="doc_id")
    for text in ("crime", "cctv", "zeppelin"):
        q = translate(parse(text, parse_schema(), [])[0], snap.searcher)
        keyed, named = _matching(snap, q), _matching(by_id, q)
        assert sorted(keyed.papers()) == sorted(named.papers()) and keyed.passages == named.passages
        assert {t: sorted(r.tolist()) for t, r in keyed.themes.items()} == \
            {t: sorted(r.tolist()) for t, r in named.themes.items()}
        assert all(keyed.count(d) == named.count(d) > 0 for d in keyed.papers())


def _crime_total(index: Path) -> int:
    return services.search("crime", index)["total"]


def test_a_process_forked_after_a_search_searches_too(corpus_index_tantivy):
    """Counting runs on threads of a pool; a forked process (a worker started by fork) gets its own."""
    import multiprocessing

    expected = _crime_total(corpus_index_tantivy)
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply_async(_crime_total, (corpus_index_tantivy,)).get(timeout=60) == expected > 0
