"""Paging the filtered events: walking the date index must give exactly the rows sorting gives.

listing.py picks, per request, between SQLite's own plan (gather the matches,
sort them by date) and a walk down the date index that tests each event with
per-event probes. Both must return the same total and the same page for every
filter; these tests build a store where the walk is really taken and compare.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from sitrep.store import Store
from sitrep.store.db import EVENT_COLUMNS
from sitrep.web import listing
from sitrep.web.app import json_body
from sitrep.web.queries import MERGED, REPORTS, Database, EventFilters, _where
from sitrep.web.search import fts_query

N_EVENTS = 600
N_DOCS = 30
KINDS = [("Battles", "Armed clash"), ("Protests", "Peaceful protest"), ("Riots", "Mob violence")]
CLAIMS = ["reported", "reported", "claimed", "alleged"]
OUTLETS = ["North Wire", "South Post", "East Daily"]
WORDS = ["granary", "ferry", "quarry", "orchard"]


def _build(path: Path) -> Path:
    """Merged events with one or two source reports each, pages with words to search, all synthetic."""
    rnd = random.Random(7)
    with Store(path) as store:
        c = store.conn
        c.execute("BEGIN")
        for d in range(N_DOCS):
            title = f"Page {d} about the {WORDS[d % len(WORDS)]}"
            c.execute("INSERT INTO documents(doc_id, name, origin, fmt, source, published, title, text, ingested_at)"
                      " VALUES (?, ?, ?, 'text', ?, '2022-01-01', ?, ?, '2024-01-01')",
                      (f"p{d}", f"p{d}.txt", f"/t/p{d}.txt", OUTLETS[d % 3], title, title))  # fmt: skip
            c.execute('INSERT INTO segments(doc_id, kind, idx, start, "end", text) VALUES (?, \'title\', 0, 0, ?, ?)',
                      (f"p{d}", len(title), title))  # fmt: skip
        for i in range(N_EVENTS):
            day = date(2020, 1, 1).toordinal() + rnd.randrange(700)
            et, st = rnd.choice(KINDS)
            lat, lon = rnd.uniform(32.5, 37.0), rnd.uniform(36.0, 42.0)
            mid = f"m{i:04d}"
            members = 1 + (i % 3 == 0)
            for k in range(members):
                doc = rnd.randrange(N_DOCS)
                row = dict.fromkeys(EVENT_COLUMNS)
                row.update(event_id=f"r{i:04d}{k}", doc_id=f"p{doc}", event_date=date.fromordinal(day).isoformat(),
                           event_type=et, sub_event_type=st, actor1=f"Unit {i % 9}", actor2=None, country="Syria",
                           location=f"Spot {i % 40}", latitude=lat, longitude=lon, source=OUTLETS[doc % 3],
                           notes=f"Seen near the {WORDS[(i + k) % len(WORDS)]}." if i % 5 == 0 else "No detail.",
                           certainty=rnd.choice(CLAIMS), rule_id="t", inter1=1 + i % 4, confidence=1.0,
                           time_precision=1, date_inferred=0, fallbacks="")  # fmt: skip
                c.execute(f"INSERT INTO events({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(row))})",
                          [row[col] for col in EVENT_COLUMNS])  # fmt: skip
                c.execute("INSERT INTO event_sources(merged_id, event_id, doc_id, source, claimed_by, certainty)"
                          " VALUES (?, ?, ?, ?, NULL, ?)",
                          (mid, row["event_id"], row["doc_id"], row["source"], row["certainty"]))  # fmt: skip
            c.execute("INSERT INTO merged_events(merged_id, lead_event_id, event_id_cnty, event_date, year,"
                      " time_precision, event_type, sub_event_type, actor1, inter1, country, location, latitude,"
                      " longitude, geo_precision, source, notes, n_sources, n_outlets, fusion_certainty, updated_at)"
                      " VALUES (?, ?, ?, ?, 2020, 1, ?, ?, ?, ?, 'Syria', ?, ?, ?, 1, '', '', ?, 1, ?, '2024-01-01')",
                      (mid, f"r{i:04d}0", f"SYR{i}", date.fromordinal(day).isoformat(), et, st, f"Unit {i % 9}",
                       1 + i % 4, f"Spot {i % 40}", lat, lon, members,
                       "corroborated" if members > 1 else "single-source"))  # fmt: skip
        # page titles into the search index whether a row trigger (0009) or the batch writer (0013) does it
        c.execute("INSERT INTO search_segments(rowid, text, doc_id, kind, idx) SELECT rowid, text, doc_id, kind, idx"
                  " FROM segments s WHERE NOT EXISTS (SELECT 1 FROM search_segments x WHERE x.rowid = s.rowid)")
        # an unfused report keeps its own id as merged_id (as ingest writes it): never a merged event
        c.execute("UPDATE event_sources SET merged_id = event_id WHERE event_id = 'r00050'")
        c.execute("COMMIT")
        c.execute("ANALYZE")
    return path


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    return Database(_build(tmp_path_factory.mktemp("listing") / "s.db")).connection()


FILTERS = {
    "none": EventFilters(),
    "claimed": EventFilters(certainty="claimed"),
    "outlet": EventFilters(outlet="South Post"),
    "word": EventFilters(q=fts_query("granary")),
    "word+claim": EventFilters(q=fts_query("ferry"), certainty="alleged"),
    "actor": EventFilters(actor="Unit 3"),
    "inter": EventFilters(inter=2),
    "sub+dates": EventFilters(sub_event_type="Mob violence", since=date(2020, 6, 1), until=date(2021, 3, 1)),
    "box": EventFilters(bbox=(37.0, 33.0, 39.0, 35.0)),
    "nothing": EventFilters(outlet="Nobody"),
}


def _page(conn, f, ratio, monkeypatch, level="merged", **kw):
    monkeypatch.setattr(listing, "WALK_RATIO", ratio)
    return listing.list_events(conn, f, level=level, **kw)


@pytest.mark.parametrize("name", list(FILTERS))
@pytest.mark.parametrize("offset", [0, 37, 590])
def test_walk_and_sort_give_the_same_page(conn, monkeypatch, name, offset):
    f = FILTERS[name]
    for level in ("merged", "reports"):
        sorted_ = _page(conn, f, 0.0, monkeypatch, level=level, limit=25, offset=offset)  # never walks
        walked = _page(conn, f, 1e9, monkeypatch, level=level, limit=25, offset=offset)  # walks when SQLite would sort
        assert walked == sorted_
        ids = [r["id"] for r in sorted_["items"]]
        assert len(ids) == len(set(ids)) == min(25, max(0, sorted_["total"] - offset))


def test_the_walk_is_taken_for_broad_filters_and_not_for_narrow_ones(conn):
    def walks(f: EventFilters, limit: int = 25) -> bool:
        where, args = _where(MERGED, f)
        total = conn.execute(f"SELECT count(*) FROM merged_events m{where}", args).fetchone()[0]
        sql = f"SELECT m.merged_id FROM merged_events m{where} ORDER BY m.event_date DESC, m.rowid DESC LIMIT ?"
        return listing.should_walk(conn, sql, [*args, limit], "merged_events", total, limit)

    assert walks(FILTERS["claimed"])  # 201 of 600: about 75 rows walked for a page of 25, against 201 sorted
    assert not walks(EventFilters(certainty="claimed", actor="Unit 3"))  # 39: a walk would read about 385
    assert not walks(FILTERS["nothing"])


@pytest.mark.parametrize("name", ["claimed", "outlet", "word", "word+claim"])
def test_probe_and_list_forms_select_the_same_events(conn, name):
    f = FILTERS[name]
    got = {}
    for probe in (False, True):
        where, args = _where(MERGED, f, probe=probe)
        got[probe] = [r[0] for r in conn.execute(f"SELECT m.merged_id FROM merged_events m{where} ORDER BY 1", args)]
    assert got[True] == got[False] and got[False]


def test_an_unfused_report_id_in_event_sources_is_never_counted(conn):
    # r00050's event_sources row names a merged id that is no merged event
    res = listing.list_events(conn, EventFilters(certainty="claimed"), limit=1000, offset=0, level="merged")
    assert "r00050" not in {r["id"] for r in res["items"]}
    assert res["total"] == len(res["items"])


def test_points_are_the_same_either_way(conn, monkeypatch):
    for name in ("claimed", "word", "box"):
        monkeypatch.setattr(listing, "WALK_RATIO", 0.0)
        a = listing.list_points(conn, FILTERS[name], limit=50)
        monkeypatch.setattr(listing, "WALK_RATIO", 1e9)
        b = listing.list_points(conn, FILTERS[name], limit=50)
        assert a == b and len(a["rows"]) == min(50, a["total"])
        assert all(len(str(r[5]).split(".")[-1]) <= 4 for r in a["rows"])  # latitude cut to 4 decimals


def test_matches_agrees_with_the_list(conn):
    f = FILTERS["word+claim"]
    listed = {r["id"] for r in listing.list_events(conn, f, limit=1000, offset=0)["items"]}
    assert listed
    for mid in ["m0000", "m0005", "m0010", "m0300", *sorted(listed)[:5]]:
        assert listing.matches(conn, f, mid) == (mid in listed)


def test_reports_level_word_search_uses_the_report_rowid(conn):
    where, args = _where(REPORTS, FILTERS["word"])
    n = conn.execute(f"SELECT count(*) FROM events e{where}", args).fetchone()[0]
    direct = conn.execute("SELECT count(*) FROM events WHERE notes LIKE '%granary%' OR doc_id IN"
                          " (SELECT doc_id FROM documents WHERE title LIKE '%granary%')").fetchone()[0]  # fmt: skip
    assert n == direct > 0


def test_json_body_writes_strict_json():
    r = json_body({"a": float("inf"), "b": [1.5, float("-inf")], "c": "Ḥamā <b>"})
    assert r.media_type == "application/json"
    assert r.body.decode("utf-8") == '{"a":null,"b":[1.5,null],"c":"Ḥamā <b>"}'
