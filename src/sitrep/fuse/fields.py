"""Field types for fusion: each says how two values compare and which blocking keys it adds.

The lesson from record linkage (dedupe): a field type owns both its comparison and
its blocking predicates, so blocking can never be looser or stricter than the
comparison it stands for. Every field here guarantees: if `compare(a, b)` holds,
then some *probe* key of one report equals some *index* key of the other. Blocking
therefore loses no compatible pair and never compares all pairs.

Keys come in two roles so that asymmetric matches stay cheap: a report is *filed*
under its index keys and *looks* under its probe keys. A point report is filed
under the grid cell it lies in and looks in every cell within its distance
limit; an admin1-level report is filed and looks under its admin1. Point reports
are filed under their admin1 too (so admin1-level reports find them) but do not
look there, so two point reports never meet just for sharing a province.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from math import cos, floor, radians

from sitrep.fuse.config import FusionRules
from sitrep.geo.distance import haversine_km

KM_PER_DEGREE_LAT = 111.19  # one degree of latitude, rounded down so probe boxes never fall short
MIN_COS_LAT = 0.01  # keeps the longitude span finite near the poles


@dataclass(frozen=True, slots=True)
class Report:
    """One event report as fusion sees it: normalised values, nothing else."""

    event_id: str
    doc_id: str
    outlet: str  # canonical outlet name ("doc:<id>" when unknown: each such page counts alone)
    reliability: float
    sub_type: str  # casefolded sub_event_type
    family: str
    day: int | None  # date ordinal
    day_lo: int | None
    day_hi: int | None
    time_precision: int  # 1..3, vaguer clamps to 3
    lat: float | None
    lon: float | None
    geo_precision: int | None  # effective: 1/2 for points, admin1 level for areas, None = no place
    area: str | None  # "country|admin1", casefolded
    actor1: str | None  # casefolded canonical name; None = missing or unidentified
    actor2: str | None


# -- type ----------------------------------------------------------------------------
class TypeField:
    """Sub-event types compare through the rules' families and compatible pairs."""

    @staticmethod
    def keys(r: Report) -> list[str]:
        return [r.family]

    @staticmethod
    def compare(a: Report, b: Report, rules: FusionRules) -> tuple[bool, bool]:
        """(compatible, needs_same_actor)."""
        if a.sub_type == b.sub_type:
            return True, False
        pair = rules.pairs.get(frozenset((a.sub_type, b.sub_type)))
        if pair is None:
            return False, False
        return True, pair.same_actor


# -- date ----------------------------------------------------------------------------
def date_interval(d: date, precision: int, rules: FusionRules) -> tuple[int, int]:
    """The days a report's date may mean, as ordinals, widened by the rules' slack."""
    slack = rules.date_slack_days[precision]
    if precision == 1:
        lo, hi = d, d
    elif precision == 2:
        lo = d - timedelta(days=d.weekday())
        hi = lo + timedelta(days=6)
    else:
        lo = d.replace(day=1)
        hi = d.replace(day=calendar.monthrange(d.year, d.month)[1])
    return lo.toordinal() - slack, hi.toordinal() + slack


class DateField:
    """Dates compare by overlapping intervals; keys are the buckets an interval touches."""

    @staticmethod
    def keys(r: Report, rules: FusionRules) -> list[str]:
        if r.day_lo is None or r.day_hi is None:
            return []
        n = rules.date_bucket_days
        return [f"d{b}" for b in range(r.day_lo // n, r.day_hi // n + 1)]

    @staticmethod
    def compare(a: Report, b: Report) -> bool:
        if a.day_lo is None or b.day_lo is None or a.day_hi is None or b.day_hi is None:
            return False
        return a.day_lo <= b.day_hi and b.day_lo <= a.day_hi


# -- place ---------------------------------------------------------------------------
def _cell(lat: float, lon: float, size: float) -> str:
    return f"c{floor(lat / size)},{floor(lon / size)}"


class PlaceField:
    """Points compare by great-circle distance, areas by admin1."""

    @staticmethod
    def index_keys(r: Report, rules: FusionRules) -> list[str]:
        keys: list[str] = []
        if r.geo_precision is not None and r.geo_precision < rules.admin1_precision and r.lat is not None:
            keys.append(_cell(r.lat, r.lon or 0.0, rules.cell_degrees))
        if r.area is not None:
            keys.append(f"a{r.area}")
        return keys

    @staticmethod
    def probe_keys(r: Report, rules: FusionRules) -> list[str]:
        if r.geo_precision is None:
            return []
        if r.geo_precision >= rules.admin1_precision:
            return [f"a{r.area}"] if r.area is not None else []
        assert r.lat is not None and r.lon is not None
        km = rules.max_km[r.geo_precision]
        dlat = km / KM_PER_DEGREE_LAT
        # the box must hold every point within km: use the latitude nearest the pole
        dlon = km / (KM_PER_DEGREE_LAT * max(MIN_COS_LAT, cos(radians(min(89.9, abs(r.lat) + dlat)))))
        size = rules.cell_degrees
        return [
            f"c{i},{j}"
            for i in range(floor((r.lat - dlat) / size), floor((r.lat + dlat) / size) + 1)
            for j in range(floor((r.lon - dlon) / size), floor((r.lon + dlon) / size) + 1)
        ]

    @staticmethod
    def distance_km(a: Report, b: Report) -> float | None:
        if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
            return None
        return haversine_km(a.lat, a.lon, b.lat, b.lon)

    @staticmethod
    def compare(a: Report, b: Report, rules: FusionRules) -> bool:
        if a.geo_precision is None or b.geo_precision is None:
            return False
        coarsest = max(a.geo_precision, b.geo_precision)
        if coarsest >= rules.admin1_precision:
            return a.area is not None and a.area == b.area
        km = PlaceField.distance_km(a, b)
        return km is not None and km <= rules.max_km[coarsest]


# -- actors --------------------------------------------------------------------------
AGREE = "agree"
DISPUTE = "dispute"


class ActorField:
    """Actor pairs compare side by side, either way round; a missing or
    unidentified actor matches anything on its side. No blocking keys: actors are
    too often missing to block on."""

    @staticmethod
    def alignment(a: Report, b: Report) -> tuple[bool, int]:
        """(compatible, identified sides that match) for the better of the two orientations."""
        best: tuple[bool, int] = (False, 0)
        for x1, x2 in ((b.actor1, b.actor2), (b.actor2, b.actor1)):
            sides = ((a.actor1, x1), (a.actor2, x2))
            if all(p is None or q is None or p == q for p, q in sides):
                shared = sum(1 for p, q in sides if p is not None and p == q)
                best = max(best, (True, shared))
        return best

    @staticmethod
    def compare(a: Report, b: Report, need_same_actor: bool) -> bool:
        ok, shared = ActorField.alignment(a, b)
        return ok and (shared > 0 or not need_same_actor)

    @staticmethod
    def dispute(a: Report, b: Report, rules: FusionRules) -> bool:
        """Two outlets blaming different perpetrators for one precise strike on one target."""
        if a.sub_type != b.sub_type or a.sub_type not in rules.dispute_types or a.outlet == b.outlet:
            return False
        if a.time_precision != 1 or b.time_precision != 1 or a.day is None or b.day is None:
            return False
        if abs(a.day - b.day) > rules.dispute_max_days or a.geo_precision != 1 or b.geo_precision != 1:
            return False
        km = PlaceField.distance_km(a, b)
        if km is None or km > rules.dispute_max_km:
            return False
        return (
            a.actor2 is not None and a.actor2 == b.actor2
            and a.actor1 is not None and b.actor1 is not None and a.actor1 != b.actor1
        )  # fmt: skip
