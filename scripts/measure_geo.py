#!/usr/bin/env python3
"""Measure the geocoder on real place spellings (measurement only).

    .venv/bin/python scripts/measure_geo.py [REALDEV_DIR] [--misses N] [--json]

For each record of REALDEV_DIR/*.jsonl (default <repo>/../shared/realdev, the
gold files, not the *.input.jsonl ones) the gold `location` is geocoded four
ways: bare (`resolve_phrase(location)`), with the gold governorate as document
context (`PlaceContext(admin1_hints=(admin1,))`), and with the governorate
written into the phrase as reporters do: "X, <governorate>" (`comma`) and
"X in <governorate>" (`in`). Printed per file and overall: the share found at
all and the share within 15 km of the gold coordinates.
`--misses N` prints the first N names that land farther than 15 km, for
debugging on screen. Nothing from the files is written anywhere: the folder's
rules of use forbid copying its strings into the project.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sitrep.geo.distance import haversine_km  # noqa: E402
from sitrep.geo.gazetteer import load_gazetteer  # noqa: E402
from sitrep.geo.resolve import PlaceContext, PlaceResolver  # noqa: E402

DEFAULT_DIR = REPO.parent / "shared" / "realdev"
WITHIN_KM = 15.0  # the scorer's distance for geo_precision 1


def gold_places(folder: Path) -> dict[str, list[tuple[str, str, float, float]]]:
    """File stem -> [(location, admin1, lat, lon)] for records with a location and coordinates."""
    out: dict[str, list[tuple[str, str, float, float]]] = {}
    for path in sorted(folder.glob("*.jsonl")):
        if path.name.endswith(".input.jsonl"):
            continue
        rows = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                g = json.loads(line).get("gold") or {}
                if g.get("location") and g.get("latitude") is not None and g.get("longitude") is not None:
                    rows.append((g["location"], g.get("admin1") or "", float(g["latitude"]),
                                 float(g["longitude"])))
        out[path.stem] = rows
    return out


MODES = ("bare", "admin1", "comma", "in")


def _query(mode: str, loc: str, adm1: str) -> tuple[str, PlaceContext]:
    if mode == "admin1":
        return loc, PlaceContext(admin1_hints=(adm1,) if adm1 else ())
    if mode == "comma" and adm1:
        return f"{loc}, {adm1}", PlaceContext()
    if mode == "in" and adm1:
        return f"{loc} in {adm1}", PlaceContext()
    return loc, PlaceContext()


def measure(resolver: PlaceResolver, rows, misses: list | None = None,
            miss_mode: str = "admin1") -> dict[str, float]:
    n = len(rows)
    found = dict.fromkeys(MODES, 0)
    near = dict.fromkeys(MODES, 0)
    for loc, adm1, lat, lon in rows:
        for mode in MODES:
            phrase, ctx = _query(mode, loc, adm1)
            m = resolver.resolve_phrase(phrase, ctx)
            if m is None:
                if misses is not None and mode == miss_mode:
                    misses.append((loc, adm1, None))
                continue
            found[mode] += 1
            d = haversine_km(lat, lon, m.latitude, m.longitude)
            if d <= WITHIN_KM:
                near[mode] += 1
            elif misses is not None and mode == miss_mode:
                misses.append((loc, adm1, f"{m.name} ({m.admin1}) {d:.0f} km [{m.reason}]"))
    return {"n": n, **{f"found_{k}": round(v / max(n, 1), 3) for k, v in found.items()},
            **{f"within15_{k}": round(v / max(n, 1), 3) for k, v in near.items()}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--misses", type=int, default=0, help="print the first N misses (with governorate)")
    ap.add_argument("--miss-mode", choices=MODES, default="admin1", help="which mode --misses lists")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder}: not present", file=sys.stderr)
        return 1
    resolver = PlaceResolver(load_gazetteer())
    sets = gold_places(args.folder)
    report: dict[str, dict] = {}
    misses: list = []
    all_rows = []
    for name, rows in sets.items():
        report[name] = measure(resolver, rows, misses if args.misses else None, args.miss_mode)
        all_rows += rows
    report["all"] = measure(resolver, all_rows)
    report["all_distinct"] = measure(resolver, sorted(set(all_rows)))
    if args.json:
        print(json.dumps(report, indent=2, sort_keys=True))
    else:
        for name, r in report.items():
            print(f"{name:16s} n {r['n']:4d}  " + "  ".join(
                f"{mode}: found {r['found_' + mode]:.3f} within15 {r['within15_' + mode]:.3f}" for mode in MODES))
    for loc, adm1, what in misses[: args.misses]:
        print(f"  MISS {loc!r} [{adm1}] -> {what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
