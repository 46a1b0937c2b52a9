"""The shipped gazetteer: place records plus lookup indexes.

`load_gazetteer()` reads `sitrep/data/gazetteer/places.tsv.gz` (built by
`scripts/build_gazetteer.py`, which also precomputes each name's normalised and
skeleton keys). Nothing is loaded at import time: callers load once and pass the
`Gazetteer` on (e.g. to `PlaceResolver`).
"""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sitrep.errors import DataFileError
from sitrep.geo.normalise import exact_key, name_key

REQUIRED_COLUMNS = ("place_id", "name", "alternates", "lat", "lon", "country", "admin1",
                    "admin2", "feature_code", "population", "precision", "keys", "skeletons")


@dataclass(frozen=True, slots=True)
class Place:
    place_id: str
    name: str
    lat: float
    lon: float
    country: str  # ISO2
    country_name: str
    admin1: str
    admin2: str
    feature_code: str
    population: int
    precision: int  # default ACLED geo_precision when the place itself is meant
    alternates: tuple[str, ...] = ()


@dataclass(slots=True)
class Gazetteer:
    """Places and three indexes (values are indexes into `places`)."""

    places: list[Place]
    exact: dict[str, tuple[int, ...]]  # exact_key(name) -> ids
    keys: dict[str, tuple[int, ...]]  # normalised key -> ids
    skeletons: dict[str, tuple[int, ...]]  # consonant skeleton -> ids
    primary_keys: list[str]  # normalised key of each place's main name
    admin1_aliases: dict[str, str] = field(default_factory=dict)  # key -> admin1 name
    countries: dict[str, str] = field(default_factory=dict)  # ISO2 -> country name
    source: str = ""

    def by_id(self, place_id: str) -> Place | None:
        for p in self.places:  # rare use (tests, debugging): no extra index
            if p.place_id == place_id:
                return p
        return None

    def admin1_of(self, hint: str) -> str | None:
        """Canonical governorate name for a hint such as "Idlib" or "Lattakia"."""
        return self.admin1_aliases.get(name_key(hint))

    def __len__(self) -> int:
        return len(self.places)


def _default_path() -> Path:
    return Path(str(resources.files("sitrep").joinpath("data", "gazetteer", "places.tsv.gz")))


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Read a places file (default: the shipped one) and build the indexes."""
    path = Path(path) if path is not None else _default_path()
    try:
        raw = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read gazetteer: {exc}") from exc
    reader = csv.reader(io.StringIO(raw), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if header is None or tuple(header) != REQUIRED_COLUMNS:
        raise DataFileError(f"{path}: header must be {'/'.join(REQUIRED_COLUMNS)}")
    rows = list(reader)
    # countries first, so every place can carry its country name
    countries = {r[5]: r[1] for r in rows if r[8] == "PCLI"}
    places: list[Place] = []
    exact: dict[str, list[int]] = {}
    keys: dict[str, list[int]] = {}
    skels: dict[str, list[int]] = {}
    primary: list[str] = []
    aliases: dict[str, str] = {}
    for line_no, r in enumerate(rows, start=2):
        if len(r) != len(REQUIRED_COLUMNS):
            raise DataFileError(f"{path}: line {line_no}: expected {len(REQUIRED_COLUMNS)} fields")
        try:
            lat, lon, pop, prec = float(r[3]), float(r[4]), int(r[9]), int(r[10])
        except ValueError as exc:
            raise DataFileError(f"{path}: line {line_no}: bad number ({exc})") from exc
        alts = tuple(r[2].split("|")) if r[2] else ()
        i = len(places)
        places.append(Place(r[0], r[1], lat, lon, r[5], countries.get(r[5], r[5]), r[6], r[7],
                            r[8], pop, prec, alts))
        for n in (r[1], *alts):
            ek = exact_key(n)
            lst = exact.get(ek)
            if lst is None:
                exact[ek] = [i]
            elif lst[-1] != i:
                lst.append(i)
        klist = r[11].split("|") if r[11] else []
        primary.append(klist[0] if klist else "")
        for k in klist:
            keys.setdefault(k, []).append(i)
        if r[12]:
            for s in r[12].split("|"):
                skels.setdefault(s, []).append(i)
        if r[8] == "ADM1" and r[5] == "SY":  # governorate hints; other countries' divisions are not hints
            for k in klist:
                aliases[k] = r[1]
    return Gazetteer(
        places=places,
        exact={k: tuple(v) for k, v in exact.items()},
        keys={k: tuple(v) for k, v in keys.items()},
        skeletons={k: tuple(v) for k, v in skels.items()},
        primary_keys=primary,
        admin1_aliases=aliases,
        countries=countries,
        source=str(path),
    )
