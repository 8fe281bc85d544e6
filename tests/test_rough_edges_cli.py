"""The command line's rough edges a new user hit: counts that match the list, NOT per paper, re-ingest, piping."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from cspsearch.cli import app

ROOT = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).parent / "cspsearch"
SAMPLE = ROOT / "corpus" / "maidstone" / "2017-03-28-csp-plan-refresh.txt"
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


def piped(*args: str, columns: str | None = None) -> str:
    """What a command prints into a pipe (a real process, so its output is no terminal)."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns:
        env["COLUMNS"] = columns
    done = subprocess.run([str(CLI), *args], capture_output=True, text=True, env=env, timeout=120, check=True)
    return done.stdout


def test_piped_search_keeps_each_heading_on_one_line(corpus_index):
    # Before: piped output was laid out for 80 columns, so headings broke across lines mid-title.
    found = search_json(corpus_index, "*", "--limit", "20")
    text = piped("search", "*", "--limit", "20", "--index", str(corpus_index))
    assert any(len(doc["title"] or "") > 60 for doc in found["results"])  # would break at 80 columns
    lines = text.splitlines()
    for n, doc in enumerate(found["results"], 1):
        # The whole heading (title, council, committee, date, id) is one line a script can read.
        assert any(line.startswith(f"{n}. {doc['title'] or doc['path']}") and doc["doc_id"] in line
                   for line in lines), doc["title"]


def test_entities_table_shows_every_funder_whole(corpus_index):
    # Before: the value column was cut at 70 characters and to the column's width, so funders vanished ("amou…").
    rows = json.loads(runner.invoke(app, ["entities", "--type", "money", "--index", str(corpus_index),
                                          "--json"]).stdout)["entities"]
    with_funder = [r for r in rows if r.get("funder")]
    assert with_funder
    for columns in (None, "80"):
        text = piped("entities", "--type", "money", "--limit", str(len(rows)), "--index", str(corpus_index),
                     columns=columns)
        assert "…" not in text
        assert text.count("funder=") == len(with_funder)
        if columns is None:  # wide enough that the words of a funder stay whole
            flat = " ".join(part.strip() for line in text.splitlines() for part in line.split("│"))
            for row in with_funder:
                assert all(word in flat for word in row["funder"].split())


def test_ingest_with_another_council_applies_it_to_an_unchanged_file(tmp_path):
    # An unchanged file named with a new --council is read again under it (not skipped as unchanged).
    paper = tmp_path / "papers" / SAMPLE.name
    paper.parent.mkdir()
    shutil.copy(SAMPLE, paper)
    index = str(tmp_path / "index")
    assert runner.invoke(app, ["ingest", str(paper), "--index", index]).exit_code == 0
    again = runner.invoke(app, ["ingest", str(paper), "--index", index])
    assert "1 unchanged" in again.output
    moved = runner.invoke(app, ["ingest", str(paper), "--council", "medway", "--index", index])
    assert moved.exit_code == 0 and "1 ingested" in moved.output
    found = search_json(index, "*", "--council", "medway")
    assert [Path(d["path"]).name for d in found["results"]] == [SAMPLE.name]
