"""Make the README's dashboard screenshot: the demo corpus, served locally, in headless Chromium.

    python scripts/dashboard_screenshot.py [--db FILE] [--out docs/dashboard.png] [--query "event_type=Battles"]

Without --db the bundled demo pages are ingested into a temporary store first
(as `make demo` does). The page is opened at 1400x900 on 127.0.0.1 with
Debian's Chromium (scripts/install_browser.sh), nothing is fetched from the
network, and the picture is written once the map, timeline and list are ready.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def demo_store(path: Path) -> Path:
    from sitrep.demo_run import demo_dir
    from sitrep.ingest import load_manifest
    from sitrep.runner import ingest, load_extractor
    from sitrep.store import Store

    base = demo_dir()
    with Store(path) as store:
        ingest([base / "pages"], store, manifest=load_manifest(base / "manifest.csv"), extractor=load_extractor)
    return path


def shoot(db: Path, out: Path, query: str, width: int, height: int) -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from sitrep.web import create_app

    if subprocess.run(["bash", str(REPO / "scripts/install_browser.sh")]).returncode != 0:
        sys.exit("error: Debian chromium is not available (scripts/install_browser.sh)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--headless"])
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"http://127.0.0.1:{port}/" + (f"?{query}" if query else ""))
            page.wait_for_selector("body[data-ready='1']", timeout=60_000)
            first = page.locator("#event-list li button").first
            if first.count():
                first.click()  # an open event shows the panel with its evidence
                page.wait_for_selector("#panel .source", timeout=20_000)
            page.wait_for_timeout(800)  # markers added in chunks, labels fetched
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            browser.close()
    finally:
        server.should_exit = True
    print(f"wrote {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, help="a sitrep store (default: the demo corpus, ingested now)")
    ap.add_argument("--out", type=Path, default=REPO / "docs/dashboard.png")
    ap.add_argument("--query", default="", help="filters as the page's URL carries them, e.g. event_type=Battles")
    ap.add_argument("--size", default="1400x900", help="viewport WIDTHxHEIGHT")
    args = ap.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or demo_store(Path(tmp) / "demo.db")
        shoot(db, args.out, args.query, width, height)


if __name__ == "__main__":
    main()
