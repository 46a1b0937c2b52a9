"""Find and cluster the components reached by new reports, one component at a time.

Why this module exists: incremental fusion used to compare every candidate pair
of a run's new reports level by level, keeping each report's whole list of
block-mates and every compatible pair until the end, then cluster all of them.
On a run of many copies of the same pages (20,000 pages, ~70,000 reports) that
held ~2 GB. Clustering depends only on one component's reports and pairs
(`sitrep.fuse.core`), so a component can be walked, clustered and dropped
before the next one is started: what stays in memory for the whole run is the
ids reached and the clusters found (a few bytes per report), not the pairs.

Inside one component the compatible pairs are kept in a `PairBuffer`: in memory
up to `limit` pairs, beyond that in a temporary SQLite table that is read back
in clustering order (`Match.order`). Either way the clusters are the same,
because the buffer is only a cache of `compatible`: a pair it no longer holds
in memory is simply recomputed.

The walk relies on blocking being symmetric: report b is among a's block-mates
exactly when a is among b's (a probe key of one is an index key of the other).
So a pair needs comparing once, when the first of its two reports is expanded.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from sitrep.fuse.config import FusionRules
from sitrep.fuse.core import Match, Report, block_keys, cluster_ordered, compatible, partner_key

# Compatible pairs of one component held in memory before the rest go to a temp
# table. A pair costs ~350 bytes in memory (key tuple, Match, its order tuple),
# so 50,000 pairs are ~17 MB. The demo's largest component has 27 reports and
# the 20,000-page bench run's a few hundred (tens of thousands of pairs), so the
# table is used only for stories copied by very many pages; a smaller limit only
# trades time (re-comparing pairs while clustering) for memory, never results.
PAIR_LIMIT = 50_000

KEYS_PER_QUERY = 500  # block keys per SQL IN (...) list, under SQLite's variable limit

_TABLE = "temp.sitrep_fuse_pairs"


class PairBuffer:
    """One component's compatible pairs: a dict up to `limit`, then a temp table."""

    def __init__(self, conn: sqlite3.Connection, limit: int = PAIR_LIMIT) -> None:
        if limit < 1:
            raise ValueError(f"pair limit must be at least 1, got {limit}")
        self.conn = conn
        self.limit = limit
        self.mem: dict[tuple[str, str], Match] = {}
        self.spilled = 0

    def add(self, pair: tuple[str, str], match: Match) -> None:
        if len(self.mem) >= self.limit:
            self._spill()
        self.mem[pair] = match

    def __contains__(self, pair: object) -> bool:
        return pair in self.mem

    def __len__(self) -> int:
        return self.spilled + len(self.mem)

    def _spill(self) -> None:
        if not self.spilled:
            self.conn.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS sitrep_fuse_pairs"
                f"(dispute INTEGER, gap INTEGER, km REAL, lo TEXT, hi TEXT)"
            )
            self.conn.execute(f"DELETE FROM {_TABLE}")
        # Match.order is (is-a-dispute, days apart, km rounded, lo id, hi id): the
        # same tuple as columns, so ORDER BY gives the order sorted() would.
        self.conn.executemany(f"INSERT INTO {_TABLE} VALUES (?, ?, ?, ?, ?)", (m.order for m in self.mem.values()))
        self.spilled += len(self.mem)
        self.mem.clear()

    def ordered(self) -> Iterator[tuple[str, str]]:
        """Every pair, best first (see `cluster_component`)."""
        if not self.spilled:
            yield from sorted(self.mem, key=lambda p: self.mem[p].order)
            return
        self._spill()
        for lo, hi in self.conn.execute(f"SELECT lo, hi FROM {_TABLE} ORDER BY dispute, gap, km, lo, hi"):
            yield lo, hi

    def close(self) -> None:
        if self.spilled:
            self.conn.execute(f"DELETE FROM {_TABLE}")
        self.mem.clear()
        self.spilled = 0


@dataclass(slots=True)
class WalkStats:
    candidates: int = 0  # candidate pairs compared (each once)
    compatible: int = 0  # of which compatible
    largest: int = 0  # reports in the largest component
    spilled: int = 0  # pairs that went to the temp table


def _block_mates(conn: sqlite3.Connection, r: Report, rules: FusionRules) -> set[str]:
    keys = sorted({partner_key(k) for k in block_keys(r, rules)})
    found: set[str] = set()
    for i in range(0, len(keys), KEYS_PER_QUERY):
        chunk = keys[i : i + KEYS_PER_QUERY]
        q = ",".join("?" for _ in chunk)
        found.update(r[0] for r in conn.execute(f"SELECT event_id FROM event_blocks WHERE block_key IN ({q})", chunk))
    found.discard(r.event_id)
    return found


def cluster_reached(
    conn: sqlite3.Connection,
    start_ids: Sequence[str],
    load: Callable[[Sequence[str]], dict[str, Report]],
    rules: FusionRules,
    pair_limit: int = PAIR_LIMIT,
    chunk: int = 500,
) -> tuple[list[list[str]], WalkStats]:
    """Clusters (sorted, each sorted) of every component reached from `start_ids`.

    `load(ids)` returns the prepared reports of those ids that exist in the
    store (ids with no stored report are left out, as before). Block keys of
    every report must already be filed in `event_blocks`. The result equals
    `cluster_matches` over the whole reached graph, component by component.
    """
    stats = WalkStats()
    done: set[str] = set()  # expanded: every pair with one of these has been compared
    reached: set[str] = set()
    clusters: list[list[str]] = []
    starts = sorted(set(start_ids))
    for n in range(0, len(starts), chunk):
        batch = load([i for i in starts[n : n + chunk] if i not in reached])
        for start in sorted(batch):
            if start in reached:
                continue
            reached.add(start)
            members = {start: batch[start]}
            # block-mates read for this component that did not join it (dropped with it)
            others: dict[str, Report | None] = {}
            queue = [start]
            pairs = PairBuffer(conn, pair_limit)
            while queue:
                rid = queue.pop()
                mates = sorted(_block_mates(conn, members[rid], rules) - done)
                unknown = [i for i in mates if i not in members and i not in batch and i not in others]
                if unknown:
                    got = load(unknown)
                    others.update((i, got.get(i)) for i in unknown)
                for other in mates:
                    if other in reached and other not in members:
                        # clustered with an earlier component: possible only when stored block
                        # keys were filed under other rules (blocking then is not symmetric)
                        continue
                    rep = members.get(other) or batch.get(other) or others.get(other)
                    if rep is None:
                        continue
                    stats.candidates += 1
                    m = compatible(members[rid], rep, rules)
                    if m is None:
                        continue
                    pairs.add((rid, other) if rid < other else (other, rid), m)
                    if other not in reached:
                        reached.add(other)
                        members[other] = rep
                        queue.append(other)
                done.add(rid)
            stats.compatible += len(pairs)
            stats.spilled += pairs.spilled
            stats.largest = max(stats.largest, len(members))
            if len(members) == 1:
                clusters.append([start])
            else:
                clusters.extend(_cluster(sorted(members), members, pairs, rules))
            pairs.close()
    clusters.sort(key=lambda c: c[0])
    return clusters, stats


def _cluster(
    ids: list[str], members: dict[str, Report], pairs: PairBuffer, rules: FusionRules
) -> list[list[str]]:
    def check(x: str, y: str) -> bool:
        key = (x, y) if x < y else (y, x)
        return key in pairs or compatible(members[x], members[y], rules) is not None

    return cluster_ordered(ids, pairs.ordered(), check)
