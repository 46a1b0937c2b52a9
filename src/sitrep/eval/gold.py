"""Load a gold file (`seeds.yaml` format, see shared/gold/README.md) into records.

The format is hand-written YAML, so the loader is strict about types and names the
document and field when something is off (GoldError), rather than failing later
inside a scorer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import GoldError


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def _as_date(value: Any, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise GoldError(f"{where}: not an ISO date: {value!r}") from exc


@dataclass(frozen=True, slots=True)
class GoldEvent:
    id: str
    event_type: str
    sub_event_type: str
    actor1: list[str]
    actor2: list[str]
    location: str
    admin1: str | None
    lat: float
    lon: float
    km: float
    date: date | None
    time_precision: int
    fatalities: int | None
    claimed_by: list[str]
    certainty: str
    evidence: str
    required: bool = True


@dataclass(frozen=True, slots=True)
class GoldSegments:
    title: str | None
    caption: str | None
    body_first: str | None
    body_last: str | None
    comments: tuple[int, int] | None
    authors: list[tuple[str, int | None]]  # (name, depth or None when the page shows none)
    authors_include: list[str]
    boilerplate_examples: list[str]
    title_repeated: bool = False


@dataclass(slots=True)
class GoldDoc:
    doc: str
    published: date | None
    segments: GoldSegments | None
    events: list[GoldEvent] = field(default_factory=list)
    not_events: list[str] = field(default_factory=list)


def _segments(raw: dict[str, Any] | None, where: str) -> GoldSegments | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise GoldError(f"{where}.segments: expected a mapping")
    comments = raw.get("comments")
    rng: tuple[int, int] | None = None
    if comments is not None:
        if not (isinstance(comments, list) and len(comments) == 2):
            raise GoldError(f"{where}.segments.comments: expected [min, max]")
        rng = (int(comments[0]), int(comments[1]))
    authors: list[tuple[str, int | None]] = []
    for a in raw.get("authors") or []:
        if isinstance(a, list):
            authors.append((str(a[0]), int(a[1]) if len(a) > 1 and a[1] is not None else None))
        else:
            authors.append((str(a), None))
    return GoldSegments(
        title=raw.get("title"),
        caption=raw.get("caption"),
        body_first=raw.get("body_first"),
        body_last=raw.get("body_last"),
        comments=rng,
        authors=authors,
        authors_include=_as_list(raw.get("authors_include")),
        boilerplate_examples=_as_list(raw.get("boilerplate_examples")),
        title_repeated=bool(raw.get("title_repeated", False)),
    )


def _event(raw: dict[str, Any], where: str) -> GoldEvent:
    try:
        return GoldEvent(
            id=str(raw["id"]),
            event_type=str(raw["event_type"]),
            sub_event_type=str(raw["sub_event_type"]),
            actor1=_as_list(raw.get("actor1")),
            actor2=_as_list(raw.get("actor2")),
            location=str(raw.get("location") or ""),
            admin1=raw.get("admin1"),
            lat=float(raw["lat"]),
            lon=float(raw["lon"]),
            km=float(raw.get("km", 15)),
            date=_as_date(raw.get("date"), f"{where}.date"),
            time_precision=int(raw.get("time_precision", 1)),
            fatalities=None if raw.get("fatalities") is None else int(raw["fatalities"]),
            claimed_by=_as_list(raw.get("claimed_by")),
            certainty=str(raw.get("certainty", "reported")),
            evidence=str(raw.get("evidence", "")),
            required=bool(raw.get("required", True)),
        )
    except KeyError as exc:
        raise GoldError(f"{where}: missing field {exc.args[0]!r}") from exc
    except (TypeError, ValueError) as exc:
        raise GoldError(f"{where}: {exc}") from exc


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Read a gold YAML file (or a directory holding `seeds.yaml`/`gold.yaml`)."""
    p = Path(path)
    if p.is_dir():
        for name in ("seeds.yaml", "gold.yaml"):
            if (p / name).is_file():
                p = p / name
                break
        else:
            raise GoldError(f"{path}: no seeds.yaml or gold.yaml in this directory")
    if not p.is_file():
        raise GoldError(f"{path}: gold file not found")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise GoldError(f"{p}: not valid YAML ({exc.__class__.__name__})") from exc
    if not isinstance(data, list):
        raise GoldError(f"{p}: expected a list of documents at the top level")
    docs: list[GoldDoc] = []
    for i, raw in enumerate(data):
        if not isinstance(raw, dict) or "doc" not in raw:
            raise GoldError(f"{p}: entry {i} has no 'doc' field")
        where = f"{p.name}:{raw['doc']}"
        docs.append(
            GoldDoc(
                doc=str(raw["doc"]),
                published=_as_date(raw.get("published"), f"{where}.published"),
                segments=_segments(raw.get("segments"), where),
                events=[_event(e, f"{where}.events[{j}]") for j, e in enumerate(raw.get("events") or [])],
                not_events=_as_list(raw.get("not_events")),
            )
        )
    return docs
