"""One fetch: a site's chosen committees -> their meetings in a date range -> each paper saved once, with its sidecar."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from cspsearch.fetch.client import HttpClient, Response
from cspsearch.fetch.committees import choose_committees
from cspsearch.fetch.errors import FetchError, FetchOptionError, RestrictedError
from cspsearch.fetch.layout import (
    FetchState,
    remove_stale_parts,
    safe_name,
    sha256,
    unique_pdf,
    write_atomically,
    write_sidecar,
)
from cspsearch.fetch.moderngov import Committee, Meeting, ModernGovSite, Paper
from cspsearch.fetch.sites import Site

MAX_PDF_BYTES = 256 * 1024 * 1024
DEFAULT_DAYS = 365  # without --from, the year before --to
_LOGIN_FORM = re.compile(rb"<input[^>]+type\s*=\s*[\"']?password", re.I)


@dataclass
class FetchReport:
    """What one fetch did, paper by paper; the CLI prints it as a summary."""

    site: Site
    folder: Path
    committees: list[str] = field(default_factory=list)
    meetings: int = 0
    cancelled: int = 0
    without_papers: int = 0
    saved: list[Path] = field(default_factory=list)
    already_had: int = 0
    restricted: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0


Progress = Callable[[int, int, FetchReport], None]


def date_range(start: date | None, end: date | None) -> tuple[date, date]:
    """The range to fetch: --to defaults to today and --from to a year before it."""
    end = end or date.today()
    start = start or end - timedelta(days=DEFAULT_DAYS)
    if start > end:
        raise FetchOptionError(f"--from {start.isoformat()} is after --to {end.isoformat()}; nothing to fetch.")
    return start, end


def fetch_papers(site: Site, out: Path, committees: Sequence[str] = (), start: date | None = None,
                 end: date | None = None, client: HttpClient | None = None,
                 progress: Progress | None = None) -> FetchReport:
    """Download the papers of `site`'s committees' meetings from `start` to `end` into `out`/<council>/..."""
    began = time.monotonic()
    start, end = date_range(start, end)
    client = client or HttpClient()
    service = ModernGovSite(site.base_url, client)
    try:
        out.mkdir(parents=True, exist_ok=True)
        run = _Run(site, out, client, FetchState.load(out), progress)
        chosen = choose_committees(service.committees(), committees, site.council_name or site.base_url)
        run.report.committees = [c.title for c in chosen]
        meetings = _meetings(service, chosen, start, end, run.report)
        run.total = len(meetings)
        try:
            for meeting in meetings:
                run.meeting(service, meeting)
                run.done += 1
                run.tick()
        finally:
            run.report.requests = client.requests
            run.report.seconds = time.monotonic() - began
    except OSError as err:  # the output folder, not the site: full disk, no permission, a file in the way
        where = f" ({err.filename})" if err.filename else ""
        raise FetchError(f"The papers cannot be written under {out}: {err.strerror or err}{where}.") from err
    return run.report


def _meetings(service: ModernGovSite, committees: Sequence[Committee], start: date, end: date,
              report: FetchReport) -> list[Meeting]:
    """Every meeting of the committees in the range; a committee whose list fails is a sentence in the report."""
    meetings: list[Meeting] = []
    for committee in committees:
        try:
            found, problems = service.meetings(committee, start, end)
        except FetchError as err:
            report.failed.append(str(err))
            continue
        meetings.extend(found)
        report.failed.extend(problems)
    return meetings


class _Run:
    """The state of one fetch: what is saved already, which names are taken, the report so far."""

    def __init__(self, site: Site, out: Path, client: HttpClient, state: FetchState,
                 progress: Progress | None) -> None:
        self.site = site
        self.progress = progress
        self.done = self.total = 0
        self.client = client
        self.state = state
        self.report = FetchReport(site, out / safe_name(site.folder, "site"))
        self.taken = state.claimed()
        remove_stale_parts(out, self.report.folder)

    def meeting(self, service: ModernGovSite, meeting: Meeting) -> None:
        self.report.meetings += 1
        if meeting.cancelled:
            self.report.cancelled += 1  # ModernGov lists no agenda for a cancelled meeting: nothing to ask for
            return
        try:
            papers = service.papers(meeting)
        except FetchError as err:
            self.report.failed.append(str(err))
            return
        if not papers:
            self.report.without_papers += 1
        folder = (self.report.folder / safe_name(meeting.committee.title, f"committee-{meeting.committee.committee_id}")
                  / meeting.meeting_date.isoformat())
        contents: dict[str, str] = {}  # this meeting's papers by content: one PDF under two attachment ids
        for paper in papers:
            self.paper(meeting, paper, folder, contents)
            self.tick()

    def tick(self) -> None:
        """Tell the caller how far the run is: meetings done of all, and the report so far."""
        if self.progress:
            self.progress(self.done, self.total, self.report)

    def paper(self, meeting: Meeting, paper: Paper, folder: Path, contents: dict[str, str]) -> None:
        what = f"'{paper.title}' ({meeting.committee.title}, {meeting.meeting_date.isoformat()})"
        key = FetchState.key(self.site.base_url, paper.attachment_id)
        if paper.restricted:
            self.report.restricted.append(f"{what} is exempt from publication; skipped.")
            return
        if self.state.have(key):
            self.report.already_had += 1
            return
        try:
            answer = self.client.get(paper.url, MAX_PDF_BYTES, what)
        except RestrictedError as err:
            self.report.restricted.append(f"{str(err).rstrip('.')}; the paper is exempt from publication.")
            return
        except FetchError as err:
            self.report.failed.append(str(err))
            return
        if not is_pdf(answer.body):
            self._not_pdf(what, answer)
            return
        digest = sha256(answer.body)
        if digest in contents:  # the same file under another attachment id: keep one copy
            self.state.record(key, Path(contents[digest]), digest, paper.url)
            self.report.already_had += 1
            return
        path = self.state.path_of(key) or unique_pdf(folder, paper.title, f"attachment-{paper.attachment_id}",
                                                     self.taken, digest)
        self.taken.add(path)
        write_atomically(path, answer.body)
        write_sidecar(path, self._sidecar(meeting, paper))
        self.state.record(key, path, digest, paper.url)
        contents[digest] = str(path)
        self.report.saved.append(path)

    def _not_pdf(self, what: str, answer: Response) -> None:
        if _looks_like_login(answer):
            self.report.restricted.append(f"{what}: the site answered with a login page; "
                                          "the paper is exempt from publication.")
            return
        kind = answer.content_type.split(";")[0].strip() or "no type"
        start = " ".join(answer.body[:40].decode("utf-8", "replace").split())
        self.report.failed.append(f"{what}: the answer from {answer.url} is not a PDF (labelled {kind}, "
                                  f"{len(answer.body):,} bytes, starting '{start}'); not saved.")

    def _sidecar(self, meeting: Meeting, paper: Paper) -> dict[str, str | None]:
        return {
            "council_id": self.site.council_id,
            "committee": meeting.committee.title,
            "meeting_date": meeting.meeting_date.isoformat(),
            "agenda_item": paper.agenda_item,
            "title": paper.title,
            "attachment_id": paper.attachment_id,
            "publication_date": paper.publication_date,
            "source_url": paper.url,
        }


def is_pdf(body: bytes) -> bool:
    """Whether the bytes are a PDF: the '%PDF-' header within the first 1024 bytes, whatever the type said."""
    return b"%PDF-" in body[:1024]


def _looks_like_login(answer: Response) -> bool:
    """An HTML page asking to sign in, or any page reached by a redirect to a login address."""
    final = answer.url.lower()
    if any(word in final for word in ("login", "logon", "signin")):
        return True
    head = answer.body[:64 * 1024]
    return head.lstrip()[:1] == b"<" and bool(_LOGIN_FORM.search(head))
