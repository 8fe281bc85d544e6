"""Segmentation: passages along numbered paragraphs, headings and blocks, with exact spans."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspsearch.ingest.readers import read_document
from cspsearch.ingest.segment import MAX_PASSAGE, segment
from cspsearch.model import PAGE_BREAK

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
_PAGE_NUMBER_LINE = re.compile(r"[-\u2013(\[]?\s*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*[-\u2013)\]]?", re.I)


def check_invariants(pages: list[str], passages) -> None:
    """Spans slice the document exactly, stay on one page, never overlap and miss no text."""
    text = PAGE_BREAK.join(pages)
    covered = bytearray(len(text))
    previous_end = 0
    for i, passage in enumerate(passages):
        assert passage.index == i and passage.doc_id == "doc"
        assert text[passage.start:passage.end] == passage.text == passage.text.strip() != ""
        assert PAGE_BREAK not in passage.text
        assert text.count(PAGE_BREAK, 0, passage.start) + 1 == passage.page
        assert passage.start >= previous_end and len(passage.text) <= MAX_PASSAGE
        previous_end = passage.end
        covered[passage.start:passage.end] = b"\x01" * (passage.end - passage.start)
    for line_match in re.finditer(r"[^\n\f]+", text):
        a, b = line_match.span()
        missed = "".join(ch for ch, hit in zip(text[a:b], covered[a:b], strict=True) if not hit)
        assert not missed.strip() or _PAGE_NUMBER_LINE.fullmatch(line_match.group().strip()), line_match.group()


def _by_paragraph(passages) -> dict[str | None, str]:
    return {p.paragraph: p.text for p in passages}


def test_numbered_paragraphs_each_start_a_passage_under_their_heading():
    page = (
        "1. Introduction\n"
        "1.1 The purpose of this report is to update the Committee on the partnership plan.\n"
        "1.2. The plan was adopted by Council in July 2020 and runs to 2024.\n"
        "2. FINANCIAL IMPLICATIONS\n"
        "2.1 The Community Safety Grant is allocated by the Police and Crime Commissioner.\n"
        "2.1.1 Maidstone will receive a grant of \u00a337,104 for 2017-18 from that fund.\n"
        "4.2.1. The grant must be spent by the end of the financial year in March 2018.\n"
    )
    passages = segment("doc", [page])
    check_invariants([page], passages)
    assert [p.paragraph for p in passages] == ["1.1", "1.2", "2.1", "2.1.1", "4.2.1"]
    assert passages[0].text.startswith("1. Introduction\n1.1 The purpose")
    assert [p.heading for p in passages] == ["1. Introduction"] * 2 + ["2. FINANCIAL IMPLICATIONS"] * 3


def test_a_number_inside_a_wrapped_sentence_is_not_a_paragraph_number():
    page = ("2.1 Spending on the service in the last full year was increased by\n"
            "2.5 per cent against the previous year, as the table in the appendix shows.\n")
    passages = segment("doc", [page])
    assert len(passages) == 1 and passages[0].paragraph == "2.1"


def test_bullet_lists_stay_with_their_lead_in():
    page = (
        "The partnership has agreed the following priorities for 2017/18:\n"
        "\u2022 Reducing anti-social behaviour in the town centre\n"
        "\u2022 Tackling domestic abuse and violent crime\n"
        "- Supporting people with poor mental health\n"
        "\n"
        "Progress will be reported to the Committee every six months from now on.\n"
    )
    passages = segment("doc", [page])
    check_invariants([page], passages)
    assert len(passages) == 2
    assert passages[0].text.endswith("poor mental health")
    assert passages[1].text.startswith("Progress will be reported")


def test_headings_start_passages_and_name_the_section():
    page = (
        "Summary\n"
        "\n"
        "Community Safety Partnerships are under a duty to produce a plan each year.\n"
        "\n"
        "RISK MANAGEMENT\n"
        "\n"
        "There are reputational and legal risks if the partnership does not act now.\n"
        "\n"
        "## Background papers\n"
        "\n"
        "None were relied on in writing this report to the scrutiny committee.\n"
    )
    passages = segment("doc", [page])
    check_invariants([page], passages)
    assert [p.heading for p in passages] == ["Summary", "RISK MANAGEMENT", "Background papers"]
    assert passages[1].text == "RISK MANAGEMENT\n\nThere are reputational and legal risks if the partnership does not act now."


def test_a_blank_line_inside_a_sentence_does_not_split_it():
    page = ("1.1 The purpose of the report is to update the Committee on the work of the Safer\n\n"
            "Maidstone Partnership (SMP) since last year and ask for the plan to be adopted.\n")
    passages = segment("doc", [page])
    assert len(passages) == 1 and "Safer\n\nMaidstone" in passages[0].text


def test_table_rows_form_one_passage_with_their_caption():
    page = (
        "The grants received by the partnership are set out below for each year.\n"
        "All figures in \u00a3000s\n"
        "Grant\t2016-17\t2017-18\n"
        "Community Safety Fund\t35\t37\n"
        "Total\t35\t37\n"
        "The totals above include the grant carried forward from the previous year.\n"
    )
    passages = segment("doc", [page])
    check_invariants([page], passages)
    assert [p.text.split("\n")[0] for p in passages] == [
        "The grants received by the partnership are set out below for each year.",
        "All figures in \u00a3000s",
        "The totals above include the grant carried forward from the previous year.",
    ]
    assert passages[1].text.endswith("Total\t35\t37")


def test_passages_never_cross_a_page_and_a_paragraph_carries_over():
    pages = [
        "3. Background\n3.1 The strategic assessment was presented to this Committee on the 14 February\n",
        "2017 and identified the priorities for the coming year across the borough.\n"
        "3.2 The partnership plan was refreshed in the light of the assessment.\n",
    ]
    passages = segment("doc", pages)
    check_invariants(pages, passages)
    assert [(p.page, p.paragraph) for p in passages] == [(1, "3.1"), (2, "3.1"), (2, "3.2")]
    assert passages[1].heading == "3. Background"


def test_page_numbers_and_page_labels_are_not_passages():
    pages = ["12\nThe budget was set at the February meeting of the Council.\nPage 1 of 2",
             "- 13 -\nThe reserves policy was agreed at the same meeting.\n13"]
    passages = segment("doc", pages)
    check_invariants(pages, passages)
    assert [p.text for p in passages] == ["The budget was set at the February meeting of the Council.",
                                          "The reserves policy was agreed at the same meeting."]


def test_long_paragraphs_are_cut_at_sentence_ends():
    sentence = "The partnership reviewed crime trends across every ward of the borough this year. "
    page = "5.1 " + sentence * 60
    passages = segment("doc", [page])
    check_invariants([page], passages)
    assert len(passages) >= 4
    assert all(p.paragraph == "5.1" for p in passages)
    assert all(p.text.endswith("this year.") for p in passages)
    assert all(len(p.text) > MAX_PASSAGE // 3 for p in passages[:-1])


def test_long_tables_are_cut_between_rows():
    page = "\n".join(f"Scheme {n}\t\u00a3{n},000\t2024-25" for n in range(200))
    passages = segment("doc", [page])
    check_invariants([page], passages)
    assert len(passages) > 3
    assert all(re.fullmatch(r"(Scheme \d+\t\u00a3\d+,000\t2024-25\n?)+", p.text) for p in passages)


def test_a_lone_heading_at_the_end_of_a_page_joins_the_passage_before():
    pages = ["The committee noted the update on the plan and thanked the officers.\n\nAPPENDICES", "Appendix 1"]
    passages = segment("doc", pages)
    check_invariants(pages, passages)
    assert passages[0].text.endswith("APPENDICES") and passages[1].text == "Appendix 1"


def test_empty_pages_give_no_passages():
    assert segment("doc", ["", "  \n\n", ""]) == []


@pytest.mark.parametrize("path", sorted(CORPUS.rglob("*.txt")), ids=lambda p: p.name)
def test_sample_papers_segment_into_sensible_passages(path):
    doc = read_document(path)
    passages = segment("doc", doc.pages)
    check_invariants(list(doc.pages), passages)
    assert len(passages) >= 15
    numbered = [p.paragraph for p in passages if p.paragraph]
    assert len(numbered) >= 5 and all(re.fullmatch(r"\d{1,2}(\.\d{1,3})*", n) for n in numbered)


def test_a_sample_paper_paragraph_is_found_whole():
    doc = read_document(CORPUS / "medway" / "2020-12-03-annual-scrutiny-community-safety-partnership.txt")
    passage = next(p for p in segment("doc", doc.pages) if p.paragraph == "1.1")
    assert passage.text.startswith("- 1. Budget and policy framework\n"
                                   "- 1.1 CSPs were set up under Sections 5-7 of the Crime and Disorder Act 1998")
    assert passage.text.endswith("(KSS CRC formerly Kent Probation).")
    assert passage.heading == "1. Budget and policy framework"


_LINES = st.one_of(
    st.sampled_from([
        "", "1. Introduction", "2.1 The plan was adopted.", "4.2.1. The grant is \u00a35m.", "RECOMMENDATIONS",
        "\u2022 Reduce crime", "- a bullet", "Page 3 of 10", "12", "Grant\t\u00a35,000", "The Crime and Disorder",
        "Act 1998 applies here.", "x", "   ", "Summary:", "(a) first item", "# Title",
    ]),
    st.text(alphabet=st.sampled_from("abcAB .,:;\t\u00a30123456789-\u2022()"), max_size=120),
)
_PAGES = st.lists(st.lists(_LINES, max_size=40).map("\n".join), min_size=1, max_size=4)


@settings(max_examples=150, deadline=None)
@given(_PAGES)
def test_any_pages_segment_with_exact_spans(pages):
    check_invariants(pages, segment("doc", pages))
