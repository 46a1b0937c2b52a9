"""Fusion benchmark: time and peak memory for 10k and 100k synthetic event reports.

Synthetic incidents are scattered over a Syria-sized box and two years; each is
reported by 1-4 outlets with the jitter real outlets show (a day off, a few km
off, week precision, swapped or missing actors). Measures the pure in-memory
`fuse` (blocking + comparison + clustering + merging) on one core, and scores
the result against the known incidents (B-cubed).

    .venv/bin/python -m bench.bench_fusion [--sizes 10000 100000] [--syndicated 50000 25]

The syndicated case (every incident told by 25 outlets) measures the clustering
of large components, where pair checks grow with the square of the copies.

Prints a table and writes bench/results/fusion.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from sitrep.fuse import fuse, load_rules, load_sources, score_clusters
from sitrep.fuse.core import candidate_pairs, keyed, prepare_all
from sitrep.records import Event

OUT = Path(__file__).resolve().parent / "results" / "fusion.json"
SEED = 20230510
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest")]  # fmt: skip
ACTORS = [f"Armed Group {i}" for i in range(30)]
OUTLETS = [f"Outlet {i}" for i in range(40)]
ADMIN1 = [f"Province {i}" for i in range(14)]


def synthetic(n_reports: int, seed: int = SEED, copies: int | None = None) -> tuple[list[Event], dict[str, str]]:
    """`copies`: every story told by exactly that many outlets (a syndicated wire story),
    each article reporting two strikes 6 km apart on the same day, which one
    article's two reports must keep apart while their copies all agree."""
    rng = random.Random(seed)
    events: list[Event] = []
    labels: dict[str, str] = {}
    start = date(2022, 1, 1)
    k = 0
    while len(events) < n_reports:
        k += 1
        etype, sub = rng.choice(TYPES)
        day = start + timedelta(days=rng.randrange(730))
        lat, lon = 32.5 + rng.random() * 4.5, 35.7 + rng.random() * 6.3
        a1, a2 = rng.sample(ACTORS, 2)
        admin1 = ADMIN1[int((lat - 32.5) / 4.5 * 14) % 14]
        twins = 2 if copies else 1  # a syndicated story tells of two strikes on neighbouring places
        for j, outlet in enumerate(rng.sample(OUTLETS, copies or rng.choice([1, 1, 2, 3, 4]))):
            for t in range(twins):
                if len(events) >= n_reports:
                    break
                tp = rng.choice([1, 1, 1, 2])
                gp = rng.choice([1, 1, 2, 3])
                jitter_km = rng.random() * (3 if gp == 1 else 10)
                if copies:  # copies repeat the wire's place name and date: one geocode, one day
                    tp, gp, jitter_km = 1, 1, 0.0
                x1, x2 = (a2, a1) if rng.random() < 0.2 else (a1, a2)
                if rng.random() < 0.2:
                    x2 = None
                eid = f"r{k}-{j}" + (f"-{t}" if copies else "")
                events.append(Event(
                    event_id=eid, doc_id=f"d{k}-{j}", event_date=day + timedelta(days=0 if copies else rng.choice([0, 0, 1])),
                    time_precision=tp, event_type=etype, sub_event_type=sub, actor1=x1, actor2=x2,
                    country="Syria", admin1=admin1, location=f"Place {k}" + (f"-{t}" if t else ""),
                    latitude=lat + t * 0.055 + jitter_km / 111 * rng.choice([-1, 1]), longitude=lon, geo_precision=gp,
                    fatalities=rng.choice([None, rng.randrange(10)]), source=outlet,
                ))  # fmt: skip
                labels[eid] = f"g{k}" + (f"-{t}" if t else "")
    return events, labels


def run(n: int, copies: int | None = None) -> dict[str, object]:
    rules, sources = load_rules(), load_sources()
    events, labels = synthetic(n, copies=copies)
    _, reps = prepare_all(events, rules, sources)
    n_cands = len(candidate_pairs(keyed(reps.values(), rules)))
    del reps
    tracemalloc.start()
    t0 = time.perf_counter()
    merged = fuse(events, rules, sources)
    seconds = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    t0 = time.perf_counter()
    fuse(events, rules, sources)
    seconds_untraced = time.perf_counter() - t0
    s = score_clusters([m.event_ids for m in merged], labels)
    return {
        "reports": n, "outlets_per_incident": copies or "1-4", "merged_events": len(merged), "candidate_pairs": n_cands,
        "seconds_traced": round(seconds, 2), "seconds": round(seconds_untraced, 2),
        "peak_mib": round(peak / 2**20, 1), "bcubed_precision": round(s.bcubed_precision, 4),
        "bcubed_recall": round(s.bcubed_recall, 4), "purity": round(s.purity, 4),
        "completeness": round(s.completeness, 4),
    }  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--syndicated", type=int, nargs=2, default=[50_000, 25], metavar=("REPORTS", "COPIES"),
                    help="also a crawl of syndicated stories: REPORTS reports, each incident told by COPIES outlets")
    args = ap.parse_args()
    results = [run(n) for n in args.sizes]
    results.append(run(args.syndicated[0], copies=args.syndicated[1]))
    cols = ["reports", "outlets_per_incident", "merged_events", "candidate_pairs", "seconds", "peak_mib", "bcubed_precision", "bcubed_recall"]
    print(" | ".join(f"{c:>16}" for c in cols))
    for r in results:
        print(" | ".join(f"{r[c]!s:>16}" for c in cols))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"python": platform.python_version(), "machine": platform.machine(),
                               "note": "peak_mib from tracemalloc (Python allocations) during one fuse();"
                                       " seconds is a second, untraced run",
                               "results": results}, indent=2) + "\n")  # fmt: skip
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
