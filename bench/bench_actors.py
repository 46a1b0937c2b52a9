"""Actor resolver speed: `python bench/bench_actors.py` (also importable: run()).

Reports ontology load time, resolver build time, cold (first sight, uncached)
and warm (cached) `resolve` lookups/s on one core over a mixed list of
mentions, and writes bench/results/actors.json.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

# Our own mixed mentions: aliases, variants, units, descriptors, demonym+force,
# backed/linked compounds, generic words, unknown names and misses.
MENTIONS = [
    "HTS", "Hay’at Tahrir al-Sham", "Hayet Tahrir al-Sham", "the Syrian Arab Army", "SAA",
    "government troops", "Russian warplanes", "the Russian Aerospace Forces", "VKS", "Turkish troops",
    "Turkish-backed militants", "pro-government forces", "Iranian-backed militias", "Kurdish fighters",
    "militants", "Idlib militants", "unidentified gunmen", "an unidentified drone", "Horas al-Din",
    "Hurras al-Deen", "Ansar Allah", "the Liwa al-Foo Brigade", "Jaysh al-Bar fighters",
    "Al-Qaeda-linked terrorists", "the US-led coalition", "YPG", "the Kurdish-led forces", "ISIS",
    "Russian and Syrian warplanes", "civilians", "two soldiers", "Suqour al-Sham", "Xqzzv",
    "former branch of al-Qaeda in Syria", "Israeli jets", "American soldiers",
]


def run(rounds: int = 3000) -> dict:
    from sitrep.knowledge.actors import ActorContext, ActorResolver
    from sitrep.knowledge.ontology import load_ontology

    t = time.perf_counter()
    onto = load_ontology()
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    resolver = ActorResolver(onto)
    build_s = time.perf_counter() - t
    ctx = ActorContext(country="SY")

    # cold: a fresh resolver per pass so nothing is cached
    cold_n = 0
    cold_s = 0.0
    for _ in range(5):
        r = ActorResolver(onto)
        t = time.perf_counter()
        for m in MENTIONS:
            r.resolve(m, ctx)
            cold_n += 1
        cold_s += time.perf_counter() - t

    for m in MENTIONS:
        resolver.resolve(m, ctx)
    n = 0
    t = time.perf_counter()
    for _ in range(rounds):
        for m in MENTIONS:
            resolver.resolve(m, ctx)
        n += len(MENTIONS)
    warm_s = time.perf_counter() - t
    resolved = sum(1 for m in MENTIONS if resolver.resolve(m, ctx) is not None)

    res = {
        "actors": len(onto),
        "surface_forms": sum(1 for _ in resolver.surface_forms()),
        "load_ms": round(load_s * 1000, 1),
        "resolver_build_ms": round(build_s * 1000, 1),
        "cold_lookups_per_s": round(cold_n / max(cold_s, 1e-9)),
        "warm_lookups_per_s": round(n / warm_s),
        "mentions": len(MENTIONS),
        "resolved": resolved,
    }
    return res


def main() -> None:
    res = run()
    width = max(len(k) for k in res)
    for k, v in res.items():
        print(f"{k:<{width}}  {v}")
    out = Path(__file__).resolve().parent / "results" / "actors.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
