"""`ask`: member questions (and paraphrases) become structured queries with cited answers; else a search."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from cspsearch.analysis.questions import parse_question
from cspsearch.errors import QueryError
from cspsearch.library import Library

FAKES = Path(__file__).parent / "fixtures" / "analysis" / "fakes.py"
COUNCILS = {"maidstone": "Maidstone Borough Council", "medway": "Medway Council"}


def load_fakes():
    spec = importlib.util.spec_from_file_location("analysis_fakes", FAKES)
    fakes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fakes)
    return fakes


# A library over the fixture rows: the analysis reads them through its IndexReader.
LIBRARY = Library(reader=load_fakes().FakeReader())


# Each issue question with two paraphrases, the intent it must be read as, and words the answer must hold.
CASES = [
    (
        "first_priority",
        ["2011", "Maidstone"],
        [
            "When did domestic abuse first become a priority for Maidstone?",
            "When was domestic abuse first named a priority in Maidstone?",
            "Since when has Maidstone prioritised domestic abuse?",
        ],
    ),
    (
        "priorities_in_year",
        ["Strengthening communities", "Reducing re-offending"],
        [
            "What were Medway's priorities in 2020?",
            "List the community safety priorities for Medway in 2020",
            "What did Medway prioritise in 2020?",
        ],
    ),
    (
        "grant_amount",
        ["£37,104", "2017-18"],
        [
            "How much PCC grant did Maidstone get in 2017-18?",
            "What was Maidstone's PCC funding for 2017/18?",
            "How much money did the Police and Crime Commissioner give Maidstone in 2017-2018?",
        ],
    ),
    (
        "compare_priorities",
        ["domestic abuse", "only Medway"],
        [
            "Compare Maidstone and Medway priorities",
            "How do Maidstone's priorities compare with Medway's?",
            "Maidstone vs Medway priorities",
        ],
    ),
    (
        "law_requires",
        ["Police and Justice Act 2006 s.19"],
        [
            "Which law requires the crime and disorder scrutiny committee?",
            "What legislation requires a crime and disorder committee?",
            "Which Act says councils must have a crime and disorder scrutiny committee?",
        ],
    ),
    (
        "law_cites",
        ["s.17", "Crime and Disorder Act 1998", "Maidstone"],
        [
            "Which papers cite section 17 of the Crime and Disorder Act?",
            "Which reports refer to s.17 of the Crime and Disorder Act?",
            "Papers citing Crime and Disorder Act section 17",
        ],
    ),
    (
        "ever_priority",
        ["Yes", "2011", "road safety"],
        [
            "Was road safety ever a priority in Maidstone?",
            "Has Maidstone ever had road safety as a priority?",
            "Did road safety ever feature in Maidstone's priorities?",
        ],
    ),
    (
        "recommendations",
        ["March 2017", "recommended"],
        [
            "What did the committee recommend in March 2017?",
            "What were the committee's recommendations in March 2017?",
            "What was recommended to the committee in March 2017?",
        ],
    ),
]
QUESTIONS = [(kind, words, q) for kind, words, questions in CASES for q in questions]


@pytest.mark.parametrize(("kind", "words", "question"), QUESTIONS, ids=[q for _, _, q in QUESTIONS])
def test_question_and_paraphrases_are_answered_with_citations(kind, words, question):
    answer = LIBRARY.ask(question)
    assert answer["kind"] == kind and answer["fallback"] is False
    for word in words:
        assert word in answer["answer"], answer["answer"]
    assert answer["citations"], answer
    assert answer["answer"].count(". ") <= 2  # one or two sentences


def test_the_answers_cite_the_right_papers():
    assert LIBRARY.ask(CASES[0][2][0])["citations"][0]["meeting_date"] == "2011-03-14"
    assert LIBRARY.ask(CASES[2][2][0])["citations"][0]["meeting_date"] == "2017-03-28"
    assert {c["meeting_date"] for c in LIBRARY.ask(CASES[7][2][0])["citations"]} == {"2017-03-28"}
    second = [c["text"] for c in LIBRARY.ask(CASES[4][2][0])["citations"]]
    assert "Overview and Scrutiny" in second[1]
    first = LIBRARY.ask(CASES[7][2][0])["citations"][0]["text"]
    assert "recommendations to the final decision-maker: 1. That the 2013-18" in first


def test_json_shape_follows_the_public_spec():
    data = json.loads(json.dumps(LIBRARY.ask("When did domestic abuse first become a priority for Maidstone?").to_json()))
    assert set(data) >= {"question", "answer", "kind", "fallback", "citations"}
    assert set(data["citations"][0]) >= {"doc_id", "title", "council_id", "meeting_date", "page", "text"}
    assert data["answer"].startswith("Domestic abuse was first named a priority by Maidstone in 2011")


def test_honest_negative_answers():
    assert "hold no priority list" in LIBRARY.ask("What were Maidstone's priorities in 2015?")["answer"]
    assert "no Maidstone papers from 2019" in LIBRARY.ask("What were Maidstone's priorities in 2019?")["answer"]
    grant = LIBRARY.ask("How much PCC grant did Maidstone get in 2019-20?")
    assert grant["kind"] == "grant_amount" and "no grant" in grant["answer"] and "2017-18" in grant["answer"]
    assert LIBRARY.ask("What did the committee recommend in June 2016?")["answer"].startswith(
        "The index holds no papers"
    )
    assert "no papers from" in LIBRARY.ask("What were Swale's priorities in 2020?")["answer"]


def test_unparsed_questions_fall_back_to_a_cited_search():
    answer = LIBRARY.ask("Tell me about CCTV monitoring")
    assert answer["fallback"] is True and answer["kind"] == "search"
    assert "could not match" in answer["answer"] and answer["citations"]
    assert "cctv" in answer["citations"][0]["text"].lower()


def test_slots_are_read_from_the_question():
    q = parse_question("How much PCC grant did Maidstone get in 2017/18?", COUNCILS)
    assert (q.kind, q.councils, q.financial_year, q.funder["name"]) == (
        "grant_amount",
        ["maidstone"],
        "2017-18",
        "Police and Crime Commissioner",
    )
    q = parse_question("Compare Medway with Maidstone", COUNCILS)
    assert q.kind == "compare_priorities" and q.councils == ["medway", "maidstone"]
    q = parse_question("Which papers cite sections 5 to 7 of the Crime and Disorder Act 1998?", COUNCILS)
    assert (q.instrument, q.provision) == ("Crime and Disorder Act 1998", "ss.5-7")
    assert parse_question("What did the committee decide in Sept 2019?", COUNCILS).month == "2019-09"
    assert parse_question("What is the weather like?", COUNCILS).kind is None


def test_an_empty_question_is_refused():
    with pytest.raises(QueryError, match="Ask a question"):
        LIBRARY.ask("   ")
