"""The API behind the analyst dashboard (issue #18): search, documents, filters, basemap, export.

Stores are built through `Store.write_batch` like ingest writes them, so the
search index is the one the migration's triggers keep, not one filled by hand.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory, make_docs, quiet_page) -> Path:
    path = tmp_path_factory.mktemp("dash") / "dash.db"
    with Store(path) as s:
        s.write_batch(make_docs())
        s.write_batch([(quiet_page(), [], [])])
    return path


@pytest.fixture(scope="module")
def api(db):
    from fastapi.testclient import TestClient

    from sitrep.web import create_app

    with TestClient(create_app(db)) as c:
        yield c


def test_documents_list_pages_and_counts(api):
    first = api.get("/api/documents?limit=2").json()
    assert first["total"] == 4
    rest = api.get("/api/documents?limit=2&offset=2").json()
    rows = first["items"] + rest["items"]
    assert [r["doc_id"] for r in rows] == ["q1", "d3", "d2", "d1"]  # newest publication first
    counts = {r["doc_id"]: (r["events"], r["comments"]) for r in rows}
    assert counts == {"q1": (0, 1), "d3": (1, 1), "d2": (4, 0), "d1": (2, 2)}
    quiet = api.get("/api/documents?has_events=false").json()
    assert [r["doc_id"] for r in quiet["items"]] == ["q1"]
    assert api.get("/api/documents?outlet=Outlet%20B").json()["items"][0]["doc_id"] == "d2"


def test_search_finds_page_text_with_marked_hits_but_never_comments(api):
    hits = api.get("/api/search?q=roadside").json()
    assert [h["doc_id"] for h in hits["items"]] == ["d1"]
    assert "\x02roadside\x03" in hits["items"][0]["snippet"]
    # 'believe' is only in comments: no document hit, but a comment hit of its own kind
    assert api.get("/api/search?q=believe").json()["total"] == 0
    com = api.get("/api/search?q=believe&kind=comments").json()
    assert sorted((c["doc_id"], c["idx"]) for c in com["items"]) == [("d1", 0), ("q1", 0)]
    assert all("\x02believe" in c["snippet"] for c in com["items"])
    # the last word is a prefix, and diacritics do not matter
    assert [h["doc_id"] for h in api.get("/api/search?q=stal").json()["items"]] == ["q1"]


def test_search_text_filters_events_through_their_fields_and_page(api):
    ids = lambda **p: sorted(e["id"] for e in api.get("/api/events", params=p).json()["items"])  # noqa: E731
    assert ids(q="Group C") == ["e3", "e4", "e5", "e6"]  # e3's actor, and the page all d2's reports come from
    assert ids(q="roadside") == ["e1", "e2"]  # page text: every report of d1
    assert ids(q="believe") == []  # a word only comments hold finds no event
    assert ids(q="Group C", event_type="Protests") == ["e4"]
    r = api.get("/api/events?q=%22%2A%29")
    assert r.status_code == 400 and r.json()["error"] == "q: no word to search for"
    # FTS5 syntax in user text is read as words, never as operators
    assert api.get("/api/events", params={"q": "NEAR(Group C) OR"}).status_code == 200


def test_index_follows_a_replaced_report(db, make_docs):
    from sitrep.records import Evidence

    with Store(db) as s:
        ev = next(e for d, evs, _ in make_docs() for e in evs if e.event_id == "e3")
        ev.notes = "gunmen from the orchard"
        ev.evidence = [Evidence("trigger", ev.evidence[0].start, ev.evidence[0].end, ev.evidence[0].text)]
        with s.conn:
            s._insert_event(ev)  # INSERT OR REPLACE, as a re-extraction writes it
        n = s.conn.execute("SELECT count(*) FROM search_events WHERE event_id = 'e3'").fetchone()[0]
        hit = s.conn.execute("SELECT event_id FROM search_events WHERE search_events MATCH 'orchard'").fetchall()
    assert n == 1 and [h[0] for h in hit] == ["e3"]


def test_migration_indexes_rows_written_before_it(tmp_path, make_docs, monkeypatch):
    from sitrep.store import migrate as mig

    every = mig.available()
    monkeypatch.setattr(mig, "available", lambda: [m for m in every if m.version != 9])
    path = tmp_path / "old.db"
    with Store(path) as s:
        s.write_batch(make_docs())
        assert not s.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_events'").fetchone()
    monkeypatch.setattr(mig, "available", lambda: every)
    with Store(path) as s:
        docs = {r[0] for r in s.conn.execute("SELECT doc_id FROM search_segments WHERE search_segments MATCH 'roadside'")}
        coms = s.conn.execute("SELECT count(*) FROM search_comments").fetchone()[0]
        evs = s.conn.execute("SELECT count(*) FROM search_events").fetchone()[0]
    assert docs == {"d1"} and coms == 3 and evs == 7


def test_inter_and_the_two_status_filters(api, fused_client):
    assert api.get("/api/events?inter=2").json()["total"] == 0  # the fixture codes no inter
    assert api.get("/api/events?inter=x").status_code == 400
    f = fused_client.get("/api/facets").json()
    assert f["claim_statuses"] == ["alleged", "claimed", "reported"]
    assert f["corroborations"] == ["corroborated", "single-source"]
    assert f["inter_codes"]["1"]["label"] == "State forces"
    assert set(f["event_type_colours"]) >= {"Battles", "Protests"}
    merged = fused_client.get("/api/events?corroboration=corroborated").json()
    assert [e["id"] for e in merged["items"]] == ["m1"]
    # claim status and corroboration combine: m1's reports are 'reported' and 'alleged'
    assert fused_client.get("/api/events?corroboration=corroborated&certainty=alleged").json()["total"] == 1
    assert fused_client.get("/api/events?corroboration=corroborated&certainty=claimed").json()["total"] == 0
    reports = fused_client.get("/api/events?level=reports&corroboration=corroborated").json()
    assert sorted(e["id"] for e in reports["items"]) == ["e1", "e6"]


def test_basemap_layers_and_labels_by_zoom(api):
    b = api.get("/api/basemap").json()
    layers = b["layers"]
    names = {f["properties"].get("name") for f in layers["countries"]["features"]}
    assert {"Syria", "Turkey", "Iraq", "Lebanon", "Jordan", "Israel"} <= names
    contested = [f for f in layers["borders"]["features"] if f["properties"]["contested"]]
    assert any(f["properties"].get("name") == "Syrian claim" for f in contested)
    roads = {f["properties"]["name"]: f for f in layers["corridors"]["features"]}
    assert set(roads) == {"M4", "M5"} and all(f["properties"]["schematic"] for f in roads.values())
    assert "Saraqib" in roads["M4"]["properties"]["via"] and "Saraqib" in roads["M5"]["properties"]["via"]
    syria = "35.5,32.3,42.4,37.4"
    far = api.get(f"/api/labels?bbox={syria}&zoom=6").json()["items"]
    assert {"Aleppo", "Damascus"} <= {x["name"] for x in far} and len(far) < 30
    near = api.get("/api/labels?bbox=36.25,33.48,36.35,33.54&zoom=13").json()["items"]
    assert len(near) > 20 and all(x["min_zoom"] <= 13 for x in near)
    assert all(36.25 <= x["lon"] <= 36.35 and 33.48 <= x["lat"] <= 33.54 for x in near)
    assert api.get("/api/labels?bbox=&zoom=5").status_code == 400


def test_export_view_is_the_cli_export_of_the_same_events(api, db):
    from sitrep.export import export_events

    r = api.get("/api/export?format=acled-csv&event_type=Battles")
    assert r.status_code == 200 and r.headers["content-disposition"] == 'attachment; filename="sitrep-view.csv"'
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert sorted(x["event_id_cnty"] for x in rows) == ["e1", "e6"]
    buf = io.StringIO()
    with Store(db, read_only=True) as s:
        export_events(s, "acled-csv", out=buf, merged=False, ids=["e1", "e6"])
    # the same rows and columns; `timestamp` is the time of writing for reports fusion has not seen
    strip = lambda text: [{k: v for k, v in row.items() if k != "timestamp"}  # noqa: E731
                          for row in csv.DictReader(io.StringIO(text))]
    assert r.text.splitlines()[0] == buf.getvalue().splitlines()[0]
    assert strip(r.text) == strip(buf.getvalue())
    g = api.get("/api/export?format=geojson&q=protested").json()
    assert g["type"] == "FeatureCollection" and len(g["features"]) == 4
    assert api.get("/api/export?format=parquet").status_code == 400


def test_stats_and_graph_share_the_filters(api):
    s = api.get("/api/stats?q=roadside").json()
    assert s["counts"]["matching"] == 2
    g = api.get("/api/actors/graph?actor=Group%20C").json()
    assert {n["id"] for n in g["nodes"]} == {"Group C", "Civilians"}
    assert json.dumps(g)  # plain JSON


def test_points_are_compact_rows_of_the_filtered_events(api):
    p = api.get("/api/points?event_type=Battles").json()
    assert p["total"] == 2 and p["fields"][:2] == ["id", "event_date"]
    rows = [dict(zip(p["fields"], r)) for r in p["rows"]]
    assert sorted(r["id"] for r in rows) == ["e1", "e6"]
    assert {p["types"][r["type"]] for r in rows} == {"Battles"}
    assert {p["sub_types"][r["sub_type"]] for r in rows} == {"Armed clash"}
    assert {(r["latitude"], r["longitude"]) for r in rows} == {(35.33, 40.14), (35.34, 40.15)}
    # newest first, and the limit cuts the oldest
    every = api.get("/api/points?limit=3").json()
    assert every["total"] == 7 and [r[1] for r in every["rows"]] == ["2021-06-11", "2021-06-10", "2021-06-09"]
    assert api.get("/api/points?limit=0").status_code == 400
