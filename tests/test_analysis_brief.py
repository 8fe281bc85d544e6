"""The Markdown briefing: matrix, changes, grants, legal basis, references every marker points to."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from cspsearch.analysis.brief import References
from cspsearch.errors import NotFoundError, QueryError
from cspsearch.library import Library

FAKES = Path(__file__).parent / "fixtures" / "analysis" / "fakes.py"


def load_fakes():
    spec = importlib.util.spec_from_file_location("analysis_fakes", FAKES)
    fakes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fakes)
    return fakes


# A library over the fixture rows: the analysis reads them through its IndexReader.
LIBRARY = Library(reader=load_fakes().FakeReader())


@pytest.fixture
def text() -> str:
    return LIBRARY.brief(["maidstone", "medway"], 2011, 2023)


def section(text: str, heading: str) -> str:
    return text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]


def test_sections_in_order(text):
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == [
        "1. Priorities compared",
        "2. What changed",
        "3. Grants",
        "4. Legal basis",
        "5. Decisions",
        "References",
    ]
    assert text.startswith(
        "# Community safety priorities: Maidstone Borough Council and Medway Council, 2011"
    )


def test_every_marker_points_to_a_reference_and_every_reference_is_used(text):
    body, refs = text.split("## References", 1)
    listed = [int(n) for n in re.findall(r"^(\d+)\. ", refs, re.M)]
    assert listed == list(range(1, len(listed) + 1)) and len(listed) == 5  # the five sample papers, page 1
    used = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    assert used == set(listed)
    assert (
        "Medway Council, Regeneration, Culture and Environment Overview and Scrutiny Committee, "
        "3 December 2020" in refs
    )


def test_matrix_is_a_markdown_table_with_honest_gaps(text):
    table = [line for line in section(text, "1. Priorities compared").splitlines() if line.startswith("|")]
    widths = {line.count("|") for line in table}
    assert len(widths) == 1 and table[1].startswith("|---")
    assert "Maidstone 2015" in table[0]
    assert all("no list found in 1 paper" in row for row in table[2:])
    assert any(row.startswith("| Domestic abuse |") and "“domestic abuse” [" in row for row in table)


def test_changes_grants_and_law(text):
    changes = section(text, "2. What changed")
    assert (
        "**Maidstone 2011 → 2017**" in changes
        and "“domestic abuse” → “Domestic Abuse & violent crime”" in changes
    )
    assert "not the same as having no priorities" in changes
    grants = section(text, "3. Grants")
    assert "£37,104" in grants and "£106,460" in grants and "Safer Streets 4" in grants
    law = section(text, "4. Legal basis")
    assert "[Crime and Disorder Act 1998](https://www.legislation.gov.uk/ukpga/1998/37)" in law
    assert re.search(r"s\.17 \[\d+\]", law)


def test_a_narrow_range_leaves_other_years_out():
    text = LIBRARY.brief(["maidstone"], 2017, 2017)
    assert "Maidstone 2017" in text and "Maidstone 2011" not in text
    assert "£38,449" not in text  # the 2015 paper is out of range


def test_errors_are_sentences():
    with pytest.raises(NotFoundError, match="no papers between 2030 and 2031"):
        LIBRARY.brief(["maidstone"], 2030, 2031)
    with pytest.raises(QueryError, match="backwards"):
        LIBRARY.brief(["maidstone"], 2023, 2011)
    with pytest.raises(NotFoundError, match="Councils in the index"):
        LIBRARY.brief(["atlantis"])


def test_references_number_each_page_once():
    refs = References(
        [{"doc_id": "a", "council": "X", "committee": "C", "meeting_date": "2020-01-02", "title": "T"}]
    )
    assert refs.mark([{"doc_id": "a", "page": 2}, {"doc_id": "a", "page": 2}]) == "[1]"
    assert refs.mark([{"doc_id": "a", "page": 3}]) == "[2]"
    assert refs.markdown().splitlines()[0] == "1. X, C, 2 January 2020, “T”, p. 2."
