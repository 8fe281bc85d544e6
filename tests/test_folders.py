"""Meeting metadata from the folders a paper is kept in, and from the agenda in the same meeting folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cspsearch import services
from cspsearch.ingest.metadata.folders import read_folder_name
from cspsearch.store import reader

REAL = Path("/work/shared/corpus-real/kent_county_council")
AGENDA = REAL / "cabinet_2025-03-04__Agenda_frontsheet_04th-Mar-2025_10.00_Cabinet.pdf"
AGENDA_JAN = REAL / "full_council_2025-01-09__Agenda_frontsheet_09th-Jan-2025_10.00_County_Council.pdf"
AMENDMENT = REAL / "full_council_2025-02-13__5_-_Amendment_-_Liberal_Democrats_-_Capital_Support_to_Districts_on_Fly-tipping.pdf"

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="the real council papers are not on this machine")


@pytest.mark.parametrize("name, expected", [
    ("2025-01-30", {"meeting_date": "2025-01-30"}),
    ("2025_01_30", {"meeting_date": "2025-01-30"}),
    ("30 Jan 2025", {"meeting_date": "2025-01-30"}),
    ("30.01.2025", {"meeting_date": "2025-01-30"}),
    ("Cabinet", {"committee": "Cabinet"}),
    ("full_council", {"committee": "Full Council"}),
    ("AUDIT AND GOVERNANCE COMMITTEE", {"committee": "Audit and Governance Committee"}),
    ("2025-01-30 Cabinet", {"meeting_date": "2025-01-30", "committee": "Cabinet"}),
    ("kent_county_council", {"council_id": "kent"}),
    ("Kent County Council", {"council_id": "kent"}),
])
def test_a_folder_name_says_a_date_a_body_or_a_council(name, expected):
    assert read_folder_name(name) == expected


@pytest.mark.parametrize("name", ["originals", "papers 2025", "2024-25 budget", "2025-02-30", "tmp", "Downloads"])
def test_other_folder_names_say_nothing(name):
    assert read_folder_name(name) == {}


def _place(paper: Path, folder: Path, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or paper.name)
    shutil.copyfile(paper, target)
    return target


def test_an_amendment_takes_its_meeting_from_its_folders(tmp_path):
    flat = services.extract_file(_place(AMENDMENT, tmp_path / "flat"))["meta"]
    assert flat["committee"] is None and flat["meeting_date"] is None  # the form does not say
    kept = _place(AMENDMENT, tmp_path / "Kent County Council" / "full_council" / "2025-02-13")
    meta = services.extract_file(kept)["meta"]
    assert (meta["committee"], meta["meeting_date"], meta["year"]) == ("Full Council", "2025-02-13", 2025)
    assert meta["meta_sources"]["committee"] == "folder"
    assert meta["meta_sources"]["meeting_date"] == "folder"


def test_content_wins_over_folders_and_a_sidecar_over_both(tmp_path):
    kept = _place(AGENDA, tmp_path / "Audit Committee" / "2024-01-01")
    meta = services.extract_file(kept)["meta"]
    assert (meta["committee"], meta["meeting_date"]) == ("Cabinet", "2025-03-04")
    assert meta["meta_sources"]["meeting_date"] == "content"
    Path(str(kept) + ".meta.yaml").write_text(
        "meeting_date: 2025-03-05\nsource_url: https://democracy.kent.gov.uk/x.pdf\nagenda_item: '5'\n"
        "attachment_id: 123\npublication_date: 2025-02-20\n")
    meta = services.extract_file(kept)["meta"]
    assert meta["meeting_date"] == "2025-03-05" and meta["meta_sources"]["meeting_date"] == "site"
    assert (meta["source_url"], meta["agenda_item"]) == ("https://democracy.kent.gov.uk/x.pdf", "5")


def test_papers_beside_an_agenda_take_its_meeting(tmp_path):
    meeting = tmp_path / "papers" / "march meeting"
    _place(AGENDA, meeting)
    amendment = _place(AMENDMENT, meeting)
    index = tmp_path / "index"
    services.ingest([tmp_path / "papers"], index, jobs=1)
    rows = {Path(r["path"]).name: r for r in reader.documents(index)}
    row = rows[amendment.name]
    assert (row["committee"], row["meeting_date"], row["council_id"]) == ("Cabinet", "2025-03-04", "kent")
    assert row["meta_sources"]["meeting_date"] == "meeting"
    # The inherited date filters its passages too.
    found = services.search("fly-tipping", index, year_from=2025, year_to=2025)
    assert amendment.name in {Path(d["path"]).name for d in found["results"]}


def test_a_folder_of_several_meetings_passes_on_no_date(tmp_path):
    mixed = tmp_path / "papers"
    _place(AGENDA, mixed)
    _place(AGENDA_JAN, mixed)
    amendment = _place(AMENDMENT, mixed)
    index = tmp_path / "index"
    services.ingest([mixed], index, jobs=1)
    row = {Path(r["path"]).name: r for r in reader.documents(index)}[amendment.name]
    assert row["meeting_date"] is None and row["committee"] is None
    assert row["council_id"] == "kent"


LETTER = REAL / "full_council_2025-01-09__Appendix_A_-_16.12.24_Ministerial_Letter.pdf"


def test_a_letter_in_a_meeting_folder_takes_the_meetings_date_not_its_own(tmp_path):
    flat = services.extract_file(_place(LETTER, tmp_path / "flat"))["meta"]
    assert (flat["doc_kind"], flat["meeting_date"]) == ("letter", "2024-12-16")  # when it was written
    kept = _place(LETTER, tmp_path / "County Council" / "2025-01-09")
    meta = services.extract_file(kept)["meta"]
    assert (meta["meeting_date"], meta["meta_sources"]["meeting_date"]) == ("2025-01-09", "folder")


def test_a_letter_beside_an_agenda_takes_the_agendas_date(tmp_path):
    meeting = tmp_path / "papers" / "january"
    _place(AGENDA_JAN, meeting)
    letter = _place(LETTER, meeting)
    services.ingest([tmp_path / "papers"], tmp_path / "index", jobs=1)
    row = {Path(r["path"]).name: r for r in reader.documents(tmp_path / "index")}[letter.name]
    assert (row["meeting_date"], row["committee"]) == ("2025-01-09", "County Council")
    assert row["meta_sources"]["meeting_date"] == "meeting"
