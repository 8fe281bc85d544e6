"""The analysis commands: every format parses, charts draw, and user errors are one sentence, exit 1."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cspsearch import reading
from cspsearch.cli import analysis_cmds

FAKES = Path(__file__).parent / "fixtures" / "analysis" / "fakes.py"
runner = CliRunner()
REAL_OPEN_READER = reading.open_reader


def load_fakes():
    spec = importlib.util.spec_from_file_location("analysis_fakes", FAKES)
    fakes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fakes)
    return fakes


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    analysis_cmds.register(app)
    return app


@pytest.fixture(autouse=True)
def fake_reader(monkeypatch):
    load_fakes().use_fake_reader(monkeypatch)


def run(app, *args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


COMMANDS = [
    ["compare", "maidstone:2011-2023", "medway"],
    ["timeline", "domestic_abuse"],
    ["grants"],
    ["law"],
    ["law", "crime and disorder act", "--provision", "s.17"],
]


def test_every_command_has_help(app):
    for name in ("compare", "timeline", "grants", "law", "ask", "brief"):
        result = run(app, name, "--help")
        assert result.exit_code == 0 and "--index" in result.output, name


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_every_format_parses(app, args):
    table = run(app, *args)
    assert table.exit_code == 0, table.output
    assert "┃" in table.output  # a rich table
    as_csv = list(csv.reader(io.StringIO(run(app, *args, "--format", "csv").output)))
    assert len(as_csv) > 1 and {len(row) for row in as_csv} == {len(as_csv[0])}
    data = json.loads(run(app, *args, "--format", "json").output)
    assert isinstance(data, dict)
    md = run(app, *args, "--format", "md").output
    tables = markdown_tables(md)
    assert md.startswith("# ") and tables
    for table in tables:
        assert set(table[1]) <= {"---"} and len({len(row) for row in table}) == 1


def markdown_tables(md: str) -> list[list[list[str]]]:
    """Each pipe table of a Markdown text as rows of cells (escaped pipes stay inside cells)."""
    tables, current = [], []
    for line in md.splitlines() + [""]:
        if line.startswith("|"):
            current.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
        elif current:
            tables.append(current)
            current = []
    return tables


def test_compare_table_shows_wording_citations_and_gaps(app):
    out = run(app, "compare", "maidstone:2011-2023", "medway").output
    assert "Domestic Abuse & violent crime" in out and "[2017-03-28 p.1]" in out
    assert "no list found in 1 paper" in out
    assert 'renamed Domestic abuse: "domestic abuse" -> "Domestic Abuse & violent crime"' in out


def test_compare_json_follows_the_spec(app):
    data = json.loads(run(app, "compare", "maidstone:2011-2023", "medway", "--format", "json").output)
    assert data["councils"][0] == {
        "council_id": "maidstone",
        "years": [2011, 2015, 2017, 2023],
        "papers": {"2011": 1, "2015": 1, "2017": 1, "2023": 1},
        "undated_papers": 0,
    }
    assert data["gaps"][0]["note"] == "no priority list found"
    assert data["themes"][0]["id"] == "domestic_abuse"


def test_grants_chart_and_totals(app):
    out = run(app, "grants", "--chart").output
    assert "Grants per financial year" in out and "█" in out and "£106,460" in out
    assert "Safer Streets 4" in out and "no amount" in out
    data = json.loads(
        run(app, "grants", "--council", "maidstone", "--funder", "PCC", "--format", "json").output
    )
    assert [e["amount"] for e in data["entries"]] == [38449, 37104]


def test_ask_prints_an_answer_and_json(app):
    out = run(app, "ask", "Was road safety ever a priority in Maidstone?").output
    assert out.startswith("Yes: Maidstone named it a priority in 2011") and "[1]" in out
    data = json.loads(run(app, "ask", "What were Medway's priorities in 2020?", "--json").output)
    assert data["kind"] == "priorities_in_year" and data["fallback"] is False and data["citations"]
    fallback = run(app, "ask", "Tell me about CCTV monitoring")
    assert fallback.exit_code == 0 and "Not understood" in fallback.output


def test_brief_to_stdout_and_file(app, tmp_path):
    out = run(app, "brief", "maidstone", "medway", "--from", "2011", "--to", "2023").output
    assert out.startswith("# Community safety priorities") and "## References" in out
    target = tmp_path / "brief.md"
    result = run(app, "brief", "maidstone", "medway", "-o", str(target))
    written = target.read_text(encoding="utf-8")
    # The file alone gains the picture drawn beside it: a linked image and its caption, above the matrix.
    figure = re.compile(r"!\[[^\n]*\]\(brief-evolution\.png\)\n\n_Figure:[^\n]*\n\n")
    assert (tmp_path / "brief-evolution.png").is_file() and figure.search(written)
    assert result.exit_code == 0 and figure.sub("", written) == out.replace("2011–2023", "earliest–latest")


ERRORS = [
    (["compare", "atlantis"], "No papers from a council called 'atlantis'"),
    (["compare", "maidstone:2030-2031"], "no papers between 2030 and 2031"),
    (["compare", "maidstone:2023-2011"], "runs backwards"),
    (["compare", "maidstone", "--theme", "quantum"], "no theme called 'quantum'"),
    (["timeline", "quantum widgets"], "no theme called"),
    (["grants", "--from", "2020", "--to", "2010"], "runs backwards"),
    (["grants", "--format", "xml"], "--format must be one of table, csv, json, md"),
    (["law", "licensing act"], "No paper in the index cites 'licensing act'"),
    (["law", "--provision", "s.17"], "Name the Act"),
    (["ask", " "], "Ask a question"),
    (["brief", "maidstone", "--from", "2030", "--to", "2031"], "no papers between"),
]


@pytest.mark.parametrize(("args", "message"), ERRORS, ids=[" ".join(a) for a, _ in ERRORS])
def test_user_errors_are_one_sentence_without_traceback(app, args, message):
    result = run(app, *args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) <= 2


def test_a_missing_index_is_one_sentence(app, monkeypatch, tmp_path):
    load_fakes().use_fake_reader(monkeypatch, index_exists=False)
    for args in (
        ["compare", "maidstone"],
        ["grants"],
        ["law"],
        ["ask", "What were Medway's priorities?"],
        ["timeline", "asb"],
        ["brief", "maidstone"],
    ):
        result = run(app, *args, "--index", str(tmp_path / "none"))
        assert result.exit_code == 1 and "There is no index" in result.output, args
        assert "Traceback" not in result.output


def test_the_real_service_layer_reports_a_missing_index(app, monkeypatch, tmp_path):
    monkeypatch.setattr(reading, "open_reader", REAL_OPEN_READER)
    result = run(app, "compare", "maidstone", "--index", str(tmp_path / "none"))
    assert result.exit_code == 1 and "There is no index" in result.output
    assert "Traceback" not in result.output
