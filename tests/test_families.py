"""The family packages and the shared data: one provision grammar, spaCy-free packages, data read as a wheel would."""

from __future__ import annotations

import ast
import fnmatch
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from cspsearch.analysis.law import build_precedent
from cspsearch.analysis.questions import parse_question
from cspsearch.extract import extract_entities
from cspsearch.extract.legal import find_provisions, normalise_provision, provision_matches

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cspsearch"
PAPERS = sorted((ROOT / "corpus").rglob("*.txt"))
FAMILIES = ("money", "legal", "priorities", "parties")
FIXTURE_ENTITIES = ROOT / "tests" / "fixtures" / "analysis" / "entities.json"


# --- one provision grammar ------------------------------------------------------------

@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.name)
def test_typing_what_a_paper_cites_gives_what_the_extractor_stored(paper):
    """law --provision and ask read typed provisions with the extractor's grammar: typing a
    citation as the paper writes it gives the very provision its legal entity carries."""
    text = paper.read_text(encoding="utf-8")
    cited = [e for e in extract_entities(text) if e.type == "legal" and e.attrs.get("provision")]
    stored = {e.attrs["provision"] for e in cited}
    typed = {normalise_provision(text[p.start:p.end]) for p in find_provisions(text)}
    assert stored <= typed, stored - typed
    for provision in stored:
        assert provision_matches(normalise_provision(provision), provision)


def test_typed_provisions_are_written_as_papers_are():
    assert normalise_provision("section 17A") == "s.17A"  # the extractor keeps the letter's case
    assert normalise_provision("s 17") == "s.17"  # a typed abbreviation may stand apart
    assert normalise_provision("regulations 5 to 7") == "regs.5-7"
    assert provision_matches("reg.6", "regs.5-7")
    assert not provision_matches("s.17", "s.17A")


def test_a_typed_provision_finds_the_rows_citing_it():
    """A section with a letter ("17A") is found as the extractor wrote it, and only it."""
    rows = [r for r in json.loads(FIXTURE_ENTITIES.read_text(encoding="utf-8")) if r["type"] == "legal"]
    section_17 = next(r for r in rows if r.get("provision") == "s.17")
    rows.append({**section_17, "provision": "s.17A", "doc_id": "another-paper"})
    found = build_precedent(rows, "Crime and Disorder Act", "section 17A")
    assert found["provision"] == "s.17A" and found["total"] == 1 and found["papers"] == 1


def test_a_question_names_its_provision_with_the_same_grammar():
    question = parse_question("Which papers cite paragraph 3 of Schedule 12A of the Local Government Act?", {})
    assert question.provision == "sch.12A para.3"
    assert parse_question("Who cited s 17 of the Crime and Disorder Act in 2019?", {}).provision == "s.17"
    assert parse_question("What was said about Part 2 items in 2019?", {}).provision is None


# --- the family packages ----------------------------------------------------------------

def test_family_packages_load_no_spacy_until_their_component_is_asked_for():
    code = (
        "import json, sys, importlib\n"
        f"for family in {FAMILIES!r}:\n"
        "    importlib.import_module('cspsearch.extract.' + family)\n"
        "before = 'spacy' in sys.modules\n"
        "import cspsearch.extract.money as money\n"
        "money.find_money\n"
        "print(json.dumps([before, 'spacy' in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(out.stdout) == [False, True]


def test_every_pipeline_component_is_registered_by_its_family():
    from cspsearch.extract import FAMILY_COMPONENTS, build_nlp

    assert build_nlp().pipe_names == [name for _, name in FAMILY_COMPONENTS]


# --- data files -------------------------------------------------------------------------

def _data_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml", ".tsv", ".json"))


def test_every_data_file_ships_in_the_wheel():
    """What pip installs is what package-data names: a data file no glob matches is missing from a
    wheel though an editable install still finds it."""
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["cspsearch"]
    files = _data_files()
    assert len(files) >= 10
    unshipped = [p for p in files
                 if not any(fnmatch.fnmatch(p.relative_to(PACKAGE).as_posix(), g) for g in globs)]
    assert not unshipped


def test_no_module_reads_packaged_data_but_through_resources():
    """Data files are read through cspsearch.resources (importlib.resources), never a path built from
    __file__ or a second importlib.resources call, so every reader works from a wheel or a zip."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "resources.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "files" and \
                    isinstance(node.value, ast.Name) and node.value.id == "resources":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} resources.files")
            if isinstance(node, ast.BinOp) and "__file__" in ast.unparse(node.left) and \
                    "data" in ast.unparse(node):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)}")
    assert not offenders
