"""What the place resolver takes and gives: `PlaceContext` in, `PlaceMatch` out.

Kept apart from the resolver so that every part of it (one module each, see resolve.py)
can use the two records without importing resolve.py, which imports those parts.
Callers import them from `sitrep.geo.resolve`, which re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class PlaceMatch:
    place_id: str
    name: str
    latitude: float
    longitude: float
    country: str  # country name, ACLED style ("Syria")
    admin1: str
    admin2: str
    geo_precision: int
    score: float
    feature_code: str
    matched: str  # cascade stage: exact / normalised / fuzzy / skeleton
    reason: str
    country_code: str = ""
    original_name: str = ""  # the gazetteer's spelling, with diacritics ("Sarāqib"); `name` is ASCII


@dataclass(frozen=True, slots=True)
class PlaceContext:
    country: str | None = "SY"
    admin1_hints: tuple[str, ...] = ()
    focus: tuple[float, float] | None = None
    relation: str | None = None  # "near", "outskirts", "west of", "countryside" ...
    anchor: tuple[float, float] | None = None  # a place named in the same phrase ("X west of Y": Y)
    small: bool = False  # the phrase says the place is small ("the village of X"): no seat preference
    strict: bool = False  # the admin1 hints are a restriction (the phrase names the area): nothing outside
    within: tuple[float, float, float] | None = None  # (lat, lon, km): with `strict`, also this close
