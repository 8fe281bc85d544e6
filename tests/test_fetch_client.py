"""The fetcher's HTTP client and XML reading against a real server on 127.0.0.1: rate, retries, refusals, limits."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from cspsearch.fetch.client import HttpClient
from cspsearch.fetch.errors import FetchError, RestrictedError
from cspsearch.fetch.moderngov import ModernGovSite, parse_committees, parse_xml, uk_date

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "moderngov"))
from local_site import LocalSite, Reply  # noqa: E402


@pytest.fixture
def site():
    with LocalSite() as served:
        yield served


def test_requests_to_one_site_keep_to_the_rate(site):
    site.add("GetCommittees", Reply(site.recorded("committees.xml")))
    client = HttpClient(rate=10)
    began = time.monotonic()
    for _ in range(6):
        client.get(f"{site.base}/mgWebService.asmx/GetCommittees", 10_000, "committees")
    assert time.monotonic() - began >= 0.5  # six requests at 10 a second: five gaps of 0.1 s
    assert site.log[-1].at - site.log[0].at >= 0.45 and client.requests == 6  # as the server saw them


def test_redirects_wait_their_turn_and_never_leave_the_web(site):
    site.add("old", Reply(b"", 302, "text/html", headers={"Location": "/new"}))
    site.add("new", Reply(b"%PDF-1.4 moved", content_type="application/pdf"))
    answer = HttpClient(rate=5).get(f"{site.base}/old", 10_000, "A paper")
    assert (answer.url, answer.body) == (f"{site.base}/new", b"%PDF-1.4 moved")
    assert site.log[1].at - site.log[0].at >= 0.15  # the redirect is a request like any other (0.2 s apart)
    site.add("sly", Reply(b"", 302, "text/html", headers={"Location": "file:///etc/passwd"}))
    with pytest.raises(FetchError, match="file:///etc/passwd is not a web address"):
        HttpClient(rate=100).get(f"{site.base}/sly", 10_000, "A paper")
    site.add("loop", Reply(b"", 302, "text/html", headers={"Location": "/loop"}))
    with pytest.raises(FetchError, match="redirected more than 5 times"):
        HttpClient(rate=1000).get(f"{site.base}/loop", 10_000, "A paper")


def test_a_server_error_is_retried_then_given_up_with_a_sentence(site):
    site.add("GetCommittees", Reply(b"busy", 503, "text/plain"))
    client = HttpClient(rate=100, retries=2, backoff=0.01)
    with pytest.raises(FetchError) as err:
        client.get(f"{site.base}/mgWebService.asmx/GetCommittees", 10_000, "The committee list")
    assert str(err.value) == "The committee list: the site answered 503 Service Unavailable (tried 3 times)."
    assert len(site.log) == 3


def test_retry_after_is_honoured(site):
    site.add("GetCommittees", Reply(b"slow down", 429, "text/plain", headers={"Retry-After": "0.3"}),
             Reply(site.recorded("committees.xml")))
    client = HttpClient(rate=100, backoff=0.01)
    client.get(f"{site.base}/mgWebService.asmx/GetCommittees", 10_000, "committees")
    assert site.log[1].at - site.log[0].at >= 0.3


def test_a_timeout_is_retried(site):
    site.add("GetCommittees", Reply(site.recorded("committees.xml"), delay=1.0),
             Reply(site.recorded("committees.xml")))
    client = HttpClient(rate=100, timeout=0.3, backoff=0.01)
    answer = client.get(f"{site.base}/mgWebService.asmx/GetCommittees", 10_000, "committees")
    assert b"Audit Committee" in answer.body and len(site.log) == 2


def test_not_found_is_not_retried_and_refusal_means_restricted(site):
    client = HttpClient(rate=100, backoff=0.01)
    with pytest.raises(FetchError, match="answered 404 Not Found"):
        client.get(f"{site.base}/nothing", 10_000, "A paper")
    site.add("secret", Reply(b"no", 403, "text/plain"))
    with pytest.raises(RestrictedError, match=r"A paper: the site refused it \(403 Forbidden\)\."):
        client.get(f"{site.base}/secret", 10_000, "A paper")
    assert len(site.log) == 2


def test_an_answer_too_large_is_refused(site):
    site.add("big", Reply(b"x" * 3_000_000, content_type="application/pdf"))
    with pytest.raises(FetchError, match="larger than 2 MB"):
        HttpClient(rate=100).get(f"{site.base}/big", 2 * 1024 * 1024, "A paper")


def test_xml_with_entities_is_refused_before_parsing():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE committees [<!ENTITY a "aaaaaaaaaa">'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><committees>&b;</committees>')
    with pytest.raises(FetchError, match="declares a DTD or entities"):
        parse_xml(laughs, "The committee list", "committees")


def test_committees_read_with_their_quirks(site):
    site.add("GetCommittees", Reply(site.recorded("committees.xml").replace(
        b"Art Galleries Committee", b"Budget &amp;amp; Council Tax Committee")))
    committees = ModernGovSite(site.base + "/", HttpClient(rate=100)).committees()
    assert [(c.committee_id, c.title, c.current) for c in committees] == [
        ("312", "Appointment Sub Committee for Director of Adult Social Services", False),
        ("163", "Budget & Council Tax Committee", True), ("144", "Audit Committee", True)]
    assert site.log[0].path == "/mgWebService.asmx/GetCommittees"


def test_uk_dates():
    assert uk_date("10/02/2026").isoformat() == "2026-02-10"  # type: ignore[union-attr]
    assert uk_date(" 1/2/2026 ").isoformat() == "2026-02-01"  # type: ignore[union-attr]
    assert uk_date("31/02/2026") is None and uk_date("2026-02-10") is None and uk_date("") is None


def test_a_committee_without_an_id_is_passed_over():
    root = parse_xml(b"<committees><committeescount> 1</committeescount><committee><committeetitle>X"
                     b"</committeetitle></committee></committees>", "list", "committees")
    assert parse_committees(root) == []
