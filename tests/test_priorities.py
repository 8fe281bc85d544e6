"""The priority family on the sample papers in corpus/ and on each layout met in real papers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspsearch.extract import extract_entities
from cspsearch.model import DocumentMeta

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FAMILY = ("cspsearch_priorities",)


def priorities(text: str, meta: DocumentMeta | None = None) -> list[dict]:
    return [e.to_json() for e in extract_entities(text, meta, families=FAMILY) if e.type == "priority"]


def paper(name: str, **meta) -> list[dict]:
    path = next(CORPUS.glob(f"*/{name}"))
    return priorities(path.read_text(encoding="utf-8"), DocumentMeta(**meta))


def texts(found: list[dict], scheme: str | None = "csp") -> list[str]:
    return [" ".join(p["text"].split()) for p in found if scheme is None or p["scheme"] == scheme]


# -- the sample papers ------------------------------------------------------------------
def test_bulleted_priorities_for_a_financial_year():
    found = paper("2017-03-28-csp-plan-refresh.txt", plan_period=(2013, 2018))
    csp = [p for p in found if p["scheme"] == "csp"]
    assert texts(csp) == ["Organised Crime Groups (including Modern Slavery)",
                          "Gangs & Child Sexual Exploitation (CSE)", "Substance Misuse",
                          "Domestic Abuse & violent crime", "Mental Health"]
    assert {p["period"] for p in csp} == {"2017-18"}
    assert csp[1]["themes"][:2] == ["cse", "organised_crime"] or set(csp[1]["themes"]) >= {"cse", "organised_crime"}
    assert set(csp[3]["themes"]) >= {"domestic_abuse", "serious_violence"}
    assert csp[0]["lead_in"] == "Based on the information in the Strategic Assessment, the priorities for 2017/18 are:"
    assert all(p["status"] is None for p in csp)


def test_strategic_plan_priorities_are_corporate_not_csp():
    found = paper("2017-03-28-csp-plan-refresh.txt")
    corporate = texts(found, "corporate")
    assert "for Maidstone to be an attractive place for all" in corporate
    assert not any("Partnership Plan will continue" in t for t in texts(found, None)), "a statement is no priority"


def test_corporate_and_cross_cutting_inline_lists():
    found = paper("2015-02-community-safety-partnership-plan-2013-18.txt")
    assert texts(found, "corporate") == ["For Maidstone to be a decent place to live",
                                         "Corporate and Customer Excellence"]
    assert texts(found, "cross_cutting") == ["Tackling Disadvantage", "Building Stronger Communities"]
    assert texts(found, "csp") == []


def test_priority_status_blocks():
    found = paper("2023-04-13-strategic-assessment-partnership-plan.txt", plan_period=(2022, 2025))
    headed = [p for p in found if not p["heading_lost"]]
    assert texts(headed) == [
        "Protecting our communities against serious, violent, and organised crime (including modern-day slavery)",
        "Reducing the harm caused by domestic abuse",
        "Keeping children and young people safe",  # its heading sits in the status line's place
    ]
    assert {p["status"] for p in headed} == {"On track"}
    assert set(headed[0]["themes"]) >= {"serious_violence", "organised_crime", "modern_slavery"}
    assert {p["period"] for p in found} == {"2022-2025"}, "the plan's period, from the metadata"
    lost = [p for p in found if p["heading_lost"]]
    assert len(lost) == 1 and lost[0]["status"] == "Exceeding expectations"
    assert set(lost[0]["themes"]) >= {"town_centre_nte", "asb"}, "themes from the block's paragraph"
    assert texts(found, "cross_cutting") == [] and len(texts(found)) == 4


def test_medway_plan_priorities_with_plan_period_from_the_lead_in():
    found = paper("2020-12-03-annual-scrutiny-community-safety-partnership.txt")
    assert texts(found) == ["Strengthening communities",
                            "Supporting victims and tackling offenders of sexual and domestic abuse",
                            "Tackling the harm caused by substance misuse", "Reducing re-offending",
                            "Commitment to safeguarding and improving services"]
    assert {p["period"] for p in found} == {"2020-2024"}
    assert [p["themes"][0] for p in found] == ["community_cohesion_confidence", "domestic_abuse",
                                               "substance_misuse", "reoffending", "safeguarding_vulnerability"]


def test_inline_list_spans_only_each_item_and_questions_are_no_priorities():
    found = paper("2011-03-14-smp-update-crime-disorder-scrutiny.txt")
    assert texts(found) == ["anti social behaviour", "domestic abuse", "road safety", "drug and substance misuse"]
    assert [p["themes"] for p in found if p["scheme"] == "csp"] == [
        ["asb"], ["domestic_abuse"], ["road_safety"], ["substance_misuse"]]
    objectives = [p for p in found if p["scheme"] == "objective"]
    assert len(objectives) == 7
    assert objectives[-1]["text"] == "Improve road safety"
    assert "road_safety" not in [t for p in objectives if "safe place" in p["text"] for t in p["themes"]]
    assert not any("priorities" in t.lower() for t in texts(found, None)), "the questions are not listed"


# -- layouts written for the tests ---------------------------------------------------------
def test_priority_n_headings_in_a_plan():
    text = ("Community Safety Plan 2013-16\n\nOur Community Safety Plan 2013-16 sets five priorities.\n\n"
            "Priority 1 - Tackle drug and alcohol abuse\n\nWe will work with treatment providers.\n\n"
            "Priority 2 - Tackle anti-social behaviour (ASB) and enviro-crime\n\n"
            "Priority 3 - Reduce re-offending\n\nPriority 4 - Tackle domestic abuse\n\n"
            "Priority 5 - Reduce the number of people killed or seriously injured in road traffic collisions\n")
    found = priorities(text)
    assert texts(found) == ["Tackle drug and alcohol abuse", "Tackle anti-social behaviour (ASB) and enviro-crime",
                            "Reduce re-offending", "Tackle domestic abuse",
                            "Reduce the number of people killed or seriously injured in road traffic collisions"]
    assert found[4]["themes"] == ["road_safety"]
    assert {p["period"] for p in found} == {"2013-2016"}


def test_priorities_named_in_running_text_are_corporate_in_a_council_paper():
    text = ("7.1 The plan supports Priority 1: Levelling up Kent and Priority 2: Infrastructure for\n"
            "Communities within Framing Kent's Future. The plan details the commissioning of school places.\n")
    found = priorities(text)
    assert texts(found, "corporate") == ["Levelling up Kent", "Infrastructure for Communities"]


def test_a_lone_numbered_priority_without_a_lead_in_is_not_a_list():
    assert priorities("Priority 1: Emergency repairs, attended within one hour.\n\nOther text follows.") == []


def test_table_with_a_priority_column_and_status():
    text = ("The Safer Borough Partnership reviewed progress on its plan.\n\n"
            "Priority\tLead agency\tStatus\n"
            "Domestic abuse\tKent Police\tOn track\n"
            "Anti-social behaviour\tBorough Council\tAmber\n"
            "Road safety\tKent Fire and Rescue Service\tAchieved\n\nNext steps follow.\n")
    found = priorities(text)
    assert [(p["text"], p["status"], p["scheme"]) for p in found] == [
        ("Domestic abuse", "On track", "csp"), ("Anti-social behaviour", "Amber", "csp"),
        ("Road safety", "Achieved", "csp")]
    assert found[1]["themes"] == ["asb"]


def test_numbered_items_under_a_heading():
    text = ("Safer Town Partnership\n\nOur priorities\n1. Serious violence\n2. Violence against women and girls\n"
            "3. Neighbourhood crime and anti-social behaviour\n\n4.1 The partnership meets quarterly.\n")
    found = priorities(text)
    assert texts(found) == ["Serious violence", "Violence against women and girls",
                            "Neighbourhood crime and anti-social behaviour"]
    assert found[2]["themes"] == ["neighbourhood_crime", "asb"]


def test_unmarked_lines_from_a_pdf_text_layer():
    text = ("2.2 The Community Safety Partnership Plan 2024-2027 contains four priorities:\n"
            "Tackling anti-social behaviour\nReducing re-offending\n"
            "Preventing violence against women and girls\nTackling drugs and alcohol\n"
            "2.3 The plan was adopted by Full Council in July 2024 after a public consultation that ran\n"
            "for eight weeks across the borough.\n")
    found = priorities(text)
    assert texts(found) == ["Tackling anti-social behaviour", "Reducing re-offending",
                            "Preventing violence against women and girls", "Tackling drugs and alcohol"]
    assert {p["period"] for p in found} == {"2024-2027"}
    assert found[2]["themes"] == ["vawg"]


BODY = ("The partnership met six times during the year and reviewed its performance against each of\n"
        "the targets agreed with the Police and Crime Commissioner at the start of the financial year.\n")


def test_bullets_run_together_by_a_pdf_text_layer():
    text = (BODY + "The Community Safety Partnership priorities for 2021/22 are:\n"
            "\u25cfKeeping children and young people safe\n\u25cfReducing the harm caused by domestic abuse\n"
            "\u25cfProtecting our communities against serious and organised crime\nThe plan was agreed.\n" + BODY)
    found = priorities(text)
    assert texts(found) == ["Keeping children and young people safe", "Reducing the harm caused by domestic abuse",
                            "Protecting our communities against serious and organised crime"]
    assert {p["period"] for p in found} == {"2021-22"}


def test_a_wrapped_bullet_keeps_its_second_line():
    text = (BODY + "The CSP priorities for 2021/22 are:\n"
            "\u2022 Organised Crime Groups and other serious criminal networks (including\nModern Slavery)\n"
            "\u2022 Mental Health\nThe plan was agreed by all partners.\n" + BODY)
    assert texts(priorities(text)) == [
        "Organised Crime Groups and other serious criminal networks (including Modern Slavery)", "Mental Health"]


def test_cross_cutting_themes_under_their_own_heading():
    text = ("3.1 The SMP has identified the following priorities for 2019-2022:\n"
            "\u2022 Keeping children and young people safe\n\u2022 Reducing the harm caused by domestic abuse\n\n"
            "Cross cutting themes:\n\u2022 Reducing re-offending\n\u2022 Prevent duty\n\n3.2 Next paragraph.\n")
    found = priorities(text)
    assert texts(found) == ["Keeping children and young people safe", "Reducing the harm caused by domestic abuse"]
    assert texts(found, "cross_cutting") == ["Reducing re-offending", "Prevent duty"]
    assert {p["period"] for p in found if p["scheme"] == "csp"} == {"2019-2022"}


@pytest.mark.parametrize("text", [
    # questions about priorities
    "Members may wish to ask about the partnership priorities:\n"
    "\u2022 What evidence supported the original priorities?\n\u2022 How will the priorities be communicated?\n",
    # recommendations
    "The Committee is asked to agree the priorities:\n1. That the Committee notes the report.\n"
    "2. That the Committee agrees the plan.\n",
    # actions, not priorities
    "The following actions support the community safety priorities:\n\u2022 Hold a stakeholder event\n"
    "\u2022 Publish a newsletter\n",
    # a proper name holding "Priority"
    "The reason given for not including Kent in the Devolution Priority Programme is as follows:\n"
    "I was pleased by the enthusiasm in your response to my letter of 16 December.\n",
    # a report's own objectives, not an organisation's
    "The objectives of this review are:\n\u2022 Understand the costs\n\u2022 Compare the options\n",
    # a priority word in running text, with no list
    "Domestic Abuse remains a national priority. Locally, it makes up a fifth of all crime.\n",
])
def test_lists_that_are_not_priorities(text):
    assert priorities(text) == []


def test_police_and_crime_commissioner_priorities_are_not_the_partnerships():
    text = ("The Police and Crime Commissioner's priorities are:\n\u2022 Fighting crime and anti-social behaviour\n"
            "\u2022 Putting victims first\n")
    found = priorities(text)
    assert {p["scheme"] for p in found} == {"pcc"}
    assert len(found) == 2


def test_entity_spans_point_into_the_original_text():
    text = "The  Safer  Town Partnership  priorities   are:\n\n\u2022   Domestic\n    abuse;\n\n\u2022 Road safety; and\n"
    found = priorities(text)
    assert [(p["text"], text[p["start"]:p["end"]]) for p in found] == [
        ("Domestic\n    abuse", "Domestic\n    abuse"), ("Road safety", "Road safety")]


def test_scanning_is_linear_on_a_long_one_line_text():
    line = "The priorities of the partnership were discussed and the priorities remain current. " * 8000
    start = time.perf_counter()
    assert priorities(line) == []
    assert time.perf_counter() - start < 6


def test_acronyms_the_paper_defines_lend_their_themes():
    from cspsearch.extract.priorities.component import extract_priorities

    text = "The Safer Town Partnership priorities are:\n\u2022 Supporting the TDAF\n\u2022 Road safety\n"
    plain = extract_priorities(text)
    assert plain[0]["themes"] == []
    informed = extract_priorities(text, acronyms={"TDAF": "Town Domestic Abuse Forum"})
    assert informed[0]["themes"] == ["domestic_abuse"]


ALPHABET = st.sampled_from(["priorities", "Priority status:", "Priority 1:", "objectives", ":", ";", " and ",
                            "\n", "\n\n", "\t", "\u2022 ", "- ", "1. ", "Domestic abuse", "On track", "ASB",
                            "The plan", ".", " ", "Cross cutting themes"])


@settings(max_examples=80, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_any_text_gives_well_formed_priorities(text):
    for p in priorities(text):
        assert p["text"] == p["text"].strip() and p["text"]
        assert p["scheme"] in {"csp", "pcc", "corporate", "cross_cutting", "objective"}
        assert text[p["start"]:p["end"]] == p["text"]
