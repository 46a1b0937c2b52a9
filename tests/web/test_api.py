"""Dashboard API in process: filters, pagination, evidence, documents, errors, read-only."""

from __future__ import annotations

import inspect
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitrep.errors import StoreError
from sitrep.web.app import CSP

ALL_NEWEST_FIRST = ["e7", "e4", "e3", "e2", "e6", "e1", "e5"]  # e6/e1 share a date: later insert first


def ids(resp) -> list[str]:
    assert resp.status_code == 200, resp.text
    return [i["id"] for i in resp.json()["items"]]


def test_events_all_newest_first(client):
    r = client.get("/api/events")
    body = r.json()
    assert body["level"] == "reports" and body["total"] == 7 and body["limit"] == 100 and body["offset"] == 0
    assert ids(r) == ALL_NEWEST_FIRST
    e1 = next(i for i in body["items"] if i["id"] == "e1")
    assert e1 == {
        "id": "e1", "event_date": "2021-03-03", "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Group A", "actor2": "Group B", "admin1": "Deir-ez-Zor", "location": "Town One",
        "latitude": 35.33, "longitude": 40.14, "fatalities": 3, "outlets": "Outlet A", "certainty": "reported",
        "claimed_by": None, "n_sources": 1, "n_outlets": 1, "doc_id": "d1",
    }  # fmt: skip


@pytest.mark.parametrize(
    "query, expected",
    [
        ("since=2021-06-01", ["e7", "e4", "e3"]),
        ("until=2021-03-03", ["e6", "e1"]),
        ("since=2021-03-04&until=2021-06-10", ["e4", "e3", "e2"]),
        ("actor=Group A", ["e2", "e6", "e1", "e5"]),
        ("actor=Group C", ["e3"]),
        ("event_type=Battles", ["e6", "e1"]),
        ("sub_event_type=Peaceful protest", ["e4"]),
        ("certainty=alleged", ["e3", "e6"]),
        ("certainty=claimed", ["e2"]),
        ("outlet=Outlet A", ["e2", "e1"]),
        ("bbox=39,34,41,36", ["e2", "e6", "e1"]),
        ("bbox=36,33,37.5,36.5", ["e7", "e4", "e3"]),
        ("event_type=Battles&certainty=reported", ["e1"]),
        ("actor=Nobody", []),
    ],
)
def test_event_filters(client, query, expected):
    r = client.get(f"/api/events?{query}")
    assert ids(r) == expected
    assert r.json()["total"] == len(expected)


def test_pagination_walks_the_whole_list(client):
    seen = []
    for offset in (0, 3, 6):
        body = client.get(f"/api/events?limit=3&offset={offset}").json()
        assert body["total"] == 7 and body["limit"] == 3 and body["offset"] == offset
        seen += [i["id"] for i in body["items"]]
    assert seen == ALL_NEWEST_FIRST
    assert client.get("/api/events?limit=3&offset=7").json()["items"] == []
    assert len(client.get("/api/events?limit=1000").json()["items"]) == 7


@pytest.mark.parametrize(
    "query, fragment",
    [
        ("since=2021-13-01", "since: not an ISO date"),
        ("until=yesterday", "until: not an ISO date"),
        ("since=2021-06-01&until=2021-01-01", "since (2021-06-01) is after until (2021-01-01)"),
        ("bbox=1,2,3", "bbox: expected minLon,minLat,maxLon,maxLat"),
        ("bbox=a,b,c,d", "bbox: not numbers"),
        ("bbox=40,30,39,31", "bbox: min must not exceed max"),
        ("bbox=0,-91,1,1", "bbox: longitudes must be within"),
        ("bbox=nan,1,2,3", "bbox: numbers must be finite"),
        ("limit=0", "limit: Input should be greater than or equal to 1"),
        ("limit=1001", "limit: Input should be less than or equal to 1000"),
        ("limit=ten", "limit: Input should be a valid integer"),
        ("offset=-1", "offset: Input should be greater than or equal to 0"),
        ("offset=99999999999999999999", "offset: Input should be less than or equal to 1000000000"),
        ("level=everything", "level: Input should be 'auto', 'merged' or 'reports'"),
        ("actor=" + "x" * 501, "actor: longer than 500 characters"),
    ],
)
def test_malformed_queries_are_400_with_a_message(client, query, fragment):
    r = client.get(f"/api/events?{query}")
    assert r.status_code == 400
    assert r.headers["content-type"] == "application/json"
    assert fragment in r.json()["error"]


@pytest.mark.parametrize("path", ["/api/stats?since=x", "/api/actors/graph?until=2021-02-30", "/api/stats?bin=year"])
def test_other_endpoints_reject_bad_input(client, path):
    r = client.get(path)
    assert r.status_code == 400 and r.json()["error"]


@pytest.mark.parametrize(
    "path, message",
    [
        ("/api/events/nope", "no event 'nope'"),
        ("/api/documents/nope", "no document 'nope'"),
        ("/api/nothing-here", "Not Found"),
    ],
)
def test_unknown_ids_are_404(client, path, message):
    r = client.get(path)
    assert r.status_code == 404 and r.json() == {"error": message}


def test_merged_level_before_fusion_is_empty(client):
    r = client.get("/api/events?level=merged")
    # 0002 exists, so the table is there but empty: an empty list, not an error
    assert r.status_code == 200 and r.json()["total"] == 0 and r.json()["level"] == "merged"


def test_event_detail_has_sources_with_sentence_and_paragraph(client):
    ev = client.get("/api/events/e1").json()
    assert ev["id"] == "e1" and ev["level"] == "reports" and ev["merged_id"] is None
    [src] = ev["sources"]
    assert src["outlet"] == "Outlet A" and src["claimed_by"] is None and src["certainty"] == "reported"
    assert src["document"] == {"doc_id": "d1", "name": "d1.txt", "title": "Clashes east of the river", "url": None,
                               "published": "2021-03-04", "outlet": "Outlet A"}  # fmt: skip
    para = "Fighters of Group A clashed with Group B near the town. Three of them were killed, residents said."
    assert [p["text"] for p in src["paragraphs"]] == [para]
    by_field = {e["field"]: e for e in src["evidence"]}
    trig = by_field["trigger"]
    assert para[trig["rel_start"]:trig["rel_end"]] == "clashed"
    assert trig["sentence"] == {"rel_start": 0, "rel_end": 55, "text": "Fighters of Group A clashed with Group B near the town."}
    assert by_field["fatalities"]["sentence"]["text"] == "Three of them were killed, residents said."


def test_stored_sentence_span_wins_and_claimant_is_kept(client):
    ev = client.get("/api/events/e2").json()
    [src] = ev["sources"]
    assert src["certainty"] == "claimed" and src["claimed_by"] == "Group A"
    trig = next(e for e in src["evidence"] if e["field"] == "trigger")
    assert trig["sentence"]["text"] == "Later that day a roadside bomb hit a car on the highway."
    assert trig["text"] == "roadside bomb"


def test_document_with_thread_apart_from_body(client):
    d = client.get("/api/documents/d1").json()
    assert d["title"] == "Clashes east of the river" and d["source"] == "Outlet A" and d["published"] == "2021-03-04"
    assert [p["text"] for p in d["paragraphs"]] == [
        "Fighters of Group A clashed with Group B near the town. Three of them were killed, residents said.",
        "Later that day a roadside bomb hit a car on the highway. Group A said it planted the device.",
    ]
    assert [(c["idx"], c["author"], c["depth"], c["parent"], c["text"]) for c in d["comments"]] == [
        (0, "reader1", 0, None, "Nobody believes these numbers."),
        (1, "reader2", 1, 0, "You always say that."),
    ]
    assert d["comments_analysed"] is False and all(c["analysis"] is None for c in d["comments"])
    assert [e["event_id"] for e in d["events"]] == ["e1", "e2"]
    assert "text" not in d  # the raw page text is not sent; paragraphs and comments are


def test_document_shows_comment_analysis_rows(tmp_path, build_store):
    from fastapi.testclient import TestClient

    from sitrep.web import create_app

    path = build_store(tmp_path / "a.db")
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO comment_scores(doc_id, comment_idx, author, parent, depth, replies, toxicity, toxic, flags,"
        " topics, hits) VALUES ('d1', 0, 'reader1', NULL, 0, 1, 0.75, 1, '[\"insult\"]', '[\"casualties\"]', '[]')"
    )
    conn.execute(
        "INSERT INTO comment_claims(doc_id, comment_idx, start, \"end\", text, trigger)"
        " VALUES ('d1', 0, 1, 5, 'they raided it', 'raided')"
    )
    conn.commit()
    conn.close()
    d = TestClient(create_app(path)).get("/api/documents/d1").json()
    assert d["comments_analysed"] is True
    assert d["comments"][0]["analysis"] == {
        "toxicity": 0.75, "toxic": True, "flags": ["insult"], "topics": ["casualties"], "replies": 1, "depth": 0,
        "parent": None, "claims": [{"text": "they raided it", "trigger": "raided", "kind": "rumour", "start": 1, "end": 5}],
    }  # fmt: skip
    assert d["comments"][1]["analysis"] is None


def test_stats_counts_range_and_histogram(client):
    s = client.get("/api/stats").json()
    assert s["counts"] == {"documents": 3, "comments": 3, "reports": 7, "merged_events": 0, "unfused_reports": 0,
                           "matching": 7}  # fmt: skip
    assert s["date_range"] == {"min": "2021-03-03", "max": "2021-06-11"}
    assert s["bin"] == "day"
    ev, vac = "Explosions/Remote violence", "Violence against civilians"
    assert s["histogram"] == [
        {"start": "2021-03-03", "count": 2, "fatalities": 3, "by_type": {"Battles": 2}},
        {"start": "2021-03-04", "count": 1, "fatalities": 0, "by_type": {ev: 1}},
        {"start": "2021-06-09", "count": 1, "fatalities": 1, "by_type": {vac: 1}},
        {"start": "2021-06-10", "count": 1, "fatalities": 0, "by_type": {"Protests": 1}},
        {"start": "2021-06-11", "count": 1, "fatalities": 0, "by_type": {ev: 1}},
    ]  # fmt: skip
    weekly = client.get("/api/stats?bin=week&event_type=Battles").json()
    # 2021-03-03 is a Wednesday
    assert weekly["histogram"] == [{"start": "2021-03-01", "count": 2, "fatalities": 3, "by_type": {"Battles": 2}}]
    assert weekly["counts"]["matching"] == 2
    monthly = client.get("/api/stats?bin=month").json()["histogram"]
    assert [(h["start"], h["count"], h["by_type"]) for h in monthly] == [
        ("2021-03-01", 3, {"Battles": 2, ev: 1}), ("2021-06-01", 3, {vac: 1, "Protests": 1, ev: 1})]


def test_actor_graph_from_events(client):
    g = client.get("/api/actors/graph").json()
    assert g["source"] == "events+actor_relations"  # 0004 exists, but no relation is stored here
    nodes = {n["id"]: n["events"] for n in g["nodes"]}
    assert nodes["Group A"] == 4 and nodes["Group B"] == 3 and nodes["Group C"] == 1
    edges = {(e["source"], e["target"], e["relation"], e["kind"]): e["weight"] for e in g["edges"]}
    assert edges == {
        ("Group A", "Group B", "fought", "event"): 1, ("Group A", "Group B", "negotiated_with", "event"): 1,
        ("Group B", "Group A", "fought", "event"): 1, ("Group C", "Civilians", "attacked", "event"): 1,
    }  # fmt: skip
    assert [n["id"] for n in client.get("/api/actors/graph?max_nodes=2").json()["nodes"]] == ["Group A", "Group B"]
    battles = client.get("/api/actors/graph?event_type=Battles").json()
    assert {(e["source"], e["target"]) for e in battles["edges"]} == {("Group A", "Group B"), ("Group B", "Group A")}


def test_actor_graph_adds_stated_relations(tmp_path, build_store):
    from fastapi.testclient import TestClient

    from sitrep.web import create_app

    path = build_store(tmp_path / "g.db")
    conn = sqlite3.connect(path)
    conn.execute(
        'INSERT INTO actor_relations(src, dst, type, doc_id, start, "end", text, date)'
        " VALUES ('Group C', 'Group A', 'backed_by', 'd2', 0, 10, 'Group C, backed by Group A', '2021-06-10')"
    )
    conn.commit()
    conn.close()
    c = TestClient(create_app(path))
    g = c.get("/api/actors/graph").json()
    assert {"source": "Group C", "target": "Group A", "relation": "backed_by", "kind": "stated", "weight": 1} in g["edges"]
    assert [e for e in c.get("/api/actors/graph?until=2021-06-01").json()["edges"] if e["kind"] == "stated"] == []
    assert [e for e in c.get("/api/actors/graph?outlet=Outlet A").json()["edges"] if e["kind"] == "stated"] == []
    assert c.get("/api/actors/graph?event_type=Battles").json()["source"] == "events"


def test_facets_list_filter_values(client):
    f = client.get("/api/facets").json()
    assert f["certainties"] == ["alleged", "claimed", "reported"]
    assert f["outlets"] == ["Outlet <i>C</i>", "Outlet A", "Outlet B"]
    assert "Group A" in f["actors"] and "Battles" in f["event_types"]


# -- fused store --------------------------------------------------------------------


def test_merged_events_served_when_fusion_has_run(fused_client):
    body = fused_client.get("/api/events").json()
    assert body["level"] == "merged" and body["total"] == 6
    assert [i["id"] for i in body["items"]] == ["m7", "m4", "m3", "m2", "m1", "m5"]
    m1 = next(i for i in body["items"] if i["id"] == "m1")
    assert m1["n_sources"] == 2 and m1["n_outlets"] == 2 and m1["certainty"] == "corroborated"
    assert m1["outlets"] == "Outlet A; Outlet B"
    assert fused_client.get("/api/events?level=reports").json()["total"] == 7


@pytest.mark.parametrize(
    "query, expected",
    [
        ("outlet=Outlet B", ["m4", "m3", "m1", "m5"]),  # any source report from that outlet
        ("certainty=corroborated", ["m1"]),  # fusion's certainty
        ("certainty=alleged", ["m3", "m1"]),  # a member report's certainty
        ("actor=Group B", ["m1", "m5"]),
    ],
)
def test_merged_filters(fused_client, query, expected):
    assert ids(fused_client.get(f"/api/events?{query}")) == expected


def test_merged_event_lists_every_source(fused_client):
    ev = fused_client.get("/api/events/m1").json()
    assert ev["level"] == "merged" and ev["n_sources"] == 2
    assert [(s["event_id"], s["outlet"], s["certainty"], s["claimed_by"], s["document"]["doc_id"])
            for s in ev["sources"]] == [("e1", "Outlet A", "reported", None, "d1"),
                                        ("e6", "Outlet B", "alleged", "Group B", "d2")]  # fmt: skip
    e6 = ev["sources"][1]
    assert e6["evidence"][0]["sentence"]["text"] == "Group B says Group A fired first on Wednesday."
    # a member report is still reachable on its own, and points to its merged event
    assert fused_client.get("/api/events/e6").json()["merged_id"] == "m1"


# -- safety -------------------------------------------------------------------------


def test_store_is_opened_read_only(small_db: Path):
    from sitrep.web import create_app

    app = create_app(small_db)
    conn = app.state.db.connection()
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only"):
        conn.execute("INSERT INTO skips(origin, reason, message, seen_at) VALUES ('x', 'y', 'z', 'now')")
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM events")
    uri = conn.execute("PRAGMA database_list").fetchone()
    assert uri[2] == str(small_db.resolve())
    assert conn.execute("PRAGMA query_only").fetchone()[0] == 1


def test_missing_database_is_a_clear_error(tmp_path):
    from sitrep.web import create_app

    with pytest.raises(StoreError, match="database not found"):
        create_app(tmp_path / "none.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite at all " * 200)
    with pytest.raises(StoreError, match="not a SQLite database"):
        create_app(junk)


def test_default_bind_is_loopback_and_others_warn(monkeypatch, capsys, small_db):
    import uvicorn

    from sitrep.web import serve
    from sitrep.web import server as server_mod

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(serve).parameters["port"].default == 8765
    assert inspect.signature(serve).parameters["open_browser"].default is False
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    serve(small_db)
    assert calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == 8765
    assert "warning" not in capsys.readouterr().err
    serve(small_db, host="0.0.0.0", port=9999)
    assert calls[-1]["host"] == "0.0.0.0"
    assert capsys.readouterr().err.startswith("warning: serving on 0.0.0.0, which is not a loopback address")
    assert server_mod.is_loopback("::1") and server_mod.is_loopback("localhost") and server_mod.is_loopback("127.0.0.2")
    assert not server_mod.is_loopback("192.168.1.4")


def test_security_headers_everywhere(client):
    for path in ("/", "/api/events", "/static/app.js", "/api/events/nope"):
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
        assert h["x-content-type-options"] == "nosniff"


def test_api_answers_are_not_cached_and_headers_are_set_once(client):
    for path in ("/api/events?limit=1", "/api/events?since=nope", "/api/points?limit=2", "/api/search?q=river"):
        r = client.get(path)
        assert r.headers.get_list("cache-control") == ["no-store"]
        assert r.headers.get_list("content-security-policy") == [CSP]
    assert "no-store" not in client.get("/static/app.js").headers.get("cache-control", "")


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self.handlers: list[str] = []
        self._in = False

    def handle_starttag(self, tag, attrs):
        self.handlers += [k for k, _ in attrs if k.startswith("on")]
        if tag == "script":
            self._in = True
            self.scripts.append((dict(attrs), ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = False

    def handle_data(self, data):
        if self._in and data.strip():
            self.scripts[-1] = (self.scripts[-1][0], self.scripts[-1][1] + data)


def test_page_has_no_inline_script_and_loads_only_local_assets(client):
    html = client.get("/").text
    p = _Scripts()
    p.feed(html)
    assert [s[0]["src"] for s in p.scripts] == [
        "/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet.markercluster/leaflet.markercluster.js",
        "/static/vendor/uplot/uPlot.iife.min.js", "/static/vendor/cytoscape/cytoscape.min.js",
        "/static/js/core.js", "/static/js/map.js", "/static/js/charts.js", "/static/js/graph.js",
        "/static/js/panel.js", "/static/js/docs.js", "/static/app.js",
    ]  # fmt: skip
    assert all(body == "" for _, body in p.scripts) and p.handlers == []
    assert not re.search(r"https?://", html)
    for src in [s[0]["src"] for s in p.scripts]:
        assert client.get(src).status_code == 200


def test_page_script_never_writes_markup():
    """Our own script builds the DOM with text nodes; the vendored libraries are not ours to check."""
    static = Path(__file__).resolve().parents[2] / "src/sitrep/web/static"
    ours = [static / "app.js", *sorted((static / "js").glob("*.js"))]
    assert len(ours) >= 7
    for path in ours:
        code = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)  # comments may name the sinks
        code = re.sub(r"(?m)^\s*//.*$", "", code)
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in code, (path.name, sink)


def test_vendored_assets_carry_licences():
    vendor = Path(__file__).resolve().parents[2] / "src/sitrep/web/static/vendor"
    for lib in ("leaflet", "leaflet.markercluster", "uplot", "cytoscape"):
        assert (vendor / lib / "LICENSE").stat().st_size > 100
    assert (vendor / "VERSIONS").read_text() == (
        "leaflet 1.9.4\nleaflet.markercluster 1.5.3\nuplot 1.6.32\ncytoscape 3.35.0\n")
    # every version the build script pins is the one vendored
    script = (vendor.parents[4] / "scripts/vendor_web_assets.sh").read_text()
    for line in (vendor / "VERSIONS").read_text().splitlines():
        lib, version = line.split()
        var = {"leaflet.markercluster": "MARKERCLUSTER"}.get(lib, lib.upper())
        assert f"{var}_VERSION={version}" in script, lib


def test_boundaries_are_geojson(client):
    r = client.get("/api/boundaries")
    assert r.status_code == 200 and r.headers["content-type"] == "application/geo+json"
    gj = r.json()
    assert len(gj["features"]) == 14  # Syria's 14 governorates


def test_cached_totals_follow_writes_by_another_process(tmp_path, build_store):
    from datetime import date

    from fastapi.testclient import TestClient

    from sitrep.records import DocMeta, Document, Event, Segmentation
    from sitrep.store import Store
    from sitrep.web import create_app

    path = build_store(tmp_path / "c.db")
    app = create_app(path)
    c = TestClient(app)
    assert c.get("/api/events?event_type=Battles").json()["total"] == 2
    assert c.get("/api/events?event_type=Battles&offset=1").json()["total"] == 2  # the same count, from the cache
    assert app.state.counts.hits == 1
    doc = Document("d9", "d9.txt", "/in/d9.txt", "Body.", DocMeta(source="Outlet A"), Segmentation())
    ev = Event(event_id="e9", doc_id="d9", event_date=date(2022, 1, 1), time_precision=1, event_type="Battles",
               sub_event_type="Armed clash", actor1="Group A")  # fmt: skip
    with Store(path) as s:
        s.write_batch([(doc, [ev], [])])
    assert c.get("/api/events?event_type=Battles").json()["total"] == 3
