"""Review mode in headless Chromium: reject one event, correct another's place through the
gazetteer autocomplete, then `sitrep export` shows both.

Uses Debian's chromium (scripts/install_browser.sh, as the dashboard's browser tests do)
and skips with a reason when it cannot be had.
"""

from __future__ import annotations

import csv
import io
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture(scope="module")
def chromium() -> str:
    pytest.importorskip("playwright.sync_api", reason="playwright (Python package) is not installed")
    proc = subprocess.run(["bash", str(REPO / "scripts/install_browser.sh")], capture_output=True, text=True, timeout=900)
    if proc.returncode != 0 or not Path(CHROMIUM).exists():
        pytest.skip(f"Debian chromium not available: {proc.stderr.strip() or 'install_browser.sh failed'}")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(base_db, tmp_path, lookups):
    import uvicorn

    from sitrep.web import create_app
    from sitrep.web.review import ReviewSession

    path = tmp_path / "browser-review.db"
    shutil.copy(base_db, path)
    port = _free_port()
    session = ReviewSession(path, "ana", lookups=lookups)
    server = uvicorn.Server(uvicorn.Config(create_app(path, review=session), host="127.0.0.1", port=port,
                                           log_level="warning"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield path, f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    session.close()


def _open(page, event_id: str) -> None:
    page.evaluate("id => (window.SR || window.sitrep).openEvent(id)", event_id)
    page.wait_for_selector(f".review-box[data-event-id='{event_id}'] .review-state:not(:has-text('loading'))")


def test_reject_and_correct_place_in_the_browser_then_export(kit, chromium, served, tmp_path):
    from playwright.sync_api import sync_playwright

    from sitrep.cli import app

    path, url = served
    clash, protest = kit.merged_id_of(path, "rv1-clash"), kit.merged_id_of(path, "rv1-protest")
    errors: list[str] = []
    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(str(tmp_path / "profile"), executable_path=chromium,
                                                    headless=True, args=ARGS)  # fmt: skip
        page = ctx.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "/")
        page.wait_for_function("() => !!(window.SR || window.sitrep)")

        _open(page, protest)
        box = page.locator(".review-box")
        box.locator(".review-note").fill("traders' strike, not a protest event")
        box.locator("button.review-reject").click()
        page.wait_for_selector(".review-box[data-action='reject']")
        assert "reject by ana" in box.locator(".review-state").inner_text()

        _open(page, clash)
        box = page.locator(".review-box")
        box.locator("button.review-correct").click()
        box.locator("select.review-field").select_option("location")
        box.locator("input.review-value").press_sequentially("Saraqib", delay=20)
        pick = box.locator("button.review-pick", has_text="Saraqib").first
        pick.wait_for(timeout=15_000)
        pick.click()
        assert "gn:" in box.locator(".review-chosen").inner_text()
        box.locator("button.review-save").click()
        page.wait_for_selector(".review-box[data-action='correct']")
        assert "location = Saraqib" in box.locator(".review-state").inner_text()
        ctx.close()
    assert errors == []

    res = CliRunner().invoke(app, ["export", "--db", str(path)])
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(res.output))}
    assert protest not in rows
    assert (rows[clash]["location"], rows[clash]["admin1"], rows[clash]["reviewed"]) == ("Saraqib", "Idleb", "correct by ana")
    raw = CliRunner().invoke(app, ["export", "--raw", "--db", str(path)]).output
    assert protest in raw and "Old Mill" in raw
