"""The command line: summaries, JSON contracts, exit codes, and no tracebacks for user errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from cspsearch.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
SAMPLE = ROOT / "corpus" / "maidstone" / "2017-03-28-csp-plan-refresh.txt"


def test_every_command_has_help():
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {"ingest", "extract", "search", "entities", "show", "prune"} <= set(commands)
    for name in commands:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert len(result.output.strip()) > 40


def test_extract_json_follows_the_contract(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"not a pdf at all")
    result = runner.invoke(app, ["extract", str(SAMPLE), str(bad), "--json"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(line["path"]).name for line in lines] == [SAMPLE.name, "broken.pdf"]
    good, broken = lines
    assert good["error"] is None and len(good["sha256"]) == 64 and good["pages"] == 1
    assert set(good["meta"]) >= {"council", "council_id", "committee", "meeting_date", "year", "title",
                                 "authors", "doc_kind", "plan_period"}
    assert good["meta"]["council_id"] == "maidstone"
    types = {e["type"] for e in good["entities"]}
    assert {"money", "date", "financial_year", "legal", "priority", "acronym"} <= types
    assert broken["error"] and broken["entities"] == [] and "Traceback" not in result.output


def test_ingest_prints_a_summary_and_search_finds_it(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    shutil.copy(SAMPLE, papers / "paper.txt")
    index = tmp_path / "ix"
    result = runner.invoke(app, ["ingest", str(papers), "--index", str(index), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "1 ingested, 0 unchanged, 0 duplicates, 0 failed" in result.output
    found = runner.invoke(app, ["search", "organised crime", "--index", str(index), "--json"])
    data = json.loads(found.stdout)
    assert data["total"] == 1 and data["results"][0]["passages"]
    assert set(data) >= {"query", "total", "results", "facets"}
    doc_id = data["results"][0]["doc_id"]
    shown = runner.invoke(app, ["show", doc_id, "--index", str(index), "--query", "organised crime"])
    assert shown.exit_code == 0 and "Maidstone" in shown.output
    listed = runner.invoke(app, ["entities", "--type", "legal", "--index", str(index), "--json"])
    assert any(e["instrument"] == "Crime and Disorder Act 1998" for e in json.loads(listed.stdout)["entities"])


def test_ingest_exits_1_when_a_file_fails(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    shutil.copy(SAMPLE, papers / "paper.txt")
    (papers / "empty.pdf").write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(papers), "--index", str(tmp_path / "ix"), "--jobs", "1"])
    assert result.exit_code == 1
    assert "1 ingested" in result.output and "empty.pdf" in result.output
    assert "Traceback" not in result.output


def test_user_errors_are_one_sentence_without_traceback(tmp_path):
    cases = [
        ["search", "crime", "--index", str(tmp_path / "none")],
        ["entities", "--index", str(tmp_path / "none")],
        ["show", "abc", "--index", str(tmp_path / "none")],
        ["prune", "--index", str(tmp_path / "none")],
        ["ingest", str(tmp_path), "--council", "atlantis", "--index", str(tmp_path / "ix")],
    ]
    for args in cases:
        result = runner.invoke(app, args)
        assert result.exit_code != 0, args
        assert "Traceback" not in result.output and "Error:" in result.output, (args, result.output)
