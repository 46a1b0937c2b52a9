"""Fusion over the store: tables written, incremental equals batch."""

from __future__ import annotations

from sitrep.fuse import founding_id, fuse, fuse_all, fuse_config, fuse_incremental
from sitrep.store import Store
from sitrep.store.aliases import resolve_merged_id

VOLATILE = {"updated_at", "timestamp"}


def snapshot(store: Store):
    rows = [dict(r) for r in store.conn.execute("SELECT * FROM merged_events ORDER BY merged_id")]
    merged = [{k: v for k, v in r.items() if k not in VOLATILE} for r in rows]
    sources = [tuple(r) for r in store.conn.execute("SELECT * FROM event_sources ORDER BY merged_id, event_id")]
    blocks = [tuple(r) for r in store.conn.execute("SELECT * FROM event_blocks ORDER BY block_key, event_id")]
    return merged, sources, blocks


def ids_by_members(store: Store) -> dict[tuple[str, ...], str]:
    groups: dict[str, list[str]] = {}
    for mid, eid in store.conn.execute("SELECT merged_id, event_id FROM event_sources ORDER BY event_id"):
        groups.setdefault(mid, []).append(eid)
    return {tuple(v): k for k, v in groups.items()}


def by_members(store: Store):
    """merged rows and sources keyed by their member reports instead of their ids."""
    key = {v: k for k, v in ids_by_members(store).items()}
    merged, sources, blocks = snapshot(store)
    rows = sorted((key[r["merged_id"]], {k: v for k, v in r.items() if k not in ("merged_id", "event_id_cnty")})
                  for r in merged)  # fmt: skip
    return rows, sorted((key[s[0]],) + s[1:] for s in sources), blocks


def test_fuse_all_fills_merged_events_and_event_sources(gold, gold_sources, store_docs):
    cfg = fuse_config(sources=gold_sources)
    s = Store(":memory:")
    store_docs(s, gold.events, gold.outlets)
    # before fusion each report is its own event (0001)
    assert s.conn.execute("SELECT count(*) FROM event_sources WHERE merged_id = event_id").fetchone()[0] == 24
    stats = fuse_all(s, cfg)
    assert (stats.reports, stats.merged, stats.multi_source) == (24, 13, 9)
    expected = {m.merged_id: m for m in fuse(gold.events, cfg.rules, cfg.sources)}
    got = {r["merged_id"]: dict(r) for r in s.conn.execute("SELECT * FROM merged_events")}
    assert set(got) == set(expected)
    row = next(r for r in got.values() if r["lead_event_id"] == "fm-001-a")
    assert (row["n_sources"], row["n_outlets"], row["fusion_certainty"]) == (3, 3, "contested")
    assert (row["fatalities"], row["fatalities_min"], row["fatalities_max"]) == (6, 4, 9)
    assert (row["year"], row["iso"], row["region"], row["interaction"]) == (2023, 760, "Middle East", 12)
    assert row["source"] == "Field Monitor Network; Northern Wire; Valley Courier"
    assert row["source_scale"] == "National-Subnational"
    members = s.conn.execute(
        "SELECT event_id, source FROM event_sources WHERE merged_id = ? ORDER BY event_id", (row["merged_id"],)
    ).fetchall()
    assert [tuple(m) for m in members] == [
        ("fm-001-a", "Field Monitor Network"), ("nw-001-a", "Northern Wire"), ("vc-001-a", "Valley Courier"),
    ]  # fmt: skip
    assert s.conn.execute("SELECT count(*) FROM event_sources").fetchone()[0] == 24
    # a second full pass changes nothing but timestamps
    before = snapshot(s)
    fuse_all(s, cfg)
    assert snapshot(s) == before


def test_two_halves_incremental_equals_one_batch(gold, gold_sources, store_docs):
    cfg = fuse_config(sources=gold_sources)
    batch = Store(":memory:")
    store_docs(batch, gold.events, gold.outlets)
    fuse_all(batch, cfg)

    inc = Store(":memory:")
    docs = sorted(gold.outlets)
    first, second = set(docs[::2]), set(docs[1::2])  # interleaved, so clusters span both halves
    for half in (first, second):
        evs = [e for e in gold.events if e.doc_id in half]
        store_docs(inc, evs, gold.outlets)
        fuse_incremental(inc, [e.event_id for e in evs], cfg)
    # The same clusters with the same fields. Ids: an event keeps the id it had after
    # the first half; the id one batch gives it (its smallest member's) resolves to it.
    assert by_members(inc) == by_members(batch)
    first_ids = {e.event_id for e in gold.events if e.doc_id in first}
    inc_ids, batch_ids = ids_by_members(inc), ids_by_members(batch)
    for members, mid in batch_ids.items():
        founder = min(first_ids & set(members), default=min(members))
        assert inc_ids[members] == founding_id(founder)
        assert resolve_merged_id(inc.conn, mid) == inc_ids[members]
    assert sum(inc_ids[k] != batch_ids[k] for k in batch_ids) == 2  # clusters whose smallest report came second


def test_incremental_touches_only_the_new_reports_components(gold, gold_sources, store_docs):
    cfg = fuse_config(sources=gold_sources)
    s = Store(":memory:")
    late = [e for e in gold.events if e.doc_id == "nw-003"]
    store_docs(s, [e for e in gold.events if e.doc_id != "nw-003"], gold.outlets)
    fuse_all(s, cfg)
    store_docs(s, late, gold.outlets)
    stats = fuse_incremental(s, [e.event_id for e in late], cfg)
    # both strikes reach vc-006-b (same day, 0.2 and 2.8 km); nothing else is re-clustered
    assert (stats.reports, stats.merged, stats.compatible_pairs) == (3, 2, 2)
    n = s.conn.execute("SELECT count(*) FROM merged_events").fetchone()[0]
    assert n == 13
