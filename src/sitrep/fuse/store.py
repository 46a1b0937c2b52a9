"""Fusion over the SQLite store: a full pass and an incremental one.

`fuse_all` rebuilds every cluster. `fuse_incremental` files the new reports under
their block keys (table `event_blocks`), then walks the compatibility graph from
them through stored block keys only, and re-clusters just the connected
components it reached. Because clustering depends only on a component's reports
(see `sitrep.fuse.core`), the result equals a fresh `fuse_all` over everything.
Both passes walk and cluster one component at a time (`sitrep.fuse.walk`) and
write merged events a chunk of clusters at a time, so their memory follows the
largest component, not the store. Each pass writes in ONE transaction, like
ingestion batches.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sitrep.fuse.acled import AcledCodes, acled_columns, load_acled_codes
from sitrep.fuse.config import FusionRules, SourceBook, load_rules, load_sources
from sitrep.fuse.core import (
    MergedEvent,
    Report,
    assign_ids,
    block_keys,
    merge_cluster,
    prepare,
)
from sitrep.fuse.walk import PAIR_LIMIT, WalkStats, cluster_reached
from sitrep.records import Event
from sitrep.store.aliases import FUSED, ORDER, record_aliases
from sitrep.store.db import EVENT_COLUMNS, Store, event_fields

CHUNK = 500  # ids per SQL IN (...) list, under SQLite's variable limit

MERGED_COLUMNS = (
    "merged_id", "lead_event_id", "event_id_cnty", "event_date", "year", "time_precision",
    "disorder_type", "event_type", "sub_event_type", "plover_type", "actor1", "assoc_actor_1",
    "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso",
    "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    "n_sources", "n_outlets", "fusion_certainty", "fatalities_min", "fatalities_max", "updated_at",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class FuseStats:
    reports: int  # reports (re)clustered in this pass
    merged: int  # merged events written
    multi_source: int  # of which with more than one report
    candidate_pairs: int
    compatible_pairs: int
    spilled_pairs: int = 0  # compatible pairs that went to a temp table (see sitrep.fuse.walk)


@dataclass(frozen=True, slots=True)
class FuseConfig:
    rules: FusionRules
    sources: SourceBook
    codes: AcledCodes
    pair_limit: int = PAIR_LIMIT  # compatible pairs of one component kept in memory (sitrep.fuse.walk)


def fuse_config(
    rules: FusionRules | str | Path | None = None,
    sources: SourceBook | str | Path | None = None,
    codes: AcledCodes | str | Path | None = None,
) -> FuseConfig:
    """One frozen options object from loaded objects, file paths or the defaults."""
    return FuseConfig(
        rules if isinstance(rules, FusionRules) else load_rules(rules),
        sources if isinstance(sources, SourceBook) else load_sources(sources),
        codes if isinstance(codes, AcledCodes) else load_acled_codes(codes),
    )


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _event(row: Any) -> Event:
    d = event_fields(row)
    d["source"] = row["outlet"]
    return Event(**d)


_SELECT = (
    "SELECT " + ", ".join(f"e.{c}" for c in EVENT_COLUMNS) + ", COALESCE(e.source, d.source) AS outlet"
    " FROM events e JOIN documents d ON d.doc_id = e.doc_id"
)


_SELECT_IDS = "SELECT e.event_id FROM events e JOIN documents d ON d.doc_id = e.doc_id"


def load_events(store: Store, event_ids: Sequence[str] | None = None) -> list[Event]:
    """Event reports from the store (outlet = the report's source, else its document's)."""
    if event_ids is None:
        return [_event(r) for r in store.conn.execute(_SELECT + " ORDER BY e.event_id")]
    out: list[Event] = []
    for chunk in _chunks(list(dict.fromkeys(event_ids))):
        q = ",".join("?" for _ in chunk)
        out.extend(_event(r) for r in store.conn.execute(_SELECT + f" WHERE e.event_id IN ({q})", chunk))
    return out


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def merged_row(m: MergedEvent, cfg: FuseConfig, when: datetime) -> tuple[Any, ...]:
    d: dict[str, Any] = {
        "merged_id": m.merged_id, "lead_event_id": m.lead_event_id,
        "event_date": m.event_date.isoformat() if m.event_date else None,
        "time_precision": m.time_precision, "event_type": m.event_type, "sub_event_type": m.sub_event_type,
        "plover_type": m.plover_type, "actor1": m.actor1, "assoc_actor_1": m.assoc_actor_1, "inter1": m.inter1,
        "actor2": m.actor2, "assoc_actor_2": m.assoc_actor_2, "inter2": m.inter2, "country": m.country,
        "admin1": m.admin1, "admin2": m.admin2, "location": m.location, "latitude": m.latitude,
        "longitude": m.longitude, "geo_precision": m.geo_precision, "notes": m.notes, "fatalities": m.fatalities,
        "n_sources": m.n_sources, "n_outlets": m.n_outlets, "fusion_certainty": m.fusion_certainty,
        "fatalities_min": m.fatalities_min, "fatalities_max": m.fatalities_max,
        "updated_at": when.isoformat(),
    }  # fmt: skip
    d.update(acled_columns(m, cfg.codes, cfg.sources, int(when.timestamp())))
    return tuple(d[c] for c in MERGED_COLUMNS)


def clear_clusters(conn: "sqlite3.Connection", event_ids: Sequence[str]) -> None:
    """Drop the merged events these reports belong to, and their source rows (caller's transaction)."""
    for chunk in _chunks(list(event_ids)):
        q = ",".join("?" for _ in chunk)
        conn.execute(
            f"DELETE FROM merged_events WHERE merged_id IN"
            f" (SELECT merged_id FROM event_sources WHERE event_id IN ({q}))",
            chunk,
        )
        conn.execute(f"DELETE FROM event_sources WHERE event_id IN ({q})", chunk)


def previous_ids(conn: "sqlite3.Connection", event_ids: Sequence[str] | None = None) -> dict[str, str]:
    """event id -> the merged id it has now, for reports already fused (all when `event_ids` is None)."""
    sql = (
        "SELECT es.event_id, es.merged_id FROM event_sources es"
        " WHERE EXISTS (SELECT 1 FROM merged_events m WHERE m.merged_id = es.merged_id)"
    )
    if event_ids is None:
        return {r[0]: r[1] for r in conn.execute(sql)}
    out: dict[str, str] = {}
    for chunk in _chunks(list(event_ids)):
        q = ",".join("?" for _ in chunk)
        out.update({r[0]: r[1] for r in conn.execute(sql + f" AND es.event_id IN ({q})", chunk)})
    return out


def keep_ids(
    conn: "sqlite3.Connection", clusters: Sequence[Sequence[str]], previous: dict[str, str] | None = None
) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """Ids for `clusters` that keep the ids their reports' events already have (see `assign_ids`),
    and the aliases to record, old -> (new, reason). Read inside the writing transaction."""
    if previous is None:
        previous = previous_ids(conn, [e for c in clusters for e in c])
    ids, aliases = assign_ids(clusters, previous)
    old = set(previous.values())
    return ids, {a: (new, FUSED if a in old else ORDER) for a, new in aliases.items()}


def _insert_merged(c: sqlite3.Connection, merged: Sequence[MergedEvent], cfg: FuseConfig, when: datetime) -> None:
    c.executemany(
        f"INSERT OR REPLACE INTO merged_events({', '.join(MERGED_COLUMNS)})"
        f" VALUES ({', '.join('?' for _ in MERGED_COLUMNS)})",
        [merged_row(m, cfg, when) for m in merged],
    )
    c.executemany(
        "INSERT INTO event_sources(merged_id, event_id, doc_id, source, claimed_by, certainty)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(m.merged_id, s.event_id, s.doc_id, s.outlet, s.claimed_by, s.certainty) for m in merged for s in m.sources],
    )


def _file_blocks(store: Store, reports: Iterable[Report], rules: FusionRules) -> None:
    rows = [(k, r.event_id) for r in reports for k in block_keys(r, rules)]
    store.conn.executemany("INSERT OR IGNORE INTO event_blocks(block_key, event_id) VALUES (?, ?)", rows)


def _in_transaction(store: Store, work: Any) -> Any:
    c = store.conn
    c.execute("BEGIN IMMEDIATE")
    try:
        out = work()
        c.execute("COMMIT")
    except BaseException:
        if c.in_transaction:
            c.execute("ROLLBACK")
        raise
    return out


def fuse_all(store: Store, cfg: FuseConfig | None = None) -> FuseStats:
    """Re-cluster every report in the store from scratch.

    Block keys are re-filed for every report, then the components are walked from
    all of them like an incremental pass over everything, so `fuse --all` holds no
    more memory than an ingest's fusion step.
    """
    cfg = cfg or fuse_config()
    rules, sources = cfg.rules, cfg.sources

    def load(ids: Sequence[str]) -> dict[str, Report]:
        return {e.event_id: prepare(e, rules, sources) for e in load_events(store, ids)}

    def work() -> tuple[FuseStats, WalkStats]:
        c = store.conn
        c.execute("DELETE FROM event_blocks")
        ids = [r[0] for r in c.execute(_SELECT_IDS + " ORDER BY e.event_id")]
        for chunk in _chunks(ids):
            _file_blocks(store, load(chunk).values(), rules)
        clusters, walk = cluster_reached(c, ids, load, rules, cfg.pair_limit)
        return _write_clusters(store, clusters, cfg, everything=True), walk

    stats, walk = _in_transaction(store, work)
    return dataclasses.replace(
        stats, candidate_pairs=walk.candidates, compatible_pairs=walk.compatible, spilled_pairs=walk.spilled
    )


def fuse_incremental(store: Store, new_event_ids: Iterable[str], cfg: FuseConfig | None = None) -> FuseStats:
    """Fold newly stored reports into the clusters, touching only their components.

    Memory follows the largest component, not the run: components are walked and
    clustered one at a time (`sitrep.fuse.walk`), and merged events are built and
    written a chunk of clusters at a time.
    """
    cfg = cfg or fuse_config()
    rules, sources = cfg.rules, cfg.sources
    new_ids = sorted(set(new_event_ids))

    def load(ids: Sequence[str]) -> dict[str, Report]:
        return {e.event_id: prepare(e, rules, sources) for e in load_events(store, ids)}

    def work() -> tuple[FuseStats, WalkStats]:
        c = store.conn
        for chunk in _chunks(new_ids):
            c.execute(f"DELETE FROM event_blocks WHERE event_id IN ({','.join('?' for _ in chunk)})", chunk)
            _file_blocks(store, load(chunk).values(), rules)
        clusters, walk = cluster_reached(c, new_ids, load, rules, cfg.pair_limit)
        return _write_clusters(store, clusters, cfg), walk

    stats, walk = _in_transaction(store, work)
    return dataclasses.replace(
        stats, candidate_pairs=walk.candidates, compatible_pairs=walk.compatible, spilled_pairs=walk.spilled
    )


def _write_clusters(
    store: Store, clusters: Sequence[Sequence[str]], cfg: FuseConfig, everything: bool = False
) -> FuseStats:
    """Replace the clusters of every member of `clusters` by these ones, keeping the ids
    already given, a chunk of clusters at a time (caller holds the transaction).

    Rows go in cluster order (clusters sorted by their smallest report), the order a
    single write of every merged event would give.
    """
    c = store.conn
    ids, aliases = keep_ids(c, clusters)
    if everything:
        c.execute("DELETE FROM merged_events")
        c.execute("DELETE FROM event_sources")
    else:
        clear_clusters(c, sorted(e for cl in clusters for e in cl))
    when = _now()
    reports = merged = multi = 0
    n = 0
    while n < len(clusters):
        part: list[Sequence[str]] = []
        size = 0
        while n < len(clusters) and (not part or size + len(clusters[n]) <= CHUNK):
            part.append(clusters[n])
            size += len(clusters[n])
            n += 1
        evs = {e.event_id: e for e in load_events(store, [e for cl in part for e in cl])}
        reps = {i: prepare(e, cfg.rules, cfg.sources) for i, e in evs.items()}
        built = [merge_cluster([evs[i] for i in cl], reps, cfg.sources) for cl in part]
        for m, mid in zip(built, ids[n - len(part) : n]):
            m.merged_id = mid
        _insert_merged(c, built, cfg, when)
        reports += sum(m.n_sources for m in built)
        merged += len(built)
        multi += sum(1 for m in built if m.n_sources > 1)
    record_aliases(c, aliases, ids)
    return FuseStats(reports, merged, multi, -1, -1)


def pending_event_ids(store: Store) -> list[str]:
    """Reports not yet folded into a cluster (their merged id has no merged row).

    Asked at the end of every ingest, so reports written by a run that was
    killed before fusing are picked up by the next run.
    """
    rows = store.conn.execute(
        "SELECT es.event_id FROM event_sources es"
        " WHERE NOT EXISTS (SELECT 1 FROM merged_events m WHERE m.merged_id = es.merged_id)"
        " ORDER BY es.event_id"
    )
    return [r[0] for r in rows]


def fuse_pending(store: Store, cfg: FuseConfig | None = None) -> FuseStats | None:
    """Fuse whatever is pending; None when nothing was."""
    ids = pending_event_ids(store)
    return fuse_incremental(store, ids, cfg) if ids else None
