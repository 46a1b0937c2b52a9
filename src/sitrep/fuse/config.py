"""Fusion's data files: the matching rules and the outlet book, validated on load.

Both are plain frozen objects built once and passed down (no globals). A bad file
raises `DataFileError` naming the file and the field, so a user who edits
`sources.yaml` learns exactly what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from sitrep.datafiles import read_yaml_mapping
from sitrep.errors import DataFileError

RULES_FILE = "fuse/rules.yaml"
SOURCES_FILE = "sources.yaml"
PRECISIONS = (1, 2, 3)


def _read_yaml(path: str | Path | None, packaged: str) -> tuple[str, Any]:
    data, name = read_yaml_mapping(path, packaged)
    return name, data


def _need(cond: bool, name: str, fld: str, what: str) -> None:
    if not cond:
        raise DataFileError(f"{name}: field '{fld}': {what}")


def _num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


# -- rules ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TypePair:
    same_actor: bool


@dataclass(frozen=True, slots=True)
class FusionRules:
    date_bucket_days: int
    date_slack_days: dict[int, int]
    cell_degrees: float
    max_km: dict[int, float]
    admin1_precision: int
    family_of: dict[str, str]  # casefolded sub-event type -> family
    pairs: dict[frozenset[str], TypePair]  # casefolded type pair -> rule
    unidentified_prefixes: tuple[str, ...]
    dispute_types: frozenset[str]
    dispute_max_km: float
    dispute_max_days: int

    def family(self, sub_event_type: str) -> str:
        key = sub_event_type.casefold()
        return self.family_of.get(key, key)


def load_rules(path: str | Path | None = None) -> FusionRules:
    """Read and validate fusion rules (default: the packaged `data/fuse/rules.yaml`)."""
    name, raw = _read_yaml(path, RULES_FILE)
    _need(isinstance(raw, dict), name, "(top)", "must be a mapping")
    bucket = raw.get("date_bucket_days")
    _need(isinstance(bucket, int) and not isinstance(bucket, bool) and bucket > 0, name, "date_bucket_days",
          "must be a positive integer")  # fmt: skip
    slack = raw.get("date_slack_days")
    _need(isinstance(slack, dict) and set(slack) == set(PRECISIONS), name, "date_slack_days",
          "must map each time_precision 1, 2, 3 to days")  # fmt: skip
    for k, v in slack.items():
        _need(isinstance(v, int) and v >= 0, name, f"date_slack_days.{k}", "must be a whole number >= 0")
    geo = raw.get("geo")
    _need(isinstance(geo, dict), name, "geo", "must be a mapping")
    cell = geo.get("cell_degrees")
    _need(_num(cell) and 0 < cell <= 5, name, "geo.cell_degrees", "must be a number in (0, 5]")
    max_km = geo.get("max_km")
    _need(isinstance(max_km, dict) and set(max_km) == {1, 2}, name, "geo.max_km",
          "must map geo_precision 1 and 2 to kilometres")  # fmt: skip
    for k, v in max_km.items():
        _need(_num(v) and v > 0, name, f"geo.max_km.{k}", "must be a positive number")
    _need(max_km[1] <= max_km[2], name, "geo.max_km", "precision 1 must not allow more than precision 2")
    a1 = geo.get("admin1_precision")
    _need(a1 in PRECISIONS, name, "geo.admin1_precision", "must be 1, 2 or 3")

    families = raw.get("families")
    _need(isinstance(families, dict), name, "families", "must map family names to lists of sub-event types")
    family_of: dict[str, str] = {}
    for fam, types in families.items():
        _need(isinstance(types, list) and all(isinstance(t, str) for t in types), name, f"families.{fam}",
              "must be a list of sub-event types")  # fmt: skip
        for t in types:
            _need(t.casefold() not in family_of, name, f"families.{fam}", f"'{t}' is already in another family")
            family_of[t.casefold()] = str(fam)

    pairs: dict[frozenset[str], TypePair] = {}
    for i, item in enumerate(raw.get("compatible") or []):
        where = f"compatible[{i}]"
        _need(isinstance(item, dict) and isinstance(item.get("a"), str) and isinstance(item.get("b"), str),
              name, where, "needs string fields 'a' and 'b'")  # fmt: skip
        a, b = item["a"].casefold(), item["b"].casefold()
        for side in (a, b):
            _need(side in family_of, name, where, f"unknown sub-event type '{side}' (add it to a family)")
        _need(family_of[a] == family_of[b], name, where, "both types must be in the same family")
        same_actor = item.get("same_actor", False)
        _need(isinstance(same_actor, bool), name, f"{where}.same_actor", "must be true or false")
        pairs[frozenset((a, b))] = TypePair(same_actor)

    prefixes = raw.get("unidentified_prefixes") or []
    _need(isinstance(prefixes, list) and all(isinstance(p, str) and p for p in prefixes), name,
          "unidentified_prefixes", "must be a list of words")  # fmt: skip
    disp = raw.get("attribution_dispute") or {}
    _need(isinstance(disp, dict), name, "attribution_dispute", "must be a mapping")
    dtypes = disp.get("sub_event_types") or []
    _need(isinstance(dtypes, list) and all(isinstance(t, str) for t in dtypes), name,
          "attribution_dispute.sub_event_types", "must be a list of sub-event types")  # fmt: skip
    dkm = disp.get("max_km", 0)
    _need(_num(dkm) and dkm >= 0, name, "attribution_dispute.max_km", "must be a number >= 0")
    ddays = disp.get("max_days", 0)
    _need(isinstance(ddays, int) and ddays >= 0, name, "attribution_dispute.max_days", "must be a whole number >= 0")
    _need(dkm <= max_km[1], name, "attribution_dispute.max_km", "must not exceed geo.max_km.1")
    return FusionRules(
        date_bucket_days=bucket,
        date_slack_days={int(k): int(v) for k, v in slack.items()},
        cell_degrees=float(cell),
        max_km={int(k): float(v) for k, v in max_km.items()},
        admin1_precision=int(a1),
        family_of=family_of,
        pairs=pairs,
        unidentified_prefixes=tuple(p.casefold() for p in prefixes),
        dispute_types=frozenset(t.casefold() for t in dtypes),
        dispute_max_km=float(dkm),
        dispute_max_days=int(ddays),
    )


# -- sources -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Outlet:
    name: str  # canonical name
    reliability: float
    bias: tuple[str, ...] = ()
    scale: str | None = None


@dataclass(frozen=True, slots=True)
class SourceBook:
    """Per-outlet reliability and bias; unknown outlets get `default`."""

    default: Outlet
    by_key: dict[str, Outlet] = field(default_factory=dict)  # casefolded name or alias -> outlet

    def outlet(self, name: str | None) -> Outlet:
        if not name:
            return self.default
        found = self.by_key.get(" ".join(name.split()).casefold())
        if found is not None:
            return found
        return Outlet(name.strip(), self.default.reliability, self.default.bias, self.default.scale)


def _outlet(name: str, raw: Any, fname: str, where: str) -> Outlet:
    _need(isinstance(raw, dict), fname, where, "must be a mapping with 'reliability'")
    rel = raw.get("reliability")
    _need(_num(rel) and 0.0 <= rel <= 1.0, fname, f"{where}.reliability", "must be a number from 0 to 1")
    bias = raw.get("bias") or []
    _need(isinstance(bias, list) and all(isinstance(b, str) for b in bias), fname, f"{where}.bias",
          "must be a list of labels")  # fmt: skip
    scale = raw.get("scale")
    _need(scale is None or isinstance(scale, str), fname, f"{where}.scale", "must be a string")
    return Outlet(name, float(rel), tuple(bias), scale)


def load_sources(path: str | Path | None = None) -> SourceBook:
    """Read and validate an outlet book (default: the packaged `data/sources.yaml`)."""
    name, raw = _read_yaml(path, SOURCES_FILE)
    _need(isinstance(raw, dict), name, "(top)", "must be a mapping with 'default' and 'outlets'")
    default = _outlet("", raw.get("default"), name, "default")
    outlets = raw.get("outlets") or {}
    _need(isinstance(outlets, dict), name, "outlets", "must map outlet names to entries")
    by_key: dict[str, Outlet] = {}
    for oname, entry in outlets.items():
        where = f"outlets.{oname}"
        out = _outlet(str(oname), entry, name, where)
        aliases = entry.get("aliases") or []
        _need(isinstance(aliases, list) and all(isinstance(a, str) for a in aliases), name, f"{where}.aliases",
              "must be a list of names")  # fmt: skip
        for key in [str(oname), *aliases]:
            k = " ".join(key.split()).casefold()
            _need(k not in by_key, name, where, f"name or alias '{key}' is used twice")
            by_key[k] = out
    return SourceBook(default, by_key)
