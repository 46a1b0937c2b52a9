"""Incremental fusion walks one component at a time and may spill a component's
pairs to a temp table: the clusters, merged rows, ids and aliases must not change."""

from __future__ import annotations

import dataclasses
import random
import sqlite3
from datetime import date, timedelta

import pytest

from sitrep.fuse import cluster, fuse_all, fuse_config, fuse_incremental, prepare
from sitrep.fuse.core import Match, block_keys
from sitrep.fuse.walk import PairBuffer, cluster_reached
from sitrep.records import Event
from sitrep.store import Store

VOLATILE = {"updated_at", "timestamp"}


def syndicated(seed: int = 11) -> list[Event]:
    """Stories each told by several outlets; every article reports two strikes on one
    day 6 km apart, so one component holds both strikes of every copy and the
    clustering order decides which copies go together. Some copies blame another
    force (disputes), some are a day late or only week-precise."""
    rng = random.Random(seed)
    out: list[Event] = []
    for story in range(5):
        day = date(2022, 3, 1) + timedelta(days=9 * story)
        lat, lon = 35.2 + 0.3 * story, 36.4 + 0.2 * story
        for copy in range(7):
            doc = f"s{story}-o{copy}"
            for twin in range(2):
                out.append(Event(
                    event_id=f"{doc}-t{twin}", doc_id=doc,
                    event_date=day + timedelta(days=rng.choice([0, 0, 1])), time_precision=rng.choice([1, 1, 2]),
                    event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                    actor1=rng.choice(["Military Forces of Syria"] * 4 + ["Military Forces of Turkey"]),
                    actor2="Civilians (Syria)", country="Syria", admin1="Hama",
                    latitude=lat + twin * 0.054 + rng.uniform(-0.01, 0.01), longitude=lon, geo_precision=1,
                    fatalities=rng.choice([None, 2, 3]), source=f"Outlet {copy}",
                ))  # fmt: skip
    return out


def _snapshot(store: Store):
    merged = [
        {k: v for k, v in dict(r).items() if k not in VOLATILE}
        for r in store.conn.execute("SELECT * FROM merged_events ORDER BY merged_id")
    ]
    sources = [tuple(r) for r in store.conn.execute("SELECT * FROM event_sources ORDER BY event_id")]
    aliases = [tuple(r)[:3] for r in store.conn.execute("SELECT * FROM event_aliases ORDER BY alias")]
    return merged, sources, aliases


def _two_runs(store_docs, events: list[Event], limit: int | None) -> tuple[Store, list]:
    """Ingest-like: half the documents fused, then the rest (ids kept, aliases made)."""
    cfg = fuse_config()
    if limit is not None:
        cfg = dataclasses.replace(cfg, pair_limit=limit)
    s = Store(":memory:")
    docs = sorted({e.doc_id for e in events})
    stats = []
    for half in (set(docs[1::2]), set(docs[::2])):
        part = [e for e in events if e.doc_id in half]
        store_docs(s, part, {})
        stats.append(fuse_incremental(s, [e.event_id for e in part], cfg))
    return s, stats


def test_a_tiny_pair_limit_spills_and_changes_nothing(store_docs):
    events = syndicated()
    roomy, roomy_stats = _two_runs(store_docs, events, None)
    tight, tight_stats = _two_runs(store_docs, events, 2)
    assert all(st.spilled_pairs == 0 for st in roomy_stats)
    assert all(st.spilled_pairs > 0 for st in tight_stats)  # the bound was hit in both passes
    assert _snapshot(tight) == _snapshot(roomy)
    merged, _, aliases = _snapshot(roomy)
    assert max(m["n_sources"] for m in merged) > 2 and aliases  # real clusters, and ids that moved
    # two strikes of one article never end up in one event
    for m in merged:
        rows = roomy.conn.execute("SELECT doc_id FROM event_sources WHERE merged_id = ?", (m["merged_id"],))
        docs = [r[0] for r in rows]
        assert len(docs) == len(set(docs))


def test_incremental_clusters_equal_a_full_pass_over_the_same_reports(store_docs):
    events = syndicated(seed=5)
    inc, _ = _two_runs(store_docs, events, 3)
    full = Store(":memory:")
    store_docs(full, events, {})
    fuse_all(full, fuse_config())

    def groups(s: Store) -> set[tuple[str, ...]]:
        rows = s.conn.execute("SELECT merged_id, group_concat(event_id) FROM event_sources GROUP BY merged_id")
        return {tuple(sorted(g.split(","))) for _, g in rows}

    assert groups(inc) == groups(full)


def test_the_walk_gives_the_in_memory_clusters_whatever_the_limit():
    cfg = fuse_config()
    reports = {e.event_id: prepare(e, cfg.rules, cfg.sources) for e in syndicated(seed=3)}
    expected, matches = cluster(list(reports.values()), cfg.rules)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE event_blocks(block_key TEXT, event_id TEXT)")
    rows = [(k, r.event_id) for r in reports.values() for k in block_keys(r, cfg.rules)]
    conn.executemany("INSERT INTO event_blocks VALUES (?, ?)", rows)

    def load(ids):
        return {i: reports[i] for i in ids if i in reports}

    for limit in (1, 7, 10_000):
        got, stats = cluster_reached(conn, sorted(reports) + ["not-stored"], load, cfg.rules, limit, chunk=4)
        assert got == expected
        assert stats.compatible == len(matches)
        assert (stats.spilled > 0) == (limit < len(matches))


def test_spilled_pairs_come_back_in_clustering_order():
    conn = sqlite3.connect(":memory:")
    orders = [(False, 1, 2.5, "b", "c"), (True, 0, 0.0, "a", "b"), (False, 1, 0.75, "c", "d"),
              (False, 0, 9.0, "d", "e"), (False, 1, 0.75, "a", "d")]  # fmt: skip
    buf = PairBuffer(conn, limit=2)
    for o in orders:
        buf.add((o[3], o[4]), Match("agree" if not o[0] else "dispute", o))
    assert buf.spilled == 4 and len(buf) == 5
    assert list(buf.ordered()) == [(o[3], o[4]) for o in sorted(orders)]
    buf.close()
    assert len(buf) == 0 and conn.execute("SELECT count(*) FROM temp.sitrep_fuse_pairs").fetchone()[0] == 0


def test_a_pair_limit_below_one_is_refused():
    with pytest.raises(ValueError, match="pair limit must be at least 1, got 0"):
        PairBuffer(sqlite3.connect(":memory:"), 0)
