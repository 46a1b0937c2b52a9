"""Geocoding speed and footprint: `python bench/bench_geo.py` (also importable: run()).

Reports gazetteer load time and memory (tracemalloc peak and RSS growth), cold
and warm lookups/s for `resolve` and `resolve_phrase` on one core, and writes
bench/results/geo.json.
"""

from __future__ import annotations

import gc
import json
import resource
import statistics
import time
import tracemalloc
from pathlib import Path

MENTIONS = ["Idlib", "Sarmada", "Binnish", "Jisr al-Shughur", "Kafer-Zaita", "Latamna", "Mahardah",
            "Skelbia", "Hmeimim", "Afrin", "al-Qamishli", "Bosoufane", "Tell Rifat", "Aleppo",
            "Maarat al-Numan", "Khan Sheikhoun", "Saraqeb", "Douma", "Deir Ezzor", "Raqqa",
            "Moscow", "Ankara", "Arab Said", "Benin", "Greater Idlib", "Xqzzv"]
COLD_PASSES = 5
PHRASES = ["near the town of Binnish", "in the outskirts of Jisr al-Shughur", "west of Idlib city",
           "the western countryside of Idlib", "southern Idlib", "in Idlib province"]


def run(rounds: int = 2000) -> dict:
    from sitrep.geo.gazetteer import load_gazetteer
    from sitrep.geo.normalise import ascii_name, name_key, skeleton_key
    from sitrep.geo.resolve import PlaceResolver
    from sitrep.geo.spelling import written_form

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    gaz = load_gazetteer()
    resolver = PlaceResolver(gaz)
    load_s = time.perf_counter() - t
    rss_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024

    # the first lookups straight after the load, as a program starting up makes them (the
    # memory diagnostic below loads a second, throw-away copy: done after, so its allocation
    # churn and collection do not land between the load and the first lookups)
    t = time.perf_counter()
    for m in MENTIONS:
        resolver.resolve(m)
    cold = len(MENTIONS) / (time.perf_counter() - t)
    tracemalloc.start()
    load_gazetteer()
    peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    gc.collect()  # free the throw-away second copy before the timed passes below
    # the single pass above is 26 calls (~1.3 ms): one scheduler hiccup on a shared
    # machine halves it. The median of COLD_PASSES passes, each on a fresh resolver
    # with the key caches emptied, is the steadier figure of the same thing.
    passes = []
    for _ in range(COLD_PASSES):
        fresh = PlaceResolver(gaz)
        for f in (name_key, skeleton_key, ascii_name, written_form):
            f.cache_clear()
        t = time.perf_counter()
        for m in MENTIONS:
            fresh.resolve(m)
        passes.append(len(MENTIONS) / (time.perf_counter() - t))
    cold_median = statistics.median(passes)
    t = time.perf_counter()
    for _ in range(rounds):
        for m in MENTIONS:
            resolver.resolve(m)
    warm = rounds * len(MENTIONS) / (time.perf_counter() - t)
    n = max(1, rounds // 10)
    t = time.perf_counter()
    for _ in range(n):
        for p in PHRASES:
            resolver.resolve_phrase(p)
    phrases = n * len(PHRASES) / (time.perf_counter() - t)
    return {"places": len(gaz), "load_s": round(load_s, 3), "load_rss_mb": round(rss_mb, 1),
            "load_tracemalloc_peak_mb": round(peak_mb, 1), "cold_lookups_per_s": round(cold),
            "cold_lookups_per_s_median": round(cold_median),
            "warm_lookups_per_s": round(warm), "phrase_resolutions_per_s": round(phrases)}


def main() -> None:
    res = run()
    for k, v in res.items():
        print(f"{k:28} {v}")
    out = Path(__file__).resolve().parent / "results" / "geo.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2, sort_keys=True) + "\n", "utf-8")


if __name__ == "__main__":
    main()
