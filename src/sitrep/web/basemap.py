"""The offline basemap served to the page: shipped layers and place labels by zoom.

Why server-side labels: the gazetteer gives about 13,000 Syrian labels; the page
asks only for the ones inside its view at its zoom (a few hundred at most), so
it never downloads or draws the whole list. Both files are derived by
scripts/build_basemap.py and shipped in the package (see data/basemap/NOTICE.md).
"""

from __future__ import annotations

import csv
import gzip
import io
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

MAX_LABELS = 400  # more than this in one view is unreadable; the most important come first


@lru_cache(maxsize=1)
def layers_json() -> bytes:
    """basemap.json as shipped (countries, land, borders, coast, lakes, rivers, places, corridors)."""
    return resources.files("sitrep").joinpath("data/basemap/basemap.json").read_bytes()


@lru_cache(maxsize=1)
def _labels() -> list[tuple[str, float, float, int]]:
    raw = resources.files("sitrep").joinpath("data/basemap/labels.tsv.gz").read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    rows = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    # the file is sorted by min_zoom, so a cut keeps the most important labels
    return [(r["name"], float(r["lat"]), float(r["lon"]), int(r["min_zoom"])) for r in rows]


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
def vocabulary() -> dict[str, Any]:
    """Colours per event type and inter code, and the two status vocabularies (data/web/dashboard.yaml)."""
    raw = resources.files("sitrep").joinpath("data/web/dashboard.yaml").read_text(encoding="utf-8")
    d = yaml.safe_load(raw)
    return {
        "event_type_colours": dict(d["event_type_colours"]),
        "inter_codes": {str(k): v for k, v in d["inter_codes"].items()},
        "status_vocabularies": {"claim": list(d["claim_statuses"]), "corroboration": list(d["corroboration_statuses"])},
    }
