"""A polite HTTP client for the verbs whose point is fetching (`ingest URL`, `--feed`, `watch`).

Why its own module: a crawl meets every fault a file never has (a dead host, a
404, a redirect loop, a server that answers in a minute, a 50 MB video behind an
article link, a login page served as text/html) and each must become one line
in the run report, never a traceback or a hang. `Fetcher.get` therefore returns
either a `Fetched` answer or a `FetchFailure` with a stable reason; it never
raises for what a server does.

Politeness is built in, not optional: a User-Agent naming sitrep, robots.txt
honoured per host (RFC 9309: a robots.txt that cannot be fetched because the
server fails means "disallow all"; a missing one means "allow all"), at most one
request per `min_interval` seconds to one host (longer when its robots.txt sets a
Crawl-delay), retries only for answers that
may change (timeouts, 5xx, 429) with doubling backoff.
"""

from __future__ import annotations

import email.utils
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from sitrep.ingest.files import MAX_TEXT_BYTES
from sitrep.ingest.warc import media_type

# Skip reasons for fetched inputs, stable like sitrep.errors.SKIP_*.
SKIP_HTTP = "http-error"  # the server answered 4xx/5xx
SKIP_NETWORK = "network"  # no answer: refused, DNS, reset
SKIP_TIMEOUT = "timeout"
SKIP_REDIRECTS = "redirects"  # a loop, or more than max_redirects hops
SKIP_ROBOTS = "robots"  # robots.txt forbids it, or could not be read (server error)
SKIP_CONTENT_TYPE = "content-type"  # not a page or feed
SKIP_FETCH_TOO_LARGE = "too-large"  # same code the file readers use

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml",
    "application/x-rss+xml", "application/feed+json",
})  # fmt: skip
# Statuses worth asking again after a pause: the server may recover (RFC 9110 6.6, 15.6).
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# robots.txt over this is truncated (Google's crawler stops reading at 500 KiB).
ROBOTS_MAX_BYTES = 500 * 1024


def _agent() -> str:
    from sitrep import __version__

    return f"sitrep/{__version__} (conflict-event research; honours robots.txt)"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Every tunable of fetching, defaulted here and overridden by a watch config or tests.

    The defaults are for news sites read by one analyst: 20 s is longer than any
    normal page takes (a slow CMS answers in 2-5 s) yet bounds a dead host; two
    retries with 2 s then 4 s pauses ride out a restarting server; one request per
    host every 2 s is the crawl delay most outlets' robots.txt ask for when they ask.
    """

    user_agent: str = field(default_factory=_agent)
    timeout: float = 20.0  # seconds to connect, and between two reads of the body
    total_timeout: float = 60.0  # seconds for a whole response, so a trickling server is cut off
    retries: int = 2
    backoff: float = 2.0  # first pause; doubles each retry
    max_backoff: float = 60.0  # a Retry-After longer than this is not waited for
    max_bytes: int = MAX_TEXT_BYTES  # the file readers' per-document limit
    max_redirects: int = 10
    min_interval: float = 2.0  # seconds between two requests to one host
    robots: bool = True
    # Proxy and CA settings from the environment (HTTPS_PROXY, SSL_CERT_FILE, .netrc): off
    # unless asked, so that nothing outside the run's own settings changes where it connects.
    trust_env: bool = False

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> "FetchSettings":
        """Settings from a config mapping; an unknown key or a bad value is named."""
        from sitrep.errors import InputError

        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(values) - known)
        if unknown:
            raise InputError(f"unknown fetch setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        clean: dict[str, Any] = {}
        for key, value in values.items():
            want = type(getattr(cls(), key))
            try:
                clean[key] = value if want is str else (bool(value) if want is bool else want(value))
            except (TypeError, ValueError) as exc:
                raise InputError(f"fetch setting {key}: {value!r} is not a {want.__name__}") from exc
            if want in (int, float) and clean[key] < 0:
                raise InputError(f"fetch setting {key}: must not be negative")
        return cls(**clean)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful answer (or a 304 when `not_modified`)."""

    url: str
    final_url: str
    status: int
    body: bytes
    media_type: str | None
    charset: str | None
    http_date: str | None  # ISO 8601, from the Date header
    last_modified: str | None  # ISO 8601, from Last-Modified
    etag: str | None
    last_modified_raw: str | None  # the header as sent, echoed in If-Modified-Since
    fetched_at: str
    not_modified: bool = False


@dataclass(frozen=True, slots=True)
class FetchFailure:
    """Why a URL gave nothing: a stable reason code and one line for the report."""

    url: str
    reason: str
    message: str


def http_date_iso(value: str | None) -> str | None:
    """An HTTP date header as ISO 8601 UTC, None when absent or unreadable."""
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).isoformat(timespec="seconds")


def clean_url(url: str) -> str:
    """The URL without its fragment (never sent to a server), so one page has one key."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def is_url(value: str) -> bool:
    """True for an http(s) URL with a host (what `sitrep ingest` fetches instead of opening)."""
    parts = urlsplit(value.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


class Fetcher:
    """One client for a run: connection reuse, per-host pacing and robots.txt cached per host."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or FetchSettings()
        self._sleep = sleep
        self._clock = clock
        self._last: dict[str, float] = {}
        self._delay: dict[str, float] = {}  # per host: a longer Crawl-delay its robots.txt asks for
        self._robots: dict[str, urllib.robotparser.RobotFileParser | FetchFailure | None] = {}
        self.requests = 0  # every HTTP request sent, robots.txt included (for reports and tests)
        s = self.settings
        self._client = httpx.Client(
            follow_redirects=True,
            max_redirects=s.max_redirects,
            timeout=httpx.Timeout(s.timeout),
            headers={"User-Agent": s.user_agent},
            trust_env=s.trust_env,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness ---------------------------------------------------------------
    def _pace(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last.get(host)
        if last is not None:
            wait = max(self.settings.min_interval, self._delay.get(host, 0.0)) - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)
        self._last[host] = self._clock()

    def allowed(self, url: str) -> FetchFailure | None:
        """None when robots.txt lets us fetch `url`, else the failure to report."""
        if not self.settings.robots:
            return None
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            self._robots[root] = self._load_robots(root)
        rules = self._robots[root]
        if isinstance(rules, FetchFailure):
            return FetchFailure(url, rules.reason, rules.message)
        if rules is not None and not rules.can_fetch(self.settings.user_agent, url):
            return FetchFailure(url, SKIP_ROBOTS, "robots.txt disallows this URL for sitrep")
        return None

    def _load_robots(self, root: str) -> urllib.robotparser.RobotFileParser | FetchFailure | None:
        answer = self._request(root + "/robots.txt", {}, ROBOTS_MAX_BYTES, None, truncate=True)
        if isinstance(answer, FetchFailure):
            if answer.reason == SKIP_HTTP and answer.message.startswith("HTTP 4"):
                return None  # no robots.txt: everything is allowed (RFC 9309 2.3.1.3)
            if answer.reason == SKIP_HTTP:  # a server error: assume everything is disallowed (2.3.1.4)
                return FetchFailure(root, SKIP_ROBOTS, f"robots.txt answered {answer.message}: not fetching")
            return FetchFailure(root, answer.reason, f"{answer.message} (asking for robots.txt)")
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(answer.body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(self.settings.user_agent)
        if delay is not None:  # honoured up to max_backoff: a day-long delay would stall a run silently
            self._delay[urlsplit(root).netloc] = min(float(delay), self.settings.max_backoff)
        return parser

    # -- requests -----------------------------------------------------------------
    def get(
        self,
        url: str,
        *,
        accept: frozenset[str] = PAGE_TYPES,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Fetched | FetchFailure:
        """GET `url` politely; conditional when validators are given (a 304 is `not_modified`)."""
        refused = self.allowed(url)
        if refused is not None:
            return refused
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._request(url, headers, self.settings.max_bytes, accept)

    def _request(
        self, url: str, headers: dict[str, str], limit: int, accept: frozenset[str] | None, *, truncate: bool = False
    ) -> Fetched | FetchFailure:
        s = self.settings
        pause = s.backoff
        failure: FetchFailure | None = None
        for attempt in range(s.retries + 1):
            if attempt:
                self._sleep(pause)
                pause = min(pause * 2, s.max_backoff)
            self._pace(url)
            self.requests += 1
            result = self._once(url, headers, limit, accept, truncate)
            if isinstance(result, Fetched):
                return result
            failure, retry_after = result
            if retry_after is None:
                return failure
            if retry_after > 0:
                if retry_after > s.max_backoff:
                    return failure
                pause = max(pause, retry_after)
        assert failure is not None
        if s.retries == 0:
            return failure
        return FetchFailure(url, failure.reason, f"{failure.message} (after {s.retries + 1} attempts)")

    def _once(
        self, url: str, headers: dict[str, str], limit: int, accept: frozenset[str] | None, truncate: bool
    ) -> Fetched | tuple[FetchFailure, float | None]:
        """One attempt: the answer, or (failure, seconds to wait before a retry | None for no retry)."""
        started = self._clock()
        fetched_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        try:
            with self._client.stream("GET", url, headers=headers) as resp:
                final = str(resp.url)
                if resp.status_code == 304:
                    return self._answer(url, final, resp, b"", fetched_at, not_modified=True)
                if resp.status_code >= 400:
                    fail = FetchFailure(url, SKIP_HTTP, f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
                    return fail, (_retry_after(resp.headers.get("Retry-After")) if resp.status_code in RETRY_STATUSES else None)
                mtype, _ = media_type(resp.headers.get("Content-Type"))
                if accept is not None and mtype not in accept:
                    return FetchFailure(url, SKIP_CONTENT_TYPE, f"content type {mtype or 'missing'} is not one of "
                                        f"{', '.join(sorted(accept))}"), None  # fmt: skip
                declared = resp.headers.get("Content-Length")
                if not truncate and declared and declared.isdigit() and int(declared) > limit:
                    return FetchFailure(url, SKIP_FETCH_TOO_LARGE,
                                        f"{declared} bytes is over the {limit}-byte limit"), None  # fmt: skip
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body.extend(chunk)
                    if len(body) > limit:
                        if truncate:
                            del body[limit:]
                            break
                        return FetchFailure(url, SKIP_FETCH_TOO_LARGE,
                                            f"over the {limit}-byte limit (no or false Content-Length)"), None  # fmt: skip
                    if self._clock() - started > self.settings.total_timeout:
                        return FetchFailure(url, SKIP_TIMEOUT, f"response took over {self.settings.total_timeout:g} s"), 0.0
                return self._answer(url, final, resp, bytes(body), fetched_at)
        except httpx.TooManyRedirects:
            return FetchFailure(url, SKIP_REDIRECTS, f"redirect loop or over {self.settings.max_redirects} redirects"), None
        except httpx.TimeoutException as exc:
            return FetchFailure(url, SKIP_TIMEOUT, f"no answer within {self.settings.timeout:g} s ({type(exc).__name__})"), 0.0
        except httpx.UnsupportedProtocol as exc:
            return FetchFailure(url, SKIP_NETWORK, f"not an http(s) URL: {exc}"), None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            return FetchFailure(url, SKIP_NETWORK, f"{type(exc).__name__}: {exc}".rstrip(": ")), 0.0
        except httpx.InvalidURL as exc:
            return FetchFailure(url, SKIP_NETWORK, f"invalid URL: {exc}"), None

    @staticmethod
    def _answer(url: str, final: str, resp: httpx.Response, body: bytes, fetched_at: str,
                not_modified: bool = False) -> Fetched:  # fmt: skip
        mtype, charset = media_type(resp.headers.get("Content-Type"))
        return Fetched(
            url=url, final_url=final, status=resp.status_code, body=body, media_type=mtype, charset=charset,
            http_date=http_date_iso(resp.headers.get("Date")),
            last_modified=http_date_iso(resp.headers.get("Last-Modified")),
            etag=resp.headers.get("ETag"), last_modified_raw=resp.headers.get("Last-Modified"),
            fetched_at=fetched_at, not_modified=not_modified,
        )  # fmt: skip


def _retry_after(value: str | None) -> float:
    """Seconds a Retry-After header asks for (0 when absent or a date we do not wait on)."""
    if value and value.strip().isdigit():
        return float(value.strip())
    return 0.0
