"""Cross-document fusion on Spark, with `sitrep.fuse`'s own functions.

The local `sitrep.fuse.fuse_all` does: prepare every report, file it under its
block keys, compare the pairs that meet under a key (a probe key meets the
index key with the same rest), take the connected components of the compatible
pairs and cluster each component greedily, then merge each cluster. Here:

1. reports are prepared and keyed in the tasks (`prepare`, `block_keys`);
2. a shuffle groups reports by block key (role stripped); each group yields its
   probe x index candidate pairs that meet under no smaller key (a pair can meet
   under several keys; see `block_pairs`), each decided once with `compatible`;
3. each partition reduces its compatible pairs to a spanning forest, and only
   those pairs' ids are collected on the driver, which joins them into connected
   components: this resolves clusters that span blocks (A~B under one key, B~C
   under another);
4. a cogroup by component brings each multi-report component's reports and its
   own compatible pairs together, and `cluster_matches` + `merge_cluster` run
   there; single reports are merged where they are, without a shuffle. Pairs
   travel with their component rather than in one broadcast, so a task never
   scans pairs of other components (that scan grows with components x pairs).

Same inputs to the same functions, so the clusters are the local ones exactly
(tests/scale/test_equivalence.py checks them against `fuse_all`; test_fusion_blocks.py checks the pairs).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any, NamedTuple

from sitrep.scale.worker import cached


def _cfg() -> Any:
    from sitrep.fuse import fuse_config

    return cached("fuse-config:default", fuse_config)


def keyed_reports(events: Iterable[Any]) -> Iterator[tuple[str, tuple[str, Any]]]:
    """(key without role, (role, Report)) for every block key of every event."""
    from sitrep.fuse import block_keys, prepare

    cfg = _cfg()
    for ev in events:
        rep = prepare(ev, cfg.rules, cfg.sources)
        for k in block_keys(rep, cfg.rules):
            role, rest = k.split("|", 1)
            yield rest, (role, rep)


def block_pairs(group: tuple[str, Iterable[tuple[str, Any]]]) -> Iterator[tuple[tuple[str, str], tuple[Any, Any]]]:
    """Candidate pairs of one block: probes x index entries, as in `candidate_pairs`.

    Two reports can meet under several keys. Instead of shuffling every meeting
    to de-duplicate it, a pair is emitted only by the block of the smallest key
    under which it meets (each report's keys are recomputed from the report), so
    every candidate pair is decided exactly once and no report pair is shuffled.
    """
    from sitrep.fuse import block_keys
    from sitrep.fuse.core import INDEX

    rest_here, members = group
    rules = _cfg().rules
    index = [r for role, r in members if role == INDEX]
    probe = [r for role, r in members if role != INDEX]
    filed: dict[str, tuple[set[str], set[str]]] = {}  # event_id -> (index rests, probe rests)

    def keys_of(r: Any) -> tuple[set[str], set[str]]:
        if r.event_id not in filed:
            idx: set[str] = set()
            prb: set[str] = set()
            for k in block_keys(r, rules):
                role, rest = k.split("|", 1)
                (idx if role == INDEX else prb).add(rest)
            filed[r.event_id] = (idx, prb)
        return filed[r.event_id]

    seen: set[tuple[str, str]] = set()
    for a in probe:
        a_idx, a_prb = keys_of(a)
        for b in index:
            if a.event_id == b.event_id:
                continue
            lo, hi = (a, b) if a.event_id < b.event_id else (b, a)
            ids = (lo.event_id, hi.event_id)
            if ids in seen:
                continue
            seen.add(ids)
            b_idx, b_prb = keys_of(b)
            if min((a_prb & b_idx) | (b_prb & a_idx)) == rest_here:
                yield ids, (lo, hi)


def forest_edges(pairs: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """The pairs of a spanning forest of this partition's compatible pairs.

    Components of the union of the partitions' forests are the components of
    all pairs, so the driver collects at most (reports - 1) pairs per partition
    instead of every compatible pair (millions when a story is copied many times).
    """
    from sitrep.fuse.core import _UnionFind

    uf = _UnionFind()
    for a, b in pairs:
        if uf.find(a) != uf.find(b):
            uf.union(a, b)
            yield a, b


def decide(pair: tuple[tuple[str, str], tuple[Any, Any]]) -> Iterator[tuple[tuple[str, str], Any]]:
    from sitrep.fuse import compatible

    ids, (a, b) = pair
    m = compatible(a, b, _cfg().rules)
    if m is not None:
        yield ids, m


def cluster_group(
    events: Iterable[Any], matches: dict[tuple[str, str], Any], when: datetime
) -> Iterator[tuple[str, Any]]:
    """Cluster and merge one connected component (or one lone report).

    `matches`: the compatible pairs among `events` (a component's own pairs).
    """
    from sitrep.fuse import merge_cluster, prepare
    from sitrep.fuse.core import cluster_matches
    from sitrep.fuse.store import merged_row

    cfg = _cfg()
    evs = {e.event_id: e for e in events}
    reps = {i: prepare(e, cfg.rules, cfg.sources) for i, e in evs.items()}
    for members in cluster_matches(reps, matches, cfg.rules):
        m = merge_cluster([evs[i] for i in members], reps, cfg.sources)
        yield "merged_events", merged_row(m, cfg, when)
        for s in m.sources:
            yield "event_sources", (m.merged_id, s.event_id, s.doc_id, s.outlet, s.claimed_by, s.certainty)


class FusedRdds(NamedTuple):
    rows: Any  # RDD of (dataset, row) for merged_events and event_sources
    blocks: Any  # RDD of event_blocks rows
    stats: dict[str, int]
    cached: list[Any]  # intermediate RDDs kept in memory; unpersist once rows and blocks are written


def fuse_rdd(events_rdd: Any, when: datetime, partitions: int) -> FusedRdds:
    """Fuse an RDD of Events."""
    from pyspark import StorageLevel

    from sitrep.fuse.core import components

    sc = events_rdd.context
    keyed = events_rdd.mapPartitions(keyed_reports).persist(StorageLevel.MEMORY_AND_DISK)
    blocks = keyed.map(lambda kv: (f"{kv[1][0]}|{kv[0]}", kv[1][1].event_id))
    matches = keyed.groupByKey(partitions).flatMap(block_pairs).flatMap(decide).persist(StorageLevel.MEMORY_AND_DISK)
    forest = matches.keys().mapPartitions(forest_edges).collect()
    comps = components(sorted({i for p in forest for i in p}), forest)
    comp_of = {i: c[0] for c in comps for i in c}
    b_comp = sc.broadcast(comp_of)

    linked = events_rdd.filter(lambda e: e.event_id in b_comp.value).map(lambda e: (b_comp.value[e.event_id], e))
    their_pairs = matches.map(lambda pm: (b_comp.value[pm[0][0]], pm))
    multi = linked.cogroup(their_pairs, partitions).flatMap(
        lambda kv: cluster_group(kv[1][0], dict(kv[1][1]), when)
    )
    alone = events_rdd.filter(lambda e: e.event_id not in b_comp.value)
    single = alone.mapPartitions(lambda evs: (row for e in evs for row in cluster_group([e], {}, when)))
    stats = {"compatible_pairs": matches.count(), "linked_reports": len(comp_of), "components": len(comps)}
    return FusedRdds(multi.union(single), blocks, stats, [keyed, matches])
