"""The dashboard page in headless Chromium, over the ingested demo corpus.

Debian's /usr/bin/chromium is driven by Playwright (never a browser Playwright
downloads); scripts/install_browser.sh installs it when we are root with
apt-get, and these tests skip with a reason when it cannot be had. The app runs
under uvicorn on 127.0.0.1 and a free port in a background thread. Screenshots
go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import threading
import time
import urllib.request
import warnings
from pathlib import Path
from urllib.parse import urlencode

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
WORLD = "-180,-90,180,90"


@pytest.fixture(scope="session")
def chromium() -> str:
    pytest.importorskip("playwright.sync_api", reason="playwright (Python package) is not installed")
    proc = subprocess.run(["bash", str(REPO / "scripts/install_browser.sh")], capture_output=True, text=True,
                          timeout=900)  # fmt: skip
    if proc.returncode != 0 or not Path(CHROMIUM).exists():
        pytest.skip(f"Debian chromium not available: {proc.stderr.strip() or 'install_browser.sh failed'}")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser_db(tmp_path_factory, make_docs, quiet_page) -> Path:
    """The demo corpus through the real pipeline (segmenter + event extractor + fusion), plus one hostile page.

    The extractor is a colleague's work in progress in a shared tree: when it fails
    on the demo pages, the pages are ingested without it and given hand-made events
    (with a warning), so the dashboard is still tested on real segmented pages.
    """
    from sitrep.demo_run import demo_dir
    from sitrep.fuse.store import fuse_pending
    from sitrep.ingest import load_manifest
    from sitrep.runner import ingest, load_extractor
    from sitrep.store import Store

    base = demo_dir()
    manifest = load_manifest(base / "manifest.csv")
    path = tmp_path_factory.mktemp("browser") / "demo.db"
    try:
        with Store(path) as store:
            report = ingest([base / "pages"], store, manifest=manifest, extractor=load_extractor)
        problem = f"{report.failed} page(s) failed: {report.skips[:1]}" if report.failed or not report.events else ""
    except Exception as exc:  # noqa: BLE001 - a broken extractor is not what these tests test
        problem = repr(exc)
    if problem:
        warnings.warn(f"event extractor failed on the demo pages ({problem}); using hand-made events")
        path = path.with_name("demo-fallback.db")
        with Store(path) as store:
            ingest([base / "pages"], store, manifest=manifest, extractor=None)
            hand_made_events(store)
    with Store(path) as store:
        store.write_batch([b for b in make_docs() if b[0].doc_id == "d3"])
        store.write_batch([(quiet_page(), [], [])])  # comments and no event: reachable from the list only
        fuse_pending(store)  # as ingest does at its end, so the hostile page's event is a merged event too
    return path


PLACES = [(35.336, 40.141), (34.452, 40.919), (35.086, 40.452), (34.742, 40.770), (35.156, 40.427),
          (34.780, 40.714), (35.020, 40.452), (34.921, 40.560)]  # fmt: skip
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
         ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest")]  # fmt: skip


def hand_made_events(store) -> None:
    """Two events per demo page, their evidence the first sentence of a body paragraph."""
    from datetime import date, timedelta

    from sitrep.records import Event, Evidence

    for n, row in enumerate(store.documents()):
        doc = store.load_document(row["doc_id"])
        body = [s for s in doc["segments"] if s["kind"] == "body"][:2]
        events = []
        for k, para in enumerate(body):
            end = para["text"].find(". ")
            sent = para["text"][: end + 1 if end > 0 else len(para["text"])]
            word = next((w for w in sent.split() if len(w) > 4 and w.isalpha()), sent.split()[0])
            w0 = para["start"] + sent.index(word)
            lat, lon = PLACES[(2 * n + k) % len(PLACES)]
            et, st = TYPES[(n + k) % len(TYPES)]
            published = date.fromisoformat(row["published"]) if row["published"] else date(2021, 1, 1)
            events.append(Event(
                event_id=f"{row['doc_id']}-{k}", doc_id=row["doc_id"], event_date=published - timedelta(days=k + 1),
                time_precision=1, event_type=et, sub_event_type=st, actor1="Group A" if k else "Group B",
                actor2="Group B" if k else None, latitude=lat, longitude=lon, source=row["source"],
                fatalities=k or None, certainty="reported" if k else "claimed", claimed_by=None if k else "Group B",
                evidence=[Evidence("sentence", para["start"], para["start"] + len(sent), sent),
                          Evidence("trigger", w0, w0 + len(word), word)],
            ))  # fmt: skip
        with store.conn:
            for ev in events:
                store._insert_event(ev)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def base_url(browser_db: Path):
    import uvicorn

    from sitrep.web import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(browser_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def api(base_url: str, path: str, **params) -> dict:
    url = f"{base_url}{path}" + (f"?{urlencode(params)}" if params else "")
    with urllib.request.urlopen(url, timeout=10) as r:  # loopback only
        return json.loads(r.read())


@pytest.fixture(scope="module")
def browser(chromium, tmp_path_factory):
    """One Chromium for this module. Not session-wide: Playwright's sync API refuses to start
    while another instance runs, so tests/review's browser test would fail after these."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=chromium, headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 900},
        )  # fmt: skip
        yield ctx
        ctx.close()


class Watch:
    """Dialogs, console errors and page errors seen while a test ran."""

    def __init__(self, page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))


@pytest.fixture
def page(browser, base_url):
    p = browser.new_page()
    watch = Watch(p)
    p.goto(base_url + "/")
    p.wait_for_selector("body[data-ready='1']", timeout=30_000)
    p.watch = watch  # type: ignore[attr-defined]
    yield p
    p.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


COUNT_MARKERS_JS = """() => {
  let n = 0;
  for (const s of document.querySelectorAll('#map .marker-cluster span')) n += parseInt(s.textContent, 10);
  return n + document.querySelectorAll('#map path.ev-marker').length;
}"""


def markers_shown(page, expected: int) -> int:
    """Markers drawn (cluster counts + lone markers) once Leaflet has settled; the count is then asserted."""
    try:
        page.wait_for_function(f"() => ({COUNT_MARKERS_JS})() === {expected}", timeout=5_000)
    except Exception:  # noqa: BLE001 - fall through to the exact assert with the real number
        pass
    return int(page.evaluate(COUNT_MARKERS_JS))


def wait_loaded(page, after: int) -> int:
    page.wait_for_function(f"() => Number(document.getElementById('status').dataset.loads) > {after}", timeout=20_000)
    return int(page.get_attribute("#status", "data-loads"))


def test_map_shows_every_geocoded_event(page, base_url):
    total_geo = api(base_url, "/api/events", bbox=WORLD, limit=1)["total"]
    total = api(base_url, "/api/events", limit=1)["total"]
    assert total_geo > 5  # the demo corpus gives a real map, not an empty one
    assert page.get_attribute("#status", "data-total") == str(total)
    assert page.get_attribute("#status", "data-on-map") == str(total_geo)
    assert markers_shown(page, total_geo) == total_geo
    # the base map is the shipped admin-1 boundaries, drawn as vector paths
    assert page.locator("#map path.leaflet-interactive:not(.ev-marker)").count() >= 14
    shot(page, "map")
    assert page.watch.errors == []


def test_brushing_the_timeline_filters_the_map(page, base_url):
    before = int(page.get_attribute("#status", "data-on-map"))
    loads = int(page.get_attribute("#status", "data-loads"))
    box = page.locator("#timeline .u-over").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.02, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=8)
    page.mouse.move(box["x"] + box["width"] * 0.45, y, steps=8)
    page.mouse.up()
    wait_loaded(page, loads)
    label = page.text_content("#brush-label")
    since, until = label.split(" → ")
    expected = api(base_url, "/api/events", bbox=WORLD, since=since, until=until, limit=1)["total"]
    after = int(page.get_attribute("#status", "data-on-map"))
    assert after == expected and after < before
    assert markers_shown(page, expected) == expected
    assert f"since={since}" in page.url and f"until={until}" in page.url  # the range is in the URL
    assert page.input_value("#f-since") == since
    shot(page, "timeline-brushed")
    loads = int(page.get_attribute("#status", "data-loads"))
    page.click("#brush-clear")
    wait_loaded(page, loads)
    assert int(page.get_attribute("#status", "data-on-map")) == before
    assert "since=" not in page.url


def test_filter_menu_narrows_the_map(page, base_url):
    loads = int(page.get_attribute("#status", "data-loads"))
    page.select_option("#f-event_type", "Battles")
    wait_loaded(page, loads)
    expected = api(base_url, "/api/events", bbox=WORLD, event_type="Battles", limit=1)["total"]
    assert int(page.get_attribute("#status", "data-on-map")) == expected
    assert markers_shown(page, expected) == expected


def test_clicking_an_event_shows_sources_and_highlighted_sentence(page, base_url):
    marker = page.locator("#map path.ev-marker").first
    if page.locator("#map path.ev-marker").count() == 0:
        page.locator("#map .marker-cluster").first.click()  # zooms in or spiderfies
        page.wait_for_selector("#map path.ev-marker", timeout=10_000)
    marker.click(force=True)
    page.wait_for_selector("#panel .source", timeout=10_000)
    event_id = page.get_attribute("#panel", "data-event-id")
    ev = api(base_url, f"/api/events/{event_id}")
    sources = page.locator("#panel .source")
    assert sources.count() == len(ev["sources"])
    first = ev["sources"][0]
    box = sources.first
    assert box.locator(".claimant").text_content() == (
        f"claimed by {first['claimed_by']}" if first["claimed_by"] else "the outlet's own report"
    )
    assert box.locator(".badge").first.text_content() == first["certainty"]
    marked = [m.text_content() for m in box.locator("mark.ev-sentence").all()]
    assert marked, "no highlighted sentence"
    for e in first["evidence"]:
        if e["sentence"]:
            assert any(e["sentence"]["text"] in m for m in marked), (e["sentence"]["text"], marked)
    # the sentence sits inside its paragraph, shown in full around it
    para_texts = [p.text_content() for p in box.locator("p.evidence-para").all()]
    assert para_texts == [p["text"] for p in first["paragraphs"]]
    # each field span is marked in its field's colour, and the key names every colour
    fields = box.locator("mark.ev[data-fields]")
    assert fields.count() >= 1
    for m in fields.all():
        assert m.get_attribute("class").split()[1] in {f"ev-{f}" for f in m.get_attribute("data-fields").split()}
    key = [m.get_attribute("class") for m in page.locator("#panel .ev-key mark").all()]
    assert "ev ev-trigger" in key and "ev ev-location" in key and "ev ev-actor1" in key
    assert page.get_attribute("#panel", "data-event-id") in page.url  # the open event is in the URL
    shot(page, "event-panel")
    # from a source to its document
    box.locator("button.open-doc").click()
    page.wait_for_selector("#doc-article .doc-title")
    assert page.get_attribute("#doc-article", "data-doc-id") == first["document"]["doc_id"]
    assert page.watch.errors == []


def test_hostile_comment_in_demo_page_renders_as_text(page, base_url, browser_db):
    from sitrep.store import Store

    with Store(browser_db, read_only=True) as s:
        doc_id = s.find_document("007_abu_hamam_vigil.html")
    assert doc_id
    page.evaluate("id => window.sitrep.openDocument(id)", doc_id)
    page.wait_for_selector("#doc-comments .comment")
    payload = page.locator("#doc-comments .comment .text", has_text="Testing your filters")
    assert payload.count() == 1
    assert payload.text_content() == "Testing your filters <script>alert(1)</script> and a picture plus my sources lol"
    assert page.locator("#view-doc script, #view-doc img, #view-doc a, #view-doc iframe").count() == 0
    # the thread is drawn apart from the article, with its depth
    assert page.locator("#doc-article .comment").count() == 0
    assert page.locator("#doc-comments .comment").count() == len(api(base_url, f"/api/documents/{doc_id}")["comments"])
    page.wait_for_timeout(300)
    assert page.watch.dialogs == []
    assert page.evaluate("() => window.__xss") is None
    shot(page, "document-xss-demo")


def test_hostile_strings_everywhere_stay_text(page, base_url, hostile):
    XSS_ACTOR, XSS_COMMENT, XSS_TITLE = hostile["actor"], hostile["comment"], hostile["title"]

    page.evaluate("id => window.sitrep.openDocument(id)", "d3")
    page.wait_for_selector("#doc-comments .comment")
    assert page.text_content("#doc-article .doc-title") == XSS_TITLE
    assert page.text_content("#doc-comments .comment .text") == XSS_COMMENT
    assert page.text_content("#doc-comments .comment .author") == "<b>mallory</b>"
    page.locator("#doc-article button.linkish").first.click()  # its event report, in the panel
    page.wait_for_selector("#panel .source")
    assert XSS_ACTOR in page.text_content("#panel dl.facts")
    # the hostile outlet name is a menu option, shown as typed; choosing it narrows the graph to its actor
    assert page.locator("#f-outlet option", has_text="Outlet <i>C</i>").count() == 1
    page.select_option("#f-outlet", "Outlet <i>C</i>")
    page.click("#tab-graph")
    page.wait_for_function("() => document.getElementById('graph-meta').textContent.startsWith('1 actors')")
    assert page.evaluate("() => window.sitrep.graph().nodes().map(n => n.data('label'))") == [XSS_ACTOR]
    page.wait_for_timeout(300)
    assert page.locator("img[src='x'], svg[onload], b[onmouseover], iframe").count() == 0
    assert page.watch.dialogs == []
    assert page.evaluate("() => window.__xss") is None
    shot(page, "hostile-strings")


def test_actor_graph_view(page, base_url):
    page.click("#tab-graph")
    page.wait_for_selector("#graph[data-nodes]")
    g = api(base_url, "/api/actors/graph")
    cy = "window.sitrep.graph()"
    assert page.evaluate(f"() => {cy}.nodes().length") == len(g["nodes"])
    assert page.evaluate(f"() => {cy}.edges().length") == len(g["edges"])
    # directed, labelled edges; nodes coloured by inter code
    assert page.evaluate(f"() => {cy}.edges().map(e => e.style('target-arrow-shape'))") == ["triangle"] * len(g["edges"])
    labels = page.evaluate(f"() => {cy}.edges().map(e => e.data('label'))")
    assert all(lab.split(" ×")[0] == e["relation"] for lab, e in zip(labels, g["edges"]))
    colours = page.evaluate(f"() => Object.fromEntries({cy}.nodes().map(n => [n.id(), n.data('colour')]))")
    vocab = api(base_url, "/api/facets")["inter_codes"]
    for n in g["nodes"]:
        assert colours[n["id"]] == vocab[str(n["inter"] if n["inter"] is not None else 0)]["colour"]
    # the layout keeps labels apart: no two node label boxes overlap
    boxes = page.evaluate(f"() => {cy}.nodes().map(n => n.boundingBox({{includeLabels: true}}))")
    overlaps = [(i, j) for i, a in enumerate(boxes) for j, b in enumerate(boxes) if i < j
                and a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]]
    assert overlaps == []
    shot(page, "actor-graph")
    # a click on an actor filters every view by it
    loads = int(page.get_attribute("#status", "data-loads"))
    node = g["nodes"][0]["id"]
    pos = page.evaluate(f"id => {cy}.getElementById(id).renderedPosition()", node)
    frame = page.locator("#graph").bounding_box()
    page.mouse.click(frame["x"] + pos["x"], frame["y"] + pos["y"])
    wait_loaded(page, loads)
    assert page.input_value("#f-actor") == node
    expected = api(base_url, "/api/events", actor=node, limit=1)["total"]
    assert page.get_attribute("#status", "data-total") == str(expected)
    assert page.get_attribute("#event-list", "data-total") == str(expected)
    assert "actor=" in page.url and not page.locator("#view-map").is_hidden()


# -- the analyst dashboard (issue #18) ------------------------------------------------

NEIGHBOUR_FILL = (227, 221, 204)  # #e3ddcc, map.js style("countries") for a country other than Syria
SEA = (185, 207, 226)  # #b9cfe2, the map's background


DECODE_JS = """async (b64) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + b64;
  await img.decode();
  const c = document.createElement('canvas');
  c.width = img.width; c.height = img.height;
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  const out = {};
  for (let i = 0; i < d.length; i += 4) { const k = d[i] + ',' + d[i + 1] + ',' + d[i + 2]; out[k] = (out[k] || 0) + 1; }
  return out;
}"""


def colours(page, png: bytes) -> dict[tuple[int, int, int], int]:
    """Pixel counts per colour of a PNG, decoded by the browser itself (a blank page, no store data)."""
    import base64

    scratch = page.context.new_page()
    try:
        counts = scratch.evaluate(DECODE_JS, base64.b64encode(png).decode())
        return {tuple(int(x) for x in k.split(",")): v for k, v in counts.items()}
    finally:
        scratch.close()


def test_basemap_layers_labels_and_screenshots(page, base_url, tmp_path):
    pane = "#map .leaflet-basemap-pane path"
    assert page.locator(pane).count() >= 12 + 2 + 11  # countries, land, lakes at least
    assert page.locator("#map path.bm-neighbour").count() >= 5
    assert page.locator("#map path.bm-contested").count() >= 3  # Golan line of control and claim lines
    assert page.locator("#map path.bm-corridor").count() == 2
    roads = page.eval_on_selector_all("#map .road-label", "els => els.map(e => e.textContent)")
    assert sorted(roads) == ["M4 (schematic)", "M5 (schematic)"]
    assert page.locator("#map .leaflet-control-attribution", has_text="Natural Earth").count() == 1
    # labels by zoom: the country view names the governorate seats, a close view the neighbourhoods
    page.evaluate("() => window.sitrep.map().setView([35.0, 38.5], 6, {animate: false})")
    page.wait_for_function("() => document.querySelectorAll('#map .place-label.major').length >= 5")
    far = set(page.eval_on_selector_all("#map .place-label:not(.foreign)", "els => els.map(e => e.textContent)"))
    assert {"Aleppo", "Damascus"} <= far and len(far) < 40
    page.evaluate("() => window.sitrep.map().setView([33.513, 36.29], 14, {animate: false})")
    page.wait_for_function("() => Number(document.getElementById('map').dataset.labels) > 40")
    near = set(page.eval_on_selector_all("#map .place-label", "els => els.map(e => e.textContent)"))
    assert "Aleppo" not in near and len(near) > 40
    page.evaluate("() => window.sitrep.map().setView([34.8, 38.0], 6, {animate: false})")
    page.wait_for_timeout(400)
    for width in (1400, 800):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(400)
        path = tmp_path / f"dashboard-{width}x900.png"
        png = page.screenshot(path=str(path))
        assert path.stat().st_size > 10_000
        seen = colours(page, png)
        total = sum(seen.values())
        assert seen.get(NEIGHBOUR_FILL, 0) > total * 0.01, "neighbouring countries are not drawn as land"
        assert max(seen.values()) < total * 0.6 and len(seen) > 200  # not one flat colour
        shot(page, f"dashboard-{width}")
    page.set_viewport_size({"width": 1400, "height": 900})


def test_filter_refits_the_map_and_clears_a_stale_panel(page, base_url):
    events = api(base_url, "/api/events", bbox=WORLD, limit=1000)["items"]
    protest = next(e for e in events if e["event_type"] == "Protests")
    page.evaluate("id => window.sitrep.openEvent(id)", protest["id"])
    page.wait_for_selector("#panel .source")
    assert page.get_attribute("#panel", "data-event-id") == protest["id"]
    # a filter the open event still matches keeps it
    loads = int(page.get_attribute("#status", "data-loads"))
    page.select_option("#f-event_type", "Protests")
    wait_loaded(page, loads)
    page.wait_for_timeout(300)
    assert page.get_attribute("#panel", "data-event-id") == protest["id"]
    # one it does not match clears the panel, and the map fits the events that remain
    other = next(e for e in events if e["event_type"] != "Protests" and e["location"] != protest["location"])
    loads = int(page.get_attribute("#status", "data-loads"))
    page.select_option("#f-event_type", other["event_type"])
    wait_loaded(page, loads)
    page.wait_for_function("() => !document.getElementById('panel').dataset.eventId")
    assert "event=" not in page.url
    shown = api(base_url, "/api/events", bbox=WORLD, event_type=other["event_type"], limit=1000)["items"]
    b = page.evaluate("() => { const b = window.sitrep.map().getBounds(); return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; }")
    assert all(b[0] <= e["latitude"] <= b[2] and b[1] <= e["longitude"] <= b[3] for e in shown)
    lats = [e["latitude"] for e in shown]
    # fitted, not the whole region: the view is no more than a few times the events' own spread
    assert b[2] - b[0] <= max(4 * (max(lats) - min(lats)), 1.5)
    assert int(page.get_attribute("#event-list", "data-total")) == len(shown) + sum(
        1 for e in api(base_url, "/api/events", event_type=other["event_type"], limit=1000)["items"] if e["latitude"] is None)


def test_url_round_trip(page, base_url, browser):
    loads = int(page.get_attribute("#status", "data-loads"))
    page.select_option("#f-event_type", "Battles")
    wait_loaded(page, loads)
    loads = int(page.get_attribute("#status", "data-loads"))
    page.fill("#f-since", "2021-01-01")
    page.dispatch_event("#f-since", "change")
    wait_loaded(page, loads)
    loads = int(page.get_attribute("#status", "data-loads"))
    claim = api(base_url, "/api/facets")["claim_statuses"][0]
    page.select_option("#f-certainty", claim)
    wait_loaded(page, loads)
    url, total = page.url, page.get_attribute("#status", "data-total")
    assert "event_type=Battles" in url and "since=2021-01-01" in url and f"certainty={claim}" in url
    again = browser.new_page()
    try:
        again.goto(url)
        again.wait_for_selector("body[data-ready='1']", timeout=30_000)
        assert again.input_value("#f-event_type") == "Battles"
        assert again.input_value("#f-since") == "2021-01-01"
        assert again.input_value("#f-certainty") == claim
        assert again.get_attribute("#status", "data-total") == total
        assert total == str(api(base_url, "/api/events", event_type="Battles", since="2021-01-01", certainty=claim,
                                limit=1)["total"])  # fmt: skip
        # a shared link to a document opens it
        again.goto(base_url + "/?doc=q1")
        again.wait_for_selector("#doc-article[data-doc-id='q1']", timeout=30_000)
    finally:
        again.close()


def test_document_list_opens_a_page_without_events(page, base_url):
    page.click("#tab-docs")
    page.wait_for_selector("#doc-list table.doc-table")
    listed = api(base_url, "/api/documents", limit=25)
    assert page.locator("#doc-list tr[data-doc-id]").count() == len(listed["items"])
    row = page.locator("#doc-list tr[data-doc-id='q1']")
    assert [c.text_content() for c in row.locator("td").all()][:2] == ["2021-07-01", "Outlet Q"]
    assert row.locator("td.num").all_text_contents() == ["0", "1"]
    row.locator("button.open-doc").click()
    page.wait_for_selector("#doc-article[data-doc-id='q1']")
    assert page.locator("#doc-article .no-events").count() == 1
    assert page.locator("#doc-comments .comment .text").all_text_contents() == [
        "Prices are higher than this in our district, believe me."]
    assert "doc=q1" in page.url
    shot(page, "document-without-events")


def test_search_marks_hits_and_keeps_comments_apart(page, base_url):
    page.fill("#f-q", "stalls")
    page.press("#f-q", "Enter")
    page.click("#tab-docs")
    page.wait_for_selector("#doc-list tr[data-doc-id='q1'] mark.hit")
    assert page.locator("#doc-list tr[data-doc-id]").count() == 1
    assert page.locator("#doc-list mark.hit").first.text_content().lower() == "stalls"
    assert "q=stalls" in page.url
    # a word only a comment holds: no page, one comment hit, shown apart
    page.fill("#f-q", "believe")
    page.press("#f-q", "Enter")
    page.wait_for_selector("#comment-hits .comment mark.hit")
    assert page.get_attribute("#doc-list", "data-total") == "0"
    assert page.locator("#comment-hits .comment").count() == api(base_url, "/api/search", q="believe", kind="comments")["total"]
    assert int(page.get_attribute("#status", "data-total")) == 0  # and no event
    # the document view marks the words of the search in its text
    page.fill("#f-q", "stalls")
    page.press("#f-q", "Enter")
    page.wait_for_selector("#doc-list tr[data-doc-id='q1']")
    page.locator("#doc-list tr[data-doc-id='q1'] button.open-doc").click()
    page.wait_for_selector("#doc-article[data-hits]")
    assert int(page.get_attribute("#doc-article", "data-hits")) == 1
    assert page.locator("#doc-article p.para mark.hit").text_content() == "stalls"
    shot(page, "search-hit")


def test_export_button_downloads_the_current_view(page, base_url, tmp_path):
    loads = int(page.get_attribute("#status", "data-loads"))
    page.select_option("#f-event_type", "Battles")
    wait_loaded(page, loads)
    with page.expect_download() as dl:
        page.click("#export-csv")
    path = tmp_path / "view.csv"
    dl.value.save_as(path)
    assert dl.value.suggested_filename == "sitrep-view.csv"
    with urllib.request.urlopen(f"{base_url}/api/export?format=acled-csv&event_type=Battles", timeout=20) as r:
        served = r.read().decode("utf-8")
    # the same file but for `timestamp`, the time of writing of any report fusion has not seen
    strip = lambda text: [{k: v for k, v in row.items() if k != "timestamp"}  # noqa: E731
                          for row in csv.DictReader(io.StringIO(text))]
    assert strip(path.read_text(encoding="utf-8")) == strip(served)
    rows = path.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("event_id_cnty,event_date,year")
    assert len(rows) - 1 == api(base_url, "/api/events", event_type="Battles", limit=1)["total"]
    with page.expect_download() as dl:
        page.click("#export-geojson")
    gj = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == len(rows) - 1
