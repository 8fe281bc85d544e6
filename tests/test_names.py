"""cspsearch.names: one reading of council and theme names, with the same "did you mean" everywhere."""

from __future__ import annotations

import pytest

from cspsearch import names, services
from cspsearch.analysis.cells import parse_spec, resolve_council, resolve_theme
from cspsearch.errors import NotFoundError

MAIDSTONE = ["maidstone", "Maidstone", "MAIDSTONE", "Maidstone Borough Council", "maidstone-borough-council",
             "Maidstone BC", "Maidstone Council", "  maidstone  "]
IN_INDEX = {"maidstone": "Maidstone Borough Council", "medway": "Medway Council", "kent": "Kent County Council",
            "tunbridge-wells": "Tunbridge Wells Borough Council"}


@pytest.mark.parametrize("spelling", MAIDSTONE)
def test_every_spelling_of_a_council_is_its_slug_in_every_layer(spelling):
    assert names.council_id(spelling) == "maidstone"
    assert names.council_id(spelling, IN_INDEX) == "maidstone"
    assert services.check_councils([spelling]) == ["maidstone"]
    assert resolve_council(spelling, IN_INDEX) == "maidstone"
    assert parse_spec(f"{spelling.strip()}:2011-2023", IN_INDEX).council_id == "maidstone"


def test_acronyms_domains_and_the_start_of_a_name():
    assert names.council_id("KCC") == "kent"
    assert names.council_id("kent.gov.uk") == "kent"
    assert names.council_id("tunbridge") == "tunbridge-wells"
    assert names.council_ids(["Medway Council", "medway", "KCC"]) == ["medway", "kent"]
    assert names.council_ids([]) is None and names.council_ids(None) is None


def test_a_misspelt_council_gets_the_same_suggestion_from_every_layer():
    for resolve in (names.council_id, lambda n: services.check_councils([n]),
                    lambda n: resolve_council(n, IN_INDEX)):
        with pytest.raises(NotFoundError, match=r"'maidston'.*\. Did you mean maidstone\b"):
            resolve("maidston")


def test_a_start_shared_by_several_councils_names_them():
    with pytest.raises(NotFoundError, match="Did you mean north-ayrshire, north-devon, north-dorset?"):
        names.council_id("north")


def test_errors_say_whether_the_council_is_unknown_or_has_no_papers():
    with pytest.raises(NotFoundError, match="^There is no council called 'Atlantis'. Name a council"):
        names.council_id("Atlantis")
    with pytest.raises(NotFoundError, match="^No papers from a council called 'Swale' are in the index. "
                                            "Councils in the index: kent, maidstone, medway, tunbridge-wells."):
        names.council_id("Swale", IN_INDEX)


THEMES = ["domestic_abuse", "domestic-abuse", "Domestic abuse", "DOMESTIC ABUSE", "DA", "domestic violence"]


@pytest.mark.parametrize("spelling", THEMES)
def test_every_spelling_of_a_theme_is_its_id_in_every_layer(spelling):
    assert names.theme_id(spelling) == "domestic_abuse"
    assert services.check_theme(spelling) == "domestic_abuse"
    assert resolve_theme(spelling) == "domestic_abuse"


def test_an_unknown_theme_suggests_close_ids_and_a_theme_the_index_holds_counts():
    with pytest.raises(NotFoundError, match=r"There is no theme called 'domestik_abuze'\. Did you mean domestic_abuse"):
        services.check_theme("domestik_abuze")
    with pytest.raises(NotFoundError, match="There is no theme called 'zeppelins'"):
        resolve_theme("zeppelins")
    assert resolve_theme("retired_theme", {"retired_theme"}) == "retired_theme"


CITED = ["Crime and Disorder Act 1998", "The Crime and Disorder (Overview and Scrutiny) Regulations 2009",
         "Police Reform and Social Responsibility Act 2011"]


@pytest.mark.parametrize("spelling", ["crime and disorder act", "Crime & Disorder Act 1998", "CDA", "cda 1998",
                                      "the crime and disorder act 1998"])
def test_every_spelling_of_an_act_is_its_title(spelling):
    assert names.instruments(spelling, CITED) == ["Crime and Disorder Act 1998"]


def test_an_act_no_paper_cites_suggests_close_titles():
    with pytest.raises(NotFoundError, match=r"^No paper in the index cites 'Crime and Disorder Acts 1999'\. "
                                            r"Did you mean Crime and Disorder Act 1998\?"):
        names.instruments("Crime and Disorder Acts 1999", CITED)
