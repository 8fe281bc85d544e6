"""Scoring every match on whole posting lists finds exactly the passages and scores Whoosh's own searcher does."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from whoosh.collectors import UnlimitedCollector

from cspsearch.services import taxonomy_synonyms
from cspsearch.store.bulk_scores import scored_matches
from cspsearch.store.query import boosted, filter_query, parse, restricted
from cspsearch.store.question import understand
from cspsearch.store.snapshot import SEARCHERS

# One of each kind the query language has, and questions (any word, the more the higher)
QUERIES = [
    "partnership", "community safety", '"community safety"', '"crime and disorder"', "crime NOT plan",
    "NOT crime", "polic*", "saf?ty", "cctv OR graffiti", "(knife OR weapon) AND crime", "ASB",
    "anti-social behaviour", "title:plan", "heading:priorities OR body:knife", "council:medway partnership",
    "crime year:[2015 TO 2020]", "year:[2018 TO]", "*", "domestic abuse strategy",
    "What are the priorities of the community safety partnership?",
    "How much funding did Maidstone get from the Police and Crime Commissioner?",
    "Who scrutinises the crime and disorder committee in 2019?",
]


def _whoosh_scores(searcher, q) -> tuple[np.ndarray, np.ndarray]:
    collector = UnlimitedCollector()
    searcher.search_with_collector(q, collector)
    pairs = sorted((hit.docnum, hit.score) for hit in collector.results())
    return np.array([d for d, _ in pairs], np.int64), np.array([s for _, s in pairs], np.float64)


def _check_every_query(folder: Path) -> int:
    """Compares both ways of scoring on every query, with and without a council filter; the matches seen."""
    snap = SEARCHERS.get(folder)
    synonyms = [*(set(g) for g in taxonomy_synonyms()), *snap.acronyms]
    seen = 0
    for text in QUERIES:
        question = understand(text)
        q, _ = parse(question.core, snap.searcher.schema, synonyms, relaxed=question.is_question)
        for clauses in ([], filter_query(councils=["medway"])):
            full = boosted(restricted(q, clauses), question, lambda s: snap.searcher.doc_frequency("body", s))
            ids, scores = scored_matches(snap.searcher, full)
            expected_ids, expected = _whoosh_scores(snap.searcher, full)
            assert ids.tolist() == expected_ids.tolist(), (text, clauses)
            assert np.allclose(scores, expected, rtol=0, atol=1e-9), (text, clauses)
            seen += len(ids)
    return seen


def test_every_kind_of_query_matches_and_scores_as_whoosh(corpus_index_whoosh):
    assert _check_every_query(corpus_index_whoosh) > 1000  # the queries do match passages


@pytest.fixture
def index_with_deletions(corpus_index_whoosh, tmp_path) -> Path:
    """The sample index with one paper's records deleted and left in place (no merge)."""
    from cspsearch.store.index import open_for_writing

    folder = tmp_path / "index"
    shutil.copytree(corpus_index_whoosh, folder)
    snap = SEARCHERS.get(folder)
    doomed = next(d for d in snap.paper_names if d)
    writer = open_for_writing(folder).writer()
    writer.delete_by_term("doc_id", doomed)
    writer.commit(merge=False)
    SEARCHERS.forget(folder)
    assert SEARCHERS.get(folder).searcher.reader().has_deletions()
    yield folder
    SEARCHERS.forget(folder)


def test_deleted_passages_are_left_out_as_whoosh_leaves_them_out(index_with_deletions):
    assert _check_every_query(index_with_deletions) > 1000
