"""HTTP GETs for the fetcher: a rate limit per site, a User-Agent, timeouts and retries with backoff."""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from cspsearch import __version__
from cspsearch.fetch.errors import FetchError, RestrictedError

USER_AGENT = f"cspsearch/{__version__} (search of UK council committee papers)"
DEFAULT_RATE = 2.0  # requests a second per site: self-hosted installs are small servers
DEFAULT_TIMEOUT = 60.0  # seconds; some self-hosted ModernGov installs answer slowly
DEFAULT_RETRIES = 3
MAX_RETRY_AFTER = 60.0
READ_CHUNK = 64 * 1024
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REFUSED_STATUSES = frozenset({401, 403})  # an exempt paper may answer with a refusal instead of a login page


@dataclass(frozen=True)
class Response:
    """One answer: the address it finally came from (after redirects), its status, type and body."""

    url: str
    status: int
    content_type: str
    body: bytes


class HttpClient:
    """GETs that keep to `rate` requests a second per host and retry 5xx answers and timeouts."""

    def __init__(self, rate: float = DEFAULT_RATE, timeout: float = DEFAULT_TIMEOUT,
                 retries: int = DEFAULT_RETRIES, backoff: float = 1.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if rate <= 0:
            raise FetchError(f"The request rate must be above 0 a second, not {rate}.")
        self.interval = 1.0 / rate
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.requests = 0
        self._next_slot: dict[str, float] = {}
        self._opener = urllib.request.build_opener(_NoRedirects())
        self._opener.addheaders = [("User-Agent", USER_AGENT), ("Accept", "*/*")]

    def get(self, url: str, max_bytes: int, what: str) -> Response:
        """The answer to GET `url`; FetchError (a sentence naming `what`) once retries are spent."""
        for _ in range(MAX_REDIRECTS + 1):
            if urlsplit(url).scheme not in ("http", "https"):  # checked per hop: a redirect may point anywhere
                raise FetchError(f"{what}: the address {url} is not a web address.")
            answer = self._with_retries(url, max_bytes, what)
            if answer.status not in REDIRECT_STATUSES:
                return answer
            url = answer.url  # a redirect is one more request, so it waits its turn like any other
        raise FetchError(f"{what}: the site redirected more than {MAX_REDIRECTS} times.")

    def _with_retries(self, url: str, max_bytes: int, what: str) -> Response:
        reason, retry_after = "", None
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self._backoff(attempt, retry_after))
            try:
                return self._once(url, max_bytes, what)
            except _Retry as retry:
                reason, retry_after = str(retry), retry.retry_after
        raise FetchError(f"{what}: {reason} (tried {self.retries + 1} times).")

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        """Seconds before the next try: doubling each time, or longer if the site asked for it."""
        wait = self.backoff * 2 ** (attempt - 1)
        return max(wait, min(retry_after, MAX_RETRY_AFTER)) if retry_after is not None else wait

    def _once(self, url: str, max_bytes: int, what: str) -> Response:
        self._wait_for_slot(urlsplit(url).netloc.lower())
        self.requests += 1
        try:
            with self._opener.open(url, timeout=self.timeout) as answer:
                body = _read_capped(answer, max_bytes, what)
                return Response(answer.geturl(), answer.status, answer.headers.get("Content-Type", ""), body)
        except urllib.error.HTTPError as err:
            target = err.headers.get("Location") if err.code in REDIRECT_STATUSES else None
            if target:
                return Response(urljoin(url, target), err.code, err.headers.get("Content-Type", ""), b"")
            if err.code in RETRY_STATUSES:
                raise _Retry(f"the site answered {err.code} {err.reason}",
                             _seconds(err.headers.get("Retry-After"))) from err
            if err.code in REFUSED_STATUSES:
                raise RestrictedError(f"{what}: the site refused it ({err.code} {err.reason}).") from err
            raise FetchError(f"{what}: the site answered {err.code} {err.reason} for {url}.") from err
        except TimeoutError as err:
            raise _Retry(f"no answer within {self.timeout:g} seconds") from err
        except urllib.error.URLError as err:
            if isinstance(err.reason, TimeoutError):
                raise _Retry(f"no answer within {self.timeout:g} seconds") from err
            raise _Retry(f"the site could not be reached ({err.reason})") from err
        except (ConnectionError, http.client.HTTPException) as err:
            raise _Retry(f"the connection broke ({type(err).__name__})") from err

    def _wait_for_slot(self, host: str) -> None:
        """Sleep until this host's next request slot, so requests to one site keep to the rate."""
        now = time.monotonic()
        slot = self._next_slot.get(host, now)
        if slot > now:
            self.sleep(slot - now)
        self._next_slot[host] = max(slot, now) + self.interval


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects come back as answers, so the client follows them itself, within the rate limit."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class _Retry(Exception):
    """A failure worth another try: a 5xx answer, a timeout, a broken connection."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


def _read_capped(answer: http.client.HTTPResponse, max_bytes: int, what: str) -> bytes:
    """The whole body, refusing one larger than `max_bytes` rather than filling memory."""
    chunks: list[bytes] = []
    size = 0
    while chunk := answer.read(READ_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{what}: the answer is larger than {max_bytes // (1024 * 1024)} MB; not read.")
        chunks.append(chunk)
    return b"".join(chunks)


def _seconds(header: str | None) -> float | None:
    try:
        return float(header) if header else None
    except ValueError:
        return None  # an HTTP date: the backoff alone decides
