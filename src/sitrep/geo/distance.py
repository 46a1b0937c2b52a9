"""Great-circle distance, used by the place resolver, the scorer and fusion."""

from __future__ import annotations

import math
from math import asin, cos, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in kilometres between two WGS84 points."""
    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lon2 - lon1)
    a = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(a)))


# The place resolver's own copy (moved here from resolve.py unchanged): points as
# (lat, lon) pairs and a 6371.0 km radius. Not merged with haversine_km, whose radius
# differs slightly, so that no resolver distance test moves at a threshold.
def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


# compass words -> bearing in degrees ("X northwest of Y": X lies about 315 degrees from Y)
COMPASS = {"north": 0.0, "northeast": 45.0, "north-east": 45.0, "east": 90.0, "southeast": 135.0,
           "south-east": 135.0, "south": 180.0, "southwest": 225.0, "south-west": 225.0, "west": 270.0,
           "northwest": 315.0, "north-west": 315.0}


def bearing_deg(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Initial bearing from point a to point b, degrees clockwise from north."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    y = math.sin(lon2 - lon1) * math.cos(lat2)
    x = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return math.degrees(math.atan2(y, x)) % 360.0


def lies_towards(origin: tuple[float, float], point: tuple[float, float], word: str, slack: float = 67.5) -> bool:
    """`point` lies in the compass direction `word` from `origin` (within `slack` degrees);
    True for a word that is no compass point."""
    want = COMPASS.get(word)
    if want is None:
        return True
    diff = abs((bearing_deg(origin, point) - want + 180.0) % 360.0 - 180.0)
    return diff <= slack
