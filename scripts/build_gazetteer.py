#!/usr/bin/env python3
"""Build sitrep's shipped gazetteer from the shared data pack.

    python scripts/build_gazetteer.py [PACK_DIR] [--out DIR]

PACK_DIR defaults to <repo>/../shared/data/gazetteer. Output (default
src/sitrep/data/gazetteer/): `places.tsv.gz` (gzip mtime 0, rows in a fixed
order, so a rebuild is byte-identical) and `admin1.geojson` (simplified
governorates for the base map). The hand-curated `supplement.tsv` beside the
output is read as input. Needs shapely (dev dependency); runtime code does not.

Rows of places.tsv.gz: place_id, name, alternates (|), lat, lon, country (ISO2),
admin1, admin2, feature_code, population, precision, keys (|), skeletons (|).
`keys` / `skeletons` are the normalised and consonant-skeleton keys of all names,
precomputed with sitrep.geo.normalise so that loading needs no regex work.
The Syrian Archive list (GPL, no data licence) is never read here.

The OCHA Syria layers in PACK_DIR/extra/ (communities with English and Arabic
names, city neighbourhoods with their parent city; CC BY-IGO) are merged in:
a community whose name matches a Syrian row within DEDUP_KM (same normalised
key or skeleton, or rapidfuzz ratio >= DEDUP_MIN_RATIO with the same
qualifier words) adds its names to that row; otherwise it becomes a row
`ocha:<pcode>`. Neighbourhoods become rows `ochan:<pcode>` (feature PPLX) at
their centroid; the resolver reads "City - Neighbourhood" by looking the
neighbourhood up near its city, so no combined names are stored.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz import fuzz
from shapely.geometry import Point, shape
from shapely.ops import unary_union
from shapely.prepared import prep

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sitrep.errors import DataFileError  # noqa: E402
from sitrep.geo.normalise import default_translit, exact_key, name_key  # noqa: E402

DEFAULT_PACK = REPO.parent / "shared" / "data" / "gazetteer"
DEFAULT_OUT = REPO / "src" / "sitrep" / "data" / "gazetteer"
NEIGHBOURS = ("TR", "IQ", "LB", "JO", "IL", "PS")
NEAREST_MAX_DEG = 0.05  # same tolerance the pack uses for points just outside a polygon
BASEMAP_TOLERANCE_DEG = 0.01  # about 1 km: enough for a dashboard base map
BASEMAP_DECIMALS = 3
COORD_DECIMALS = 5
WORLD_MIN_POP = 15000
WORLD_ALT_CODES = ("PPLC", "PPLA")  # world rows that keep alternate names
# OCHA merge. Calibrated on the pack's own overlap: 4 km catches GeoNames / OCHA
# points of one village (they differ by up to ~3 km for spread-out villages)
# while two distinct villages of one name are rarely that close; ratio 85 joins
# "Kansafra"/"Kinsafrah"-style spellings but not "X Kabir"/"X Saghir" (the
# qualifier words must agree anyway).
DEDUP_KM = 4.0
DEDUP_MIN_RATIO = 85.0
NEIGHBOURHOOD_DEDUP_KM = 1.5
OCHA_COMMUNITIES = "extra/ocha_syr_pplp_adm4_communities.json.gz"
OCHA_NEIGHBOURHOODS = "extra/ocha_syr_city_neighbourhoods.geojson.gz"
_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")

_LATIN = re.compile(r"^[\u0000-\u024F\u1E00-\u1EFF\u02B0-\u02FF]+$")
_ARABIC = re.compile(r"^[\u0600-\u06FF\u0750-\u077F\s\u200c\u200d]+$")
_CODE_LIKE = re.compile(r"^[A-Z]{2,4}$|\d")

COLUMNS = ("place_id", "name", "alternates", "lat", "lon", "country", "admin1", "admin2",
           "feature_code", "population", "precision", "keys", "skeletons")


def read_tsv(path: Path, gz: bool = False) -> list[dict[str, str]]:
    opener = gzip.open if gz else open
    try:
        with opener(path, "rt", encoding="utf-8", newline="") as f:
            lines = [ln for ln in f if not ln.startswith("#")]
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc}") from exc
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def keep_name(name: str, arabic: bool) -> bool:
    name = name.strip()
    if len(name) < 2 or _CODE_LIKE.search(name):
        return False
    return bool(_LATIN.match(name)) or (arabic and bool(_ARABIC.match(name)))


def clean_names(primary: str, extra: list[str], arabic: bool, curated: bool = False) -> list[str]:
    """Alternate names without the primary, filtered by script, deduplicated by exact key.

    `curated` names (our supplement) skip the script/code filter: "M4" is a name there.
    """
    seen = {exact_key(primary)}
    out = []
    for n in extra:
        n = n.strip().replace("|", "/")
        k = exact_key(n)
        if k in seen or not (curated and n) and not keep_name(n, arabic):
            continue
        seen.add(k)
        out.append(n)
    return out


class AdminLookup:
    """Point-in-polygon for supplement places (OCHA admin1, WOF admin2)."""

    def __init__(self, adm1: dict, adm2: dict) -> None:
        self.adm1 = [(f["properties"]["adm1_name"], shape(f["geometry"])) for f in adm1["features"]]
        self.adm2 = [(f["properties"]["adm2_name"], shape(f["geometry"])) for f in adm2["features"]]
        self._p1 = [(n, prep(g), g) for n, g in self.adm1]
        self._p2 = [(n, prep(g), g) for n, g in self.adm2]

    @staticmethod
    def _find(items, pt: Point) -> str:
        for name, pg, _ in items:
            if pg.contains(pt):
                return name
        best = min(items, key=lambda it: it[2].distance(pt))
        return best[0] if best[2].distance(pt) <= NEAREST_MAX_DEG else ""

    def locate(self, lat: float, lon: float) -> tuple[str, str]:
        pt = Point(lon, lat)
        return self._find(self._p1, pt), self._find(self._p2, pt)


def fmt(x: float) -> str:
    s = f"{x:.{COORD_DECIMALS}f}".rstrip("0").rstrip(".")
    return s if s not in ("-0", "") else "0"


class Builder:
    def __init__(self) -> None:
        self.rows: list[dict[str, str]] = []
        self.ids: set[str] = set()
        self.translit = default_translit()

    def add(self, place_id: str, name: str, alts: list[str], lat: float, lon: float,
            country: str, admin1: str, admin2: str, code: str, pop: int, precision: int,
            skeletons: bool) -> None:
        if place_id in self.ids:
            return
        self.ids.add(place_id)
        row = {
            "place_id": place_id, "name": name, "alternates": "|".join(alts),
            "lat": fmt(lat), "lon": fmt(lon), "country": country, "admin1": admin1,
            "admin2": admin2, "feature_code": code, "population": str(pop),
            "precision": str(precision), "keys": "", "skeletons": "",
        }
        self._set_keys(row, [name, *alts], skeletons)
        self.rows.append(row)

    def _set_keys(self, row: dict[str, str], names: list[str], skeletons: bool) -> None:
        keys: list[str] = []
        for n in names:
            k = self.translit.key(n)
            if k and k not in keys:
                keys.append(k)
        skels: list[str] = []
        if skeletons:
            for k in keys:
                s = self.translit.skeleton_of_key(k)
                if s and s not in skels:
                    skels.append(s)
        row["keys"], row["skeletons"] = "|".join(keys), "|".join(skels)

    def add_names(self, index: int, names: list[str]) -> int:
        """Append names (script-filtered, deduplicated) to row `index`; returns how many."""
        row = self.rows[index]
        old = row["alternates"].split("|") if row["alternates"] else []
        new = clean_names(row["name"], [*old, *names], True)
        if len(new) == len(old):
            return 0
        row["alternates"] = "|".join(new)
        self._set_keys(row, [row["name"], *new], bool(row["skeletons"]))
        return len(new) - len(old)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", exact_key(text)).strip("-")


def build(pack: Path, out: Path, supplement: Path | None = None) -> dict[str, int]:
    if not (pack / "syria_places.tsv.gz").is_file():
        raise DataFileError(f"{pack}: not a gazetteer data pack (syria_places.tsv.gz missing)")
    adm1 = json.loads((pack / "syr_adm1_ocha.geojson").read_text("utf-8"))
    adm2 = json.loads((pack / "syr_adm2_wof.geojson").read_text("utf-8"))
    lookup = AdminLookup(adm1, adm2)
    b = Builder()
    counts: Counter[str] = Counter()

    # 1. Syrian places from the pack.
    sy = read_tsv(pack / "syria_places.tsv.gz", gz=True)
    gn_to_pcode: dict[str, Counter[str]] = defaultdict(Counter)
    for r in sy:
        if r["gn_admin1_code"] and r["adm1_pcode"]:
            gn_to_pcode[r["gn_admin1_code"]][r["adm1_pcode"]] += 1
        if r["geonameid"]:
            pid = f"gn:{r['geonameid']}"
        elif r["wof_id"]:
            pid = f"wof:{r['wof_id']}"
        else:
            pid = f"airb:{slug(r['name'])}"
        alts = clean_names(r["name"], [r["asciiname"], *r["alternatenames"].split("|")], True)
        b.add(pid, r["name"], alts, float(r["latitude"]), float(r["longitude"]), "SY",
              r["adm1_name"], r["adm2_name"], r["feature_code"], int(r["population"] or 0), 1, True)
        counts["syria"] += 1

    # 2. Supplement (hand-curated), admin by point-in-polygon.
    for r in read_tsv(supplement or DEFAULT_OUT / "supplement.tsv"):
        try:
            lat, lon, prec = float(r["lat"]), float(r["lon"]), int(r["precision"])
        except (TypeError, ValueError) as exc:
            raise DataFileError(f"supplement.tsv: row {r.get('name')!r}: bad lat/lon/precision") from exc
        if not r.get("reference"):
            raise DataFileError(f"supplement.tsv: row {r['name']!r}: no reference")
        a1, a2 = lookup.locate(lat, lon)
        alts = clean_names(r["name"], r["alternates"].split("|"), True, curated=True)
        b.add(f"sup:{slug(r['name'])}", r["name"], alts, lat, lon, "SY", a1, a2,
              r["feature_code"], 0, prec, True)
        counts["supplement"] += 1

    # 2b. OCHA communities and neighbourhoods (optional: a pack without extra/ skips them).
    pcode_name = {f["properties"]["adm1_pcode"]: f["properties"]["adm1_name"] for f in adm1["features"]}
    merge_ocha(b, pack, pcode_name, lookup, counts)

    # 3. Governorates: coordinates of the governorate seat (ACLED codes a
    #    province-only report at its capital), else a representative point.
    codes = read_tsv(pack / "admin1_codes.tsv")
    gn_names: dict[str, list[str]] = defaultdict(list)
    for c in codes:
        if c["country_code"] == "SY" and c["admin1_code"] in gn_to_pcode:
            pcode = gn_to_pcode[c["admin1_code"]].most_common(1)[0][0]
            gn_names[pcode] += [c["name"], c["asciiname"]]
    seats: dict[str, tuple[int, float, float]] = {}
    for r in sy:
        if r["feature_code"] in ("PPLA", "PPLC") and r["adm1_pcode"]:
            cand = (int(r["population"] or 0), float(r["latitude"]), float(r["longitude"]))
            if r["adm1_pcode"] not in seats or cand > seats[r["adm1_pcode"]]:
                seats[r["adm1_pcode"]] = cand
    for f in adm1["features"]:
        p = f["properties"]
        if p["adm1_pcode"] in seats:
            _, lat, lon = seats[p["adm1_pcode"]]
        else:
            rp = shape(f["geometry"]).representative_point()
            lat, lon = rp.y, rp.x
        alts = clean_names(p["adm1_name"], [p["adm1_name_ar"], *gn_names[p["adm1_pcode"]]], True)
        b.add(f"adm1:{p['adm1_pcode']}", p["adm1_name"], alts, lat, lon, "SY",
              p["adm1_name"], "", "ADM1", 0, 3, True)
        counts["admin1"] += 1

    # 4. Districts (WOF mesoshapes; Rural Damascus has two parts: merged).
    parts: dict[str, list] = defaultdict(list)
    props: dict[str, dict] = {}
    for f in adm2["features"]:
        parts[f["properties"]["hasc"]].append(shape(f["geometry"]))
        props.setdefault(f["properties"]["hasc"], f["properties"])
    for hasc in sorted(parts):
        p = props[hasc]
        rp = unary_union(parts[hasc]).representative_point()
        alts = clean_names(p["adm2_name"], [p["adm2_name_ar"], p["adm2_name_gadm"]], True)
        b.add(f"adm2:{hasc}", p["adm2_name"], alts, rp.y, rp.x, "SY", p["adm1_name"],
              p["adm2_name"], "ADM2", 0, 2, True)
        counts["admin2"] += 1

    # 5. Neighbour towns.
    for r in read_tsv(pack / "neighbours_cities500.tsv.gz", gz=True):
        if r["country_code"] not in NEIGHBOURS:
            continue
        alts = clean_names(r["name"], [r["asciiname"], *r["alternatenames"].split("|")], True)
        b.add(f"gn:{r['geonameid']}", r["name"], alts, float(r["latitude"]), float(r["longitude"]),
              r["country_code"], r["admin1_name"], r["admin2_name"], r["feature_code"],
              int(r["population"] or 0), 1, False)
        counts["neighbours"] += 1

    # 6. World cities (population >= 15 000 or capitals).
    capitals: dict[str, tuple[float, float]] = {}
    for r in read_tsv(pack / "world_cities15000.tsv.gz", gz=True):
        pop = int(r["population"] or 0)
        if r["feature_code"] == "PPLC":
            capitals.setdefault(r["country_code"], (float(r["latitude"]), float(r["longitude"])))
        if pop < WORLD_MIN_POP and r["feature_code"] != "PPLC":
            continue
        # Only the ASCII name for ordinary cities; capitals keep their ASCII
        # alternates (exonyms like "Moskva"). A Syrian document mentions world
        # cities rarely and then by their common English name.
        extra = [r["asciiname"]]
        if r["feature_code"] in WORLD_ALT_CODES:
            extra += [n for n in r["alternatenames"].split("|") if n.isascii()]
        alts = clean_names(r["name"], extra, False)
        before = len(b.rows)
        b.add(f"gn:{r['geonameid']}", r["name"], alts, float(r["latitude"]), float(r["longitude"]),
              r["country_code"], r["admin1_name"], "", r["feature_code"], pop, 1, False)
        counts["world"] += len(b.rows) - before

    # 6b. First-level divisions of the other countries (Nigerian states, Congolese provinces,
    #     Myanmar regions, ...), placed at their seat (ACLED codes a report that names only
    #     the state at its capital, precision 3). The resolver reaches them only when the
    #     name carries an admin word ("Zamfara State", "Ituri province", "Sagaing Region"),
    #     so a bare "Plateau" or "Delta" is never read as a state. Neighbours and Syria
    #     are left out (their provinces are handled as before).
    seat_of: dict[tuple[str, str], tuple[int, int, float, float]] = {}
    seat_name: dict[tuple[str, str], str] = {}
    for r in read_tsv(pack / "world_cities15000.tsv.gz", gz=True):
        if not r["admin1_code"] or r["country_code"] in NEIGHBOURS or r["country_code"] == "SY":
            continue
        rank = {"PPLA": 2, "PPLC": 1}.get(r["feature_code"], 0)
        cand = (rank, int(r["population"] or 0), float(r["latitude"]), float(r["longitude"]))
        k = (r["country_code"], r["admin1_code"])
        if k not in seat_of or cand > seat_of[k]:
            seat_of[k] = cand
            seat_name[k] = r["asciiname"]
    for c in codes:
        k = (c["country_code"], c["admin1_code"])
        if k not in seat_of:
            continue
        _, _, lat, lon = seat_of[k]
        alts = clean_names(c["name"], world_admin1_names(c["name"], c["asciiname"], seat_name.get(k, "")), False)
        b.add(f"adm1w:{c['code']}", c["name"], alts, lat, lon, c["country_code"], c["name"], "", "ADM1",
              0, 3, False)
        counts["world_admin1"] += 1

    # 7. Countries, placed at their capital (ACLED country-level practice).
    for r in read_tsv(pack / "countries.tsv"):
        if r["iso"] not in capitals:
            continue
        lat, lon = capitals[r["iso"]]
        b.add(f"cc:{r['iso']}", r["country"], [], lat, lon, r["iso"], "", "", "PCLI",
              int(r["population"] or 0), 3, False)
        counts["countries"] += 1

    out.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar=None)
    w.writerow(COLUMNS)
    for row in b.rows:
        w.writerow([row[c] for c in COLUMNS])
    with open(out / "places.tsv.gz", "wb") as fh:
        with gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=9) as gz:
            gz.write(buf.getvalue().encode("utf-8"))

    # 8. Base map: simplified governorates.
    feats = []
    for f in adm1["features"]:
        g = shape(f["geometry"]).simplify(BASEMAP_TOLERANCE_DEG, preserve_topology=True)
        p = f["properties"]
        feats.append({"type": "Feature",
                      "properties": {"adm1_pcode": p["adm1_pcode"], "adm1_name": p["adm1_name"],
                                     "adm1_name_ar": p["adm1_name_ar"]},
                      "geometry": _round_geom(g.__geo_interface__)})
    fc = {"type": "FeatureCollection", "name": "sitrep_admin1", "features": feats}
    (out / "admin1.geojson").write_text(
        json.dumps(fc, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", "utf-8")
    counts["rows"] = len(b.rows)
    return dict(counts)


# Admin words GeoNames sometimes writes into a division's name ("West Kordofan State",
# "Caldas Department"): the bare name is added as an alternate.
ADMIN1_WORDS = ("State", "Province", "Region", "Department", "Governorate", "Division", "County", "Oblast")
# English forms of French compass words in division names ("Nord Kivu" -> "North Kivu").
COMPASS_EN = {"Nord": "North", "Sud": "South", "Est": "East", "Ouest": "West"}


def world_admin1_names(name: str, ascii: str, seat: str) -> list[str]:
    """Alternates of a foreign first-level division: its ASCII name, the name without a
    trailing admin word, English compass words, and its seat's name when the two are
    spellings of one name (GeoNames "Sagain" region, "Sagaing" town)."""
    out = [ascii]
    for n in (name, ascii):
        for w in ADMIN1_WORDS:
            if n.endswith(" " + w):
                out.append(n[: -len(w) - 1])
        first, _, rest = n.partition(" ")
        if first in COMPASS_EN and rest:
            out.append(f"{COMPASS_EN[first]} {rest}")
    if seat and seat != ascii and fuzz.ratio(seat.lower(), ascii.lower()) >= SEAT_NAME_RATIO:
        out.append(seat)
    return out


# a seat whose name is this close to its division's is another spelling of it
SEAT_NAME_RATIO = 85


class Grid:
    """Syrian rows by 0.1-degree cell, for the distance test of the merge."""

    CELL = 0.1

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)

    def add(self, i: int, lat: float, lon: float) -> None:
        self.cells[(int(lat // self.CELL), int(lon // self.CELL))].append(i)

    def near(self, lat: float, lon: float) -> list[int]:
        cy, cx = int(lat // self.CELL), int(lon // self.CELL)
        return [i for dy in (-1, 0, 1) for dx in (-1, 0, 1) for i in self.cells.get((cy + dy, cx + dx), ())]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from sitrep.geo.distance import haversine_km
    return haversine_km(lat1, lon1, lat2, lon2)


def _split_names(text: str) -> list[str]:
    """'Qosour (Homs)' -> ['Qosour', 'Homs']; 'A / B' and lines -> ['A', 'B']; empty and '<Null>' dropped."""
    out = []
    for part in re.split(r"\s*[/\r\n_]+\s*|\s+-\s+", (text or "").replace('"', "")):
        inner = _PAREN.findall(part)
        outer = _PAREN.sub(" ", part).strip()
        for n in [outer, *inner]:
            n = n.strip()
            if n and n != "<Null>" and n not in out:
                out.append(n)
    return out


SEAT_NAME_MIN_RATIO = 85  # "X Y" vs its sub-district's "X+ Y"; a village "Z Y" of district "W Y" is ~60


def _ar_word(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


def community_names(c: dict) -> list[str]:
    """Names of an OCHA community: the English and Arabic names as written, then their
    parts ("A - B" is a community of two villages), then each without a trailing
    district / sub-district word that OCHA adds to tell namesakes apart
    ("X Bab" = X in al-Bab district; detected on the Arabic name)."""
    en, ar = (" ".join(c[k].replace('"', "").split()) for k in ("name_en", "name_ar"))
    names = [n for n in (en, c["name_ar"].strip()) if n and not re.search(r"[\r\n\t]", n)]
    for n in _split_names(en) + _split_names(ar):
        if n not in names:
            names.append(n)
    ar_words, en_words = ar.split(), en.split()
    admins = [x for x in (c.get("admin2_ar"), c.get("admin3_ar")) if x and x.split()]
    admin_last = {_ar_word(x.split()[-1]) for x in admins}
    # a seat shares its sub-district's name ("X Y" seats sub-district "X Y", give or take a
    # letter: OCHA writes some seats without their final ta marbuta): its last word is
    # part of its name, not a district tag; cutting it left "X" alone as a name
    plain = " ".join(_ar_word(w) for w in ar_words)
    is_seat = any(fuzz.ratio(plain, " ".join(_ar_word(w) for w in x.split())) >= SEAT_NAME_MIN_RATIO
                  for x in admins)
    if (len(ar_words) >= 2 and len(en_words) >= 2 and "-" not in en and _ar_word(ar_words[-1]) in admin_last
            and not is_seat):
        for n in (" ".join(en_words[:-1]), " ".join(ar_words[:-1])):
            if n not in names:
                names.append(n)
    return names


def _same_place_name(b: Builder, row: dict[str, str], keys: list[str], quals: frozenset[str]) -> bool:
    """Does an OCHA name (its keys) name the pack row: same key, same skeleton, or a
    close spelling with the same qualifier words (Kabir/Saghir, Sharqi/Gharbi ...)?"""
    rkeys = row["keys"].split("|") if row["keys"] else []
    if any(k in rkeys for k in keys):
        return True
    rskels = set(row["skeletons"].split("|")) if row["skeletons"] else set()
    t = b.translit
    if any(t.skeleton_of_key(k) in rskels for k in keys if len(k) >= 4):
        return quals == _qualifiers(row["name"], row["alternates"])
    if quals != _qualifiers(row["name"], row["alternates"]):
        return False
    return any(fuzz.ratio(k, rk) >= DEDUP_MIN_RATIO for k in keys for rk in rkeys)


QUALIFIER_WORDS = None  # filled from resolve.yaml on first use


def _qualifiers(*names: str) -> frozenset[str]:
    global QUALIFIER_WORDS
    if QUALIFIER_WORDS is None:
        from sitrep.geo.resolve import load_cues
        QUALIFIER_WORDS = load_cues().qualifiers
    words = {name_key(w) for n in names for w in re.split(r"[\s\-|]+", n) if w}
    return frozenset(QUALIFIER_WORDS[w] for w in words if w in QUALIFIER_WORDS)


def merge_ocha(b: Builder, pack: Path, pcode_name: dict[str, str], lookup: AdminLookup,
               counts: Counter[str]) -> None:
    comm_path, nb_path = pack / OCHA_COMMUNITIES, pack / OCHA_NEIGHBOURHOODS
    if not comm_path.is_file():
        return
    try:
        communities = json.loads(gzip.decompress(comm_path.read_bytes()).decode("utf-8"))
        hoods = json.loads(gzip.decompress(nb_path.read_bytes()).decode("utf-8"))["features"]
    except (OSError, ValueError, KeyError) as exc:
        raise DataFileError(f"{pack / 'extra'}: cannot read the OCHA layers: {exc}") from exc
    grid = Grid()
    for i, row in enumerate(b.rows):
        if row["country"] == "SY" and row["feature_code"] not in ("ADM1", "ADM2"):
            grid.add(i, float(row["lat"]), float(row["lon"]))
    claimed: set[int] = set()
    for c in sorted(communities, key=lambda c: c["pcode"]):
        lat, lon = float(c["lat"]), float(c["lng"])
        names = community_names(c)
        keys = [k for k in (b.translit.key(n) for n in names) if k]
        quals = _qualifiers(*names)
        best, best_d = None, DEDUP_KM
        for i in grid.near(lat, lon):
            row = b.rows[i]
            d = _km(lat, lon, float(row["lat"]), float(row["lon"]))
            if d <= best_d and i not in claimed and _same_place_name(b, row, keys, quals):
                best, best_d = i, d
        if best is not None:
            claimed.add(best)
            counts["ocha_names_added"] += b.add_names(best, names)
            counts["ocha_merged"] += 1
            continue
        a1 = pcode_name.get(c["admin1_pcode"], "")
        _, a2 = lookup.locate(lat, lon)
        code = "PPLA" if c.get("is_capital") else "PPL"
        b.add(f"ocha:{c['pcode']}", names[0], clean_names(names[0], names[1:], True), lat, lon,
              "SY", a1, a2, code, 0, 1, True)
        grid.add(len(b.rows) - 1, lat, lon)
        claimed.add(len(b.rows) - 1)
        counts["ocha_new"] += 1
    for f in sorted(hoods, key=lambda f: f["properties"]["PCODE"]):
        p = f["properties"]
        lat, lon = float(p["LATITUDE"]), float(p["LONGITUDE"])
        names = []
        for field_name in ("NAME_EN", "NAM_EN_REF", "NAME_AR", "NAM_AR_REF"):
            names += [n for n in _split_names(p.get(field_name) or "") if n not in names]
        city = {exact_key(x) for k in ("ADM4_EN", "ADM4_AR", "AREA_EN", "AREA_AR") for x in _split_names(p.get(k) or "")}
        names = [n for n in names if exact_key(n) not in city] or names
        keys = [k for k in (b.translit.key(n) for n in names) if k]
        quals = _qualifiers(*names)
        best, best_d = None, NEIGHBOURHOOD_DEDUP_KM
        for i in grid.near(lat, lon):
            row = b.rows[i]
            d = _km(lat, lon, float(row["lat"]), float(row["lon"]))
            if d <= best_d and row["feature_code"] not in ("PPLA", "PPLC", "PPLA2") \
                    and _same_place_name(b, row, keys, quals):
                best, best_d = i, d
        if best is not None:
            counts["ocha_hood_names_added"] += b.add_names(best, names)
            counts["ocha_hood_merged"] += 1
            continue
        _, a2 = lookup.locate(lat, lon)
        b.add(f"ochan:{p['PCODE']}", names[0], clean_names(names[0], names[1:], True), lat, lon,
              "SY", pcode_name.get(p["ADM1_PCODE"], ""), a2, "PPLX", 0, 1, True)
        grid.add(len(b.rows) - 1, lat, lon)
        counts["ocha_hood_new"] += 1


def _round_geom(geo: dict) -> dict:
    def rnd(c):
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [round(c[0], BASEMAP_DECIMALS), round(c[1], BASEMAP_DECIMALS)]
        return [rnd(x) for x in c]
    return {"type": geo["type"], "coordinates": rnd(geo["coordinates"])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pack", nargs="?", type=Path, default=DEFAULT_PACK)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    try:
        counts = build(args.pack, args.out)
    except DataFileError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
