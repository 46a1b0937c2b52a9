"""ACLED columns derived from a merged event (disorder type, interaction, iso, ...).

The domain tables live in `data/fuse/acled.yaml`; this module only applies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.fuse.config import SourceBook, _need, _read_yaml
from sitrep.fuse.core import MergedEvent

ACLED_FILE = "fuse/acled.yaml"


@dataclass(frozen=True, slots=True)
class AcledCodes:
    disorder_by_sub: dict[str, str]
    disorder_by_type: dict[str, str]
    civilian_inter_codes: frozenset[int]
    countries: dict[str, tuple[int | None, str | None]]  # casefolded country -> (iso, region)


def load_acled_codes(path: str | Path | None = None) -> AcledCodes:
    name, raw = _read_yaml(path, ACLED_FILE)
    _need(isinstance(raw, dict), name, "(top)", "must be a mapping")
    dis = raw.get("disorder_type") or {}
    _need(isinstance(dis, dict), name, "disorder_type", "must be a mapping")
    by_sub, by_type = dis.get("by_sub_event_type") or {}, dis.get("by_event_type") or {}
    for fld, table in (("disorder_type.by_sub_event_type", by_sub), ("disorder_type.by_event_type", by_type)):
        _need(isinstance(table, dict) and all(isinstance(v, str) for v in table.values()), name, fld,
              "must map types to disorder type names")  # fmt: skip
    civ = raw.get("civilian_inter_codes") or []
    _need(isinstance(civ, list) and all(isinstance(c, int) for c in civ), name, "civilian_inter_codes",
          "must be a list of inter codes")  # fmt: skip
    countries: dict[str, tuple[int | None, str | None]] = {}
    for cname, entry in (raw.get("countries") or {}).items():
        where = f"countries.{cname}"
        _need(isinstance(entry, dict), name, where, "must be a mapping with iso and region")
        iso, region = entry.get("iso"), entry.get("region")
        _need(iso is None or isinstance(iso, int), name, f"{where}.iso", "must be an ISO 3166-1 numeric code")
        _need(region is None or isinstance(region, str), name, f"{where}.region", "must be a region name")
        countries[str(cname).casefold()] = (iso, region)
    return AcledCodes(
        {k.casefold(): v for k, v in by_sub.items()},
        {k.casefold(): v for k, v in by_type.items()},
        frozenset(civ),
        countries,
    )


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: the two inter codes, smaller first
    (a lone actor gives <inter1>0)."""
    if inter1 is None and inter2 is None:
        return None
    if inter1 is None or inter2 is None:
        return (inter1 if inter1 is not None else inter2 or 0) * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


def acled_columns(m: MergedEvent, codes: AcledCodes, sources: SourceBook, timestamp: int) -> dict[str, Any]:
    """The derived ACLED columns of one merged event."""
    disorder = codes.disorder_by_sub.get(m.sub_event_type.casefold()) or codes.disorder_by_type.get(
        m.event_type.casefold()
    )
    iso, region = codes.countries.get((m.country or "").casefold(), (None, None))
    scales = sorted({s for s in (sources.outlet(o).scale for o in m.outlets) if s})
    return {
        "event_id_cnty": m.merged_id,
        "year": m.event_date.year if m.event_date else None,
        "disorder_type": disorder,
        "interaction": interaction(m.inter1, m.inter2),
        "civilian_targeting": "Civilian targeting" if m.inter2 in codes.civilian_inter_codes else None,
        "iso": iso,
        "region": region,
        "admin3": None,
        "source": "; ".join(m.outlets) or None,
        "source_scale": "-".join(scales) or None,
        "tags": None,
        "timestamp": timestamp,
    }
