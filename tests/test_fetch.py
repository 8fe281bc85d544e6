"""`fetch` against a real HTTP server on 127.0.0.1 serving recorded ModernGov answers: every quirk, every skip."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from cspsearch import __version__
from cspsearch.fetch.client import HttpClient
from cspsearch.fetch.layout import STATE_NAME
from cspsearch.fetch.run import fetch_papers
from cspsearch.fetch.sites import resolve_site
from cspsearch.ingest.metadata import load_sidecar
from cspsearch.ingest.metadata.sidecar import read_sidecar

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "moderngov"))
from local_site import PAPER_TEXT, LocalSite, audit_site, make_pdf  # noqa: E402

MEETING = ("Audit Committee", "2026-02-10")
WINDOW = {"start": date(2026, 1, 1), "end": date(2026, 3, 31)}


def quick_client() -> HttpClient:
    """The default client's behaviour, faster: a short timeout for the slow answer, short backoff."""
    return HttpClient(rate=200, timeout=1.0, backoff=0.01)


@pytest.fixture
def site():
    with LocalSite() as served:
        audit_site(served, slow_seconds=3.0)
        yield served


def fetch(site: LocalSite, out: Path, **kwargs):
    where = resolve_site(site.base, kwargs.pop("council", "manchester"))
    options = {"committees": ["audit"], **WINDOW, **kwargs}
    return fetch_papers(where, out, client=quick_client(), **options)


def pdf_requests(site: LocalSite) -> list[str]:
    return [r.route for r in site.log if "GetM" not in r.route and "GetC" not in r.route]


def test_each_paper_saved_once_under_its_title_with_a_sidecar(site, tmp_path):
    report = fetch(site, tmp_path)
    folder = tmp_path / "manchester" / "Audit Committee" / "2026-02-10"
    names = sorted(p.name for p in folder.glob("*.pdf"))
    assert names == ["6 - CHAIR APPROVED Minutes Audit Committee 25 Nov 2025.pdf", "Appendix A (2).pdf",
                     "Appendix A.pdf", "Budget & Council Tax 2026 27 Options.pdf", "DRAFT WP FEBRUARY 2026.pdf", "Treasury Management Strategy.pdf"]
    assert sorted(report.saved) == sorted(folder / name for name in names)
    # Two papers titled 'Appendix A' both survive, each with its own content.
    first, second = (folder / "Appendix A.pdf").read_bytes(), (folder / "Appendix A (2).pdf").read_bytes()
    assert first != second and first.startswith(b"%PDF") and second.startswith(b"%PDF")
    # The sidecar is one the ingest reads, giving the paper's meeting, item and source.
    budget = next(folder.glob("Budget*.pdf"))
    meta = read_sidecar(budget.with_name(budget.name + ".meta.yaml"))
    assert meta == {"council_id": "manchester", "committee": "Audit Committee", "meeting_date": "2026-02-10",
                    "agenda_item": "10. Budget & Council Tax", "title": 'Budget & Council Tax 2026/27: "Options"',
                    "attachment_id": "60870", "publication_date": "2026-02-02",
                    "source_url": f"{site.base}/mgConvert2PDF.aspx?ID=60870"}
    assert load_sidecar(budget)["title"] == 'Budget & Council Tax 2026/27: "Options"'
    assert not list(tmp_path.rglob("*.part"))


def test_summary_counts_restricted_cancelled_and_failed(site, tmp_path):
    report = fetch(site, tmp_path)
    assert (report.meetings, report.cancelled, len(report.saved), report.already_had) == (2, 1, 6, 0)
    assert len(report.restricted) == 2
    flagged, login = sorted(report.restricted)
    assert "Exempt appendix" in flagged and "exempt from publication" in flagged
    assert "Internal Audit Findings (Part B)" in login and "login page" in login
    # The error page sent as application/pdf is not saved as a PDF, and says why.
    assert report.failed == [f"'Risk register' (Audit Committee, 2026-02-10): the answer from {site.base}/"
                             "mgConvert2PDF.aspx?ID=60930 is not a PDF (labelled application/pdf, 62 bytes, "
                             "starting '<html><body>The document could not be co'); not saved."]
    assert not any("Risk register" in p.name for p in tmp_path.rglob("*"))


def test_requests_follow_the_quirks(site, tmp_path):
    fetch(site, tmp_path)
    routes = pdf_requests(site)
    assert "mgConvert2PDF.aspx?ID=60920" not in routes  # flagged restricted: never asked for
    assert routes.count("mgConvert2PDF.aspx?ID=60909") == 1  # attached to two items, fetched once
    assert routes.count("mgConvert2PDF.aspx?ID=60860") == 2  # a 500, then retried
    assert routes.count("mgConvert2PDF.aspx?ID=60870") == 2  # timed out, then retried
    assert "mgLogin.aspx" in routes  # the exempt paper's redirect was followed to the login page
    assert "https://www.cipfa.org" not in "".join(routes)  # a link to a web page is not a paper
    assert not site.requests_for("GetMeeting?lMeetingId=4966")  # cancelled: no agenda to ask for
    meetings = site.requests_for("GetMeetings?lCommitteeId=144")[0]
    assert (meetings.query["sFromDate"], meetings.query["sToDate"]) == ("01/01/2026", "31/03/2026")
    assert {r.user_agent for r in site.log} == {f"cspsearch/{__version__} (search of UK council committee papers)"}


def test_a_second_run_downloads_nothing(site, tmp_path):
    first = fetch(site, tmp_path)
    before = len(pdf_requests(site))
    second = fetch(site, tmp_path)
    # Asked again: only the paper behind a login page (it may be published later) and the error page.
    assert pdf_requests(site)[before:] == ["mgConvert2PDF.aspx?ID=60921", "mgLogin.aspx", "mgConvert2PDF.aspx?ID=60930"]
    assert (len(second.saved), second.already_had) == (0, len(first.saved))
    state = json.loads((tmp_path / STATE_NAME).read_text())
    assert len(state["papers"]) == 6


def test_temporary_files_a_killed_run_left_are_removed(site, tmp_path):
    folder = tmp_path / "manchester" / "Audit Committee" / "2026-02-10"
    folder.mkdir(parents=True)
    stale = [folder / ".Appendix A.pdf.k2j4.part", tmp_path / f".{STATE_NAME}.x9.part"]
    for path in stale:
        path.write_bytes(b"%PDF-1.4 half")
    keep = folder / "notes.part"  # not one of ours: names we write start with a dot
    keep.write_text("mine")
    fetch(site, tmp_path)
    assert not any(path.exists() for path in stale) and keep.exists()


def test_a_deleted_or_changed_file_is_downloaded_again_under_its_name(site, tmp_path):
    fetch(site, tmp_path)
    folder = tmp_path / "manchester" / "Audit Committee" / "2026-02-10"
    (folder / "Appendix A.pdf").unlink()
    (folder / "Appendix A (2).pdf").write_bytes(b"%PDF-1.4 edited")
    again = fetch(site, tmp_path)
    assert sorted(p.name for p in again.saved) == ["Appendix A (2).pdf", "Appendix A.pdf"]
    assert PAPER_TEXT["60912"].encode() in (folder / "Appendix A (2).pdf").read_bytes()


def test_same_content_under_two_attachment_ids_is_kept_once(site, tmp_path):
    site.add("mgConvert2PDF.aspx?ID=60913", site.routes["mgConvert2PDF.aspx?ID=60909"][0])
    report = fetch(site, tmp_path)
    assert len(report.saved) == 5 and report.already_had == 1
    assert not (tmp_path / "manchester" / "Audit Committee" / "2026-02-10" / "Treasury Management Strategy.pdf").exists()


def test_meetings_outside_the_range_are_left_even_when_the_site_ignores_dates(site, tmp_path):
    report = fetch(site, tmp_path, start=date(2026, 2, 1))
    assert report.meetings == 1 and report.cancelled == 0  # the cancelled 13 January meeting is out of range
    report = fetch(site, tmp_path / "later", start=date(2026, 3, 1))
    assert report.meetings == 0 and not site.requests_for("GetMeeting?lMeetingId=4966")


def test_without_committees_every_current_one_is_fetched(site, tmp_path):
    report = fetch(site, tmp_path, committees=[])
    assert report.committees == ["Art Galleries Committee", "Audit Committee"]  # not the expired one
    assert not site.requests_for("GetMeetings?lCommitteeId=312")


def test_an_unknown_site_address_files_papers_under_its_host(site, tmp_path):
    where = resolve_site(site.base + "/mgWebService.asmx/GetCommittees")
    assert where.base_url == site.base and where.council_id is None
    report = fetch_papers(where, tmp_path, ["Audit"], client=quick_client(), **WINDOW)
    assert report.folder == tmp_path / f"127.0.0.1_{site.server.server_address[1]}"
    sidecar = next(report.folder.rglob("*.meta.yaml"))
    assert "council_id" not in sidecar.read_text() and "committee: Audit Committee" in sidecar.read_text()


def test_a_failed_agenda_is_a_sentence_and_the_rest_goes_on(site, tmp_path):
    from local_site import Reply

    site.add("GetMeeting?lMeetingId=4967", Reply(b"<html>Runtime error</html>", 200, "text/html"))
    report = fetch(site, tmp_path)
    assert report.failed == ["The agenda of Audit Committee on 2026-02-10: the answer is <html>, not ModernGov's "
                             "<meeting>; is this a ModernGov site?"]
    assert report.saved == []


def test_generated_pdf_is_real():
    import pypdfium2

    doc = pypdfium2.PdfDocument(make_pdf("Hello (council)"))
    assert "Hello (council)" in doc[0].get_textpage().get_text_range()


def test_a_paper_the_site_refuses_is_counted_restricted(site, tmp_path):
    from local_site import Reply

    site.add("mgConvert2PDF.aspx?ID=60909", Reply(b"Access denied", 401, "text/plain"))
    report = fetch(site, tmp_path)
    assert "'DRAFT WP FEBRUARY 2026' (Audit Committee, 2026-02-10): the site refused it (401 Unauthorized); " \
           "the paper is exempt from publication." in report.restricted
    assert len(report.saved) == 5 and len(report.failed) == 1


def test_progress_is_told_after_every_paper_and_meeting(site, tmp_path):
    seen: list[tuple[int, int, int]] = []
    fetch(site, tmp_path, progress=lambda done, total, report: seen.append((done, total, len(report.saved))))
    assert seen[0] == (1, 2, 0)  # the cancelled meeting, done with nothing to fetch
    assert seen[-1] == (2, 2, 6) and len(seen) == 2 + 9  # two meetings, nine distinct papers
    assert [saved for _, _, saved in seen] == sorted(saved for _, _, saved in seen)


def test_an_output_folder_that_cannot_be_written_is_a_sentence(site, tmp_path):
    from cspsearch.fetch.errors import FetchError

    blocker = tmp_path / "papers"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(FetchError, match=r"The papers cannot be written under .*papers: File exists"):
        fetch(site, blocker)


def test_a_meeting_whose_agenda_is_not_out_yet_is_counted(site, tmp_path):
    from local_site import Reply

    empty = site.recorded("meeting_no_minutes.xml").replace(b"Cancelled", b"Confirmed")
    site.add("GetMeeting?lMeetingId=4967", Reply(empty))
    report = fetch(site, tmp_path)
    assert (report.meetings, report.cancelled, report.without_papers, report.saved, report.failed) == (2, 1, 1, [], [])
