"""Legal references: titles, years, provisions, back-references, council rules and URLs."""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspsearch.extract import extract_entities
from cspsearch.extract.legal.catalogue import load_catalogue
from cspsearch.extract.legal.provisions import find_provisions, legislation_url
from cspsearch.model import DocumentMeta
from cspsearch.vocab.legislation import DATA_FILE, title_key

ROOT = Path(__file__).resolve().parents[1]
CDA = "Crime and Disorder Act 1998"
STRATEGY_REGS = "The Crime and Disorder (Formulation and Implementation of Strategy) Regulations 2007"


def legal(text: str) -> list[dict]:
    entities = extract_entities(text, DocumentMeta(), families=("cspsearch_legal",))
    for entity in entities:
        assert text[entity.start:entity.end] == entity.text
    return [e.to_json() for e in entities]


def cited(text: str) -> list[tuple[str, str | None]]:
    return [(e["instrument"], e["provision"]) for e in legal(text)]


# --- titles and years -------------------------------------------------------------------

def test_section_without_year_and_ampersand_resolves_to_listed_title():
    [entity] = legal("the Council's statutory requirement to reduce crime under Section 17 Crime & Disorder Act and")
    assert (entity["instrument"], entity["provision"], entity["year"]) == (CDA, "s.17", 1998)
    assert entity["instrument_type"] == "act"
    assert entity["text"] == "Section 17 Crime & Disorder Act"
    assert entity["url"] == "https://www.legislation.gov.uk/ukpga/1998/37/section/17"


def test_wrapped_title_is_one_citation_with_original_span():
    text = "Legal Sections 5 to 7 of the Crime and Disorder \nAct 1998 (the 1998 Act), headed"
    [entity] = legal(text)
    assert (entity["instrument"], entity["provision"]) == (CDA, "ss.5-7")
    assert entity["text"] == "Sections 5 to 7 of the Crime and Disorder \nAct 1998"


@pytest.mark.parametrize("text, title", [
    ("detained under the Mental Health Act. This", "Mental Health Act 1983"),
    ("7.\tHuman Rights Act\t", "Human Rights Act 1998"),
    ("duties under the Equality Act when", "Equality Act 2010"),
    ("The Care Act 2014 and related legislation", "Care Act 2014"),
    ("Anti-Social Behaviour, Crime and Policing Act 2014 powers", "Anti-social Behaviour, Crime and Policing Act 2014"),
    ("as required by the Local Government (Access to Information) Act 1985.", "Local Government (Access to Information) Act 1985"),
    ("under the Representation of the People Act 1983.", "Representation of the People Act 1983"),
    ("ensures compliance with the 1972 Local Government Act.", "Local Government Act 1972"),
    ("Health and Safety at Work etc. Act 1974", "Health and Safety at Work etc. Act 1974"),
])
def test_named_instrument_without_provision(text, title):
    assert cited(text) == [(title, None)]


def test_misquoted_regulations_match_title_without_brackets():
    text = ("Regulation 5 of the Crime and Disorder Formulation and Implementation of Strategy "
            "Regulations 2007 requires the CSP to carry out an annual strategic assessment.")
    [entity] = legal(text)
    assert (entity["instrument"], entity["provision"], entity["instrument_type"]) == (STRATEGY_REGS, "reg.5", "si")
    assert entity["url"] == "https://www.legislation.gov.uk/uksi/2007/1830/regulation/5"


@pytest.mark.parametrize("text, title", [
    ("(s.17 of the Children’s Act 1989)", "Children Act 1989"),
    ("in accordance with the Environmental Assessment of Plans and Programme Regulations 2004, and",
     "The Environmental Assessment of Plans and Programmes Regulations 2004"),
    ("Section 19 of the Police Justice Act 2006 requires", "Police and Justice Act 2006"),
])
def test_slight_misquotes_match_fuzzily_within_the_year(text, title):
    assert [t for t, _ in cited(text)] == [title]


def test_title_not_in_list_is_kept_as_written_without_url():
    [act] = legal("The Finance Act 2024 introduced")
    assert (act["instrument"], act["instrument_type"], act["year"], act["url"]) == ("Finance Act 2024", "act", 2024, None)
    [order] = legal("made under the Kent County Council (Traffic Regulation) Order 2019 last year")
    assert order["instrument"] == "The Kent County Council (Traffic Regulation) Order 2019"
    assert order["instrument_type"] == "si"


def test_regulations_whose_title_holds_an_act_are_one_citation():
    text = ("The Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017 require it. "
            "The Licensing Act 2003 (Hearings) Regulations 2005 apply.")
    assert [t for t, _ in cited(text)] == [
        "The Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017",
        "The Licensing Act 2003 (Hearings) Regulations 2005"]


def test_year_forms():
    assert cited("under the Local Government Act of 1972 and the Localism Act (2011).") == [
        ("Local Government Act 1972", None), ("Localism Act 2011", None)]


def test_statutory_instrument_keeps_its_leading_the():
    [entity] = legal("The Crime and Disorder (Overview and Scrutiny) Regulations 2009 require Local Authorities")
    assert entity["instrument"] == "The Crime and Disorder (Overview and Scrutiny) Regulations 2009"
    assert entity["text"].startswith("The ")
    assert entity["url"] == "https://www.legislation.gov.uk/uksi/2009/942"


# --- provisions ----------------------------------------------------------------------

@pytest.mark.parametrize("text, provision", [
    ("Sections 5 to 7 of the Crime and Disorder Act 1998", "ss.5-7"),
    ("Sections 5-7 of the Crime and Disorder Act 1998", "ss.5-7"),
    ("section 5(1)(a) of the Crime and Disorder Act 1998", "s.5(1)(a)"),
    ("s.17A of the Crime and Disorder Act 1998", "s.17A"),
    ("ss 5 – 7 of the Crime and Disorder Act 1998", "ss.5-7"),
    ("Part 1 of the Crime and Disorder Act 1998", "pt.1"),
    ("Crime and Disorder Act 1998, section 17", "s.17"),
])
def test_provisions_are_normalised(text, provision):
    assert cited(text) == [(CDA, provision)]


def test_schedule_keeps_its_path():
    text = "exempt by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972."
    [entity] = legal(text)
    assert (entity["instrument"], entity["provision"]) == ("Local Government Act 1972", "sch.12A pt.1 para.3")
    assert entity["url"] == "https://www.legislation.gov.uk/ukpga/1972/70/schedule/12A/part/1"


def test_schedule_12a_alone_names_its_act():
    assert cited("information which is exempt from publication under Schedule 12A. Key decision") == [
        ("Local Government Act 1972", "sch.12A")]
    assert cited("paragraph 3 of Part 1 of Schedule 12A applies") == [
        ("Local Government Act 1972", "sch.12A pt.1 para.3")]


def test_provision_after_the_title():
    assert cited("The Human Rights Act (Article 8) applies.") == [("Human Rights Act 1998", "art.8")]
    assert cited("Children Act 1989 s.17 duties") == [("Children Act 1989", "s.17")]
    assert cited("Local Government Act 1972, Schedule 12A") == [("Local Government Act 1972", "sch.12A")]


def test_provision_kind_must_fit_the_instrument():
    text = "Section 1 Introduction Section 2 The Crime and Disorder (Overview and Scrutiny) Regulations 2009 apply."
    assert cited(text) == [("The Crime and Disorder (Overview and Scrutiny) Regulations 2009", None)]


def test_lists_of_sections():
    text = "(sections 32, 43 and 93 of the Local Government Finance Act 1992)"
    assert cited(text) == [("Local Government Finance Act 1992", "ss.32,43,93")]


def test_statutory_phrases_name_a_provision():
    assert cited("the Section 25 Assurance Statement covered the budget") == [("Local Government Act 2003", "s.25")]
    assert cited("there would be no need to consider a Section 114 notice") == [
        ("Local Government Finance Act 1988", "s.114")]


# --- back-references ------------------------------------------------------------------

def test_year_back_reference_resolves_and_definition_is_not_a_citation():
    text = ("Sections 5 to 7 of the Crime and Disorder Act 1998 (the 1998 Act), headed “Crime and Disorder "
            "Strategies”, require “responsible authorities” to comply with section 6 of the 1998 Act which "
            "states. By virtue of section 5(1)(a) of the 1998 Act, the Council is the “responsible authority”.")
    assert cited(text) == [(CDA, "ss.5-7"), (CDA, "s.6"), (CDA, "s.5(1)(a)")]


def test_abbreviation_in_brackets_defines_and_abbreviation_cites():
    text = "the Local Government Act 2000 (LGA 2000) requires scrutiny; s.9F of the LGA 2000 sets it out."
    assert cited(text) == [("Local Government Act 2000", None), ("Local Government Act 2000", "s.9F")]


def test_two_acts_of_one_year_take_the_nearest_earlier():
    text = ("The Licensing Act 2003 sets objectives. The Local Government Act 2003 also applies. "
            "Under section 25 of the 2003 Act the Chief Finance Officer reports.")
    assert cited(text)[-1] == ("Local Government Act 2003", "s.25")
    swapped = ("The Local Government Act 2003 applies. The Licensing Act 2003 sets objectives. "
               "Section 4 of the 2003 Act lists them.")
    assert cited(swapped)[-1] == ("Licensing Act 2003", "s.4")


def test_the_act_is_the_most_recent_act():
    text = ("Schedule 3 of the Local Authorities (Functions and Responsibilities) (England) Regulations 2000 "
            "lists plans. The Localism Act 2011 gave powers. Section 38 of the Act requires a pay policy.")
    assert cited(text)[-1] == ("Localism Act 2011", "s.38")
    assert cited("The same Act requires that councils consult.") == []


def test_bare_regulation_after_named_regulations_belongs_to_them():
    text = ("Regulation 5 of the Crime and Disorder Formulation and Implementation of Strategy Regulations 2007 "
            "requires an assessment. Regulation 10 requires CSPs to prepare a partnership plan.")
    assert cited(text) == [(STRATEGY_REGS, "reg.5"), (STRATEGY_REGS, "reg.10")]
    assert cited("the 2007 Regulations require a plan") == []


def test_year_less_title_follows_the_one_earlier_citation():
    text = "Section 11 of the Children Act 2004 applies. Duties under section 10 of the Children Act follow."
    assert cited(text) == [("Children Act 2004", "s.11"), ("Children Act 2004", "s.10")]
    ambiguous = ("The Local Government Act 1972 and the Local Government Act 2003 apply. "
                 "Section 25 of the Local Government Act requires a report.")
    assert cited(ambiguous) == [("Local Government Act 1972", None), ("Local Government Act 2003", None)]


# --- council rules ---------------------------------------------------------------------

@pytest.mark.parametrize("text, instrument, provision", [
    ("The Constitution sets out, at section 17.67 of the Constitution, the criteria", "Constitution", "s.17.67"),
    ("and in Article 4 (The Full Council) of the Council's Constitution.", "Constitution", "art.4"),
    ("in accordance with Sections 14.15 to 14.22 of the Constitution, questions", "Constitution", "ss.14.15-14.22"),
    ("under Standing Order 12 the motion", "Standing Orders", "so.12"),
    ("as set out in paragraph 4.3 of the Financial Regulations.", "Financial Regulations", "para.4.3"),
    ("Rule 9 of the Financial Procedure Rules", "Financial Procedure Rules", "r.9"),
])
def test_council_rules_are_other(text, instrument, provision):
    found = [e for e in legal(text) if e["provision"]]
    assert [(e["instrument"], e["provision"], e["instrument_type"], e["url"]) for e in found] == [
        (instrument, provision, "other", None)]


# --- what is not legal ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The away day enabled a broad section of SMP partners to come together.",
    "Members noted the schedule of meetings for the municipal year.",
    "The Schedule 2024/25 meetings were agreed.",
    "as set out in section 2 of this report.",
    "Section 3 above explains the options.",
    "see section 4.2 for details.",
    "Part 1 of the agenda is open to the public.",
    "PART 2 (EXEMPT ITEMS)\nItem 9 is exempt.",
    "Part 2 (exempt) items follow.",
    "An article in the Kent Messenger praised Article 4 of the newspaper's charter.",
    "Regulation 10 requires CSPs to prepare a plan.",
    "as required by the 1998 Act.",
    "Section 25 of the Local Government Act requires a report.",
    "A Purchase Order 2021 was raised.",
    "Think Local Act Personal strategic priorities",
    "The committee has a statutory role to act as the Crime and Disorder Scrutiny Committee.",
    "the Third ‘Regulation 13th June - 25th Consultation",
])
def test_not_legal(text):
    assert legal(text) == []


def test_report_sections_next_to_an_act_stay_unattached():
    assert cited("The Equality Act 2010 (see Section 3 above) applies.") == [("Equality Act 2010", None)]
    assert cited("The Equality Act 2010\nSection 3 Options") == [("Equality Act 2010", None)]


# --- the sample papers -------------------------------------------------------------------

def corpus_legal(name: str) -> set[tuple[str, str | None]]:
    text = (ROOT / "corpus" / name).read_text(encoding="utf-8")
    return {(e["instrument"], e["provision"]) for e in legal(text) if e["instrument_type"] != "other"}


def test_sample_papers_cite_exactly_their_legislation():
    assert corpus_legal("maidstone/2015-02-community-safety-partnership-plan-2013-18.txt") == {
        (CDA, "s.17"), (CDA, "ss.5-7"), (CDA, "s.6"), (CDA, "s.5(1)(a)"), ("Human Rights Act 1998", None)}
    assert corpus_legal("medway/2020-12-03-annual-scrutiny-community-safety-partnership.txt") == {
        (CDA, "ss.5-7"), (STRATEGY_REGS, "reg.5"), (STRATEGY_REGS, "reg.10"),
        ("The Local Authorities (Functions and Responsibilities) (England) Regulations 2000", "sch.3"),
        ("Police and Justice Act 2006", "s.19"),
        ("The Crime and Disorder (Overview and Scrutiny) Regulations 2009", None)}
    assert corpus_legal("maidstone/2011-03-14-smp-update-crime-disorder-scrutiny.txt") == set()


def test_dense_citations_scale_linearly():
    paragraph = ("In accordance with paragraph 16.31 of the Constitution, section 6 of the Crime and Disorder "
                 "Act 1998 and Regulation 10 of the Crime and Disorder (Overview and Scrutiny) Regulations 2009, "
                 "the Act and the Human Rights Act apply; see section 4.2 and the Section 25 Report. ")
    started = time.perf_counter()
    found = legal(paragraph * 500)
    assert len(found) == 6 * 500
    assert time.perf_counter() - started < 10  # about 1 s; quadratic matching took minutes


# --- URLs and provision parsing ---------------------------------------------------------------

@pytest.mark.parametrize("citation, path", [
    ("s.17", "/section/17"), ("ss.5-7", "/section/5"), ("section 5(1)(a)", "/section/5"),
    ("reg.5", "/regulation/5"), ("Schedule 3", "/schedule/3"), ("Article 4", "/article/4"),
    ("Part 4", "/part/4"), ("Sch 12A, Part 1, para 3", "/schedule/12A/part/1"), ("paragraph 16.7", ""),
])
def test_legislation_urls(citation, path):
    [provision] = find_provisions(citation)
    assert legislation_url("ukpga/1998/37", provision) == "https://www.legislation.gov.uk/ukpga/1998/37" + path
    assert legislation_url(None, provision) is None


def test_whole_instrument_url():
    assert legislation_url("uksi/2007/1830", None) == "https://www.legislation.gov.uk/uksi/2007/1830"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="Sections0123456789 .,()-aA&tof", max_size=60))
def test_provision_parser_is_total_and_normalises(text):
    for provision in find_provisions(text):
        assert re.fullmatch(r"[a-z]+\.\S+( [a-z]+\.\S+)*", provision.normalised)
        assert 0 <= provision.start < provision.end <= len(text)


# --- the data file ---------------------------------------------------------------------

def test_legislation_list_is_well_formed():
    with DATA_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))
    assert len(rows) >= 200
    titles = [row["short_title"] for row in rows]
    assert len(titles) == len(set(titles))
    for row in rows:
        assert row["type"] in ("act", "si", "other"), row
        if row["type"] == "other":
            continue
        assert row["short_title"].endswith(" " + row["year"]), row
        assert row["short_title"].startswith("The ") == (row["type"] == "si"), row
        if row["legislation_gov_uk_id"]:
            kind, year, number = row["legislation_gov_uk_id"].split("/")
            assert (kind, year) == ({"act": "ukpga", "si": "uksi"}[row["type"]], row["year"]), row
            assert number.isdigit(), row
    assert load_catalogue().defaults[title_key("Mental Health Act")].title == "Mental Health Act 1983"
