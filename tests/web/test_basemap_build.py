"""The shipped basemap is what scripts/build_basemap.py derives from the reference pack, byte for byte.

Reads ../shared/data/basemap (skipped when that folder is absent); writes only
into the test's tmp dir.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACK = REPO.parent / "shared/data/basemap"
SHIPPED = REPO / "src/sitrep/data/basemap"


@pytest.mark.skipif(not (PACK / "countries.geojson").is_file(), reason="../shared/data/basemap is not here")
def test_build_basemap_reproduces_the_shipped_files(tmp_path):
    proc = subprocess.run([sys.executable, str(REPO / "scripts/build_basemap.py"), "--pack", str(PACK),
                           "--out", str(tmp_path)], capture_output=True, text=True, timeout=120)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "basemap.json").read_bytes() == (SHIPPED / "basemap.json").read_bytes()


def test_shipped_basemap_keeps_what_the_map_draws():
    data = json.loads((SHIPPED / "basemap.json").read_text(encoding="utf-8"))
    layers = data["layers"]
    assert set(layers) == {"countries", "land", "borders", "coast", "lakes", "rivers", "places", "corridors"}
    golan = [f for f in layers["borders"]["features"] if "Israel" in (f["properties"].get("left"), f["properties"].get("right"))
             and "Syria" in (f["properties"].get("left"), f["properties"].get("right"))]  # fmt: skip
    assert golan and all(f["properties"]["contested"] for f in golan)  # the line of control is drawn as contested
    # towns outside Syria only: Syria's labels come from the gazetteer, at their zoom
    assert all(f["properties"].get("a3") != "SYR" for f in layers["places"]["features"])
    assert "Natural Earth" in data["attribution"]
    assert (SHIPPED / "NOTICE.md").read_text(encoding="utf-8").count("public domain") >= 1
