"""A local web site for the fetch tests: http.server on 127.0.0.1 in a thread.

Every page, feed and fault is written here by us; nothing outside 127.0.0.1 is
ever contacted. Routes can be changed by a test (`site.routes[...] = ...`) and
every request is logged with its headers so tests can see conditional GETs.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest

from sitrep.ingest.fetch import FetchSettings

# Short limits so that every fault is met in well under a second.
FAST = FetchSettings(user_agent="sitrep-test/0 (local tests)", timeout=0.4, total_timeout=2.0, retries=1,
                     backoff=0.02, min_interval=0.0, max_bytes=1_000_000)  # fmt: skip

HUGE_BYTES = 50 * 1024 * 1024


def article(title: str, day: str | None, body: str) -> bytes:
    meta = f'<meta property="article:published_time" content="{day}T08:00:00Z">' if day else ""
    return (f"<html><head><title>{title}</title>{meta}</head><body><h1>{title}</h1>"
            f"<p>{body}</p></body></html>").encode()  # fmt: skip


def rss(base: str, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(f"<item><title>{p}</title><link>{base}{p}</link><pubDate>{d}</pubDate></item>" for p, d in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{entries}</channel></rss>'.encode()


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    etag: bool = False  # answer If-None-Match with 304 when the body is unchanged
    stream: int = 0  # bytes to send with no Content-Length (a response that never says its size)


@dataclass
class Site:
    base: str
    routes: dict[str, Route]
    log: list[tuple[str, dict[str, str]]]

    def hits(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.log if p == path]


def _handler(site: Callable[[], Site]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            s = site()
            s.log.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = s.routes.get(self.path)
            if route is None:
                route = Route(404, b"not here", "text/plain")
            if route.delay:
                time.sleep(route.delay)
            tag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            if route.etag and self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.send_header("ETag", tag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            for k, v in route.headers.items():
                self.send_header(k, v)
            if route.etag:
                self.send_header("ETag", tag)
            try:
                if route.stream:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    chunk = b"x" * 65536
                    for _ in range(route.stream // len(chunk)):
                        self.wfile.write(chunk)
                    self.close_connection = True
                    return
                self.send_header("Content-Length", route.headers.get("Content-Length", str(len(route.body))))
                self.end_headers()
                if "Content-Length" not in route.headers:
                    self.wfile.write(route.body)
                else:
                    self.close_connection = True
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    return Handler


@pytest.fixture()
def site() -> Iterator[Site]:
    holder: list[Site] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(lambda: holder[0]))
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    holder.append(Site(base, {"/robots.txt": Route(body=b"User-agent: *\nDisallow: /private/\n",
                                                   content_type="text/plain")}, []))  # fmt: skip
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield holder[0]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def kit() -> SimpleNamespace:
    """The helpers above for test modules (conftest is not importable under --import-mode=importlib)."""
    return SimpleNamespace(FAST=FAST, HUGE_BYTES=HUGE_BYTES, Route=Route, article=article, rss=rss)
