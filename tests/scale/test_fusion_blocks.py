"""The distributed fusion's blocking, run without Spark: same pairs as the local one, each once."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import date, timedelta

from sitrep.fuse import candidate_pairs, compatible, fuse_config, prepare
from sitrep.fuse.core import keyed
from sitrep.records import Event
from sitrep.scale.fusion import block_pairs, decide, keyed_reports


def _events(n: int, seed: int) -> list[Event]:
    """Reports crowded into few days and places, with coarse dates and places that fall under several keys."""
    rng = random.Random(seed)
    types = ["Armed clash", "Shelling/artillery/missile attack", "Air/drone strike"]
    actors = [None, "Military Forces of Syria", "Hayat Tahrir al-Sham"]
    out = []
    for i in range(n):
        out.append(Event(
            event_id=f"e{i:04d}", doc_id=f"d{i % (n // 3)}", source=f"Outlet {i % 5}",
            event_type="Battles", sub_event_type=rng.choice(types), country="Syria", admin1=rng.choice(["Idlib", "Hama"]),
            event_date=date(2023, 5, 1) + timedelta(days=rng.randrange(12)), time_precision=rng.choice([1, 1, 2, 3]),
            latitude=35.6 + rng.random() * 0.4, longitude=36.4 + rng.random() * 0.4, geo_precision=rng.choice([1, 2, 3]),
            actor1=rng.choice(actors), actor2=rng.choice(actors),
        ))  # fmt: skip
    return out


def _blocks(events: list[Event]) -> dict[str, list]:
    groups: dict[str, list] = defaultdict(list)
    for rest, member in keyed_reports(events):
        groups[rest].append(member)
    return groups


def test_every_candidate_pair_comes_from_exactly_one_block():
    events = _events(300, seed=11)
    cfg = fuse_config()
    emitted = Counter(ids for group in _blocks(events).items() for ids, _ in block_pairs(group))
    local = candidate_pairs(keyed([prepare(e, cfg.rules, cfg.sources) for e in events], cfg.rules))
    assert local, "the fixture should produce candidate pairs"
    assert set(emitted) == local
    assert max(emitted.values()) == 1
    # the fixture is crowded enough that many pairs meet under more than one key
    meets = Counter(ids for _, members in _blocks(events).items() for ids in _all_meetings(members))
    assert sum(1 for v in meets.values() if v > 1) > len(local) // 10


def test_decided_pairs_are_the_compatible_candidates():
    events = _events(200, seed=5)
    cfg = fuse_config()
    reports = {e.event_id: prepare(e, cfg.rules, cfg.sources) for e in events}
    decided = dict(m for group in _blocks(events).items() for pair in block_pairs(group) for m in decide(pair))
    local = candidate_pairs(keyed(reports.values(), cfg.rules))
    truth = {p: compatible(reports[p[0]], reports[p[1]], cfg.rules) for p in local}
    assert decided == {p: m for p, m in truth.items() if m is not None}
    assert decided


def _all_meetings(members: list) -> set[tuple[str, str]]:
    index = [r.event_id for role, r in members if role == "i"]
    probe = [r.event_id for role, r in members if role != "i"]
    return {(min(a, b), max(a, b)) for a in probe for b in index if a != b}


def test_spanning_forests_keep_the_components():
    from sitrep.fuse.core import components
    from sitrep.scale.fusion import forest_edges

    rng = random.Random(3)
    ids = [f"r{i:03d}" for i in range(120)]
    pairs = sorted({tuple(sorted(rng.sample(ids, 2))) for _ in range(400)})
    parts = [pairs[i::3] for i in range(3)]  # as if spread over three partitions
    forest = [e for part in parts for e in forest_edges(part)]
    assert len(forest) < len(pairs)
    assert components(ids, forest) == components(ids, pairs)
