"""What a reviewer may correct, and turning `field=value` text into checked values.

Why a module of its own: the CLI (`--set actor1=...`) and the dashboard's review
mode accept the same corrections, so both go through `check_fields`, which gives
one clear `InputError` naming the field instead of storing a value that would
break an export later. Which fields exist, their kinds and ACLED's event taxonomy
are data (`sitrep/data/review/fields.yaml`), not code.

Places and actors are looked up through `Lookups`, which loads the gazetteer and
the actor ontology only when a correction needs them (each costs a second or two).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from sitrep.datafiles import read_yaml_mapping
from sitrep.errors import DataFileError, InputError

KINDS = ("text", "int", "float", "date", "actor", "location", "event_type", "sub_event_type")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    kind: str
    bounds: tuple[float, float] | None = None
    inter: str | None = None  # the inter code an actor field fills when the ontology knows the actor


@dataclass(frozen=True, slots=True)
class ReviewSchema:
    fields: dict[str, FieldSpec]
    taxonomy: dict[str, tuple[str, ...]]
    location_fills: tuple[str, ...]
    parent: dict[str, str] = field(default_factory=dict)  # sub_event_type -> event_type

    def as_json(self) -> dict[str, Any]:
        """The schema as the dashboard's correction form needs it."""
        return {
            "fields": {n: {"kind": s.kind, "bounds": list(s.bounds) if s.bounds else None} for n, s in self.fields.items()},
            "taxonomy": {k: list(v) for k, v in self.taxonomy.items()},
        }


@lru_cache(maxsize=1)
def load_schema() -> ReviewSchema:
    """The packaged review schema (validated once per process)."""
    data, origin = read_yaml_mapping(None, "review/fields.yaml")
    specs: dict[str, FieldSpec] = {}
    for name, raw in (data.get("fields") or {}).items():
        if not isinstance(raw, dict) or raw.get("kind") not in KINDS:
            raise DataFileError(f"{origin}: fields.{name}: kind must be one of {', '.join(KINDS)}")
        rng = raw.get("range")
        bounds = (float(rng[0]), float(rng[1])) if isinstance(rng, list) and len(rng) == 2 else None
        specs[str(name)] = FieldSpec(str(name), raw["kind"], bounds, raw.get("inter"))
    taxonomy = {str(k): tuple(str(s) for s in v) for k, v in (data.get("taxonomy") or {}).items()}
    if not specs or not taxonomy:
        raise DataFileError(f"{origin}: needs 'fields' and 'taxonomy'")
    parent = {s: t for t, subs in taxonomy.items() for s in subs}
    fills = tuple(str(f) for f in data.get("location_fills") or ())
    return ReviewSchema(specs, taxonomy, fills, parent)


class Lookups:
    """The gazetteer and the actor ontology, loaded on first use and kept.

    `gazetteer` and `ontology` are loader callables so tests and the server can
    share loaded copies; the defaults load the packaged files.
    """

    def __init__(self, gazetteer: Callable[[], Any] | None = None, ontology: Callable[[], Any] | None = None) -> None:
        self._load_gaz = gazetteer
        self._load_onto = ontology
        self._gaz: Any = None
        self._resolver: Any = None
        self._by_id: dict[str, Any] | None = None
        self._onto: Any = None
        self._actors: Any = None

    def gazetteer(self) -> Any:
        if self._gaz is None:
            from sitrep.geo.gazetteer import load_gazetteer

            self._gaz = (self._load_gaz or load_gazetteer)()
        return self._gaz

    def resolver(self) -> Any:
        if self._resolver is None:
            from sitrep.geo.resolve import PlaceResolver

            self._resolver = PlaceResolver(self.gazetteer())
        return self._resolver

    def place(self, place_id: str) -> dict[str, Any] | None:
        """A gazetteer place as the event columns it fills, or None when the id is unknown."""
        from sitrep.geo.resolve import PlaceResolver

        if self._by_id is None:
            self._by_id = {p.place_id: p for p in self.gazetteer().places}
        p = self._by_id.get(place_id)
        if p is None:
            return None
        return {
            "place_id": p.place_id, "location": PlaceResolver._ascii(p), "latitude": p.lat, "longitude": p.lon,
            "admin1": p.admin1 or None, "admin2": p.admin2 or None, "country": p.country_name,
            "geo_precision": p.precision,
        }  # fmt: skip

    def places_like(self, query: str, limit: int = 10) -> list[dict[str, Any]]:
        """Gazetteer candidates for a typed place name, best first (the autocomplete)."""
        out = []
        for m in self.resolver().candidates(query, limit=limit):
            out.append({"place_id": m.place_id, "name": m.name, "admin1": m.admin1, "admin2": m.admin2,
                        "country": m.country, "latitude": m.latitude, "longitude": m.longitude,
                        "feature_code": m.feature_code})  # fmt: skip
        return out

    def actor_resolver(self) -> Any:
        if self._actors is None:
            from sitrep.knowledge.actors import ActorResolver, load_ontology

            self._onto = (self._load_onto or load_ontology)()
            self._actors = ActorResolver(self._onto)
        return self._actors

    def actors_like(self, query: str, limit: int = 10) -> list[dict[str, Any]]:
        """Ontology actors whose id, name or alias fits `query` (the autocomplete)."""
        return [{"id": a.id, "name": a.name, "inter": a.inter, "country": a.country}
                for a in self.actor_resolver().search(query)[:limit]]  # fmt: skip

    def actor_inter(self, name: str) -> int | None:
        """The inter code of the ontology actor named exactly `name` (its ACLED name or id), else None."""
        self.actor_resolver()
        for a in self._onto.actors.values():
            if name in (a.name, a.id):
                return int(a.inter)
        return None


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """`["actor1=Some Group", "fatalities=3"]` -> {"actor1": "Some Group", "fatalities": "3"}."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(f"--set {item!r}: expected FIELD=VALUE")
        if name in out:
            raise InputError(f"--set {name}: given twice")
        out[name] = value.strip()
    return out


def _number(spec: FieldSpec, raw: Any, kind: type) -> int | float:
    try:
        if isinstance(raw, bool):
            raise ValueError
        value = kind(raw)
        if kind is int and isinstance(raw, float) and raw != int(raw):
            raise ValueError
    except (TypeError, ValueError, OverflowError):
        raise InputError(f"{spec.name}: expected {'a whole number' if kind is int else 'a number'}, got {raw!r}") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(f"{spec.name}: expected a finite number, got {raw!r}")
    if spec.bounds and not spec.bounds[0] <= value <= spec.bounds[1]:
        lo, hi = (int(b) if kind is int else b for b in spec.bounds)
        raise InputError(f"{spec.name}: {value} is outside {lo}..{hi}")
    return value


def _location(raw: str, lookups: Lookups, schema: ReviewSchema) -> dict[str, Any]:
    """A gazetteer id (`gn:170876`) or coordinates (`LAT,LON`) as the location columns they fill."""
    parts = raw.split(",")
    if len(parts) == 2:
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            lat = lon = math.nan
        if math.isfinite(lat) and math.isfinite(lon):
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise InputError(f"location: {raw!r} is not a latitude,longitude pair on Earth")
            return {"latitude": lat, "longitude": lon, "geo_precision": 1}
    place = lookups.place(raw)
    if place is None:
        raise InputError(f"location: {raw!r} is neither a gazetteer id (as `sitrep geocode --format json` prints) "
                         "nor LAT,LON")  # fmt: skip
    return {k: v for k, v in place.items() if k in schema.location_fills or k == "place_id"}


def check_fields(raw: Mapping[str, Any], lookups: Lookups | None = None, schema: ReviewSchema | None = None) -> dict[str, Any]:
    """Checked corrections: field -> value, with what a location or known actor implies filled in.

    An empty value clears a field (unknown), except for the event type and date,
    which an event must have. Explicit values win over implied ones.
    """
    schema = schema or load_schema()
    lookups = lookups or Lookups()
    out: dict[str, Any] = {}
    implied: dict[str, Any] = {}
    for name, value in raw.items():
        spec = schema.fields.get(name)
        if spec is None:
            raise InputError(f"{name}: not a field a review can correct (one of {', '.join(schema.fields)})")
        text = value.strip() if isinstance(value, str) else value
        if text is None or text == "":
            if spec.kind in ("event_type", "sub_event_type", "date", "location"):
                raise InputError(f"{name}: cannot be empty")
            out[name] = None
            continue
        if spec.kind in ("int", "float"):
            out[name] = _number(spec, text, int if spec.kind == "int" else float)
        elif spec.kind == "date":
            try:
                out[name] = date.fromisoformat(str(text)).isoformat()
            except ValueError:
                raise InputError(f"{name}: expected a date YYYY-MM-DD, got {text!r}") from None
        elif spec.kind == "event_type":
            if text not in schema.taxonomy:
                raise InputError(f"{name}: {text!r} is not an ACLED event type ({'; '.join(schema.taxonomy)})")
            out[name] = text
        elif spec.kind == "sub_event_type":
            if text not in schema.parent:
                raise InputError(f"{name}: {text!r} is not an ACLED sub-event type")
            out[name] = text
            implied["event_type"] = schema.parent[text]
        elif spec.kind == "location":
            implied.update(_location(str(text), lookups, schema))
        else:
            if not isinstance(text, str) or len(text) > 300:
                raise InputError(f"{name}: expected text of at most 300 characters")
            out[name] = text
            if spec.kind == "actor" and spec.inter:
                inter = lookups.actor_inter(text)
                if inter is not None:
                    implied[spec.inter] = inter
    if "event_type" in out and "sub_event_type" in out and schema.parent[out["sub_event_type"]] != out["event_type"]:
        raise InputError(f"sub_event_type: {out['sub_event_type']!r} is not a kind of {out['event_type']!r}")
    for k, v in implied.items():
        out.setdefault(k, v)
    return out


def needs_sub_type(fields: Mapping[str, Any], machine_sub_type: str | None, schema: ReviewSchema | None = None) -> bool:
    """Whether a corrected event_type leaves the machine's sub-event type belonging to another type."""
    schema = schema or load_schema()
    if "event_type" not in fields or "sub_event_type" in fields:
        return False
    return schema.parent.get(machine_sub_type or "") != fields["event_type"]
