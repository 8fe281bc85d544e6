"""Organisations and people: listed partners, "<Place> ... Partnership" names, acronym uses,
report authors, officers, councillors and attendance lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspsearch.extract import extract_entities

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FAMILIES = ("cspsearch_acronyms", "cspsearch_parties")


def entities(text: str, kind: str) -> list:
    return [e for e in extract_entities(text, families=FAMILIES) if e.type == kind]


def names(text: str) -> list[str]:
    return [e.attrs["name"] for e in entities(text, "organisation")]


def people(text: str) -> list[tuple[str, str | None]]:
    return [(e.attrs["name"], e.attrs["role"]) for e in entities(text, "person")]


# -- Organisations ---------------------------------------------------------------------------


def test_responsible_authorities_of_the_medway_paper():
    text = (CORPUS / "medway/2020-12-03-annual-scrutiny-community-safety-partnership.txt").read_text()
    found = entities(text, "organisation")
    assert {
        "Medway Council",
        "Kent Police",
        "Kent Fire and Rescue Service",
        "Medway Clinical Commissioning Group",
        "Kent, Surrey and Sussex Community Rehabilitation Company",
    } <= {e.attrs["name"] for e in found}
    for entity in found:
        assert text[entity.start : entity.end] == entity.text


def test_listed_names_and_aliases_take_the_canonical_name():
    assert names("Funding from the Police & Crime Commissioner and the Office of the PCC.") == [
        "Police and Crime Commissioner",
        "Office of the Police and Crime Commissioner",
    ]
    assert names("working with the Department of Health & Social Care") == [
        "Department of Health and Social Care"
    ]


def test_listed_name_in_lower_case_prose_is_not_taken():
    assert names("staff moved from the home office to the town hall") == []


def test_suffix_rule_needs_a_proper_word():
    assert names("The SMP reports to Swale Borough Council each year.") == ["Swale Borough Council"]
    assert names("the working group and the partnership board met; the Task and Finish Group agreed") == []
    assert names("The Council agreed. The County Council noted it.") == []


def test_two_names_joined_by_and_stay_apart():
    assert names("a joint bid by Kent Police and Medway Council was made") == [
        "Kent Police",
        "Medway Council",
    ]
    assert names("with Kent and Medway Economic Partnership support") == [
        "Kent and Medway Economic Partnership"
    ]


def test_sentence_opening_word_is_not_part_of_the_name():
    text = "Supporting Kent Police remains a priority, supporting victims too."
    assert names(text) == ["Kent Police"]


def test_table_label_before_a_name_on_the_next_line_is_dropped():
    text = (
        "Organisation Year Award\nDover District Council 2024 Silver\nArmoured Engineering Ltd 2023 Silver\n"
    )
    assert names(text) == ["Dover District Council", "Armoured Engineering Ltd"]


def test_acronym_of_an_organisation_names_it_when_used_later():
    text = "Kent Fire and Rescue Service (KFRS) attended. Later KFRS reported to the panel."
    found = entities(text, "organisation")
    assert [(e.text, e.attrs["name"]) for e in found] == [
        ("Kent Fire and Rescue Service", "Kent Fire and Rescue Service"),
        ("KFRS", "Kent Fire and Rescue Service"),
    ]


def test_acronym_of_a_class_of_bodies_is_no_organisation():
    text = "Community Safety Partnerships (CSPs) are under a duty. CSPs were set up in 1998."
    assert names(text) == []


def test_paper_definition_overrides_the_listed_acronym():
    text = "The Parish Councils Conference (PCC) met. The PCC agreed."
    assert names(text) == []


# -- People ----------------------------------------------------------------------------------


def test_labelled_author_with_role_after_comma():
    text = (
        "Report from: Richard Hicks, Director of Place and Deputy Chief\n\nExecutive\n\n"
        "Author: James Brown, Head of Regulatory Services\n\nSummary\n\n"
        "Email: james.brown@medway.gov.uk"
    )
    assert people(text) == [
        ("Richard Hicks", "Director of Place and Deputy Chief Executive"),
        ("James Brown", "Head of Regulatory Services"),
    ]


def test_labelled_cell_separated_by_a_tab():
    text = (
        "Lead Officer and Report Author\tMartyn Jeynes, Communities and Strategic Partnerships Manager\n"
        "Classification\tPublic\n"
    )
    assert people(text) == [("Martyn Jeynes", "Communities and Strategic Partnerships Manager")]


def test_label_without_a_role_gives_no_role():
    assert people("Report prepared by Sarah Robson\n\nDate Issued: February 2015") == [("Sarah Robson", None)]


def test_label_naming_only_a_post_is_no_person():
    assert people("Report of: Overview & Scrutiny Officer\n\n1. Introduction") == []


def test_names_in_a_sentence_with_their_roles():
    text = (
        "The Committee is recommended to interview the Chairman of the Safer Maidstone Partnership "
        "Martin Adams, Area Manager of Kent Fire and Rescue Service, Robbie Graham, Chief Inspector at "
        "Kent Police and David Coleman, Independent Chair of the Kent Police Authority Standards "
        "Committee to provide an update."
    )
    assert people(text) == [
        ("Martin Adams", "Area Manager of Kent Fire and Rescue Service"),
        ("Robbie Graham", "Chief Inspector at Kent Police"),
        ("David Coleman", "Independent Chair of the Kent Police Authority Standards Committee"),
    ]


def test_contact_block_name_then_role_line():
    text = (
        "please contact the relevant Officer.\n\nCllr John Perry\n\nCabinet Member for Community Services\n"
        "Telephone: 07770 734741\n\nSarah Robson\n\nCommunity Partnerships Manager\nTelephone: 01622 602827"
    )
    found = entities(text, "person")
    assert [(e.text, e.attrs["name"], e.attrs["role"], e.attrs["title"]) for e in found] == [
        ("Cllr John Perry", "John Perry", "Cabinet Member for Community Services", "Cllr"),
        ("Sarah Robson", "Sarah Robson", "Community Partnerships Manager", None),
    ]


def test_attendance_list_of_minutes():
    text = (
        "PRESENT: Mr B J Sweetland (Chairman), Mr A M Ridgers (Vice-Chairman), Mrs S V Hohler, "
        "Dr L Sullivan\nIN ATTENDANCE: Mr J Cook (Democratic Services Manager)\n"
    )
    found = entities(text, "person")
    assert [(e.attrs["title"], e.attrs["name"], e.attrs["role"]) for e in found] == [
        ("Mr", "B J Sweetland", "Chairman"),
        ("Mr", "A M Ridgers", "Vice-Chairman"),
        ("Mrs", "S V Hohler", None),
        ("Dr", "L Sullivan", None),
        ("Mr", "J Cook", "Democratic Services Manager"),
    ]


def test_councillor_title_gives_councillor_role():
    assert people("The motion was moved by Councillor Jane Smith and agreed.") == [
        ("Jane Smith", "Councillor")
    ]


def test_role_written_before_the_name():
    text = "Customer Services\nCabinet Member Dylan Jeffrey\nCorporate Director Amanda Beer\nKPI Summary\n"
    assert people(text) == [("Dylan Jeffrey", "Cabinet Member"), ("Amanda Beer", "Corporate Director")]


def test_role_does_not_run_into_the_next_line_name():
    text = (
        "From: Rory Love, Cabinet Member for Education and Skills\nSarah Hammond, Corporate Director of "
        "Children, Young People\nand Education\nTo: Cabinet"
    )
    assert people(text) == [
        ("Rory Love", "Cabinet Member for Education and Skills"),
        ("Sarah Hammond", "Corporate Director of Children, Young People and Education"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mr Chairman, the item is noted.",
        "Councillors agreed the report. Members asked questions.",
        "Risk Management\nCommunity Safety Manager\nThe risk management of community safety is reviewed.",
        "Country Parks, Executive) the required level of spend for country parks",
        "Contact the Head of Service or the Monitoring Officer for advice.",
    ],
)
def test_no_person_without_a_name(text):
    assert people(text) == []


def test_name_in_an_email_address_does_not_stop_the_person():
    text = "Kent County Council Cllr Oliver Richardson Oliver.Richardson@kent.gov.uk;\n"
    assert people(text) == [("Oliver Richardson", "Councillor")]


@pytest.mark.parametrize(
    ("path", "person"),
    [
        (
            "maidstone/2017-03-28-csp-plan-refresh.txt",
            ("Nicolas Rathbone", "Community Safety Partnerships Officer"),
        ),
        (
            "maidstone/2023-04-13-strategic-assessment-partnership-plan.txt",
            ("John Littlemore", "Head of Housing and Regulatory Services"),
        ),
        (
            "medway/2020-12-03-annual-scrutiny-community-safety-partnership.txt",
            ("James Brown", "Head of Regulatory Services"),
        ),
    ],
)
def test_sample_paper_authors(path, person):
    text = (CORPUS / path).read_text(encoding="utf-8")
    assert person in people(text)
