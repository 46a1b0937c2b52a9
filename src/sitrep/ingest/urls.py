"""URLs in, `RawDoc` / `Skip` out: the fetch counterpart of the file readers.

A fetched page goes through the same HTML and text readers as a saved one, so
its text, title and own metadata come out the same way. What fetching adds is
provenance (the URL asked for, the final URL after redirects, the HTTP Date and
Last-Modified headers, our fetch time) and one more date to fall back on: the
page's own date wins; else the date a feed listed it under; else the day we
fetched it, since a page found live on a news site is at most that old.

URLs already stored (see sitrep.ingest.provenance) are not fetched again, which
is what makes a re-run or a watch poll ingest nothing twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from sitrep.ingest.fetch import PAGE_TYPES, Fetched, FetchFailure, Fetcher, clean_url
from sitrep.ingest.html import html_doc_from_bytes
from sitrep.ingest.provenance import stored_url
from sitrep.ingest.text import text_doc_from_bytes
from sitrep.records import DocMeta, RawDoc, Skip

# DocMeta.published_source value for a date taken from a feed entry or the fetch day.
SOURCE_FEED = "feed"
SOURCE_FETCHED = "fetched"


@dataclass(frozen=True, slots=True)
class Target:
    """A URL to fetch, with the date a feed or sitemap gave it (None when it gave none)."""

    url: str
    listed: date | None = None


@dataclass(slots=True)
class UrlReport:
    """URL-level counts the document report cannot see."""

    stored: int = 0  # skipped without a request: already in the store
    fetched: int = 0
    failed: int = 0
    urls: list[str] = field(default_factory=list)  # every URL that gave a document, in order


def _dated(meta: DocMeta, day: date | None, source: str) -> DocMeta:
    """`meta` with `day` as its date when it has none of its own (the page's date wins)."""
    if meta.published is not None or day is None:
        return meta
    extra = {"published_source": source} if "published_source" in DocMeta.__dataclass_fields__ else {}
    return replace(meta, published=day, **extra)


def page_doc(answer: Fetched, listed: date | None = None) -> RawDoc | Skip:
    """A fetched page as a RawDoc with its provenance, or the reader's Skip."""
    origin = answer.final_url
    if answer.media_type == "text/plain":
        item = text_doc_from_bytes(answer.body, answer.final_url, origin)
    else:
        item = html_doc_from_bytes(answer.body, answer.final_url, origin, charset=answer.charset,
                                   base_url=answer.final_url)  # fmt: skip
    if isinstance(item, Skip):
        return Skip(answer.url, item.reason, item.message)
    meta = item.meta.merged(DocMeta(url=answer.final_url))
    meta = _dated(meta, listed, SOURCE_FEED)
    meta = _dated(meta, date.fromisoformat(answer.fetched_at[:10]), SOURCE_FETCHED)
    item.meta = meta
    item.provenance = {
        "kind": "web", "url": answer.url, "final_url": answer.final_url, "http_date": answer.http_date,
        "last_modified": answer.last_modified, "fetched_at": answer.fetched_at,
    }  # fmt: skip
    return item


def fetch_pages(
    targets: Iterable[Target | str | Skip],
    fetcher: Fetcher,
    conn: sqlite3.Connection | None,
    report: UrlReport | None = None,
) -> Iterator[RawDoc | Skip]:
    """Fetch each target not yet stored; failures are Skips naming the URL and the reason.

    Skips among `targets` (from feed discovery) are passed through in order.

    `conn` is the store's connection (None: nothing counts as stored). It is read
    lazily, one URL at a time, so a URL stored by an earlier batch of this same run
    is seen as stored too.
    """
    report = report if report is not None else UrlReport()
    seen: set[str] = set()
    for target in targets:
        if isinstance(target, Skip):  # a feed that could not be read: passed on to the report
            yield target
            continue
        target = Target(target) if isinstance(target, str) else target
        url = clean_url(target.url)
        if url in seen:
            continue
        seen.add(url)
        if conn is not None and stored_url(conn, url) is not None:
            report.stored += 1
            continue
        answer = fetcher.get(url, accept=PAGE_TYPES)
        if isinstance(answer, FetchFailure):
            report.failed += 1
            yield Skip(url, answer.reason, answer.message)
            continue
        report.fetched += 1
        item = page_doc(answer, target.listed)
        if isinstance(item, RawDoc):
            report.urls.append(url)
        yield item
