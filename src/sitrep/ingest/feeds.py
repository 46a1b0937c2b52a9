"""Article URLs from RSS / Atom feeds and XML sitemaps (sitemap indexes followed).

Feeds and sitemaps are read with lxml's XML parser set not to resolve entities
or reach the network, so a hostile feed cannot expand a billion laughs or read
local files. A feed that is not well-formed XML is one Skip with the parser's
line and message: guessing items out of broken markup would ingest whatever a
half-written file happened to hold.

Each item becomes a `Target` (URL + the date the feed gives it, used only when
the page states none). Filters: `since` drops items dated before it (undated
items are kept: a feed that gives no dates must still be followed) and `match`
keeps URLs a regular expression finds a match in.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from sitrep.ingest.dates import parse_iso_date
from sitrep.ingest.fetch import FEED_TYPES, FetchFailure, Fetcher, http_date_iso
from sitrep.ingest.urls import Target
from sitrep.records import Skip

SKIP_BAD_FEED = "bad-feed"

# Sitemap indexes may nest; two levels cover every news site's layout (index ->
# monthly sitemaps), and the cap bounds a site whose index lists thousands.
MAX_SITEMAP_DEPTH = 2
MAX_CHILD_SITEMAPS = 200
# Content types a sitemap is served with besides the feed ones (some servers say text/plain;
# a sitemap.xml.gz comes as gzip and is unpacked here, up to the fetch size cap).
SITEMAP_TYPES = FEED_TYPES | frozenset({"text/plain", "application/gzip", "application/x-gzip"})
_GZIP_MAGIC = b"\x1f\x8b"

_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "huge_tree": False, "remove_blank_text": True}


class FeedError(ValueError):
    """A feed or sitemap that cannot be read; the message is the report line."""


@dataclass(frozen=True, slots=True)
class Listing:
    """What one feed or sitemap document lists: article targets and child sitemaps."""

    targets: list[Target]
    sitemaps: list[str]


def _local(tag: Any) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _children(el: Any, name: str) -> list[Any]:
    return [c for c in el if _local(c.tag) == name]


def _text(el: Any, name: str) -> str | None:
    for c in el:
        if _local(c.tag) == name and c.text and c.text.strip():
            return c.text.strip()
    return None


def _day(value: str | None) -> date | None:
    """A feed date: ISO 8601 (Atom, sitemaps) or RFC 822 (RSS)."""
    if not value:
        return None
    day = parse_iso_date(value)
    if day is None:
        iso = http_date_iso(value)
        day = parse_iso_date(iso) if iso else None
    return day


def gunzip_capped(data: bytes, limit: int) -> bytes:
    """`data` unpacked when it is gzip (a .xml.gz sitemap), refusing more than `limit` bytes out."""
    if not data.startswith(_GZIP_MAGIC):
        return data
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise FeedError(f"corrupt gzip data: {exc}") from exc
    if len(out) > limit:
        raise FeedError(f"unpacks to over the {limit}-byte limit")
    return out


def parse_listing(data: bytes, base_url: str) -> Listing:
    """Targets and child sitemaps from a feed or sitemap document; FeedError when it is neither."""
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not well-formed XML: {exc.msg}") from exc
    if root is None:
        raise FeedError("empty document")
    kind = _local(root.tag)
    targets: list[Target] = []
    sitemaps: list[str] = []
    if kind in ("rss", "rdf"):  # RSS 2.0 (<rss><channel><item>) and RSS 1.0 (<rdf:RDF><item>)
        channel = next(iter(_children(root, "channel")), root)
        items = _children(channel, "item") + (_children(root, "item") if channel is not root else [])
        for item in items:
            link = _text(item, "link") or _permalink(item)
            if link:
                day = _day(_text(item, "pubdate") or _text(item, "date") or _text(item, "published"))
                targets.append(Target(urljoin(base_url, link), day))
    elif kind == "feed":  # Atom
        for entry in _children(root, "entry"):
            link = _atom_link(entry)
            if link:
                targets.append(Target(urljoin(base_url, link), _day(_text(entry, "published") or _text(entry, "updated"))))
    elif kind == "urlset":
        for url in _children(root, "url"):
            loc = _text(url, "loc")
            if loc:
                targets.append(Target(urljoin(base_url, loc), _day(_news_date(url) or _text(url, "lastmod"))))
    elif kind == "sitemapindex":
        sitemaps = [urljoin(base_url, loc) for sm in _children(root, "sitemap") if (loc := _text(sm, "loc"))]
    else:
        raise FeedError(f"<{kind}> is not an RSS or Atom feed or a sitemap")
    return Listing(targets, sitemaps)


def _permalink(item: Any) -> str | None:
    for c in item:
        if _local(c.tag) == "guid" and (c.get("isPermaLink") or "true").lower() == "true" and c.text:
            text = c.text.strip()
            return text if text.startswith(("http://", "https://")) else None
    return None


def _atom_link(entry: Any) -> str | None:
    links = [c for c in entry if _local(c.tag) == "link" and c.get("href")]
    for link in links:
        if (link.get("rel") or "alternate") == "alternate":
            return str(link.get("href"))
    return None


def _news_date(url_el: Any) -> str | None:
    """<news:news><news:publication_date> of a Google News sitemap entry."""
    for news in _children(url_el, "news"):
        value = _text(news, "publication_date")
        if value:
            return value
    return None


def keep(target: Target, since: date | None, match: re.Pattern[str] | None) -> bool:
    """The date and URL-pattern filters (an undated item passes the date filter)."""
    if since is not None and target.listed is not None and target.listed < since:
        return False
    return match is None or match.search(target.url) is not None


def discover(
    fetcher: Fetcher,
    url: str,
    *,
    since: date | None = None,
    match: re.Pattern[str] | None = None,
    validators: tuple[str | None, str | None] = (None, None),
    answers: dict[str, tuple[str | None, str | None]] | None = None,
) -> Iterator[Target | Skip]:
    """The filtered article targets a feed or sitemap (index) lists, or Skips saying why not.

    `validators` (ETag, Last-Modified) make the request for `url` conditional; a 304
    yields nothing. `answers`, when given, receives the validators of each fresh
    answer by URL, for the caller to save once the listed items are stored.
    """
    yield from _walk(fetcher, url, since, match, validators, answers, depth=0)


def _walk(
    fetcher: Fetcher,
    url: str,
    since: date | None,
    match: re.Pattern[str] | None,
    validators: tuple[str | None, str | None],
    answers: dict[str, tuple[str | None, str | None]] | None,
    depth: int,
) -> Iterator[Target | Skip]:
    answer = fetcher.get(url, accept=SITEMAP_TYPES, etag=validators[0], last_modified=validators[1])
    if isinstance(answer, FetchFailure):
        yield Skip(url, answer.reason, answer.message)
        return
    if answer.not_modified:
        return
    try:
        listing = parse_listing(gunzip_capped(answer.body, fetcher.settings.max_bytes), answer.final_url)
    except FeedError as exc:
        yield Skip(url, SKIP_BAD_FEED, str(exc))
        return
    if answers is not None:
        answers[url] = (answer.etag, answer.last_modified_raw)
    for target in listing.targets:
        if keep(target, since, match):
            yield target
    if listing.sitemaps and depth >= MAX_SITEMAP_DEPTH:
        yield Skip(url, SKIP_BAD_FEED, f"sitemap index nested deeper than {MAX_SITEMAP_DEPTH} levels: not followed")
        return
    for child in listing.sitemaps[:MAX_CHILD_SITEMAPS]:
        yield from _walk(fetcher, child, since, match, (None, None), None, depth + 1)
    if len(listing.sitemaps) > MAX_CHILD_SITEMAPS:
        yield Skip(url, SKIP_BAD_FEED, f"lists {len(listing.sitemaps)} sitemaps; only the first {MAX_CHILD_SITEMAPS} read")
