"""`brief -f docx`: a Word document, read back with python-docx, holding the same briefing as the Markdown."""

from __future__ import annotations

import re
from zipfile import ZipFile

import docx
import pytest
from typer.testing import CliRunner

from cspsearch.analysis.brief import brief
from cspsearch.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def written(corpus_index, tmp_path_factory):
    target = tmp_path_factory.mktemp("brief") / "brief.docx"
    result = runner.invoke(app, ["brief", "maidstone", "medway", "--from", "2011", "--to", "2023", "-f", "docx",
                                 "-o", str(target), "--index", str(corpus_index)])
    assert result.exit_code == 0, result.output
    assert "Word briefing written to" in result.output
    markdown = brief(["maidstone", "medway"], 2011, 2023, index=corpus_index)
    return target, docx.Document(str(target)), markdown


def md_table_rows(markdown: str, heading: str) -> list[list[str]]:
    section = markdown.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    return [[c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines]


def test_headings_follow_the_markdown_briefing(written):
    _, document, markdown = written
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == re.findall(r"^## (.+)$", markdown, re.M)
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == markdown.splitlines()[0].removeprefix("# ")


def test_the_matrix_is_a_word_table_with_the_matrix_rows(written):
    _, document, markdown = written
    matrix = document.tables[0]
    cells = [[cell.text for cell in row.cells] for row in matrix.rows]
    expected = md_table_rows(markdown, "1. Priorities compared")
    assert cells == expected  # the header, then one row per theme, every cell's wording and [n]
    assert cells[0][0] == "Theme" and len(cells) > 3
    assert any("[1]" in c for row in cells[1:] for c in row)


def test_grants_and_decisions_are_tables_too(written):
    _, document, markdown = written
    headers = [[cell.text for cell in t.rows[0].cells] for t in document.tables]
    assert ["Council", "Financial year", "Amount", "Funder", "Recipient", "Grant", "Ref"] in headers
    ledger = next(t for t in document.tables if t.rows[0].cells[0].text == "Council")
    assert [[c.text for c in r.cells] for r in ledger.rows] == md_table_rows(markdown, "3. Grants")


def test_references_are_numbered_as_in_the_text_and_linked(written):
    target, document, markdown = written
    expected = re.findall(r"^\d+\. .+$", markdown.split("## References", 1)[1], re.M)
    texts = [p.text for p in document.paragraphs]
    start = texts.index("References") + 1
    assert texts[start:start + len(expected)] == expected
    body = "\n".join(texts[:start]) + "".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    highest = max(int(n) for n in re.findall(r"\[(\d+)\]", body))
    assert highest == len(expected)  # every marker points to a reference, and no reference is unused
    # Each reference links to its page: the sample papers have no site address, so their file at #page=N.
    rels = document.part.rels.values()
    links = [r.target_ref for r in rels if r.reltype.endswith("/hyperlink")]
    assert sum(link.startswith("file://") and "#page=" in link for link in links) == len(expected)
    with ZipFile(target) as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())  # the picture is inside


def test_word_needs_a_file_and_refuses_to_overwrite(corpus_index, tmp_path):
    result = runner.invoke(app, ["brief", "maidstone", "-f", "docx", "--index", str(corpus_index)])
    assert result.exit_code == 1 and "add -o brief.docx" in result.output
    target = tmp_path / "b.docx"
    target.write_text("mine")
    result = runner.invoke(app, ["brief", "maidstone", "-f", "docx", "-o", str(target), "--index", str(corpus_index)])
    assert result.exit_code == 1 and "already exists" in result.output and target.read_text() == "mine"
    result = runner.invoke(app, ["brief", "maidstone", "-f", "pdf", "--index", str(corpus_index)])
    assert result.exit_code == 1 and "md (Markdown) or docx (Word)" in result.output
