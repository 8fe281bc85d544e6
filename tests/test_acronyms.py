"""Acronym definitions: "long (SHORT)", "SHORT (long)", plurals, wrapped lines, and what is not one."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspsearch.extract import extract_entities

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FAMILY = ("cspsearch_acronyms",)


def acronyms(text: str) -> list:
    return [e for e in extract_entities(text, families=FAMILY) if e.type == "acronym"]


def pairs(text: str) -> set[tuple[str, str]]:
    return {(e.attrs["short"], e.attrs["long"]) for e in acronyms(text)}


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        (
            "The work of the Safer Maidstone Partnership (SMP) since last year.",
            "SMP",
            "Safer Maidstone Partnership",
        ),
        (
            "funding goes to the Police and Crime Commissioner (PCC) who",
            "PCC",
            "Police and Crime Commissioner",
        ),
        ("- Kent Fire and Rescue Service (KFRS)", "KFRS", "Kent Fire and Rescue Service"),
        ("Gangs & Child Sexual Exploitation (CSE).", "CSE", "Child Sexual Exploitation"),
        ("Community Safety Partnerships (CSPs) are under a duty", "CSPs", "Community Safety Partnerships"),
        ("separate groups for Organised Crime Groups (OCGs) and Gangs", "OCGs", "Organised Crime Groups"),
        (
            "refresh of the Sustainable Community Strategy (SCS) on behalf",
            "SCS",
            "Sustainable Community Strategy",
        ),
        ("tackling Domestic Abuse (DA) in the borough", "DA", "Domestic Abuse"),
        ("reduce anti-social behaviour (ASB) in the town", "ASB", "anti-social behaviour"),
        ("grants from the Department for Education (DfE) this year", "DfE", "Department for Education"),
        (
            "under the Deprivation of Liberty Safeguards (DoLS) the",
            "DoLS",
            "Deprivation of Liberty Safeguards",
        ),
        (
            "the Office for Health Improvement and Disparities (OHID) said",
            "OHID",
            "Office for Health Improvement and Disparities",
        ),
        (
            "children (UASC) and Unaccompanied Asylum-Seeking Children (UASC)",
            "UASC",
            "Unaccompanied Asylum-Seeking Children",
        ),
    ],
)
def test_long_form_before_brackets(text, short, long):
    found = acronyms(text)
    assert (short, long) in {(e.attrs["short"], e.attrs["long"]) for e in found}
    entity = next(e for e in found if e.attrs["short"] == short and e.attrs["long"] == long)
    assert entity.text.startswith(long.split()[0]) and entity.text.endswith(f"({short})")
    assert entity.attrs["form"] == "parenthesis"


def test_span_covers_the_whole_phrase_in_the_original_text():
    text = "Report\f1.1 The purpose is to update the Committee on the Safer \n\nMaidstone Partnership (SMP)."
    (entity,) = acronyms(text)
    assert entity.text == "Safer \n\nMaidstone Partnership (SMP)"
    assert text[entity.start : entity.end] == entity.text
    assert entity.page == 2
    assert entity.attrs["long"] == "Safer Maidstone Partnership"


def test_long_form_wrapped_over_lines():
    assert pairs("through the Police and Crime\nCommissioner (PCC). Maidstone") == {
        ("PCC", "Police and Crime Commissioner")
    }


def test_reverse_form():
    (entity,) = acronyms("A wide range of CSP (Community Safety Partnership) objectives.")
    assert (entity.attrs["short"], entity.attrs["long"], entity.attrs["form"]) == (
        "CSP",
        "Community Safety Partnership",
        "reverse",
    )
    assert entity.text == "CSP (Community Safety Partnership)"


def test_reverse_form_with_slashes():
    assert pairs("rated RAG (Red/Amber/Green) each quarter") == {("RAG", "Red/Amber/Green")}


def test_two_part_short_form_with_a_note():
    text = "- Kent, Surrey and Sussex Community Rehabilitation Company (KSS CRC formerly Kent Probation)."
    assert ("KSS CRC", "Kent, Surrey and Sussex Community Rehabilitation Company") in pairs(text)


def test_closing_quote_and_possessive_are_not_part_of_the_long_form():
    assert pairs("the ‘Road Safety Club’ (RSC) and") == {("RSC", "Road Safety Club")}
    assert pairs("the Kent Community Safety Trust’s (KCST) work") == {("KCST", "Kent Community Safety Trust")}


@pytest.mark.parametrize(
    "text",
    [
        "Protecting our communities against organised crime (including modern-day slavery) and",
        "at their meeting in November 2010 (Appendix A) they agreed",
        "the most important issues to focus on this (2017/18) year",
        "shall formulate and implement (a) a strategy",
        "an overspend (£1.2m) was reported",
        "Sections 5 to 7 of the Crime and Disorder Act 1998 (the 1998 Act), headed",
        "the KMWLP (Appendix D) was adopted",
        "plans reported to the Board (SMP) last week",
        "mid-year review (Q2) showed",
        "The Chairman (Mr Booth) opened",
    ],
)
def test_not_acronym_definitions(text):
    assert acronyms(text) == []


def test_short_form_used_but_never_bracketed_is_matched_to_an_earlier_name():
    text = (
        "1.1 The Committee scrutinises the Safer Maidstone Partnership, one of four delivery groups in the "
        "Local Strategic Partnership.\n\n3.2 The group agreed a refresh on behalf of the LSP at its meeting "
        "in November."
    )
    found = [e for e in acronyms(text) if e.attrs["form"] == "inferred"]
    assert [(e.attrs["short"], e.attrs["long"], e.text) for e in found] == [
        ("LSP", "Local Strategic Partnership", "Local Strategic Partnership")
    ]


def test_no_inferred_definition_from_a_name_written_after_the_short_form():
    text = (
        "Partners including the NHS and the council work together on this every single day.\n\n"
        "The Over 75s clinic opened at New Hayesbank Surgery in January."
    )
    assert acronyms(text) == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "maidstone/2015-02-community-safety-partnership-plan-2013-18.txt",
            {("PCC", "Police and Crime Commissioner"), ("CSP", "Community Safety Partnership")},
        ),
        (
            "maidstone/2023-04-13-strategic-assessment-partnership-plan.txt",
            {("SMP", "Safer Maidstone Partnership")},
        ),
        (
            "maidstone/2017-03-28-csp-plan-refresh.txt",
            {
                ("SMP", "Safer Maidstone Partnership"),
                ("CSE", "Child Sexual Exploitation"),
                ("OCGs", "Organised Crime Groups"),
                ("PCC", "Police and Crime Commissioner"),
            },
        ),
        (
            "medway/2020-12-03-annual-scrutiny-community-safety-partnership.txt",
            {
                ("CSPs", "Community Safety Partnerships"),
                ("KFRS", "Kent Fire and Rescue Service"),
                ("PCC", "Police and Crime Commissioner"),
            },
        ),
        (
            "maidstone/2011-03-14-smp-update-crime-disorder-scrutiny.txt",
            {
                ("SCS", "Sustainable Community Strategy"),
                ("DA", "Domestic Abuse"),
                ("LSP", "Local Strategic Partnership"),
                ("SMP", "Safer Maidstone Partnership"),
            },
        ),
    ],
)
def test_sample_papers(path, expected):
    text = (CORPUS / path).read_text(encoding="utf-8")
    found = acronyms(text)
    assert expected <= {(e.attrs["short"], e.attrs["long"]) for e in found}
    for entity in found:
        assert text[entity.start : entity.end] == entity.text
