"""`fetch` against a local ModernGov server at the default rate: requests a second, what was saved, a second run.

Serves the recorded Manchester Audit Committee answers (with their quirks: a 500 once, a login page, an error
page sent as a PDF, a paper attached twice, a restricted paper) on 127.0.0.1, plus `--extra` more papers in the
held meeting, and fetches them with the default client (2 requests a second, default timeout and backoff). Prints
the summary, the measured request rate (overall, and the shortest gap between two requests), then runs again
and prints how many papers the second run downloaded (it must be 0).

    .venv/bin/python bench/fetch_rate.py [--extra 10]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "moderngov"))

from local_site import LocalSite, Reply, audit_site, make_pdf  # noqa: E402

from cspsearch.fetch.client import DEFAULT_RATE, HttpClient  # noqa: E402
from cspsearch.fetch.run import FetchReport, fetch_papers  # noqa: E402
from cspsearch.fetch.sites import resolve_site  # noqa: E402


def add_papers(site: LocalSite, count: int) -> None:
    """`count` more papers on the held meeting's agenda, each a distinct small PDF."""
    docs = "".join(
        f"<linkeddoc><attachmentid>{70000 + n}</attachmentid><title>Extra paper {n}</title><isurl>False</isurl>"
        f"<url>{site.base}/mgConvert2PDF.aspx?ID={70000 + n}</url><isrestricted>False</isrestricted>"
        f"<publicationdate>02/02/2026</publicationdate></linkeddoc>" for n in range(count))
    item = (f"<agendaitem><agendaitemtitle>Extra papers</agendaitemtitle><fulldisplaynumberformat>20."
            f"</fulldisplaynumberformat><isrestricted>False</isrestricted><linkeddocuments>{docs}"
            f"</linkeddocuments></agendaitem>").encode()
    meeting = site.routes["GetMeeting?lMeetingId=4967"][0]
    site.add("GetMeeting?lMeetingId=4967", Reply(meeting.body.replace(b"</agendaitems>", item + b"</agendaitems>")))
    for n in range(count):
        site.add(f"mgConvert2PDF.aspx?ID={70000 + n}", Reply(make_pdf(f"Extra paper {n}"), content_type="application/pdf"))


def rates(site: LocalSite, since: int) -> tuple[float, float]:
    """Requests a second over the run, and the shortest gap between two requests the server received."""
    times = [r.at for r in site.log[since:]]
    overall = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    return overall, min(gaps, default=0.0)


def show(label: str, report: FetchReport, site: LocalSite, since: int) -> None:
    overall, shortest = rates(site, since)
    downloads = sum(1 for r in site.log[since:] if r.route.startswith(("mgConvert", "Appendix")))
    print(f"{label}: {report.meetings} meetings, {len(report.saved)} saved, {len(report.restricted)} restricted, "
          f"{report.cancelled} cancelled, {report.already_had} already had, {len(report.failed)} failed; "
          f"{report.requests} requests ({downloads} for papers) in {report.seconds:.1f}s = {overall:.2f}/s, "
          f"shortest gap {shortest:.3f}s (rate {DEFAULT_RATE:g}/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", type=int, default=10, help="More papers on the held meeting's agenda.")
    args = parser.parse_args()
    with LocalSite() as site, tempfile.TemporaryDirectory() as out:
        audit_site(site)
        add_papers(site, args.extra)
        where = resolve_site(site.base, "manchester")
        window = {"start": date(2026, 1, 1), "end": date(2026, 3, 31)}
        first = fetch_papers(where, Path(out), ["Audit Committee"], client=HttpClient(), **window)
        show("first run ", first, site, 0)
        since = len(site.log)
        second = fetch_papers(where, Path(out), ["Audit Committee"], client=HttpClient(), **window)
        show("second run", second, site, since)


if __name__ == "__main__":
    main()
