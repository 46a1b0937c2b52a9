"""Cross-document fusion on Spark, with `sitrep.fuse`'s own functions.

The local `sitrep.fuse.fuse_all` does: prepare every report, file it under its
block keys, compare the pairs that meet under a key (a probe key meets the
index key with the same rest), take the connected components of the compatible
pairs and cluster each component greedily, then merge each cluster. Here:

1. reports are prepared and keyed in the tasks (`prepare`, `block_keys`);
2. a shuffle groups reports by block key (role stripped); each group yields its
   probe x index candidate pairs, which are de-duplicated across blocks (a pair
   can meet under several keys) and decided once with `compatible`;
3. the compatible pairs, far fewer than reports, are collected on the driver,
   which joins them into connected components: this resolves clusters that span
   blocks (A~B under one key, B~C under another);
4. a second shuffle brings each multi-report component's reports together and
   `cluster_matches` + `merge_cluster` run there; single reports are merged where
   they are, without a shuffle.

Same inputs to the same functions, so the clusters are the local ones exactly
(tests/scale/test_fusion.py checks it against `fuse_all`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

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
    """Candidate pairs of one block: probes x index entries, as in `candidate_pairs`."""
    from sitrep.fuse.core import INDEX

    _, members = group
    index = [r for role, r in members if role == INDEX]
    probe = [r for role, r in members if role != INDEX]
    for a in probe:
        for b in index:
            if a.event_id != b.event_id:
                lo, hi = (a, b) if a.event_id < b.event_id else (b, a)
                yield (lo.event_id, hi.event_id), (lo, hi)


def decide(pair: tuple[tuple[str, str], tuple[Any, Any]]) -> Iterator[tuple[tuple[str, str], Any]]:
    from sitrep.fuse import compatible

    ids, (a, b) = pair
    m = compatible(a, b, _cfg().rules)
    if m is not None:
        yield ids, m


def cluster_group(
    events: Iterable[Any], matches: dict[tuple[str, str], Any], when: datetime
) -> Iterator[tuple[str, Any]]:
    """Cluster and merge one connected component (or one lone report)."""
    from sitrep.fuse import merge_cluster, prepare
    from sitrep.fuse.core import cluster_matches
    from sitrep.fuse.store import merged_row

    cfg = _cfg()
    evs = {e.event_id: e for e in events}
    reps = {i: prepare(e, cfg.rules, cfg.sources) for i, e in evs.items()}
    sub = {p: m for p, m in matches.items() if p[0] in reps and p[1] in reps}
    for members in cluster_matches(reps, sub, cfg.rules):
        m = merge_cluster([evs[i] for i in members], reps, cfg.sources)
        yield "merged_events", merged_row(m, cfg, when)
        for s in m.sources:
            yield "event_sources", (m.merged_id, s.event_id, s.doc_id, s.outlet, s.claimed_by, s.certainty)


def fuse_rdd(events_rdd: Any, when: datetime, partitions: int) -> tuple[Any, Any, dict[str, int]]:
    """Fuse an RDD of Events. Returns (rows RDD of (dataset, row), block rows RDD, stats)."""
    from sitrep.fuse.core import components

    sc = events_rdd.context
    keyed = events_rdd.mapPartitions(keyed_reports)
    blocks = keyed.map(lambda kv: (f"{kv[1][0]}|{kv[0]}", kv[1][1].event_id))
    candidates = keyed.groupByKey(partitions).flatMap(block_pairs).reduceByKey(lambda x, _y: x, partitions)
    matches = dict(candidates.flatMap(decide).collect())
    comps = components(sorted({i for p in matches for i in p}), matches)
    comp_of = {i: c[0] for c in comps for i in c}
    b_comp = sc.broadcast(comp_of)
    b_matches = sc.broadcast(matches)

    linked = events_rdd.filter(lambda e: e.event_id in b_comp.value)
    alone = events_rdd.filter(lambda e: e.event_id not in b_comp.value)
    multi = (
        linked.map(lambda e: (b_comp.value[e.event_id], e))
        .groupByKey(partitions)
        .flatMap(lambda kv: cluster_group(kv[1], b_matches.value, when))
    )
    single = alone.mapPartitions(lambda evs: (row for e in evs for row in cluster_group([e], {}, when)))
    stats = {"compatible_pairs": len(matches), "linked_reports": len(comp_of), "components": len(comps)}
    return multi.union(single), blocks, stats
