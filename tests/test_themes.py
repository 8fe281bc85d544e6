"""The theme taxonomy: matching real priority wordings, tolerance, over-matching, synonyms, editing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspsearch.errors import CspSearchError, NotFoundError
from cspsearch.vocab.themes import (
    TaxonomyError,
    label,
    load_taxonomy,
    match_themes,
    parse_taxonomy,
    synonyms,
)

# Priority wordings from the sample papers in corpus/, with the themes each names.
REAL_ITEMS = [
    ("Organised Crime Groups (including Modern Slavery)", ["organised_crime", "modern_slavery"]),
    ("Gangs & Child Sexual Exploitation (CSE)", ["organised_crime", "cse"]),
    ("Substance Misuse", ["substance_misuse"]),
    ("Domestic Abuse & violent crime", ["domestic_abuse", "serious_violence"]),
    ("Mental Health", ["mental_health"]),
    ("Protecting our communities against serious, violent, and organised crime (including modern-day slavery)",
     ["serious_violence", "organised_crime", "modern_slavery"]),
    ("Reducing the harm caused by domestic abuse", ["domestic_abuse"]),
    ("Keeping children and young people safe", ["children_young_people"]),
    ("Strengthening communities", ["community_cohesion_confidence"]),
    ("Supporting victims and tackling offenders of sexual and domestic abuse", ["domestic_abuse"]),
    ("Tackling the harm caused by substance misuse", ["substance_misuse"]),
    ("Reducing re-offending", ["reoffending"]),
    ("Commitment to safeguarding and improving services", ["safeguarding_vulnerability"]),
    ("anti social behaviour", ["asb"]),
    ("road safety", ["road_safety"]),
    ("drug and substance misuse", ["substance_misuse"]),
    ("Reduce alcohol related crime in the town centre", ["substance_misuse", "town_centre_nte"]),
    ("Reduce violent crime and reduce serious crime in the wards", ["serious_violence"]),
]


@pytest.mark.parametrize(("wording", "expected"), REAL_ITEMS)
def test_real_priority_wordings_get_their_themes(wording, expected):
    assert set(expected) <= set(match_themes(wording))


def test_themes_come_in_order_of_first_appearance():
    assert match_themes("Domestic Abuse & violent crime") == ["domestic_abuse", "serious_violence"]
    assert match_themes("violent crime and domestic abuse") == ["serious_violence", "domestic_abuse"]


@pytest.mark.parametrize("wording", [
    "anti-social behaviour", "anti social behaviour", "antisocial behaviour", "Anti-Social Behaviour",
    "ANTI-SOCIAL BEHAVIOUR", "tackling anti-social behaviours",
])
def test_hyphens_spaces_case_and_plurals_are_forgiven(wording):
    assert match_themes(wording) == ["asb"]


def test_ampersand_word_order_and_verb_endings_are_forgiven():
    assert match_themes("misuse of drugs & alcohol") == ["substance_misuse"]
    assert match_themes("Reduce re offending") == match_themes("reducing reoffending") == ["reoffending"]
    assert match_themes("fly tipping") == match_themes("fly-tipping") == ["enviro_crime"]


def test_acronyms_count_only_as_capitalised_whole_words():
    assert match_themes("ASB") == ["asb"]
    assert match_themes("OCGs") == ["organised_crime"]
    assert match_themes("asb") == []
    assert match_themes("the DAta and ASBestos survey") == []
    assert match_themes("TACKLING ASB") == [], "a heading in capitals is not read for acronyms"


@pytest.mark.parametrize("wording", [
    "Promote Maidstone as a safe place to live",
    "Continue the decrease in overall rates of crime",
    "Prevent crime in the borough",
    "TO PREVENT CRIME",
    "people who are young at heart",
    "Heritage is Respected",
])
def test_generic_wordings_name_no_theme(wording):
    assert match_themes(wording) == []


def test_town_centre_is_a_theme_only_where_crime_or_safety_is_spoken_of():
    assert match_themes("The town centre regeneration scheme opens in May") == []
    assert match_themes("how the town centre is policed at night") == ["town_centre_nte"]


def test_prevent_is_a_programme_only_inside_a_sentence():
    assert match_themes("Partners work with Prevent and Channel") == ["prevent_extremism"]
    assert match_themes("the Prevent duty") == ["prevent_extremism"]


def test_weak_words_count_only_when_nothing_specific_is_named():
    assert match_themes("Supporting victims of domestic abuse") == ["domestic_abuse"]
    assert match_themes("Supporting victims") == ["safeguarding_vulnerability"]
    assert match_themes("Child Sexual Exploitation") == ["cse"], "not county-lines 'exploitation' too"


def test_phrasings_do_not_match_across_a_sentence_end():
    assert "road_safety" not in match_themes("We mended the road. Safety of staff matters.")


def test_every_theme_id_the_gold_uses_exists():
    ids = {t.id for t in load_taxonomy().themes}
    assert {"serious_violence", "organised_crime", "modern_slavery", "domestic_abuse", "town_centre_nte", "asb",
            "children_young_people", "cse", "substance_misuse", "mental_health", "community_cohesion_confidence",
            "reoffending", "safeguarding_vulnerability", "road_safety"} <= ids


def test_labels_and_theme_lookup():
    taxonomy = load_taxonomy()
    assert label("asb") == "Anti-social behaviour"
    assert label("no_such_theme") == "no_such_theme"
    assert "ASB" in taxonomy.theme("asb").acronyms
    with pytest.raises(NotFoundError):
        taxonomy.theme("no_such_theme")
    assert taxonomy.resolve("ASB") == "asb"
    assert taxonomy.resolve("anti social behaviour") == "asb"
    assert taxonomy.resolve("Mental health") == "mental_health"


def test_synonyms_link_acronyms_and_spellings():
    groups = synonyms()
    asb = next(g for g in groups if "ASB" in g)
    assert {"anti-social behaviour", "anti social behaviour", "antisocial behaviour"} <= asb
    da = next(g for g in groups if "DA" in g)
    assert {"domestic abuse", "domestic violence"} <= da
    assert any({"re-offending", "reoffending"} <= g for g in groups)
    assert all(len(g) > 1 for g in groups)


def test_taxonomy_is_loaded_once():
    assert load_taxonomy() is load_taxonomy()


def test_a_person_can_add_a_phrasing_in_yaml():
    text = """
themes:
  - id: knife_crime
    label: Knife crime
    phrasings:
      - knife and weapon crime
    acronyms:
      KWC: [knife and weapon crime]
"""
    taxonomy = parse_taxonomy(text)
    assert taxonomy.match("Reducing weapon and knife crime") == ["knife_crime"]
    assert taxonomy.match("KWC") == ["knife_crime"]
    assert taxonomy.match("kwc") == []


@pytest.mark.parametrize("text", [
    "themes: [",
    "nothing: here",
    "themes:\n  - id: x\n",
    "themes:\n  - id: Bad Id\n    label: X\n    phrasings: [a]\n",
    "themes:\n  - id: a\n    label: A\n    phrasings: [a]\n  - id: a\n    label: B\n    phrasings: [b]\n",
])
def test_a_broken_taxonomy_file_gives_a_human_error(text):
    with pytest.raises(TaxonomyError) as err:
        parse_taxonomy(text)
    assert isinstance(err.value, CspSearchError)
    assert "theme" in str(err.value).lower()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_matching_any_text_returns_known_ids(text):
    ids = {t.id for t in load_taxonomy().themes}
    found = match_themes(text)
    assert set(found) <= ids
    assert len(found) == len(set(found))
