"""Fetching pages, feeds and sitemaps from a local server, with every fault a crawl meets."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from types import SimpleNamespace
from typing import Any

from sitrep.ingest.feeds import SKIP_BAD_FEED
from sitrep.ingest.fetch import (
    SKIP_CONTENT_TYPE,
    SKIP_FETCH_TOO_LARGE,
    SKIP_HTTP,
    SKIP_REDIRECTS,
    SKIP_ROBOTS,
    SKIP_TIMEOUT,
    Fetcher,
    FetchSettings,
)
from sitrep.ingest.provenance import provenance_of
from sitrep.ingest.remote import WebInputs
from sitrep.runner import ingest
from sitrep.store import Store

Site = Any  # the `site` fixture's object (tests/ingest/conftest.py)

DAY_RSS = "Tue, 11 Feb 2020 09:00:00 GMT"


def _pages(site: Site, kit: SimpleNamespace) -> None:
    site.routes.update({
        "/news/dated": kit.Route(body=kit.article("Strike on Saraqib", "2020-02-03",
                                          "Warplanes struck the town of Saraqib on Monday, residents said.")),
        "/news/undated": kit.Route(body=kit.article("Shelling near Tal Tamr", None,
                                            "Artillery shelled the outskirts of Tal Tamr overnight, a monitor said.")),
        "/news/plain": kit.Route(body=b"Clashes were reported near Ain Issa on Sunday.", content_type="text/plain"),
        "/old": kit.Route(301, headers={"Location": "/news/dated"}),
        "/gone": kit.Route(404, b"no such page", "text/plain"),
        "/fail": kit.Route(500, b"oops", "text/plain"),
        "/loop-a": kit.Route(302, headers={"Location": "/loop-b"}),
        "/loop-b": kit.Route(302, headers={"Location": "/loop-a"}),
        "/slow": kit.Route(body=kit.article("Late", "2020-02-05", "This answer comes too late."), delay=1.0),
        "/huge": kit.Route(body=b"", content_type="text/html", headers={"Content-Length": str(kit.HUGE_BYTES)}),
        "/huge-unsized": kit.Route(content_type="text/html", stream=kit.HUGE_BYTES),
        "/photo.jpg": kit.Route(body=b"\xff\xd8\xff\xe0 not a page", content_type="image/jpeg"),
        "/private/memo": kit.Route(body=kit.article("Memo", "2020-02-06", "Not for crawlers at all.")),
    })  # fmt: skip


def _run(site: Site, db: Path, web: WebInputs) -> tuple[object, WebInputs]:
    with Store(db) as store:
        report = ingest([], store, extractor=None, items=web.items(store.conn))
    return report, web


def test_every_fault_is_one_line_and_the_good_pages_are_kept(site: Site, kit: SimpleNamespace, tmp_path: Path) -> None:
    _pages(site, kit)
    paths = ["/news/dated", "/news/undated", "/news/plain", "/gone", "/fail", "/loop-a", "/slow", "/huge",
             "/huge-unsized", "/photo.jpg", "/private/memo"]  # fmt: skip
    web = WebInputs(urls=[site.base + p for p in paths], settings=kit.FAST)
    report, _ = _run(site, tmp_path / "w.db", web)
    reasons = {s.origin.removeprefix(site.base): s.reason for s in report.skips}
    assert reasons == {
        "/gone": SKIP_HTTP, "/fail": SKIP_HTTP, "/loop-a": SKIP_REDIRECTS, "/slow": SKIP_TIMEOUT,
        "/huge": SKIP_FETCH_TOO_LARGE, "/huge-unsized": SKIP_FETCH_TOO_LARGE, "/photo.jpg": SKIP_CONTENT_TYPE,
        "/private/memo": SKIP_ROBOTS,
    }  # fmt: skip
    assert all("\n" not in s.line() for s in report.skips)
    assert report.added == 3
    assert len(site.hits("/fail")) == 2  # a 500 is asked again once (retries=1)
    assert len(site.hits("/gone")) == 1  # a 404 is not
    assert site.hits("/private/memo") == []  # robots.txt is read before the page is asked for
    assert site.hits("/robots.txt")[0]["user-agent"] == kit.FAST.user_agent


def test_provenance_and_the_pages_own_date_over_the_fetch_day(site: Site, kit: SimpleNamespace, tmp_path: Path) -> None:
    _pages(site, kit)
    site.routes["/news/dated"].headers["Last-Modified"] = "Wed, 05 Feb 2020 10:00:00 GMT"
    web = WebInputs(urls=[site.base + "/old", site.base + "/news/undated"], settings=kit.FAST)
    _run(site, tmp_path / "w.db", web)
    with Store(tmp_path / "w.db") as store:
        rows = {r["url"]: r for r in store.conn.execute("SELECT doc_id, url, published FROM documents")}
        dated = rows[site.base + "/news/dated"]
        prov = provenance_of(store.conn, dated["doc_id"])
        undated = rows[site.base + "/news/undated"]
    assert dated["published"] == "2020-02-03"  # the page's meta tag, not the fetch day
    assert prov is not None
    assert (prov["url"], prov["final_url"]) == (site.base + "/old", site.base + "/news/dated")
    assert prov["last_modified"] == "2020-02-05T10:00:00+00:00"
    assert prov["http_date"] is not None and prov["fetched_at"] is not None
    assert undated["published"] == prov["fetched_at"][:10]  # no date of its own: the fetch day


def test_rerun_fetches_nothing_stored_and_retries_only_the_failures(site: Site, kit: SimpleNamespace, tmp_path: Path) -> None:
    _pages(site, kit)
    urls = [site.base + p for p in ("/old", "/news/undated", "/fail")]
    first, _ = _run(site, tmp_path / "w.db", WebInputs(urls=urls, settings=kit.FAST))
    site.log.clear()
    site.routes["/fail"] = kit.Route(body=kit.article("Back", "2020-02-07", "The server came back with this report."))
    second, web = _run(site, tmp_path / "w.db", WebInputs(urls=urls, settings=kit.FAST))
    assert (first.added, second.added) == (2, 1)
    assert web.report.stored == 2
    assert [p for p, _ in site.log if p != "/robots.txt"] == ["/fail"]  # redirect source and final URL both known


def test_rss_atom_and_sitemap_index_discovery_with_filters(site: Site, kit: SimpleNamespace, tmp_path: Path) -> None:
    _pages(site, kit)
    site.routes["/feed.rss"] = kit.Route(body=kit.rss(site.base, [("/news/dated", DAY_RSS), ("/gone", DAY_RSS)]),
                                     content_type="application/rss+xml")  # fmt: skip
    site.routes["/feed.atom"] = kit.Route(content_type="application/atom+xml", body=(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        '<entry><link href="/news/undated"/><published>2020-02-08T00:00:00Z</published></entry>'
        '<entry><link href="/news/plain"/><published>2019-12-31T00:00:00Z</published></entry></feed>').encode())
    site.routes["/sitemap.xml"] = kit.Route(content_type="application/xml", body=(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f'<sitemap><loc>{site.base}/sitemap-1.xml</loc></sitemap></sitemapindex>').encode())
    site.routes["/sitemap-1.xml"] = kit.Route(content_type="application/xml", body=(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f'<url><loc>{site.base}/news/dated</loc><lastmod>2020-02-03</lastmod></url>'
        f'<url><loc>{site.base}/about</loc></url></urlset>').encode())
    site.routes["/broken.rss"] = kit.Route(body=b"<rss><channel><item><link>", content_type="application/rss+xml")
    site.routes["/page.rss"] = kit.Route(body=b"<html><body>not a feed</body></html>", content_type="text/html")
    feeds = [site.base + p for p in ("/feed.rss", "/feed.atom", "/sitemap.xml", "/broken.rss", "/page.rss")]
    web = WebInputs(feeds=feeds, since=date(2020, 1, 1), match=re.compile("/news/|/gone"), settings=kit.FAST)
    report, _ = _run(site, tmp_path / "w.db", web)
    assert report.added == 2  # dated (in the RSS and the sitemap, fetched once) and undated; plain is too old
    assert {s.origin.removeprefix(site.base): s.reason for s in report.skips} == {
        "/gone": SKIP_HTTP, "/broken.rss": SKIP_BAD_FEED, "/page.rss": SKIP_CONTENT_TYPE,
    }  # fmt: skip
    assert len(site.hits("/news/dated")) == 1
    assert site.hits("/about") == [] and site.hits("/news/plain") == []
    with Store(tmp_path / "w.db") as store:
        pub = store.conn.execute("SELECT published FROM documents WHERE url = ?", (site.base + "/news/undated",))
        assert pub.fetchone()[0] == "2020-02-08"  # no date on the page: the feed's date for it


def test_pacing_waits_between_requests_to_one_host(site: Site, kit: SimpleNamespace) -> None:
    _pages(site, kit)
    waits: list[float] = []
    now = [100.0]
    settings = replace(kit.FAST, min_interval=2.0, robots=False)
    with Fetcher(settings, sleep=waits.append, clock=lambda: now[0]) as fetcher:
        fetcher.get(site.base + "/news/plain")
        now[0] += 0.5
        fetcher.get(site.base + "/news/plain")
    assert waits == [1.5]


def test_fetch_settings_name_a_bad_key_or_value() -> None:
    import pytest

    from sitrep.errors import InputError

    with pytest.raises(InputError, match="unknown fetch setting"):
        FetchSettings.from_mapping({"timout": 3})
    with pytest.raises(InputError, match="retries"):
        FetchSettings.from_mapping({"retries": "many"})
    assert FetchSettings.from_mapping({"timeout": "3"}).timeout == 3.0


def test_a_crawl_delay_in_robots_txt_slows_pacing(site: Site, kit: SimpleNamespace) -> None:
    _pages(site, kit)
    site.routes["/robots.txt"] = kit.Route(body=b"User-agent: *\nCrawl-delay: 3\n", content_type="text/plain")
    waits: list[float] = []
    now = [100.0]
    with Fetcher(replace(kit.FAST, min_interval=1.0), sleep=waits.append, clock=lambda: now[0]) as fetcher:
        fetcher.get(site.base + "/news/plain")  # robots.txt, then the page: already at the Crawl-delay
        fetcher.get(site.base + "/news/plain")
    assert waits == [3.0, 3.0]  # min_interval would have been 1.0


def test_a_gzipped_sitemap_is_unpacked_and_a_gzip_bomb_refused(site: Site, kit: SimpleNamespace, tmp_path: Path) -> None:
    import gzip

    _pages(site, kit)
    urlset = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              f"<url><loc>{site.base}/news/plain</loc></url></urlset>").encode()  # fmt: skip
    site.routes["/sitemap.xml.gz"] = kit.Route(body=gzip.compress(urlset), content_type="application/x-gzip")
    site.routes["/bomb.xml.gz"] = kit.Route(body=gzip.compress(b" " * 3_000_000), content_type="application/gzip")
    web = WebInputs(feeds=[site.base + "/sitemap.xml.gz", site.base + "/bomb.xml.gz"], settings=kit.FAST)
    report, _ = _run(site, tmp_path / "w.db", web)
    assert report.added == 1
    assert [s.line().removeprefix(site.base) for s in report.skips] == [
        "/bomb.xml.gz: bad-feed: unpacks to over the 1000000-byte limit"
    ]


def test_robots_txt_failures_say_what_failed(site: Site, kit: SimpleNamespace, tmp_path: Path) -> None:
    import socket

    _pages(site, kit)
    site.routes["/robots.txt"] = kit.Route(503, b"down", "text/plain")
    with socket.socket() as s:  # a port on 127.0.0.1 that nothing listens on
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    settings = replace(kit.FAST, retries=0)
    web = WebInputs(urls=[site.base + "/news/plain", closed + "/news/x"], settings=settings)
    report, _ = _run(site, tmp_path / "w.db", web)
    lines = [s.line() for s in report.skips]
    assert lines[0] == f"{site.base}/news/plain: robots: robots.txt answered HTTP 503 Service Unavailable: not fetching"
    assert lines[1].startswith(f"{closed}/news/x: network: ConnectError") and "(asking for robots.txt)" in lines[1]
    assert site.hits("/news/plain") == []
