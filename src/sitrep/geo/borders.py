"""Is a point near an area's line? A grid of which first-level areas have places nearby.

Writers and the data draw governorate lines differently: a village the data puts just
over the line in Idleb is "in northern Hama" to a reporter, and Damascus suburbs are
"in Rural Damascus". A named area in a phrase should then still accept a place found
a few kilometres outside it, but not a namesake across the country. The gazetteer's own
places are the map: a point is near an area when a place of that area lies within `km`.
"""

from __future__ import annotations

import math
from collections import defaultdict

from sitrep.geo.distance import haversine_km
from sitrep.geo.gazetteer import Gazetteer

CELL_DEG = 0.1  # about 11 km of latitude: a 15 km question looks at a few cells

_GRIDS: dict[int, tuple[Gazetteer, dict[tuple[int, int], list[tuple[float, float, str]]]]] = {}


def _grid(gaz: Gazetteer) -> dict[tuple[int, int], list[tuple[float, float, str]]]:
    """Places by grid cell, built once per gazetteer (kept with a reference to it, so an id
    is never reused by another gazetteer while the entry lives)."""
    got = _GRIDS.get(id(gaz))
    if got is not None and got[0] is gaz:
        return got[1]
    cells: dict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(list)
    for p in gaz.places:
        if p.admin1:
            cells[(math.floor(p.lat / CELL_DEG), math.floor(p.lon / CELL_DEG))].append((p.lat, p.lon, p.admin1))
    _GRIDS[id(gaz)] = (gaz, dict(cells))
    return _GRIDS[id(gaz)][1]


def near_area(gaz: Gazetteer, lat: float, lon: float, admin1: str, km: float = 15.0) -> bool:
    """True when a place of first-level area `admin1` lies within `km` of (lat, lon)."""
    cells = _grid(gaz)
    ci, cj = math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG)
    reach = int(km / (111.0 * CELL_DEG)) + 1
    lon_reach = int(reach / max(math.cos(math.radians(lat)), 0.2)) + 1
    for di in range(-reach, reach + 1):
        for dj in range(-lon_reach, lon_reach + 1):
            for plat, plon, a in cells.get((ci + di, cj + dj), ()):
                if a == admin1 and haversine_km(lat, lon, plat, plon) <= km:
                    return True
    return False
