"""Metadata inference: the sample papers, real Kent PDFs, tricky snippets, sidecars and the council list."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import pytest

from cspsearch.errors import NotFoundError, ParseError
from cspsearch.ingest.metadata import infer_meta, load_sidecar
from cspsearch.model import DocumentMeta
from cspsearch.vocab.councils import all_councils, find_council, get_council

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def meta_of_text(text: str, path: Path | None = None, council: str | None = None) -> DocumentMeta:
    return infer_meta(text, text.split("\f"), path, council)


@cache
def pdf_text(name: str) -> str:
    import pdfplumber

    with pdfplumber.open(CORPUS / "kent" / name) as pdf:
        return "\f".join(page.extract_text() or "" for page in pdf.pages)


SAMPLES = {
    "maidstone/2011-03-14-smp-update-crime-disorder-scrutiny.txt": dict(
        council_id="maidstone", meeting_date="2011-03-14", year=2011,
        title="Update from Safer Maidstone Partnership",
        committee="Partnership and Well Being Overview & Scrutiny Committee", authors=(), plan_period=None),
    "maidstone/2015-02-community-safety-partnership-plan-2013-18.txt": dict(
        council_id="maidstone", meeting_date="2015-02", year=2015,
        title="Maidstone Community Safety Partnership Plan 2013 - 2018",
        committee="Community, Environment and Housing Overview and Scrutiny Committee",
        authors=("Sarah Robson",), plan_period=(2013, 2018)),
    "maidstone/2017-03-28-csp-plan-refresh.txt": dict(
        council_id="maidstone", meeting_date="2017-03-28", year=2017,
        title="2013-18 Community Safety Partnership Plan refresh",
        committee="Communities, Housing and Environment Committee",
        authors=("Nicolas Rathbone",), plan_period=(2013, 2018)),
    "maidstone/2023-04-13-strategic-assessment-partnership-plan.txt": dict(
        council_id="maidstone", meeting_date="2023-04-13", year=2023,
        title="Strategic Assessment 2023/24 and Partnership Plan Update",
        committee="Overview and Scrutiny for Crime and Disorder",
        authors=("Martyn Jeynes",), plan_period=(2022, 2025)),
    "medway/2020-12-03-annual-scrutiny-community-safety-partnership.txt": dict(
        council_id="medway", meeting_date="2020-12-03", year=2020,
        title=("Annual Scrutiny of the Community Safety Partnership, Including an Update on the "
               "Community Safety Plan 2020 to 2024"),
        committee="Regeneration, Culture, and Environment Overview and Scrutiny Committee",
        authors=("James Brown",), plan_period=(2020, 2024)),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_papers(name: str) -> None:
    meta = meta_of_text((CORPUS / name).read_text(encoding="utf-8"))
    for field, expected in SAMPLES[name].items():
        assert getattr(meta, field) == expected, field
    assert meta.doc_kind == "report"
    assert meta.council == {"maidstone": "Maidstone Borough Council", "medway": "Medway Council"}[meta.council_id]


def test_a_neutral_file_name_gives_the_same_meta(tmp_path: Path) -> None:
    original = CORPUS / "maidstone" / "2017-03-28-csp-plan-refresh.txt"
    neutral = tmp_path / "paper.txt"
    shutil.copy(original, neutral)
    text = neutral.read_text(encoding="utf-8")
    assert meta_of_text(text, neutral) == meta_of_text(original.read_text(encoding="utf-8"), original)
    assert meta_of_text(text, neutral).meeting_date == "2017-03-28"


@pytest.mark.parametrize("name, committee, date, kind, title", [
    ("2025-03-04-cabinet-agenda.pdf", "Cabinet", "2025-03-04", "agenda", "Cabinet agenda, 4 March 2025"),
    ("2025-03-04-scrutiny-call-in-family-hubs-report.pdf", "Cabinet", "2025-03-04", "report",
     "Cabinet reconsideration of Decision 24/00093 - Future of Commissioned Services at Seashells and "
     "Millmead Family Hubs"),
    ("2025-03-13-jhosc-terms-of-reference-report.pdf", "County Council", "2025-03-13", "report",
     "Kent and Medway NHS Joint Overview and Scrutiny Committee (JHOSC) Terms of Reference: Update"),
    ("2025-02-13-budget-amendment-community-wardens.pdf", None, None, "amendment", "Budget Amendment Form"),
])
def test_kent_pdfs(name: str, committee: str | None, date: str | None, kind: str, title: str) -> None:
    meta = meta_of_text(pdf_text(name))
    assert (meta.council_id, meta.committee, meta.meeting_date, meta.doc_kind, meta.title) == (
        "kent", committee, date, kind, title)


def test_kent_county_council_paper_naming_medway_often_stays_kent() -> None:
    # The JHOSC report names Medway Council as often as Kent; it goes to the County Council.
    meta = meta_of_text(pdf_text("2025-03-13-jhosc-terms-of-reference-report.pdf"))
    assert meta.council_id == "kent" and meta.year == 2025


# --- council evidence ------------------------------------------------------------------------------

def test_kent_inside_kent_police_is_not_kent_county_council() -> None:
    text = ("Community Safety Update\n\nThe responsible authorities are Medway Council, Kent Police and Kent "
            "Fire and Rescue Service. Kent Police lead on ASB; Kent Police and Kent Fire attend.\n")
    assert meta_of_text(text).council_id == "medway"
    assert meta_of_text(text.replace("Medway Council", "the council")).council_id is None


def test_a_maidstone_paper_mentioning_medway_stays_maidstone() -> None:
    text = ("Maidstone Borough Council\n\nUpdate from Safer Maidstone Partnership\n\n"
            "What is the SMP's stance on the proposed relocation of CCTV monitoring to Medway? Medway runs "
            "the control room. The Safer Maidstone Partnership will respond.\n")
    meta = meta_of_text(text)
    assert (meta.council_id, meta.council) == ("maidstone", "Maidstone Borough Council")


@pytest.mark.parametrize("text, council_id", [
    ("Community Safety Update\n\nContact: jane.doe@medway.gov.uk\n", "medway"),
    ("Budget Update\n\nAt KCC any two members may call in a decision.\n", "kent"),
    ("Report\n\nThe Maidstone Community Safety Partnership met in March.\n", "maidstone"),
    ("TUNBRIDGE WELLS BOROUGH COUNCIL\n\nCabinet\n\nReport on parking\n", "tunbridge-wells"),
    ("Merton Council\nAudit Committee\nDate: 22 October 2009\n", "merton"),
])
def test_council_cues(text: str, council_id: str) -> None:
    assert meta_of_text(text).council_id == council_id


# --- dates, committee, title, authors, kind, plan ------------------------------------------------------

@pytest.mark.parametrize("text, date", [
    ("Timetable\nMeeting\tDate\nOverview and Scrutiny for Crime and Disorder\t13 th April 2023\n", "2023-04-13"),
    ("Safer Streets\n\nCabinet\n\nMarch 28th 2017\n", "2017-03-28"),
    ("By: Anna Taylor, Scrutiny Research Officer\nTo: Cabinet - 4 March 2025\nSubject: Family Hubs\n", "2025-03-04"),
    ("Past Pathway of report: Cabinet Committee - 21 November 2024\nTo: Cabinet – 30 January 2025\n", "2025-01-30"),
    ("A HEADING\n\nREPORT OF THE HEAD OF SERVICE\n\nDate Issued: February 2015\n\n1. Introduction\n", "2015-02"),
    ("CABINET\n\nMINUTES of a meeting of the Cabinet held at County Hall on Thursday, 9 January 2025.\n",
     "2025-01-09"),
    ("AGENDA\nCABINET\n3. Minutes of the Meeting held on 9th January 2025\n", None),
])
def test_meeting_dates(text: str, date: str | None) -> None:
    meta = meta_of_text(text)
    assert meta.meeting_date == date
    assert meta.year == (int(date[:4]) if date else None)


def test_timetable_row_of_the_deciding_committee_wins() -> None:
    text = ("Paper title\n\nFinal Decision-Maker\tPolicy and Resources Committee\n\nTimetable\nMeeting\tDate\n"
            "Corporate Leadership Team\t2 March 2021\nPolicy and Resources Committee\t24 March 2021\n"
            "Council\t14 April 2021\n")
    meta = meta_of_text(text)
    assert (meta.committee, meta.meeting_date) == ("Policy and Resources Committee", "2021-03-24")


def test_title_skips_file_codes_councils_bodies_and_dates() -> None:
    text = ("110314 PWB SMP Update\n\nMaidstone Borough Council\n\nCabinet\n\nMonday 14 March 2011\n\n"
            "Review of CCTV Provision\n\nReport of: Head of Service\n")
    meta = meta_of_text(text)
    assert (meta.title, meta.committee, meta.authors) == ("Review of CCTV Provision", "Cabinet", ())


@pytest.mark.parametrize("line, authors", [
    ("Report Author: Sarah Robson", ("Sarah Robson",)),
    ("Lead Officer and Report Author\tMartyn Jeynes, Communities Manager", ("Martyn Jeynes",)),
    ("Author: Dr Jane O'Neill, Head of Regulatory Services", ("Jane O'Neill",)),
    ("Report of: Overview & Scrutiny Officer", ()),
    ("Author: Head of Housing and Community Services", ()),
])
def test_authors_are_names_only(line: str, authors: tuple[str, ...]) -> None:
    assert meta_of_text(f"A Paper on Parking\n\n{line}\n").authors == authors


@pytest.mark.parametrize("title_line, period", [
    ("Maidstone Community Safety Partnership Plan 2013 - 2018", (2013, 2018)),
    ("2013-18 Community Safety Partnership Plan refresh", (2013, 2018)),
    ("Update on the Community Safety Plan 2020 to 2024", (2020, 2024)),
    ("Progress on the CSP Plan 2022-2025", (2022, 2025)),
    ("Strategic Assessment 2023/24 and Partnership Plan Update", None),
])
def test_plan_periods(title_line: str, period: tuple[int, int] | None) -> None:
    meta = meta_of_text(f"{title_line}\n\nReport of: Head of Service\n")
    assert meta.title == title_line and meta.plan_period == period


@pytest.mark.parametrize("text, kind", [
    ("KENT COUNTY COUNCIL\nCABINET\nMINUTES of a meeting of the Cabinet held on 9 January 2025.\n", "minutes"),
    ("AGENDA\nCABINET\nThursday, 30th January, 2025, at 10.00 am\n", "agenda"),
    ("KENT COUNTY COUNCIL – RECORD OF DECISION\nDECISION NUMBER: 24/00093\n", "decision"),
    ("Budget Amendment Form\nAmendment Expansion of Community Wardens\n", "amendment"),
    ("Question 1\nCOUNTY COUNCIL\nThursday 13 March 2025\n", "questions"),
    ("Appendix G\nReserves Policy\n", "appendix"),
    ("16 December 2024\nDear Leaders\nThe White Paper sets out a plan.\nYours sincerely\n", "letter"),
])
def test_doc_kinds(text: str, kind: str) -> None:
    assert meta_of_text(text).doc_kind == kind


def test_unknown_values_are_none() -> None:
    assert meta_of_text("") == DocumentMeta()
    assert meta_of_text("Some notes about nothing in particular.\n").council_id is None


# --- sidecars and overrides -------------------------------------------------------------------------

def test_sidecar_overrides_inference(tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    shutil.copy(CORPUS / "maidstone" / "2017-03-28-csp-plan-refresh.txt", paper)
    (tmp_path / "paper.txt.meta.yaml").write_text(
        "council_id: medway\nmeeting_date: 2017-04-04\ntitle: Plan refresh\nauthors: Jo Bloggs\n"
        "plan_period: 2013-2018\n", encoding="utf-8")
    meta = meta_of_text(paper.read_text(encoding="utf-8"), paper)
    assert (meta.council_id, meta.council, meta.meeting_date, meta.year) == (
        "medway", "Medway Council", "2017-04-04", 2017)
    assert (meta.title, meta.authors, meta.plan_period) == ("Plan refresh", ("Jo Bloggs",), (2013, 2018))
    assert meta.committee == "Communities, Housing and Environment Committee"  # not in the sidecar: inferred


def test_sidecar_by_stem_and_council_name(tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text("Notes\n", encoding="utf-8")
    (tmp_path / "paper.meta.yaml").write_text("council: Tonbridge & Malling Borough Council\n", encoding="utf-8")
    assert load_sidecar(paper) == {"council": "Tonbridge & Malling Borough Council"}
    assert meta_of_text("Notes\n", paper).council_id == "tonbridge-and-malling"


def test_council_override_and_unknown_slug(tmp_path: Path) -> None:
    text = (CORPUS / "medway" / "2020-12-03-annual-scrutiny-community-safety-partnership.txt").read_text()
    assert meta_of_text(text, council="kent").council == "Kent County Council"
    assert meta_of_text(text, council="Swale Borough Council").council_id == "swale"
    with pytest.raises(NotFoundError, match="maidstone"):
        meta_of_text(text, council="maidston")
    paper = tmp_path / "p.txt"
    paper.write_text(text, encoding="utf-8")
    (tmp_path / "p.txt.meta.yaml").write_text("council_id: tunbridge_wells\n", encoding="utf-8")
    with pytest.raises(NotFoundError, match="tunbridge-wells"):
        meta_of_text(text, paper)


@pytest.mark.parametrize("content, message", [
    ("council_id: [unclosed\n", "could not be read"),
    ("meeting-date: 2020-01-01\n", "unknown fields meeting-date"),
    ("- a list\n", "mapping"),
    ("meeting_date: March\n", "YYYY-MM-DD"),
    ("plan_period: soon\n", "two years"),
])
def test_bad_sidecars_raise_parse_errors(tmp_path: Path, content: str, message: str) -> None:
    paper = tmp_path / "p.txt"
    paper.write_text("Notes\n", encoding="utf-8")
    (tmp_path / "p.txt.meta.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ParseError, match=message):
        load_sidecar(paper)


# --- the council list -------------------------------------------------------------------------------

KENT_AND_MEDWAY = ["kent", "medway", "ashford", "canterbury", "dartford", "dover", "folkestone-and-hythe",
                   "gravesham", "maidstone", "sevenoaks", "swale", "thanet", "tonbridge-and-malling",
                   "tunbridge-wells"]


def test_council_list_covers_kent_medway_merton_and_the_register() -> None:
    councils = all_councils()
    slugs = [c.council_id for c in councils]
    assert len(slugs) == len(set(slugs)) >= 431
    for slug in [*KENT_AND_MEDWAY, "merton"]:
        assert get_council(slug).domains, slug
    assert all(c.council_id == c.council_id.lower() and " " not in c.council_id for c in councils)
    assert not any("moderngov" in d or "cmis" in d for c in councils for d in c.domains)


@pytest.mark.parametrize("query, slug", [
    ("maidstone", "maidstone"), ("Maidstone Borough Council", "maidstone"), ("MAIDSTONE BOROUGH COUNCIL", "maidstone"),
    ("KCC", "kent"), ("Safer Maidstone Partnership", "maidstone"), ("medway.gov.uk", "medway"),
    ("https://democracy.kent.gov.uk/", "kent"), ("sarah@maidstone.gov.uk", "maidstone"),
    ("Shepway District Council", "folkestone-and-hythe"), ("London Borough of Merton", "merton"),
    ("Merton Council", "merton"), ("Kent Police", None), ("County Council", None),
])
def test_find_council(query: str, slug: str | None) -> None:
    found = find_council(query)
    assert (found.council_id if found else None) == slug


def test_cover_heading_outweighs_a_body_about_another_council() -> None:
    body = "Kent County Council consulted on its plan. KCC will decide; KCC officers attended. " * 8
    text = f"MAIDSTONE BOROUGH COUNCIL\n\nCabinet\n\nResponse to a Consultation\n\n{body}\n"
    assert meta_of_text(text).council_id == "maidstone"
    listed = f"Response to a Consultation\n\nPartners:\n- Medway Council\n- Kent Police\n\n{body}\n"
    assert meta_of_text(listed).council_id == "kent"


def test_to_line_without_a_body_is_not_a_meeting_date() -> None:
    text = "Review of Parking\n\nTo note the plan adopted on 14 May 2020 and to agree the next steps\n"
    assert meta_of_text(text).meeting_date is None


def test_a_partnership_name_can_be_a_title() -> None:
    text = "CABINET\n\n10 MARCH 2020\n\nMEDWAY COMMUNITY SAFETY PARTNERSHIP\n\nReport from: Director of Place\n"
    meta = meta_of_text(text)
    assert (meta.title, meta.committee, meta.meeting_date, meta.council_id) == (
        "Medway Community Safety Partnership", "Cabinet", "2020-03-10", "medway")
