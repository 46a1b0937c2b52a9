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
  labels.tsv.gz  Syrian place labels from the gazetteer with the zoom they appear at
Sources and licences are in src/sitrep/data/basemap/NOTICE.md.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
import unicodedata
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

# Zoom at which a Syrian gazetteer place gets its label, by feature code. Chosen by
# looking at the map: governorate seats are readable from the country view (6),
# district seats at 8, sub-district seats at 9, villages and OCHA communities from
# 11, neighbourhoods only when one city fills the screen (13).
LABEL_ZOOM = {"PPLC": 6, "PPLA": 6, "PPLA2": 8, "PPLA3": 9, "AIRB": 10, "PPL": 11, "STLMT": 11, "PPLL": 12,
              "PPLX": 13}  # fmt: skip
POP_ZOOM = ((100_000, 7), (30_000, 8), (10_000, 9))  # a populous place shows earlier than its code says
DEDUPE_CELL = 0.02  # deg: two rows with one name within ~2 km are one label


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


def _plain(name: str) -> str:
    """A label without transliteration marks: 'Ḩamāh' -> 'Hamah'."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.replace("‘", "").replace("’", "'").replace("ʿ", "").replace("ʾ", "'").strip()


def _gazetteer_rows() -> list[dict[str, str]]:
    with gzip.open(GAZETTEER, "rt", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def corridors(rows: list[dict[str, str]]) -> dict[str, Any]:
    by_id = {r["place_id"]: r for r in rows}
    spec = yaml.safe_load((OUT / "corridors.yaml").read_text(encoding="utf-8"))
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


def label_zoom(row: dict[str, str]) -> int | None:
    z = LABEL_ZOOM.get(row["feature_code"])
    if z is None:
        return None
    pop = int(row["population"] or 0)
    for floor, pz in POP_ZOOM:
        if pop >= floor:
            return min(z, pz)
    return z


def labels(rows: list[dict[str, str]]) -> bytes:
    best: dict[tuple[str, int, int], tuple[int, int, str, float, float]] = {}
    for n, r in enumerate(rows):
        if r["country"] != "SY":
            continue
        z = label_zoom(r)
        if z is None:
            continue
        name = _plain(r["name"])
        lat, lon = float(r["lat"]), float(r["lon"])
        key = (name.lower(), int(lat / DEDUPE_CELL), int(lon / DEDUPE_CELL))
        cand = (z, n, name, lat, lon)
        if key not in best or cand < best[key]:
            best[key] = cand
    out = io.StringIO()
    out.write("name\tlat\tlon\tmin_zoom\n")
    for z, _, name, lat, lon in sorted(best.values(), key=lambda v: (v[0], v[2], v[3], v[4])):
        out.write(f"{name}\t{lat:.4f}\t{lon:.4f}\t{z}\n")
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:  # mtime 0: byte-for-byte rebuilds
        gz.write(out.getvalue().encode("utf-8"))
    return buf.getvalue()


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
    args = ap.parse_args()
    data = build(args.pack)
    OUT.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    (OUT / "basemap.json").write_text(text, encoding="utf-8")
    lab = labels(_gazetteer_rows())
    (OUT / "labels.tsv.gz").write_bytes(lab)
    counts = {k: len(v["features"]) for k, v in data["layers"].items()}
    print(f"basemap.json: {len(text):,} bytes {counts}; labels.tsv.gz: {len(lab):,} bytes")


if __name__ == "__main__":
    main()
