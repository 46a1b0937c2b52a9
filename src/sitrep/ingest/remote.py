"""Web inputs for one run: page URLs, feeds and sitemaps, fetched lazily into the runner.

`WebInputs.items(conn)` is what `sitrep.runner.ingest(items=...)` consumes: it
fetches while the runner stores, so a page is checked against the store just
before it is requested (a URL stored by an earlier batch of the same run, or by
the run before, costs no request). Feed and sitemap validators (ETag,
Last-Modified) are saved only by `save_validators`, which the caller runs after
the ingest has committed everything the feeds listed: a run killed mid-batch
re-reads the feed in full next time instead of getting a 304 and losing items.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from sitrep.ingest.feeds import discover
from sitrep.ingest.fetch import FetchSettings, Fetcher, clean_url
from sitrep.ingest.provenance import now_iso
from sitrep.ingest.urls import Target, UrlReport, fetch_pages
from sitrep.records import RawDoc, Skip


@dataclass(slots=True)
class WebInputs:
    """What to fetch in one run, and what fetching it did."""

    urls: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)  # RSS/Atom feeds and sitemaps alike (told apart by content)
    since: date | None = None
    match: re.Pattern[str] | None = None
    settings: FetchSettings = field(default_factory=FetchSettings)
    conditional: bool = False  # send saved validators with feed requests (watch mode)
    report: UrlReport = field(default_factory=UrlReport)
    answers: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    requests: int = 0

    def __bool__(self) -> bool:
        return bool(self.urls or self.feeds)

    def items(self, conn: sqlite3.Connection | None) -> Iterator[RawDoc | Skip]:
        """Documents and Skips from every URL and feed item not stored yet."""
        with Fetcher(self.settings) as fetcher:
            try:
                yield from fetch_pages(self._targets(fetcher, conn), fetcher, conn, self.report)
            finally:
                self.requests += fetcher.requests

    def _targets(self, fetcher: Fetcher, conn: sqlite3.Connection | None) -> Iterator[Target | Skip]:
        for url in self.urls:
            yield Target(url)
        for feed in self.feeds:
            feed = clean_url(feed)
            held = load_validators(conn, feed) if (self.conditional and conn is not None) else (None, None)
            yield from discover(fetcher, feed, since=self.since, match=self.match, validators=held,
                                answers=self.answers)  # fmt: skip

    def save_validators(self, conn: sqlite3.Connection) -> None:
        """Record the feeds' fresh validators; call after the run's documents are committed."""
        save_validators(conn, self.answers.items())
        self.answers.clear()


def load_validators(conn: sqlite3.Connection, url: str) -> tuple[str | None, str | None]:
    """(ETag, Last-Modified) last saved for `url`, (None, None) when never polled."""
    row = conn.execute("SELECT etag, last_modified FROM fetch_validators WHERE url = ?", (url,)).fetchone()
    return (None, None) if row is None else (row[0], row[1])


def save_validators(conn: sqlite3.Connection, answers: Iterable[tuple[str, tuple[str | None, str | None]]]) -> None:
    rows = [(url, etag, modified, now_iso()) for url, (etag, modified) in answers if etag or modified]
    if rows:
        conn.executemany(
            "INSERT OR REPLACE INTO fetch_validators(url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?)", rows
        )


def fetch_settings(items: Iterable[str]) -> FetchSettings:
    """`--fetch KEY=VALUE` items (timeout=5, min_interval=0.5 ...) as FetchSettings; a bad one is named."""
    from sitrep.errors import InputError

    values: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--fetch {item!r}: expected KEY=VALUE, e.g. timeout=10")
        values[key.strip()] = value.strip()
    return FetchSettings.from_mapping({k: _typed(v) for k, v in values.items()})


def _typed(value: str) -> object:
    lowered = value.lower()
    if lowered in ("true", "yes", "on"):
        return True
    if lowered in ("false", "no", "off"):
        return False
    return value


def split_inputs(
    args: Iterable[str],
    feeds: Iterable[str] = (),
    since: str | None = None,
    match: str | None = None,
    fetch: Iterable[str] = (),
) -> tuple[list[str], WebInputs]:
    """`sitrep ingest` arguments as (local paths, web inputs); bad --since/--match/--fetch are named.

    An argument is a URL when it starts with http:// or https:// and names a host;
    everything else is a path, as before.
    """
    from pathlib import Path

    from sitrep.errors import InputError
    from sitrep.ingest.fetch import is_url

    paths: list[str] = []
    web = WebInputs(feeds=list(feeds), settings=fetch_settings(fetch))
    for arg in args:
        (web.urls if is_url(arg) else paths).append(arg if is_url(arg) else str(Path(arg)))
    bad = [f for f in web.feeds if not is_url(f)]
    if bad:
        raise InputError(f"--feed/--sitemap {bad[0]!r}: expected an http(s) URL")
    if since:
        try:
            web.since = date.fromisoformat(since)
        except ValueError as exc:
            raise InputError(f"--since {since!r}: expected a date as YYYY-MM-DD") from exc
    if match:
        try:
            web.match = re.compile(match)
        except re.error as exc:
            raise InputError(f"--match {match!r}: not a regular expression ({exc})") from exc
    return paths, web
