"""ModernGov's web service (mgWebService.asmx, plain GETs): committees, meetings and their papers, quirks smoothed."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode, urljoin

from cspsearch.fetch.client import HttpClient
from cspsearch.fetch.errors import FetchError

SERVICE = "mgWebService.asmx"
MAX_XML_BYTES = 32 * 1024 * 1024
# Untrusted answers: ModernGov never sends a DTD, so one that does is refused before parsing (no entity tricks).
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)


@dataclass(frozen=True)
class Committee:
    """One committee as GetCommittees lists it."""

    committee_id: str
    title: str
    current: bool  # neither deleted nor expired
    category: str | None = None


@dataclass(frozen=True)
class Meeting:
    """One meeting of a committee as GetMeetings lists it."""

    meeting_id: str
    committee: Committee
    meeting_date: date
    status: str

    @property
    def cancelled(self) -> bool:
        return self.status.strip().lower() in ("cancelled", "canceled")


@dataclass(frozen=True)
class Paper:
    """One document linked from a meeting's agenda."""

    attachment_id: str
    title: str
    url: str
    restricted: bool
    agenda_item: str | None
    publication_date: str | None  # ISO


def text_of(element: ET.Element, tag: str) -> str:
    """A child's text, unescaped twice (ModernGov HTML-escapes titles before XML-escaping them), trimmed."""
    found = element.find(tag)
    raw = found.text if found is not None and found.text else ""
    return " ".join(html.unescape(raw).split())


def uk_date(text: str) -> date | None:
    """dd/mm/yyyy (ModernGov's form, in and out) as a date; None when it is not one."""
    match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", text or "")
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_xml(body: bytes, what: str, root_tag: str) -> ET.Element:
    """The root of an answer; FetchError when it is not XML with the expected root (an error page, another system)."""
    if _DTD.search(body):
        raise FetchError(f"{what}: the answer declares a DTD or entities, which ModernGov never does; not read.")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as err:
        raise FetchError(f"{what}: the answer is not XML ({err}); is this a ModernGov site?") from err
    tag = root.tag.rsplit("}", 1)[-1]
    if tag.lower() != root_tag:
        raise FetchError(f"{what}: the answer is <{tag}>, not ModernGov's <{root_tag}>; is this a ModernGov site?")
    return root


def parse_committees(root: ET.Element) -> list[Committee]:
    """Every committee in a GetCommittees answer (counts padded with spaces are ignored, not trusted)."""
    committees = []
    for element in root.iter("committee"):
        committee_id = text_of(element, "committeeid")
        if not committee_id:
            continue
        gone = any(text_of(element, tag).lower() == "true" for tag in ("committeedeleted", "committeeexpired"))
        committees.append(Committee(committee_id, text_of(element, "committeetitle") or f"Committee {committee_id}",
                                    not gone, text_of(element, "committeecategory") or None))
    return committees


def parse_meetings(root: ET.Element, committee: Committee) -> tuple[list[Meeting], list[str]]:
    """The meetings in a GetMeetings answer, and a sentence for each whose date cannot be read."""
    meetings, problems = [], []
    for element in root.iter("meeting"):
        meeting_id = text_of(element, "meetingid")
        when = uk_date(text_of(element, "meetingdate"))
        if not meeting_id:
            continue
        if when is None:
            problems.append(f"Meeting {meeting_id} of {committee.title} has no readable date "
                            f"('{text_of(element, 'meetingdate')}'); skipped.")
            continue
        meetings.append(Meeting(meeting_id, committee, when, text_of(element, "meetingstatus")))
    return meetings, problems


def parse_papers(root: ET.Element, base: str) -> list[Paper]:
    """The papers of a GetMeeting answer, once each: one PDF attached to several items is listed once."""
    papers: list[Paper] = []
    seen: set[str] = set()
    for item in root.iter("agendaitem"):
        number = text_of(item, "fulldisplaynumberformat").rstrip(".") or text_of(item, "agendaitemnumber")
        item_title = text_of(item, "agendaitemtitle")
        agenda_item = " ".join(part for part in (number + "." if number else "", item_title) if part) or None
        item_restricted = text_of(item, "isrestricted").lower() == "true"
        for doc in item.iter("linkeddoc"):
            url = text_of(doc, "url")
            attachment_id = text_of(doc, "attachmentid")
            if not url or text_of(doc, "isurl").lower() == "true":
                continue  # a link to a web page, not a document
            url = urljoin(base + "/", url)
            if url in seen or (attachment_id and attachment_id in seen):
                continue
            seen.update({url, attachment_id} - {""})
            published = uk_date(text_of(doc, "publicationdate"))
            papers.append(Paper(
                attachment_id=attachment_id or url, title=text_of(doc, "title") or item_title or "Untitled paper",
                url=url, restricted=item_restricted or text_of(doc, "isrestricted").lower() == "true",
                agenda_item=agenda_item, publication_date=published.isoformat() if published else None))
    return papers


class ModernGovSite:
    """The web service of one ModernGov site, read through a polite client."""

    def __init__(self, base_url: str, client: HttpClient) -> None:
        self.base = base_url.rstrip("/")
        self.client = client

    def _call(self, method: str, root_tag: str, what: str, **params: str) -> ET.Element:
        query = f"?{urlencode(params)}" if params else ""
        answer = self.client.get(f"{self.base}/{SERVICE}/{method}{query}", MAX_XML_BYTES, what)
        return parse_xml(answer.body, what, root_tag)

    def committees(self) -> list[Committee]:
        return parse_committees(self._call("GetCommittees", "committees", f"The committee list of {self.base}"))

    def meetings(self, committee: Committee, start: date, end: date) -> tuple[list[Meeting], list[str]]:
        """Meetings from `start` to `end`; filtered here too, as some hosts ignore the dates they are sent."""
        root = self._call("GetMeetings", "getmeetings", f"The meetings of {committee.title}", lCommitteeId=committee.committee_id,
                          sFromDate=start.strftime("%d/%m/%Y"), sToDate=end.strftime("%d/%m/%Y"))
        meetings, problems = parse_meetings(root, committee)
        wanted = [m for m in meetings if start <= m.meeting_date <= end]
        return sorted(wanted, key=lambda m: (m.meeting_date, m.meeting_id)), problems

    def papers(self, meeting: Meeting) -> list[Paper]:
        what = f"The agenda of {meeting.committee.title} on {meeting.meeting_date.isoformat()}"
        return parse_papers(self._call("GetMeeting", "meeting", what, lMeetingId=meeting.meeting_id), self.base)
