"""The offline basemap served to the page: shipped layers and place labels by zoom.

Why server-side labels: the gazetteer gives about 13,000 Syrian labels; the page
asks only for the ones inside its view at its zoom (a few hundred at most), so
it never downloads or draws the whole list. They are read from the package's
own gazetteer (so they follow it when it is rebuilt), with the zoom rules of
data/web/dashboard.yaml; the layers are data/basemap/basemap.json, derived by
scripts/build_basemap.py (see data/basemap/NOTICE.md).
"""

from __future__ import annotations

import csv
import gzip
import io
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

MAX_LABELS = 400  # more than this in one view is unreadable; the most important come first


@lru_cache(maxsize=1)
def layers_json() -> bytes:
    """basemap.json as shipped (countries, land, borders, coast, lakes, rivers, places, corridors)."""
    return resources.files("sitrep").joinpath("data/basemap/basemap.json").read_bytes()


def _plain(name: str) -> str:
    """A label without transliteration marks: 'Ḩamāh' -> 'Hamah'."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.replace("\u2018", "").replace("\u2019", "'").replace("\u02bf", "").replace("\u02be", "'").strip()


@lru_cache(maxsize=1)
def _labels() -> list[tuple[str, float, float, int]]:
    rules = _config()["label_zoom"]
    by_feature: dict[str, int] = rules["by_feature"]
    by_pop = [(int(p), int(z)) for p, z in rules["by_population"]]
    cell = float(rules["same_label_within_deg"])
    raw = resources.files("sitrep").joinpath("data/gazetteer/places.tsv.gz").read_bytes()
    rows = csv.DictReader(io.StringIO(gzip.decompress(raw).decode("utf-8")), delimiter="\t", quoting=csv.QUOTE_NONE)
    best: dict[tuple[str, int, int], tuple[int, int, str, float, float]] = {}
    for n, r in enumerate(rows):
        z = by_feature.get(r["feature_code"])
        if r["country"] != "SY" or z is None:
            continue
        pop = int(r["population"] or 0)
        z = min([z] + [pz for floor, pz in by_pop if pop >= floor])
        name = _plain(r["name"])
        lat, lon = float(r["lat"]), float(r["lon"])
        key = (name.lower(), int(lat / cell), int(lon / cell))
        cand = (z, n, name, lat, lon)
        if key not in best or cand < best[key]:
            best[key] = cand
    # by zoom, so a cut at `limit` keeps the most important labels
    return [(name, lat, lon, z) for z, _, name, lat, lon in sorted(best.values(), key=lambda v: (v[0], v[2], v[3]))]


def labels(bbox: tuple[float, float, float, float], zoom: int, limit: int = MAX_LABELS) -> dict[str, Any]:
    """Place labels inside `bbox` (min lon, min lat, max lon, max lat) that show at `zoom`."""
    x0, y0, x1, y1 = bbox
    out = []
    for name, lat, lon, z in _labels():
        if z > zoom:
            break
        if y0 <= lat <= y1 and x0 <= lon <= x1:
            out.append({"name": name, "lat": lat, "lon": lon, "min_zoom": z})
            if len(out) >= limit:
                break
    return {"zoom": zoom, "items": out, "truncated": len(out) >= limit}


@lru_cache(maxsize=1)
def _config() -> dict[str, Any]:
    raw = resources.files("sitrep").joinpath("data/web/dashboard.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(raw))


def vocabulary() -> dict[str, Any]:
    """Colours per event type and inter code, and the two status vocabularies (data/web/dashboard.yaml)."""
    d = _config()
    return {
        "event_type_colours": dict(d["event_type_colours"]),
        "inter_codes": {str(k): v for k, v in d["inter_codes"].items()},
        "status_vocabularies": {"claim": list(d["claim_statuses"]), "corroboration": list(d["corroboration_statuses"])},
    }
