"""Which site `fetch` reads (a council through the council table, or an address) and which committees it picks."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspsearch.errors import CspSearchError, NotFoundError
from cspsearch.fetch.committees import choose_committees
from cspsearch.fetch.errors import FetchOptionError, SiteError
from cspsearch.fetch.moderngov import Committee, parse_committees, parse_xml
from cspsearch.fetch.sites import resolve_site

RECORDED = Path(__file__).parent / "fixtures" / "moderngov" / "committees.xml"


def test_a_council_by_slug_name_or_acronym_gives_its_moderngov_site():
    for name in ("kent", "Kent County Council", "KCC"):
        site = resolve_site(name)
        assert (site.base_url, site.council_id, site.system) == ("https://democracy.kent.gov.uk", "kent", "ModernGov")
    assert resolve_site("medway").base_url == "https://democracy.medway.gov.uk"


def test_a_council_on_another_system_gets_a_sentence_naming_it():
    with pytest.raises(SiteError) as err:
        resolve_site("Angus")
    assert str(err.value) == ("The Angus Council publishes its papers through Custom HTML "
                              "(https://www.angus.gov.uk/councillors), not ModernGov; cspsearch fetch reads "
                              "ModernGov sites only.")


def test_an_unknown_council_names_close_slugs():
    with pytest.raises(NotFoundError, match="Did you mean"):
        resolve_site("medwya")


def test_an_address_is_cut_to_its_base_and_its_council_found_by_host():
    site = resolve_site("https://democracy.kent.gov.uk/mgCommitteeDetails.aspx?ID=144")
    assert (site.base_url, site.council_id) == ("https://democracy.kent.gov.uk", "kent")
    site = resolve_site("http://localhost:8080/moderngov/mgWebService.asmx/GetCommittees", council="Merton")
    assert (site.base_url, site.council_id, site.folder) == ("http://localhost:8080/moderngov", "merton", "merton")
    assert resolve_site("https://papers.example.org/").folder == "papers.example.org"
    with pytest.raises(SiteError, match="use --council only with a web address"):
        resolve_site("kent", council="medway")


def _recorded() -> list[Committee]:
    return parse_committees(parse_xml(RECORDED.read_bytes(), "list", "committees"))


def test_committees_match_forgivingly():
    committees = _recorded()
    for name in ("audit", "AUDIT committee", "The Audit Committee", "Audit-Committee"):
        assert [c.committee_id for c in choose_committees(committees, [name], "Manchester")] == ["144"]
    both = choose_committees(committees, ["art galleries", "audit", "Audit"], "Manchester")
    assert [c.committee_id for c in both] == ["163", "144"]
    # A named committee is found even when it has expired; unnamed, only current ones are fetched.
    assert [c.committee_id for c in choose_committees(committees, ["appointment sub-committee"], "M")] == ["312"]
    assert [c.committee_id for c in choose_committees(committees, [], "M")] == ["163", "144"]


def test_a_committee_no_site_has_gets_a_suggestion():
    with pytest.raises(FetchOptionError) as err:
        choose_committees(_recorded(), ["Audti"], "Manchester City Council")
    assert str(err.value) == "No committee of Manchester City Council is called 'Audti'. Did you mean Audit Committee?"
    assert isinstance(err.value, CspSearchError)


def test_names_are_safe_on_any_file_system():
    from cspsearch.fetch.layout import safe_name

    assert safe_name("../../etc/passwd", "x") == "etc passwd"
    assert safe_name(".hidden: a <b>|c?*", "x") == "hidden a b c"
    assert safe_name("CON", "x") == "_CON" and safe_name("  ...  ", "attachment-7") == "attachment-7"
    long = safe_name("Adroddiad y Cyngor ar ddiogelwch cymunedol " * 10, "x")
    assert len(long.encode("utf-8")) <= 180 and not long.endswith(" ")
    welsh = safe_name("ŵŷâêîôû " * 40, "x")
    assert len(welsh.encode("utf-8")) <= 180 and welsh.startswith("ŵŷâêîôû")
