"""Build the dashboard's offline basemap from the shared Natural Earth pack and our gazetteer.

Why a script: the map must draw neighbouring countries, borders, coast, lakes,
rivers, place labels and the M4/M5 corridors with no tiles and no network, from
files shipped in the package. Those files are derived here, once, from public
data (never read at run time), so they can be rebuilt byte for byte:

    python scripts/build_basemap.py [--pack ../shared/data/basemap]

Writes into src/sitrep/data/basemap/:
  basemap.json   one object of GeoJSON layers (countries, land, borders, coast,
                 lakes, rivers, places, corridors), coordinates cut to 3 decimals
                 (about 100 m, finer than the pack's 200 m simplification)
Syria's own place labels are read by the dashboard from the gazetteer itself
(sitrep.web.basemap, rules in data/web/dashboard.yaml), so they follow it.
Sources and licences are in src/sitrep/data/basemap/NOTICE.md.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src/sitrep/data/basemap"
GAZETTEER = REPO / "src/sitrep/data/gazetteer/places.tsv.gz"
DIGITS = 3  # ~100 m: the pack is already simplified at 0.002 deg

# Natural Earth boundary classes drawn solid; every other class (line of control,
# claim, indefinite, disputed, overlay limit) is drawn dashed as contested.
SETTLED_BORDER = "International boundary (verify)"

def _round(coords: Any) -> Any:
    if isinstance(coords, (int, float)):
        return round(float(coords), DIGITS)
    out = [_round(c) for c in coords]
    # rounding can make neighbouring vertices equal: drop the repeats
    if out and isinstance(out[0], list) and out[0] and isinstance(out[0][0], float):
        out = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
    return out


def _layer(pack: Path, stem: str, keep: dict[str, str], extra=None) -> dict[str, Any]:
    src = json.loads((pack / f"{stem}.geojson").read_text(encoding="utf-8"))
    feats = []
    for f in src["features"]:
        props = {new: f["properties"][old] for new, old in keep.items() if f["properties"].get(old) is not None}
        if extra:
            props.update(extra(f["properties"]))
        geom = {"type": f["geometry"]["type"], "coordinates": _round(f["geometry"]["coordinates"])}
        feats.append({"type": "Feature", "properties": props, "geometry": geom})
    return {"type": "FeatureCollection", "features": feats}


def _gazetteer_rows() -> list[dict[str, str]]:
    with gzip.open(GAZETTEER, "rt", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def corridors(rows: list[dict[str, str]]) -> dict[str, Any]:
    by_id = {r["place_id"]: r for r in rows}
    spec = yaml.safe_load((OUT / "corridors.yaml").read_text(encoding="utf-8"))  # hand-written: always the repo's
    feats = []
    for c in spec["corridors"]:
        line, via = [], []
        for t in c["towns"]:
            r = by_id.get(t["id"])
            if r is None:
                sys.exit(f"error: corridors.yaml: {c['name']}: no gazetteer place {t['id']} ({t['name']})")
            line.append([round(float(r["lon"]), DIGITS), round(float(r["lat"]), DIGITS)])
            via.append(t["name"])
        feats.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": line},
                      "properties": {"name": c["name"], "label": c["label"], "via": via, "schematic": True}})  # fmt: skip
    return {"type": "FeatureCollection", "features": feats}


def build(pack: Path) -> dict[str, Any]:
    if not (pack / "countries.geojson").is_file():
        sys.exit(f"error: {pack}: not the basemap pack (no countries.geojson)")
    rows = _gazetteer_rows()
    layers = {
        "countries": _layer(pack, "countries", {"name": "name", "a3": "adm0_a3"}),
        "land": _layer(pack, "land", {}),
        "borders": _layer(pack, "boundary_lines", {"class": "class", "name": "name", "left": "left", "right": "right"},
                          lambda p: {"contested": p.get("class") != SETTLED_BORDER or bool(p.get("disputed"))}),
        "coast": _layer(pack, "coastline", {}),
        "lakes": _layer(pack, "lakes", {"name": "name", "min_label": "min_label"}),
        "rivers": _layer(pack, "rivers", {"name": "name_en", "min_label": "min_label"}),
        "places": _layer(pack, "places", {"name": "name_en", "a3": "adm0_a3", "min_zoom": "min_zoom"}),
        "corridors": corridors(rows),
    }
    # Syria's own places come from the gazetteer labels; Natural Earth's name the neighbours' towns
    layers["places"]["features"] = [f for f in layers["places"]["features"] if f["properties"].get("a3") != "SYR"]
    return {
        "attribution": "Made with Natural Earth (public domain); places: GeoNames, OCHA Syria / HDX",
        "layers": layers,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pack", type=Path, default=REPO.parent / "shared/data/basemap",
                    help="the Natural Earth basemap pack (default ../shared/data/basemap)")  # fmt: skip
    ap.add_argument("--out", type=Path, default=OUT, help="output folder (default: the package's data/basemap)")
    args = ap.parse_args()
    data = build(args.pack)
    args.out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    (args.out / "basemap.json").write_text(text, encoding="utf-8")
    counts = {k: len(v["features"]) for k, v in data["layers"].items()}
    print(f"basemap.json: {len(text):,} bytes {counts}")


if __name__ == "__main__":
    main()
