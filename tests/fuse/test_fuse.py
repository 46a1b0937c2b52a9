"""Fusion over hand-built reports and the gold corpus."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import combinations

from sitrep.fuse import (
    CONTESTED,
    CORROBORATED,
    SINGLE,
    candidate_pairs,
    compatible,
    fuse,
    load_rules,
    load_sources,
    founding_id,
    merged_id,
    prepare,
    score_clusters,
)
from sitrep.fuse.core import keyed
from sitrep.geo.distance import haversine_km
from sitrep.records import Event

RULES = load_rules()


def ev(event_id: str, doc_id: str, **kw) -> Event:
    base = dict(
        event_date=date(2023, 5, 10), time_precision=1, event_type="Battles", sub_event_type="Armed clash",
        actor1="Military Forces of Syria", actor2="Hayat Tahrir al-Sham", admin1="Idlib", country="Syria",
        latitude=35.9, longitude=36.6, geo_precision=1, source=f"Outlet {doc_id}",
    )  # fmt: skip
    base.update(kw)
    return Event(event_id=event_id, doc_id=doc_id, **base)  # type: ignore[arg-type]


def by_members(merged):
    return {tuple(m.event_ids): m for m in merged}


def test_three_outlets_one_clash(gold, gold_sources):
    merged = by_members(fuse(gold.events, sources=gold_sources))
    m = merged[("fm-001-a", "nw-001-a", "vc-001-a")]
    assert (m.n_sources, m.n_outlets) == (3, 3)
    assert m.outlets == ["Field Monitor Network", "Northern Wire", "Valley Courier"]
    # day precision beats week; between the two day reports the monitor (0.8) wins
    assert (m.event_date, m.time_precision) == (date(2023, 5, 11), 1)
    assert m.location == "Kafr Tal village"
    # actors in the lead's orientation although Northern Wire swapped them
    assert (m.actor1, m.actor2, m.inter1, m.inter2) == ("Military Forces of Syria", "Hayat Tahrir al-Sham", 1, 2)
    # fatalities: the most reliable outlet's figure; the range and each figure kept
    assert (m.fatalities, m.fatalities_min, m.fatalities_max) == (6, 4, 9)
    assert sorted(s.fatalities for s in m.sources) == [4, 6, 9]
    assert m.fusion_certainty == CONTESTED


def test_points_of_the_three_reports_are_within_5_km(gold):
    pts = {e.event_id: (e.latitude, e.longitude) for e in gold.events}
    ids = ("fm-001-a", "nw-001-a", "vc-001-a")
    assert max(haversine_km(*pts[a], *pts[b]) for a, b in combinations(ids, 2)) < 5


def test_same_place_different_dates_stay_apart(gold, gold_sources):
    merged = by_members(fuse(gold.events, sources=gold_sources))
    assert ("nw-002-a", "vc-002-a") in merged  # the clash ten days later: its own event
    assert ("vc-003-b",) in merged and ("nw-005-b",) in merged  # attacks three days apart


def test_same_date_different_places_stay_apart(gold, gold_sources):
    merged = by_members(fuse(gold.events, sources=gold_sources))
    assert ("fm-002-a", "nw-001-b") in merged  # the clash 40 km away on the same day


def test_same_outlet_twice_counts_once(gold, gold_sources):
    m = by_members(fuse(gold.events, sources=gold_sources))[("vc-004-a", "vc-005-a")]
    assert (m.n_sources, m.n_outlets, m.fusion_certainty) == (2, 1, SINGLE)
    assert (m.fatalities, m.fatalities_min, m.fatalities_max) == (2, 2, 3)


def test_reports_of_one_document_never_merge(gold, gold_sources):
    merged = by_members(fuse(gold.events, sources=gold_sources))
    # the other outlet's report goes to the nearer strike; the second strike stays alone
    assert ("nw-003-a", "vc-006-b") in merged and ("nw-003-b",) in merged


def test_disputed_attribution_is_one_contested_event(gold, gold_sources):
    m = by_members(fuse(gold.events, sources=gold_sources))[("fm-003-a", "nw-005-a", "vc-006-a")]
    assert m.fusion_certainty == CONTESTED
    assert (m.actor1, m.actor2) == (None, "Civilians (Syria)")  # the monitor names no one; the camps disagree
    assert (m.fatalities, m.fatalities_min, m.fatalities_max) == (4, 3, 5)


def test_admin1_level_report_meets_a_point_in_its_governorate(gold, gold_sources):
    m = by_members(fuse(gold.events, sources=gold_sources))[("fm-002-b", "nw-004-b")]
    assert (m.location, m.geo_precision, m.event_date, m.time_precision) == ("Suqaylabiyah", 1, date(2023, 5, 18), 1)
    assert m.fusion_certainty == CORROBORATED


def test_strike_and_shelling_merge_only_with_the_same_actor():
    strike = ev("a", "d1", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                actor1="Military Forces of Russia", actor2=None)  # fmt: skip
    same = ev("b", "d2", event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
              actor1="Military Forces of Russia", actor2=None)  # fmt: skip
    other = ev("c", "d3", event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
               actor1=None, actor2=None)  # fmt: skip
    assert sorted(m.event_ids for m in fuse([strike, same])) == [["a", "b"]]
    assert sorted(m.event_ids for m in fuse([strike, other])) == [["a"], ["c"]]


def test_clash_and_territory_taken_are_compatible_but_not_an_attack():
    clash = ev("a", "d1")
    taken = ev("b", "d2", sub_event_type="Non-state actor overtakes territory", actor1="Hayat Tahrir al-Sham",
               actor2="Military Forces of Syria")  # fmt: skip
    attack = ev("c", "d3", event_type="Violence against civilians", sub_event_type="Attack")
    assert [m.event_ids for m in fuse([clash, taken, attack])] == [["a", "b"], ["c"]]


def test_different_named_actors_do_not_merge():
    a = ev("a", "d1")
    b = ev("b", "d2", actor1="Syrian Democratic Forces", actor2="Islamic State (Syria)")
    assert compatible(*(prepare(x, RULES, load_sources()) for x in (a, b)), RULES) is None


def test_no_chaining_through_a_middle_report():
    # day 1 ~ day 3 ~ day 5 (each 2 days apart), but days 1 and 5 are not compatible
    reps = [ev(f"e{d}", f"d{d}", event_date=date(2023, 5, d)) for d in (1, 3, 5)]
    clusters = sorted(m.event_ids for m in fuse(reps))
    assert clusters == [["e1", "e3"], ["e5"]]


def test_merged_id_is_the_smallest_members_founding_id(gold, gold_sources):
    forward = fuse(gold.events, sources=gold_sources)
    backward = fuse(list(reversed(gold.events)), sources=gold_sources)
    assert [m.merged_id for m in forward] == [m.merged_id for m in backward]
    assert merged_id(["b", "a"]) == merged_id(["a", "b"]) == merged_id(["a"]) == founding_id("a") != founding_id("b")


def test_reports_without_date_or_place_stay_alone():
    a, b = ev("a", "d1"), ev("b", "d2", event_date=None)
    c = ev("c", "d3", latitude=None, longitude=None, admin1=None)
    assert sorted(m.event_ids for m in fuse([a, b, c])) == [["a"], ["b"], ["c"]]


def test_gold_corpus_scores_and_no_place_only_or_date_only_merges(gold, gold_sources):
    merged = fuse(gold.events, sources=gold_sources)
    s = score_clusters([m.event_ids for m in merged], gold.labels)
    assert s.purity >= 0.9 and s.completeness >= 0.9
    assert s.bcubed_precision >= 0.9 and s.bcubed_recall >= 0.9
    cluster_of = {i: m.merged_id for m in merged for i in m.event_ids}
    evs = {e.event_id: e for e in gold.events}
    checked = 0
    for a, b in combinations(sorted(evs), 2):
        if gold.labels[a] == gold.labels[b]:
            continue
        ea, eb = evs[a], evs[b]
        same_place = haversine_km(ea.latitude, ea.longitude, eb.latitude, eb.longitude) <= 10
        same_date = ea.event_date == eb.event_date
        if same_place != same_date:  # they share only a place or only a date
            checked += 1
            assert cluster_of[a] != cluster_of[b], (a, b)
    assert checked >= 20


def test_score_counts_a_wrong_merge():
    s = score_clusters([["a", "b", "c"], ["d"]], {"a": "x", "b": "x", "c": "y", "d": "y"})
    assert (s.purity, s.completeness) == (0.75, 0.75)
    assert round(s.bcubed_precision, 4) == round((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4, 4)


def test_blocking_finds_every_compatible_pair_and_not_all_pairs():
    rng = random.Random(7)
    sources = load_sources()
    types = ["Armed clash", "Non-state actor overtakes territory", "Air/drone strike"]
    actors = [None, "Military Forces of Syria", "Hayat Tahrir al-Sham", "Unidentified Armed Group (Syria)"]
    reports = []
    for i in range(400):
        gp = rng.choice([1, 1, 2, 3])
        reports.append(prepare(ev(
            f"e{i:03d}", f"d{i % 150}", sub_event_type=rng.choice(types),
            event_date=date(2023, 5, 1) + timedelta(days=rng.randrange(40)), time_precision=rng.choice([1, 1, 2, 3]),
            latitude=35.5 + rng.random() * 0.8, longitude=36.2 + rng.random() * 0.8, geo_precision=gp,
            admin1=rng.choice(["Idlib", "Hama"]), actor1=rng.choice(actors), actor2=rng.choice(actors),
        ), RULES, sources))  # fmt: skip
    cands = candidate_pairs(keyed(reports, RULES))
    truth = {
        (a.event_id, b.event_id) for a, b in combinations(reports, 2) if compatible(a, b, RULES) is not None
    }
    assert truth and truth <= cands
    assert len(cands) < len(reports) * (len(reports) - 1) // 2 / 3
