"""Web and channel inputs: `python bench/bench_inputs.py` (also importable: run()).

Measures, on one machine and against a server on 127.0.0.1 started here (so the
figures are sitrep's own cost, not a network's):

* feed -> fetch -> read -> segment -> store, no event stage: pages/s and the
  requests a second, fully stored run makes (robots.txt and the feed only);
* the size cap: time and peak Python memory to refuse a 50 MB response sent
  without a Content-Length (read up to the 20 MB cap, then dropped);
* a Telegram Desktop export of 5,000 generated posts: posts/s read and the peak
  memory of parsing it whole.

Writes bench/results/inputs.json.
"""

from __future__ import annotations

import json
import resource
import tempfile
import threading
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = 200
POSTS = 5000
HUGE = 50 * 1024 * 1024


def _site(pages: int) -> tuple[ThreadingHTTPServer, str]:
    bodies: dict[str, tuple[str, bytes]] = {
        "/robots.txt": ("text/plain", b"User-agent: *\nAllow: /\n"),
    }
    for i in range(pages):
        text = (f"<html><head><title>Report {i}</title></head><body><h1>Report {i}</h1>"
                f"<p>Shelling was reported near village number {i} on Monday, a local monitor said.</p>"
                f"<p>Residents of village {i} said the market was closed for the rest of the day.</p></body></html>")
        bodies[f"/news/{i}"] = ("text/html; charset=utf-8", text.encode())

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"x" * 65536
                try:
                    for _ in range(HUGE // len(chunk)):
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True
                return
            ctype, body = bodies.get(self.path, ("text/plain", b""))
            if self.path == "/feed":
                items = "".join(f"<item><link>{base}/news/{i}</link></item>" for i in range(pages))
                ctype, body = "application/rss+xml", f"<rss><channel>{items}</channel></rss>".encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base


def _export(path: Path, posts: int) -> None:
    messages = [{"id": i, "type": "message", "date": f"2020-03-{1 + i % 28:02d}T10:00:00",
                 "text": [{"type": "bold", "text": "Update:"},
                          f" clashes were reported near village number {i} in the morning, a monitor said."]}
                for i in range(1, posts + 1)]  # fmt: skip
    path.write_text(json.dumps({"name": "Bench Channel", "type": "public_channel", "id": 1, "messages": messages}))


def run() -> dict:
    from sitrep.ingest.fetch import FetchSettings, Fetcher
    from sitrep.ingest.remote import WebInputs
    from sitrep.ingest.telegram import read_export
    from sitrep.runner import ingest
    from sitrep.store import Store

    server, base = _site(PAGES)
    settings = FetchSettings(min_interval=0.0)
    out: dict = {"pages": PAGES, "posts": POSTS}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        web = WebInputs(feeds=[base + "/feed"], settings=settings)
        t = time.perf_counter()
        with Store(db) as store:
            report = ingest([], store, extractor=None, items=web.items(store.conn))
        seconds = time.perf_counter() - t
        out.update(first_run_added=report.added, first_run_s=round(seconds, 2),
                   pages_per_s=round(report.added / seconds, 1), first_run_requests=web.requests)
        again = WebInputs(feeds=[base + "/feed"], settings=settings)
        t = time.perf_counter()
        with Store(db) as store:
            ingest([], store, extractor=None, items=again.items(store.conn))
        out.update(rerun_s=round(time.perf_counter() - t, 2), rerun_requests=again.requests,
                   rerun_stored=again.report.stored)

        tracemalloc.start()
        t = time.perf_counter()
        with Fetcher(settings) as fetcher:
            refused = fetcher.get(base + "/huge")
        out.update(huge_refused_as=getattr(refused, "reason", "fetched"), huge_s=round(time.perf_counter() - t, 2),
                   huge_peak_mb=round(tracemalloc.get_traced_memory()[1] / 1e6, 1))
        tracemalloc.stop()

        export = Path(tmp) / "result.json"
        _export(export, POSTS)
        tracemalloc.start()
        t = time.perf_counter()
        docs = sum(1 for _ in read_export(export))
        seconds = time.perf_counter() - t
        out.update(export_mb=round(export.stat().st_size / 1e6, 2), export_posts_per_s=round(docs / seconds),
                   export_peak_mb=round(tracemalloc.get_traced_memory()[1] / 1e6, 1))
        tracemalloc.stop()
    server.shutdown()
    out["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def main() -> None:
    res = run()
    for k, v in res.items():
        print(f"{k:>22}: {v}")
    target = Path(__file__).resolve().parent / "results" / "inputs.json"
    target.write_text(json.dumps(res, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
