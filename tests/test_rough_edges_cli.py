"""The command line's rough edges a new user hit: counts that match the list, NOT per paper, re-ingest, piping."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cspsearch.cli import app

runner = CliRunner()


def search_json(index, *args: str) -> dict:
    result = runner.invoke(app, ["search", *args, "--index", str(index), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_search_everything_lists_as_many_papers_as_it_counts(corpus_index):
    # Before: `search "*"` said 13 documents and listed 4 (the top passages all came from four papers).
    for limit in ("10", "50"):
        found = search_json(corpus_index, "*", "--limit", limit)
        assert found["total"] > 4
        assert len(found["results"]) == min(found["total"], int(limit))
        assert all(doc["passages"] for doc in found["results"])
        assert len({doc["doc_id"] for doc in found["results"]}) == len(found["results"])


def test_not_leaves_out_the_whole_paper(corpus_index):
    # Before: a paper mentioning "draft" in one passage was listed for its other passages.
    wanted = {d["doc_id"] for d in search_json(corpus_index, '"community safety plan"', "--limit", "50")["results"]}
    drafts = {d["doc_id"] for d in search_json(corpus_index, "draft", "--limit", "50")["results"]}
    assert wanted & drafts and wanted - drafts  # the corpus has both kinds, or this test shows nothing
    kept = search_json(corpus_index, '"community safety plan" AND NOT draft', "--limit", "50")
    assert {d["doc_id"] for d in kept["results"]} == wanted - drafts
    assert kept["total"] == len(wanted - drafts)
