"""The CLI's one way of doing things: -f table|csv|json|md and --json on every results command, shared options,
flags shown as flags, --version, -h, and user errors as one sentence through the one wrapper."""

from __future__ import annotations

import csv
import io
import json
import re
from importlib.metadata import version

import pytest
import typer
from typer.testing import CliRunner

from cspsearch.cli import app
from cspsearch.cli.common import Group
from cspsearch.errors import NotFoundError

runner = CliRunner()

# Every command that prints results, with arguments that find something in the sample corpus.
RESULTS = {
    "search": ["search", "domestic abuse"],
    "entities": ["entities", "--type", "legal"],
    "docs": ["docs"],
    "compare": ["compare", "maidstone:2011-2023", "medway"],
    "timeline": ["timeline", "domestic_abuse"],
    "grants": ["grants"],
    "law ranking": ["law"],
    "law precedent": ["law", "crime and disorder act"],
    "decisions": ["decisions"],
    "ask": ["ask", "What were Medway's priorities in 2020?"],
    "check": ["check"],
}


def run(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


def command_names(group: typer.Typer) -> list[str]:
    return [c.name or c.callback.__name__ for c in group.registered_commands]


@pytest.mark.parametrize("args", RESULTS.values(), ids=RESULTS.keys())
def test_every_results_command_prints_each_format(corpus_index, args):
    index = ["--index", str(corpus_index)]
    table = run(*args, *index)
    assert table.exit_code == 0 and table.output.strip(), table.output
    rows = list(csv.reader(io.StringIO(run(*args, *index, "-f", "csv").stdout)))
    assert len(rows) >= 2 and {len(row) for row in rows} == {len(rows[0])}, rows[:3]
    as_json = run(*args, *index, "-f", "json").stdout
    assert isinstance(json.loads(as_json), dict)
    assert run(*args, *index, "--json").stdout == as_json  # --json is the older spelling of -f json
    md = run(*args, *index, "-f", "md").stdout
    assert re.search(r"^\|.*\|\n\|(---\|)+\n", md, re.M), md[:300]
    bad = run(*args, *index, "-f", "xlsx")
    assert bad.exit_code == 1 and re.fullmatch(
        r"Error: --format must be one of table, csv, json, md(, png, svg)?, not 'xlsx'\.\n", bad.output
    ), bad.output


def test_show_prints_a_page_in_each_format(corpus_index):
    index = ["--index", str(corpus_index)]
    hit = json.loads(run("search", "domestic abuse", *index, "--json").stdout)["results"][0]
    args = ["show", hit["doc_id"], "--page", str(hit["passages"][0]["page"]), *index]
    page = json.loads(run(*args, "-f", "json").stdout)
    assert run(*args, "--json").stdout == run(*args, "-f", "json").stdout
    assert run(*args).exit_code == 0
    (row,) = csv.DictReader(io.StringIO(run(*args, "-f", "csv").stdout))
    assert (row["doc_id"], row["page"], row["text"]) == (hit["doc_id"], str(page["page"]), page["text"])
    md = run(*args, "-f", "md").stdout
    assert md.startswith(f"# {page['doc']['title']}\n\n_") and page["text"].strip() in md


def test_doctor_prints_each_format_with_the_same_exit_code():
    codes = set()
    for fmt in ("table", "csv", "json", "md"):
        result = run("doctor", "-f", fmt)
        codes.add(result.exit_code)
        assert result.stdout.strip() and "Traceback" not in result.output
    assert len(codes) == 1 and codes <= {0, 1}
    assert json.loads(run("doctor", "--json").stdout)["ocr"].keys() >= {"available"}


def test_ask_as_markdown_gives_the_answer_above_its_sources(corpus_index):
    md = run("ask", "What were Medway's priorities in 2020?", "-f", "md", "--index", str(corpus_index)).stdout
    answer = json.loads(run("ask", "What were Medway's priorities in 2020?", "--json",
                            "--index", str(corpus_index)).stdout)["answer"]
    heading, blank, said = md.splitlines()[:3]
    assert heading == "# What were Medway's priorities in 2020?" and blank == "" and said == answer


def test_version_is_the_installed_one():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout == f"cspsearch {version('cspsearch')}\n"


def test_dash_h_is_help_everywhere():
    for args in ([], ["search"], ["docs"], ["docs", "set"], ["grants"]):
        short, long = run(*args, "-h"), run(*args, "--help")
        assert short.exit_code == long.exit_code == 0
        assert short.output == long.output and "Usage: " in short.output, args


def every_command_help() -> dict[str, str]:
    helps = {name: run(name, "--help").output for name in command_names(app)}
    helps.update({f"docs {name}": run("docs", name, "--help").output for name in ("set", "import")})
    helps["docs"] = run("docs", "--help").output
    helps[""] = run("--help").output
    return helps


def test_flags_show_as_flags_in_help():
    helps = every_command_help()
    assert len(helps) > 20
    for name, text in helps.items():
        assert "<bool>" not in text, name
        assert re.search(r"--help\s+-h\s+Show this message", text), name
        # A repeatable option shows the value each use takes.
        assert not re.search(r"--[a-z-]+\s+<list\[", text), name
    assert re.search(r"--json\s+Print machine-readable JSON", helps["search"])
    assert re.search(r"--council\s+<str>\s+Council slug or name \(repeatable\)", helps["search"])


def test_shared_options_mean_the_same_in_every_command():
    helps = every_command_help()
    with_index = [name for name, text in helps.items() if "--index" in text]
    assert len(with_index) >= 15
    for name in with_index:
        assert re.search(r"--index\s+<path>\s+Index folder \(default:\s+\$CSPSEARCH_INDEX, else\s+\./index\)",
                         helps[name]), name
    for name in ("search", "entities", "docs", "grants", "timeline", "law", "decisions"):
        assert "Council slug or name (repeatable)" in helps[name], name
    for name in ("search", "entities", "docs", "brief"):
        assert "First meeting year." in helps[name] and "Last meeting year." in helps[name], name


def test_a_user_error_is_one_sentence_through_the_wrapper(tmp_path):
    missing = str(tmp_path / "none")
    for args in (["search", "crime"], ["grants"], ["docs"], ["ask", "Who?"],
                 ["decisions"], ["entities"]):
        result = run(*args, "--index", missing)
        assert result.exit_code == 1, (args, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: There is no index"), (args, result.output)


def test_a_group_turns_a_plainly_registered_commands_error_into_a_sentence():
    group = typer.Typer(cls=Group)

    @group.command()
    def find() -> None:
        raise NotFoundError("No council called 'atlantis'.")

    @group.command()
    def other() -> None:
        """A second command, so that `find` is a subcommand."""

    result = runner.invoke(group, ["find"])
    assert result.exit_code == 1 and result.output == "Error: No council called 'atlantis'.\n"
    assert result.exception is None or isinstance(result.exception, SystemExit)
