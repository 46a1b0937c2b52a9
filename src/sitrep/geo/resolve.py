"""Place mentions -> gazetteer places, with ACLED geo_precision.

Cascade (each stage runs only when the previous found nothing acceptable):
exact name -> normalised key -> fuzzy over normalised keys inside a skeleton
block -> skeleton key. Same-name candidates are ranked by context (country,
governorate hints, distance to a focus point), then feature importance and
population. `resolve_phrase` also reads relation and region cues ("near the
town of X", "west of X", "southern Idlib", "X province"); the cue words live in
`sitrep/data/gazetteer/resolve.yaml`.

Phrases without proper-noun content ("near the village of", "in June", "the
Syrian army") resolve to nothing: function, feature, date and owner words from
resolve.yaml are never looked up as names on their own, and the fuzzy and
skeleton stages only run for a mention with a capitalised word. Owners
("Russia's", "the army's", "Turkish"), facility words ("X Air Base", "X
hospital": the full name first, then the head name), coordinated places ("A and
B": the first), trailing hints ("X on the Iraqi border") and leading words
before a cue ("positions near X") are read too. Rivers ("east of the Euphrates")
are never points: the document's governorate (its first admin1 hint, precision 3)
or nothing. An exact spelling found only outside the document's governorates
yields to a same-key namesake inside one. Inside a governorate the context names,
a name may also be a gazetteer "Hawsh X" / "Mazra'at X" written without its head
(resolve.yaml site_heads), and governorates given with no earlier place keep their
namesake over a seat elsewhere. Sites are read with an owner word before the
facility word ("X Iranian base"), with the town after it ("Armoured Base X"), or
by a number ("Base 46"); "A - B" after a plain village is a second name of one
place. `PlaceMatch.name` is plain ASCII ("Saraqib"); the gazetteer's own spelling
is in `original_name`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from sitrep.errors import DataFileError
from sitrep.geo.gazetteer import Gazetteer, Place
from sitrep.geo.normalise import ascii_name, default_translit, exact_key, name_key
from sitrep.geo.spelling import written_similarity

# Thresholds. Calibrated on tests/geo held-out spellings (press forms of ~60 towns)
# and the seed-page names: 84 keeps "Bosoufane"->Basufan and "Latamna"->Lataminah
# style matches while 80 started to pull unrelated villages sharing a consonant
# block. Re-run `pytest tests/geo` (coverage + held-out tests) after changing one.
FUZZY_MIN_RATIO = 84.0
SKELETON_MIN_LEN = 3  # shorter skeletons ("m" for Hama) match hundreds of villages
# Minimum key lengths (letters of name_key) for the approximate stages, which also
# need a capitalised word in the mention: shorter keys are mostly English words
# ("State" -> As Sat, "Third" -> Tirad). Measured on ~180 capitalised news words:
# 47 approximate hits without these limits, 16 with; held-out unchanged (0.976),
# Syrian Archive list 0.520 -> 0.518.
SKELETON_MIN_KEY = 6
FUZZY_MIN_KEY = 5
SKELETON_MIN_RATIO = 55.0  # key similarity still required for a skeleton hit
FUZZY_BLOCK_PREFIX = 2  # fuzzy candidates share the first skeleton consonants
WORLD_MIN_POP = 100_000  # foreign cities outside the neighbours: only big ones, exact names
CACHE_SIZE = 65_536

# Context-first lookup inside an area (a governorate hint or a place named in the
# phrase). The area holds ~100-2 000 names instead of 13 000, so approximate
# matching can be looser there than country-wide. Calibrated with
# scripts/measure_geo.py (real spellings, governorate as context) and
# tests/geo/test_context.py: 78 finds "-eh/-iyeh" and one-letter variants of
# in-area villages, 72 started to pick the wrong one of two similar villages.
AREA_FUZZY_MIN_RATIO = 78.0
AREA_SKELETON_MIN_RATIO = 60.0  # 50 let unrelated names share a skeleton
W_AREA_SKELETON = 0.2  # share of the skeleton ratio in an in-area fuzzy similarity (tie-breaker)
AREA_FUZZY_KEEP = 3.0  # in-area fuzzy candidates this far below the best are dropped
AREA_FUZZY_LIMIT = 12  # spelling-distance ties are common among short village names: look past the first few
AREA_MIN_KEY = 4  # letters of name_key for approximate matching inside an area
# With only soft hints (the document's governorates), an in-area spelling this close
# beats an exact spelling of a small village elsewhere: small namesakes are many,
# and the press spells a village a little differently more often than it moves.
AREA_OVERRIDE_RATIO = 88.0
# An approximate spelling found only outside the document's governorates is kept
# when it lies this close to one of their points (governorates are 100-250 km
# across, so a neighbour's border villages pass); farther, it is dropped.
APPROX_HINT_KM = 150.0
# "A - B" with B not found near A: when A is a plain village this small (no quarters of
# its own), B is read as a second name of the place (found alone in the document's area)
VILLAGE_MAX_POP = 10_000
# "X oil field" / "X camp" found only as a town's key this far from every governorate
# the document names is dropped (Tanak field vs a Tartous village 400 km off); a
# neighbouring governorate's town (a camp across the line, ~150 km) is kept
FAR_SITE_KM = 250.0
CITY_AREA_KM = 30.0  # "X in <town>", "<town> - X": X lies this close to the town
DISTRICT_AREA_KM = 45.0  # "X in <district>": X lies this close to the district's point

# Score weights (stage base + context). The stage base dominates; context only
# reorders candidates found at the same stage.
STAGE_BASE = {"exact": 1.0, "normalised": 0.95, "qualified": 0.93, "fuzzy": 0.8, "headed": 0.7, "skeleton": 0.6,
              "qualified_base": 0.55, "head_base": 0.55, "foreign": 0.5}
DIRECT_STAGES = ("exact", "normalised", "qualified")  # a whole phrase taken as a name
APPROX_STAGES = ("fuzzy", "headed", "skeleton", "qualified_base", "head_base")
BESIDE_STAGES = frozenset({"qualified_base", "head_base"})  # found as a village beside the one named
W_COUNTRY = 0.30
W_ADMIN1 = 0.40
W_NEIGHBOUR = 0.15  # a neighbour country's town beats a far-away namesake (Tripoli, LB)
W_FOCUS = 0.30
FOCUS_SCALE_KM = 100.0
W_PRIMARY = 0.05
W_FEATURE = 0.01  # per rank step (ranks 0..9)
W_POP = 0.01  # per decade of population
# Share of the written-form similarity (0-1, sitrep.geo.spelling) added among several
# candidates: it orders same-key namesakes by the letters the key forgets (article,
# doubled letters, final -ah). 0.1 keeps it under the admin1/focus weights. Measured
# with scripts/measure_geo.py (real spellings, distinct names): bare 0.785 -> 0.793,
# governorate as context 0.866 -> 0.871; the same from 0.03 to 0.3.
W_SPELLING = 0.1
# Only candidates scoring within this of the best are compared by spelling, and only
# when there are two or more: keeps the cold cost small (a town and its district
# record, 0.04 apart on feature rank, are not compared). measure_geo gives the same
# figures with 0.03 as with every candidate compared.
SPELLING_WINDOW = 0.03

_STAGE_ORDER = {"exact": 0, "normalised": 1, "qualified": 1}  # other stages after these, in order written

NEIGHBOUR_COUNTRIES = ("TR", "IQ", "LB", "JO", "IL", "PS")
FACILITY_CODES = frozenset({"MILB", "AIRB", "AIRP", "AIRF", "DAM", "PSTB", "PRN", "HSP", "OILF", "PMPO"})
OWNED_SITE_MAX_KM = 50.0  # "Aleppo's X square": X must lie in Aleppo's governorate or this close
SEAT_CODES = frozenset({"PPLA", "PPLC"})
FOREIGN_EXACT_CODES = frozenset({"PCLI", "PPLC"})  # foreign names that keep an exact match over a local variant  # governorate seats: "countryside of X" is X's governorate

_WORD = re.compile(r"[^\s,;:()\"“”]+")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])(?=\s|$)", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:st|nd|rd|th)?|\d+[/.-]\d+(?:[/.-]\d+)?")
_CAP_SPLIT = re.compile(r"[\s\-'’]+")
# compiled once here, not on a lookup's first use (a cold lookup paid the compile)
_QUAL_SPLIT = re.compile(r"[\s\-]+")
_SPACES = re.compile(r"\s+")
_PAREN = re.compile(r"\(([^()]*)\)")
_PAREN_DROP = re.compile(r"\s*\([^()]*\)\s*")
_PAREN_TAIL = re.compile(r"(.*\S)\s*\(([^()]+)\)")


def _norm_word(w: str) -> str:
    w = w.lower().replace("’", "'").strip(".'-")
    return w[:-2] if w.endswith("'s") else w


def _words(text: str) -> list[str]:
    return [w for w in (_norm_word(t) for t in _WORD.findall(text)) if w]


def _has_capital(text: str) -> bool:
    """A word starting with a capital (or a letter of a caseless script, e.g. Arabic)."""
    return any(p[:1].isalpha() and not p[0].islower() for p in _CAP_SPLIT.split(text))


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


_NO_CONTEXT = PlaceContext()
_MATCH_FIELDS = PlaceMatch.__slots__  # in field order (the dataclass defines them so)
_NO_HINTS: frozenset[str] = frozenset()


def _copy_match(m: PlaceMatch) -> PlaceMatch:
    """A shallow copy (`dataclasses.replace` re-reads the fields on every call)."""
    return PlaceMatch(*[getattr(m, f) for f in _MATCH_FIELDS])


@dataclass(frozen=True, slots=True)
class Cues:
    """Phrase cue words, from resolve.yaml."""

    fillers: tuple[str, ...]
    near: tuple[tuple[str, str], ...]  # (cue, relation)
    regions: tuple[tuple[str, str], ...]  # (cue, kind)
    directions: tuple[str, ...]
    direction_relation: str
    suffixes: tuple[tuple[str, str], ...]  # (word, kind)
    separators: tuple[str, ...]
    feature_rank: dict[str, int]
    city_codes: frozenset[str]
    stop: frozenset[str] = frozenset()  # never a name on their own (function/feature/date)
    dates: frozenset[str] = frozenset()
    owners: frozenset[str] = frozenset()
    facilities: tuple[str, ...] = ()  # longest first
    beside_town: frozenset[str] = frozenset()  # facility words outside their town: precision >= 2
    facility_modifiers: frozenset[str] = frozenset()
    coordinators: tuple[str, ...] = ()
    noise: frozenset[str] = frozenset()  # stop + owners + every cue word: not proper-noun content
    rivers: frozenset[str] = frozenset()  # name keys of rivers: never a point
    river_words: tuple[str, ...] = ()
    part_of_words: tuple[str, ...] = ()  # "X <word> of Y": X is a part of Y
    seat_codes: frozenset[str] = frozenset()  # a bare name that is such a seat means the seat
    seat_min_population: int = 0  # ... and so does a populated place this big
    small_words: frozenset[str] = frozenset()  # "village of X": the small namesake may win
    anchor_ratio: float = 3.0  # a namesake this many times closer to the phrase's anchor beats the seat
    qualifiers: dict[str, str] = field(default_factory=dict)  # name_key(word) -> meaning ("kabir" -> big)
    part_separators: tuple[str, ...] = ()  # "B - A": A is a part of B
    part_radius_km: float = 15.0
    alternatives: tuple[str, ...] = ()  # "A / B": two spellings of one place
    feature_heads: frozenset[str] = frozenset()  # name keys of "Tall"/"Jabal"/"Bir" ... in front of a village's name
    site_heads: tuple[str, ...] = ()  # name keys of "Hawsh"/"Mazra'at" ... in front of a gazetteer name


def load_cues(path: Path | None = None) -> Cues:
    if path is None:
        text = resources.files("sitrep").joinpath("data", "gazetteer", "resolve.yaml").read_text("utf-8")
        where = "sitrep/data/gazetteer/resolve.yaml"
    else:
        text, where = Path(path).read_text("utf-8"), str(path)
    try:
        d = yaml.safe_load(text)
        near = tuple(sorted(((c.lower(), rel) for rel, cs in d["near_prefixes"].items() for c in cs),
                            key=lambda x: -len(x[0])))
        return Cues(
            fillers=tuple(sorted((f.lower() for f in d["filler_prefixes"]), key=len, reverse=True)),
            near=near,
            regions=tuple(sorted(((c.lower(), kind) for kind, cs in d["region_prefixes"].items() for c in cs),
                                 key=lambda x: -len(x[0]))),
            directions=tuple(sorted((x.lower() for x in d["directions"]), key=len, reverse=True)),
            direction_relation=str(d["direction_relation"]),
            suffixes=tuple(sorted(((k.lower(), v) for k, v in d["suffixes"].items()),
                                  key=lambda x: -len(x[0]))),
            separators=tuple(d["hint_separators"]),
            feature_rank={str(k): int(v) for k, v in d["feature_rank"].items()},
            city_codes=frozenset(d["city_codes"]),
            part_of_words=tuple(sorted((w.lower() for w in d.get("part_of_words", ())), key=len, reverse=True)),
            seat_codes=frozenset(d.get("seat_preference", {}).get("codes", ())),
            seat_min_population=int(d.get("seat_preference", {}).get("min_population", 0)),
            small_words=frozenset(w.lower() for w in d.get("seat_preference", {}).get("small_words", ())),
            anchor_ratio=float(d.get("seat_preference", {}).get("anchor_ratio", 3.0)),
            qualifiers=_qualifier_map(d.get("qualifiers", {})),
            part_separators=tuple(str(x) for x in d.get("part_separators", ())),
            part_radius_km=float(d.get("part_radius_km", 15.0)),
            alternatives=tuple(str(x) for x in d.get("alternative_separators", ())),
            feature_heads=frozenset(name_key(w) for w in _word_list(d, "feature_heads")) - {""}
            if "feature_heads" in d else frozenset(),
            site_heads=tuple(sorted({name_key(w) for w in _word_list(d, "site_heads")} - {""}))
            if "site_heads" in d else (),
            **_word_lists(d),
        )
    except (yaml.YAMLError, KeyError, TypeError, AttributeError, ValueError) as exc:
        raise DataFileError(f"{where}: malformed resolver cues: {exc}") from exc


def _qualifier_map(groups: dict) -> dict[str, str]:
    if not isinstance(groups, dict):
        raise ValueError("qualifiers must map a meaning to a list of words")
    out: dict[str, str] = {}
    for meaning in groups:
        for w in _word_list(groups, meaning):
            k = name_key(w)
            if k in out and out[k] != meaning:
                raise ValueError(f"qualifier '{w}' is in both '{out[k]}' and '{meaning}'")
            out[k] = str(meaning)
    return out


def _word_list(d: dict, key: str) -> list[str]:
    items = d[key]
    if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
        raise ValueError(f"{key} must be a list of strings (quote YAML booleans such as on/off)")
    return [x.lower().strip() for x in items]


def _word_lists(d: dict) -> dict:
    sw = d["stop_words"]
    if not isinstance(sw, dict):
        raise ValueError("stop_words must map a group name to a list of words")
    stop = {_norm_word(w) for g in sw for w in _word_list(sw, g)}
    dates = {_norm_word(w) for w in _word_list(sw, "date")}
    owners = {_norm_word(w) for w in _word_list(d, "owner_words")}
    facilities = _word_list(d, "facility_suffixes")
    modifiers = {_norm_word(w) for w in _word_list(d, "facility_modifiers")}
    cue_words = set()
    for group in ("filler_prefixes", "directions"):
        cue_words.update(_word_list(d, group))
    for key in ("near_prefixes", "region_prefixes"):
        for cs in d[key].values():
            cue_words.update(c.lower() for c in cs)
    cue_words.update(k.lower() for k in d["suffixes"])
    cue_words.update(facilities)
    noise = stop | owners | modifiers | {_norm_word(w) for c in cue_words for w in c.split()}
    rivers = frozenset(name_key(r) for r in _word_list(d, "rivers")) - {""}
    return {
        "rivers": rivers, "river_words": tuple(_word_list(d, "river_words")),
        "stop": frozenset(stop), "dates": frozenset(dates), "owners": frozenset(owners),
        "facilities": tuple(sorted(set(facilities), key=len, reverse=True)),
        "beside_town": frozenset(_word_list(d, "facility_beside_town")) if "facility_beside_town" in d else frozenset(),
        "facility_modifiers": frozenset(modifiers),
        "coordinators": tuple(str(c) for c in d["coordinators"]),
        "noise": frozenset(w for w in noise if w),
    }


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _strip_prefix(text: str, options) -> tuple[str, str | None]:
    low = text.lower()
    for opt in options:
        cue = opt if isinstance(opt, str) else opt[0]
        if low.startswith(cue + " "):
            return text[len(cue) + 1:].lstrip(), (opt if isinstance(opt, str) else opt[1])
    return text, None


class PlaceResolver:
    """Resolve place mentions against a loaded `Gazetteer`."""

    def __init__(self, gazetteer: Gazetteer, cues: Cues | None = None) -> None:
        self.gaz = gazetteer
        self.cues = cues or load_cues()
        self._translit = default_translit()
        # fuzzy blocks: skeleton prefix -> keys (only keys that have skeletons, i.e. Syrian)
        blocks: dict[str, set[str]] = {}
        self._skel_of_key: dict[str, str] = {}  # Syrian keys' skeletons, for the in-area tie-break
        for k, ids in gazetteer.keys.items():
            if gazetteer.places[ids[0]].country != "SY" and not any(
                gazetteer.places[i].country == "SY" for i in ids
            ):
                continue
            s = self._translit.skeleton_of_key(k)
            self._skel_of_key[k] = s
            blocks.setdefault(s[:FUZZY_BLOCK_PREFIX], set()).add(k)
        self._blocks = {b: sorted(v) for b, v in blocks.items()}
        # keys of Syrian places per governorate, for the context-first lookup
        area: dict[str, set[str]] = {}
        for k, ids in gazetteer.keys.items():
            for i in ids:
                p = gazetteer.places[i]
                if p.country == "SY" and p.admin1 and p.feature_code not in ("ADM1", "PCLI"):
                    area.setdefault(p.admin1, set()).add(k)
        self._area_keys = {a: sorted(v) for a, v in area.items()}
        # "Hawsh X", "Mazra'at X" in a governorate, by the key of X (the mention may drop the head)
        headed: dict[tuple[str, str], set[str]] = {}
        for a, ks in self._area_keys.items():
            for k in ks:
                for hk in self.cues.site_heads:
                    if k.startswith(hk) and len(k) - len(hk) >= AREA_MIN_KEY:
                        headed.setdefault((a, k[len(hk):]), set()).add(k)
        self._headed = {ak: sorted(v) for ak, v in headed.items()}
        self._lookup_area = lru_cache(maxsize=CACHE_SIZE)(self._lookup_area_uncached)
        self._qualified_keys = lru_cache(maxsize=CACHE_SIZE)(self._qualified_keys_uncached)
        self._admin1_place = {p.name: i for i, p in enumerate(gazetteer.places)
                              if p.feature_code == "ADM1" and p.country == "SY"}
        self._district_seat = {(p.admin1, p.admin2): i for i, p in enumerate(gazetteer.places)
                               if p.country == "SY" and p.feature_code in SEAT_CODES | {"PPLA2"}}
        self._ids: dict[str, int] | None = None  # place_id -> index, built on first need
        self._suffix_words = frozenset(w for w, _ in self.cues.suffixes if " " not in w)
        self._lookup = lru_cache(maxsize=CACHE_SIZE)(self._lookup_uncached)
        self._resolve_cached = lru_cache(maxsize=CACHE_SIZE)(self._resolve_uncached)
        # phrase pieces recur across calls: memoise the pure word-level helpers
        self._has_content = lru_cache(maxsize=CACHE_SIZE)(self._has_content_uncached)
        self._strip_fillers = lru_cache(maxsize=CACHE_SIZE)(self._strip_fillers_uncached)
        self._hint_set = lru_cache(maxsize=CACHE_SIZE)(self._hint_set_uncached)
        self._coord_split = {c: re.compile(re.escape(c), re.IGNORECASE) for c in self.cues.coordinators}
        self._warm_up()

    def _warm_up(self) -> None:
        """Pay first-use costs at load time, not in the first lookups: the regexes' and
        Unicode tables' first runs, rapidfuzz's set-up, the interpreter's first pass over
        the cascade. One exact and one approximate lookup of a gazetteer name; the
        resolver's caches are emptied afterwards, so no result is precomputed."""
        if not self.gaz.places:
            return
        name = self.gaz.places[0].name
        for mention in (name, name + name[-1:] * 2):
            self.resolve(mention)
            self.resolve_phrase(f"{mention} - {mention}")
        for cached in (self._lookup, self._lookup_area, self._qualified_keys, self._resolve_cached,
                       self._has_content, self._strip_fillers, self._hint_set):
            cached.cache_clear()

    # ---------------------------------------------------------------- cascade
    def _allowed(self, p: Place, stage: str, country: str | None) -> bool:
        """Foreign places (outside the context country) are reachable by exact name
        only, and among world cities only big ones; neighbour towns also by their
        normalised key, but in a last stage after every domestic stage failed."""
        if country is None or p.country == country:
            return stage != "foreign"
        if stage == "exact":
            return (p.feature_code == "PCLI" or p.country in NEIGHBOUR_COUNTRIES
                    or p.population >= WORLD_MIN_POP or p.feature_code == "PPLC")
        return stage == "foreign" and p.country in NEIGHBOUR_COUNTRIES

    def _lookup_uncached(self, mention: str, country: str | None) -> tuple[str, tuple[tuple[int, float], ...]]:
        """First cascade stage with acceptable candidates: (stage, ((id, similarity), ...))."""
        g = self.gaz
        places = g.places
        if self._only_stop_words(mention):
            if any(c.isdigit() for c in mention):  # "Base 46", "Regiment 137": a site named by its number
                hits = [i for i in g.exact.get(exact_key(mention), ())
                        if places[i].feature_code in FACILITY_CODES and self._allowed(places[i], "exact", country)]
                if hits:
                    return "exact", tuple((i, 100.0) for i in hits)
            return "", ()  # "Of", "June", "the town", "north": never a name on their own
        if name_key(mention) in self.cues.rivers:
            return "", ()  # a river is a line: "Euphrates" must not fall on "Euphrates Dam"
        ek = exact_key(mention)
        hits = [i for i in g.exact.get(ek, ()) if self._allowed(places[i], "exact", country)]
        key = name_key(mention)
        key_ids = g.keys.get(key, ()) if key else ()
        if hits:
            # A foreign town's alias ("Sousa" for Sousse, Tunisia) must not beat a
            # place of the document's own country spelled a little differently;
            # capitals and countries ("Moscow", "Turkey") still win as written.
            if country and all(places[i].country != country and places[i].feature_code not in FOREIGN_EXACT_CODES
                               for i in hits):
                local = [i for i in key_ids if places[i].country == country]
                if local:
                    return "normalised", tuple((i, 100.0) for i in local)
            return "exact", tuple((i, 100.0) for i in self._with_seats(hits, key_ids, key))
        if not key:
            return "", ()
        hits = [i for i in key_ids if self._allowed(places[i], "normalised", country)]
        if hits:
            return "normalised", tuple((i, 100.0) for i in hits)
        variants, base = self._qualified_keys(mention)
        hits = [i for k in variants for i in g.keys.get(k, ()) if self._allowed(places[i], "normalised", country)]
        if hits:
            return "qualified", tuple((i, 100.0) for i in dict.fromkeys(hits))
        skel = self._translit.skeleton_of_key(key)
        # approximate stages only for a proper noun: lowercase words ("town",
        # "monday") would otherwise land on villages one letter away
        approx = _has_capital(mention)
        block = self._blocks.get(skel[:FUZZY_BLOCK_PREFIX], ()) if approx and len(key) >= FUZZY_MIN_KEY else ()
        found: list[tuple[int, float]] = []
        for k, sim, _ in process.extract(key, block, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_RATIO, limit=8):
            found += [(i, sim) for i in g.keys[k] if self._allowed(places[i], "fuzzy", country)]
        if found:
            return "fuzzy", tuple(found)
        if approx and len(skel) >= SKELETON_MIN_LEN and len(key) >= SKELETON_MIN_KEY:
            for i in g.skeletons.get(skel, ()):
                if not self._allowed(places[i], "skeleton", country):
                    continue
                sim = fuzz.ratio(key, g.primary_keys[i])
                if sim >= SKELETON_MIN_RATIO:
                    found.append((i, sim))
            if found:
                return "skeleton", tuple(found)
        if base:  # "Small X" with no small X known: X itself, a village beside it
            hits = [i for i in g.keys.get(base, ()) if self._allowed(places[i], "normalised", country)]
            if hits:
                return "qualified_base", tuple((i, 100.0) for i in hits)
        hits = [i for i in key_ids if self._allowed(places[i], "foreign", country)]
        if hits:
            return "foreign", tuple((i, 100.0) for i in hits)
        return "", ()

    def _qualified_keys_uncached(self, mention: str) -> tuple[tuple[str, ...], str]:
        """Keys of a name's qualified variants and the base key: "Small X" ->
        (keys of "X Saghir", "Saghir X", "X Small", ...), key of "X". Empty when the
        mention has no qualifier word or nothing besides it."""
        quals = self.cues.qualifiers
        words = [w for w in _QUAL_SPLIT.split(mention) if w]
        wkeys = [name_key(w) for w in words]
        found = [(i, quals[k]) for i, k in enumerate(wkeys) if k in quals]
        if not found or len(found) == len(words):
            return (), ""
        rest = [w for i, w in enumerate(words) if i not in {j for j, _ in found}]
        # a place-kind word is not part of the base name ("X village II" -> X); other
        # words stay ("north of X" is a direction, not "North X")
        kinds = self._suffix_words
        rest = [w for w in rest if _norm_word(w) not in kinds] or rest
        if not self._has_content(" ".join(rest)):
            return (), ""
        base = name_key(" ".join(rest))
        if len(base) < AREA_MIN_KEY:
            return (), ""
        meanings = [m for _, m in found]
        synonyms = {m: sorted({k for k, mm in quals.items() if mm == m}) for m in meanings}
        out: list[str] = []
        for m in meanings[:1]:  # one qualifier is the common case; more are read as the first
            for q in synonyms[m]:
                for k in (base + q, q + base):
                    if k not in out:
                        out.append(k)
        return tuple(out), base

    def _lookup_area_uncached(self, mention: str, admin1s: frozenset[str], country: str | None
                              ) -> tuple[str, tuple[tuple[int, float], ...]]:
        """The cascade over the places of some governorates only (context first)."""
        g = self.gaz
        places = g.places

        def inside(i: int) -> bool:
            return places[i].admin1 in admin1s and self._allowed(places[i], "normalised", country)

        if self._only_stop_words(mention) or name_key(mention) in self.cues.rivers:
            return "", ()
        hits = [i for i in g.exact.get(exact_key(mention), ()) if inside(i)]
        key = name_key(mention)
        if hits:
            return "exact", tuple((i, 100.0) for i in self._with_seats(hits, g.keys.get(key, ()) if key else (), key))
        if not key:
            return "", ()
        hits = [i for i in g.keys.get(key, ()) if inside(i)]
        if hits:
            return "normalised", tuple((i, 100.0) for i in hits)
        variants, base = self._qualified_keys(mention)
        hits = [i for k in variants for i in g.keys.get(k, ()) if inside(i)]
        if hits:
            return "qualified", tuple((i, 100.0) for i in dict.fromkeys(hits))
        if not _has_capital(mention) or len(key) < AREA_MIN_KEY:
            return "", ()
        rest = self._after_feature_head(mention)
        if rest:  # "Khirbat X": the village X as written beats another "Khirbat Y" spelled alike
            bstage, bcands = self._lookup_area(rest, admin1s, country)
            if bstage in DIRECT_STAGES:
                return "head_base", bcands
        # "X" for the area's "Hawsh X" / "Mazra'at X" (a farmstead or hamlet named after X)
        hits = [i for a in sorted(admin1s) for k in self._headed.get((a, key), ()) for i in g.keys[k] if inside(i)]
        if hits:
            return "headed", tuple((i, 100.0) for i in dict.fromkeys(hits))
        found: dict[int, float] = {}
        skel = self._translit.skeleton_of_key(key)
        for a in sorted(admin1s):
            for k, sim, _ in process.extract(key, self._area_keys.get(a, ()), scorer=fuzz.ratio,
                                             score_cutoff=AREA_FUZZY_MIN_RATIO, limit=AREA_FUZZY_LIMIT):
                # phonetic tie-break: equal spelling distance, the closer consonant skeleton wins
                # ("Shehab": Shihab over Dhahab; the key keeps e/i and sh/dh apart, the skeleton not vowels)
                sim = (1 - W_AREA_SKELETON) * sim + W_AREA_SKELETON * fuzz.ratio(skel, self._skel(k))
                for i in g.keys[k]:
                    if inside(i) and sim > found.get(i, 0.0):
                        found[i] = sim
        if found:
            top = max(found.values())  # clearly weaker spellings never win on population or rank
            return "fuzzy", tuple(sorted(((i, v) for i, v in found.items() if v >= top - AREA_FUZZY_KEEP),
                                         key=lambda x: (-x[1], x[0])))
        if rest:  # "Bir X" with X spelled a little differently: X there beats a skeleton guess
            bstage, bcands = self._lookup_area(rest, admin1s, country)  # on the whole ("Abar Y")
            if bstage == "fuzzy":
                return "head_base", bcands
        if len(skel) >= SKELETON_MIN_LEN:
            for i in g.skeletons.get(skel, ()):
                sim = fuzz.ratio(key, g.primary_keys[i])
                if inside(i) and sim >= AREA_SKELETON_MIN_RATIO:
                    found[i] = sim
            if found:
                return "skeleton", tuple(sorted(found.items(), key=lambda x: (-x[1], x[0])))
        if base:
            hits = [i for i in g.keys.get(base, ()) if inside(i)]
            if hits:
                return "qualified_base", tuple((i, 100.0) for i in hits)
            plain = self._without_qualifiers(mention)
            if plain and plain != mention:  # "X al-Thani" spelled unlike X: X approximately, in the area
                bstage, bcands = self._lookup_area(plain, admin1s, country)
                if bcands:
                    return "qualified_base", bcands
        if rest:  # "Tall X", "Jabal X", "Bir X" unknown in the area: the village X beside it
            bstage, bcands = self._lookup_area(rest, admin1s, country)
            if bcands:
                return "head_base", bcands
        return "", ()

    def _without_qualifiers(self, mention: str) -> str:
        """The mention without its qualifier words ("Upper", "al-Thani", "Sharqi")."""
        quals = self.cues.qualifiers
        return " ".join(w for w in _QUAL_SPLIT.split(mention) if w and name_key(w) not in quals)

    def _after_feature_head(self, mention: str) -> str:
        """"Tall Hamra" -> "Hamra": the name after a leading landform or site word (hill,
        mountain, well, ruin, land ...) when a name is left; else ""."""
        words = mention.split()
        if len(words) < 2 or name_key(words[0]) not in self.cues.feature_heads:
            return ""
        rest = " ".join(words[1:])
        return rest if self._has_content(rest) and len(name_key(rest)) >= AREA_MIN_KEY else ""

    def _skel(self, key: str) -> str:
        s = self._skel_of_key.get(key)
        return s if s is not None else self._translit.skeleton_of_key(key)

    def _village(self, m: PlaceMatch) -> bool:
        """A plain village: no seat, no city quarter, fewer than VILLAGE_MAX_POP people."""
        if self._ids is None:
            self._ids = {p.place_id: i for i, p in enumerate(self.gaz.places)}
        i = self._ids.get(m.place_id)
        if i is None:
            return False
        p = self.gaz.places[i]
        return (p.feature_code in self.cues.city_codes and not p.feature_code.startswith(("PPLA", "PPLC", "PPLX"))
                and p.population < VILLAGE_MAX_POP)

    def _small_village(self, p: Place) -> bool:
        return (p.feature_code in self.cues.city_codes and not self._seat_like(p)
                and p.population < max(self.cues.seat_min_population, 1))

    def _context_first(self, mention: str, stage: str, cands, hints: frozenset[str], ctx: PlaceContext):
        """Candidates inside the hinted governorates before any namesake elsewhere.

        Strict context (the phrase names the area): only in-area candidates, else none.
        Soft hints (the document's governorates): an in-area candidate replaces an
        approximate match elsewhere or nothing, and a close in-area spelling replaces an
        exact spelling that only names a small village elsewhere."""
        places = self.gaz.places
        if ctx.strict:
            astage, acands = self._lookup_area(mention, hints, ctx.country)
            if ctx.within is not None:
                lat, lon, km = ctx.within
                acands = tuple(c for c in acands if _haversine_km((lat, lon), (places[c[0]].lat, places[c[0]].lon)) <= km)
            return (astage, acands) if acands else ("", ())
        if any(places[i].admin1 in hints for i, _ in cands):
            if stage == "skeleton":
                # a consonant-skeleton guess: the area's own cascade (looser fuzzy, the
                # village after "Bir"/"Tall") may find the place written more alike
                astage, acands = self._lookup_area(mention, hints, ctx.country)
                if acands and astage != "skeleton":
                    return astage, acands
            return stage, cands
        if stage in ("exact", "normalised", "qualified") and not all(
                places[i].country == "SY" and self._small_village(places[i]) for i, _ in cands):
            return stage, cands
        astage, acands = self._lookup_area(mention, hints, ctx.country)
        if not acands:
            if stage in ("fuzzy", "skeleton"):
                # a spelling only roughly like a village far from every governorate the
                # document is about is a guess: no place (kept by name) beats a wrong one
                cands = tuple(c for c in cands if self._near_hints(places[c[0]].lat, places[c[0]].lon, hints))
                return (stage, cands) if cands else ("", ())
            return stage, cands
        if stage in ("exact", "normalised", "qualified") and astage not in DIRECT_STAGES and max(
                sim for _, sim in acands) < AREA_OVERRIDE_RATIO:
            return stage, cands
        if stage == "fuzzy" and astage == "skeleton":
            # a close spelling just over the border (governorate lines in the data and in
            # the writer's head differ) beats a consonant-skeleton guess inside
            near = tuple(c for c in cands if self._near_hints(places[c[0]].lat, places[c[0]].lon, hints))
            if near:
                return stage, near
        return astage, acands

    def _near_hints(self, lat: float, lon: float, hints: frozenset[str], km: float = APPROX_HINT_KM) -> bool:
        """Within `km` of the point of one of the hinted governorates."""
        for h in hints:
            a = self._admin1_place.get(h)
            if a is not None and _haversine_km((lat, lon), (self.gaz.places[a].lat, self.gaz.places[a].lon)) <= km:
                return True
        return False

    def _spells_seat(self, key: str, seat: int) -> bool:
        """Is `key` the seat town's name spelled another way (close key or same skeleton)?"""
        seat_key = self.gaz.primary_keys[seat]
        return bool(key) and (fuzz.ratio(key, seat_key) >= FUZZY_MIN_RATIO or self._skel(key) == self._skel(seat_key))

    def _with_seats(self, hits: list[int], key_ids: tuple[int, ...], key: str = "") -> list[int]:
        """A district's name written alone ("Tal Abyad") means its seat town: the populated
        place of the same key in the same governorate joins the exact hits and outranks the
        ADM2 (feature rank); "X district" still picks the ADM2 (`_anchored`)."""
        places = self.gaz.places
        adm2 = {places[i].admin1 for i in hits if places[i].feature_code == "ADM2"}
        if not adm2:
            return hits
        seats = [i for i in key_ids if i not in hits and places[i].admin1 in adm2
                 and places[i].feature_code in self.cues.city_codes]
        # a district spelled in a way only the ADM2 record knows ("Tell Abiad" for Tall
        # Abyad): its seat all the same (each district has one PPLA2/PPLA/PPLC seat)
        have = {(places[i].admin1, places[i].admin2) for i in hits + seats
                if places[i].feature_code in self.cues.city_codes}
        for i in hits:
            p = places[i]
            if p.feature_code == "ADM2" and (p.admin1, p.admin2) not in have:
                seat = self._district_seat.get((p.admin1, p.admin2))
                if seat is not None and seat not in hits and seat not in seats and self._spells_seat(key, seat):
                    seats.append(seat)
        return hits + seats

    def _score(self, i: int, stage: str, sim: float, key: str, ctx: PlaceContext,
               hints: frozenset[str]) -> tuple[float, list[str]]:
        p = self.gaz.places[i]
        why = [f"{stage} {sim:.0f}" if stage in ("fuzzy", "skeleton") else stage]
        s = STAGE_BASE[stage] * (sim / 100.0 if stage in ("fuzzy", "skeleton") else 1.0)
        if ctx.country and p.country == ctx.country:
            s += W_COUNTRY
        elif ctx.country == "SY" and p.country in NEIGHBOUR_COUNTRIES:
            s += W_NEIGHBOUR
        if hints and p.admin1 in hints:
            s += W_ADMIN1
            why.append(f"admin1 hint {p.admin1}")
        if ctx.focus is not None:
            d = _haversine_km(ctx.focus, (p.lat, p.lon))
            s += W_FOCUS * max(0.0, 1.0 - d / FOCUS_SCALE_KM)
        if self.gaz.primary_keys[i] == key:
            s += W_PRIMARY
        s += W_FEATURE * self.cues.feature_rank.get(p.feature_code, 0)
        s += W_POP * math.log10(p.population + 1)
        return s, why

    def _hints(self, ctx: PlaceContext) -> frozenset[str]:
        return self._hint_set(ctx.admin1_hints) if ctx.admin1_hints else _NO_HINTS

    def _hint_set_uncached(self, hints: tuple[str, ...]) -> frozenset[str]:
        return frozenset(self.gaz.admin1_of(h) or h for h in hints)

    def _ranked(self, mention: str, ctx: PlaceContext, codes: frozenset[str] | None = None):
        stage, cands = self._lookup(mention.strip(), ctx.country)
        if codes is not None:
            cands = tuple(c for c in cands if self.gaz.places[c[0]].feature_code in codes)
        hints = self._hints(ctx)
        if stage == "exact" and hints and not ctx.strict:
            cands, stage = self._hinted_namesakes(mention.strip(), cands, hints, ctx.country, stage)
        if hints and ctx.country in (None, "SY"):
            stage, cands = self._context_first(mention.strip(), stage, cands, hints, ctx)
            if codes is not None:
                cands = tuple(c for c in cands if self.gaz.places[c[0]].feature_code in codes)
        scored = []
        key = name_key(mention) if cands else ""
        for i, sim in cands:
            s, why = self._score(i, stage, sim, key, ctx, hints)
            scored.append((s, -i, i, why))
        if len(scored) > 1:
            # same-key namesakes: the one written most like the mention. Only candidates
            # the spelling share could still lift to the top are compared (saves the
            # comparisons over every alternate name of a far weaker candidate)
            best = max(x[0] for x in scored)
            if sum(1 for x in scored if x[0] >= best - SPELLING_WINDOW) > 1:  # else the order stands
                places = self.gaz.places
                scored = [(s + W_SPELLING * written_similarity(mention, (places[i].name, *places[i].alternates))
                           / 100.0, neg, i, why) if s >= best - SPELLING_WINDOW else (s, neg, i, why)
                          for s, neg, i, why in scored]
        scored.sort(reverse=True)
        if scored and self.gaz.places[scored[0][2]].feature_code == "ADM2":
            scored = self._district_as_seat(scored, key)
        if stage in ("exact", "normalised") and (hints or ctx.focus is not None) and not ctx.small and scored:
            scored = self._seat_first(scored, ctx, stage, mention)
        return stage, scored

    def _district_as_seat(self, scored: list, key: str) -> list:
        """A district's name alone means its seat town when the seat is a candidate too
        and the name is the town's, spelled another way (the ADM2 record's "Tal Abyad" for
        the town Tall Abyad); a district named otherwise ("Jebel Saman", seated at
        Aleppo) stays the district. "X district" still finds the ADM2 (`_anchored`)."""
        p = self.gaz.places[scored[0][2]]
        seat = self._district_seat.get((p.admin1, p.admin2))
        hit = next((x for x in scored if x[2] == seat), None)
        if hit is None:
            return scored
        if not self._spells_seat(key, seat):
            return scored
        s, neg, i, why = hit
        return [(s, neg, i, why + ["seat of the district named"])] + [x for x in scored if x is not hit]

    def _seat_like(self, p: Place) -> bool:
        return p.feature_code in self.cues.seat_codes or (
            p.feature_code in self.cues.city_codes and p.population >= self.cues.seat_min_population > 0)

    def _seat_first(self, scored: list, ctx: PlaceContext, stage: str, mention: str) -> list:
        """A bare name shared by a governorate/district seat (or a big city) and a small
        namesake near the document's earlier places means the seat ("in Suwayda" after a
        paragraph about Hasakah), unless the namesake is much closer to a place named in
        the same phrase ("Suwayda west of Hasakah") or the phrase says "village"."""
        places = self.gaz.places
        top = places[scored[0][2]]
        if self._seat_like(top) or top.feature_code not in self.cues.city_codes:
            return scored
        if ctx.focus is None and top.admin1 in self._hints(ctx):
            # governorates given with no earlier place to be near (the caller's area, a
            # short report naming its governorate): context first, the namesake there
            return scored
        key = name_key(mention.strip())
        # only the seat's common name: one of its written names, or its primary name normalised
        # ("Mar'e" is not Ma'arrat al-Nu'man even if their keys meet)
        seat = next((x for x in scored[1:] if self._seat_like(places[x[2]])
                     and places[x[2]].country == top.country
                     and (stage == "exact" or self.gaz.primary_keys[x[2]] == key)), None)
        if seat is None:
            return scored
        sp = places[seat[2]]
        if ctx.anchor is not None:
            d_top = _haversine_km(ctx.anchor, (top.lat, top.lon))
            d_seat = _haversine_km(ctx.anchor, (sp.lat, sp.lon))
            if d_top * self.cues.anchor_ratio < d_seat:
                return scored
        s, neg, i, why = seat
        moved = (s, neg, i, why + [f"seat {sp.feature_code} over the namesake near the document's places"])
        return [moved] + [x for x in scored if x is not seat]

    def _hinted_namesakes(self, mention: str, cands, hints: frozenset[str], country: str | None, stage: str):
        """An exact spelling found only outside the document's governorates, while a
        same-key namesake lies inside one ("al-Sour" written in a Tartous report):
        the namesake in the document's governorate wins over the spelling."""
        places = self.gaz.places
        if any(places[i].admin1 in hints for i, _ in cands):
            return cands, stage
        local = tuple((i, 100.0) for i in self.gaz.keys.get(name_key(mention), ())
                      if places[i].admin1 in hints and self._allowed(places[i], "normalised", country))
        return (local, "normalised") if local else (cands, stage)

    def _match(self, i: int, stage: str, score: float, why: list[str], precision: int | None = None) -> PlaceMatch:
        p = self.gaz.places[i]
        return PlaceMatch(
            place_id=p.place_id, name=self._ascii(p), latitude=p.lat, longitude=p.lon,
            country=p.country_name, admin1=p.admin1, admin2=p.admin2,
            geo_precision=precision if precision is not None else p.precision,
            score=round(score, 4), feature_code=p.feature_code, matched=stage,
            reason="; ".join(why), country_code=p.country, original_name=p.name,
        )

    @staticmethod
    def _ascii(p: Place) -> str:
        """ASCII name as ACLED writes it; an ASCII alternate for a name in another script."""
        name = ascii_name(p.name)
        if name:
            return name
        alt = next((a for a in p.alternates if a.isascii() and a.strip()), "")
        return alt or p.name

    # ------------------------------------------------------------- word tests
    def _only_stop_words(self, text: str) -> bool:
        stop, seen = self.cues.stop, False
        for t in _WORD.findall(text):  # lazily: the first name word decides
            w = _norm_word(t)
            if not w:
                continue
            if not self._is_stop(w, stop):
                return False
            seen = True
        return seen

    @staticmethod
    def _is_stop(w: str, words: frozenset[str]) -> bool:
        # _NUMBER starts with \d (a decimal digit): skip the regex for other words
        if w in words or (w[0].isdecimal() and _NUMBER.fullmatch(w)):
            return True
        if "-" not in w:
            return False
        parts = [x for x in w.split("-") if x]
        return len(parts) > 1 and all(x in words or _NUMBER.fullmatch(x) for x in parts)

    def _has_content_uncached(self, text: str) -> bool:
        """Any word that is not a cue, function, feature, date or owner word (or a number)."""
        return any(not self._is_stop(w, self.cues.noise) for w in _words(text))

    def _relation_precision(self, base: int, relation: str | None) -> tuple[int, str | None]:
        if relation:
            return max(base, 2), f"{relation} -> precision >= 2"
        return base, None

    # ------------------------------------------------------------------- API
    def candidates(self, mention: str, context: PlaceContext | None = None, limit: int = 5) -> list[PlaceMatch]:
        ctx = context or PlaceContext()
        stage, scored = self._ranked(mention, ctx)
        out = []
        for s, _, i, why in scored[:limit]:
            prec, note = self._relation_precision(self._stage_precision(i, stage), ctx.relation)
            out.append(self._match(i, stage, s, why + ([note] if note else []), prec))
        return out

    def resolve(self, mention: str, context: PlaceContext | None = None) -> PlaceMatch | None:
        m = self._resolve_cached(mention, context or _NO_CONTEXT)
        return _copy_match(m) if m is not None else None  # callers may mutate their copy

    def _resolve_uncached(self, mention: str, ctx: PlaceContext) -> PlaceMatch | None:
        found = self.candidates(mention, ctx, limit=1)
        return found[0] if found else None

    # ---------------------------------------------------------------- phrases
    def resolve_phrase(self, phrase: str, context: PlaceContext | None = None) -> PlaceMatch | None:
        ctx = context or PlaceContext()
        text = _SPACES.sub(" ", phrase).strip(" .,;:")
        if not ctx.small and any(_norm_word(w) in self.cues.small_words for w in _words(text)):
            ctx = replace(ctx, small=True)
        text = self._strip_fillers(text)
        if not text:
            return None
        whole = self._direct(text, ctx)  # a lookup of only stop words finds nothing
        if whole is not None and (whole.matched == "exact" or "," not in text):
            return whole  # "X, B" is two names: its key run together ("xb") is no place's
        trailing = self._trailing_area(text, ctx)
        if trailing is not None:
            return trailing
        paren = _PAREN_TAIL.fullmatch(text)
        if paren is not None and self.gaz.admin1_of(paren.group(2).split(",")[-1].strip()) is not None:
            # "X (Idleb)", "X (Al Ma'ra, Idleb)": the area written after the name, as "X, Idleb"
            return self.resolve_phrase(f"{paren.group(1)}, {paren.group(2)}", ctx)
        alts = self._alternatives(text)
        if len(alts) > 1:
            return self._best_spelling(text, alts, ctx)
        for sep in self.cues.part_separators:
            if sep in text:
                return self._part(text, sep, ctx)
        if not self._has_content(text):
            return self._parse(text, ctx)  # only cue/feature/date/owner words: a known name or nothing
        # "A and B": two places in one phrase; the first that resolves
        parts = self._coordinated(text)
        for part in parts:
            m = self._phrase(part, ctx)
            if m is not None:
                if len(parts) > 1:
                    m.reason += "; first of coordinated places"
                return m
        return self._phrase(text, ctx) if len(parts) > 1 else None

    def _trailing_area(self, text: str, ctx: PlaceContext) -> PlaceMatch | None:
        """"B - A, <governorate>", "A / A2 in <governorate>", "A and B, <governorate>": a
        governorate written after a compound phrase is the area of all of it, so the
        compound is read inside it (strict). None when the phrase is not of that form or
        nothing is found there (the caller reads the phrase as before)."""
        seps = self.cues.part_separators + self.cues.alternatives + self.cues.coordinators + (", ",)
        for sep in self.cues.separators:
            pos = text.lower().rfind(sep)
            if pos <= 0:
                continue
            head, tail = text[:pos].strip(" ,"), self._strip_fillers(text[pos + len(sep):])
            adm1 = self.gaz.admin1_of(tail)
            if adm1 is None or adm1 not in self._admin1_place or not any(x in head for x in seps):
                continue
            if not self._has_content(head):
                continue
            area = replace(ctx, relation=None, admin1_hints=(adm1,), strict=True, within=None)
            m = self.resolve_phrase(head, area)
            if m is not None:
                m.reason += f"; inside {adm1}"
            return m
        return None

    def _best_spelling(self, text: str, alts: list[str], ctx: PlaceContext) -> PlaceMatch | None:
        """"A / B": the first spelling found in the document's governorates, else the first
        found in its country, else the first found at all. Writers pair a foreign or
        Kurdish form with the Arabic one ("Kaniya / Qaniyah"): the first may only name a
        namesake across the border or in another governorate."""
        found = []
        for alt in alts:
            m = self.resolve_phrase(alt, ctx)
            if m is not None:
                m.reason += f"; spelling '{alt}' of '{text}'"
                found.append(m)
        if not found:
            return None
        hints = self._hints(ctx)
        tier = ([m for m in found if hints and m.admin1 in hints]
                or [m for m in found if ctx.country and m.country_code == ctx.country] or found)
        # within a tier, a spelling found as written beats one found by its key or approximately
        # ("Qastal Jend" as an alternate name over "Qestele" read as another Qastal)
        return min(tier, key=lambda m: _STAGE_ORDER.get(m.matched, len(_STAGE_ORDER)))

    def _alternatives(self, text: str) -> list[str]:
        """"A / B (C)" -> ["A", "B", "C"]: spellings of one place, in the order written."""
        inner = _PAREN.findall(text)
        main = _PAREN_DROP.sub(" ", text).strip()
        parts = [main]
        for sep in self.cues.alternatives:
            parts = [x.strip() for p in parts for x in p.split(sep)]
        out = [x for x in parts + [i.strip() for i in inner] if x and self._has_content(x)]
        return list(dict.fromkeys(out)) if (inner or len(parts) > 1) else [text]

    def _part(self, text: str, sep: str, ctx: PlaceContext) -> PlaceMatch | None:
        """"B - A": A inside or near B; else B itself; A alone when B is unknown."""
        head, tail = (x.strip(" ,") for x in text.split(sep, 1))
        outer = self.resolve_phrase(head, ctx) if self._has_content(head) else None
        if outer is None:
            return self.resolve_phrase(tail, ctx) if self._has_content(tail) else None
        if outer.feature_code == "PCLI" or not self._has_content(tail):
            return outer
        inner = self.resolve_phrase(tail, self._area_ctx(outer, ctx, self.cues.part_radius_km))
        if inner is not None and (inner.place_id != outer.place_id or inner.matched in DIRECT_STAGES):
            inner.reason += f"; part of {outer.name}"
            return inner
        hints = self._hints(ctx)
        if hints and outer.country_code == "SY" and self._village(outer):
            # a village has no named quarters: "A - B" is then two names of one place (or
            # twin villages), and A only a namesake of the one meant; B found in the
            # document's governorates is the better guess
            alone = self.resolve_phrase(tail, ctx)
            if alone is not None and alone.matched in DIRECT_STAGES + ("fuzzy",) and (
                    alone.admin1 in hints or self._near_hints(alone.latitude, alone.longitude, hints)):
                alone.reason += f"; '{head}' ({outer.name}) is not near it: the second name"
                return alone
        outer.reason += f"; '{tail}' not found near it: the part is in {outer.name}"
        return outer

    def _area_ctx(self, outer: PlaceMatch, ctx: PlaceContext, radius_km: float) -> PlaceContext:
        """A strict context: inside `outer` (a governorate), or its governorate and within
        `radius_km` of it (a district, a town)."""
        within = None if outer.feature_code == "ADM1" else (outer.latitude, outer.longitude, radius_km)
        return replace(ctx, relation=None, admin1_hints=(outer.admin1,), strict=True, within=within,
                       anchor=(outer.latitude, outer.longitude))

    def _coordinated(self, text: str) -> list[str]:
        pieces = [text]
        for c in self.cues.coordinators:
            pieces = [x for p in pieces for x in self._coord_split[c].split(p)]
        out = [self._strip_fillers(p.strip(" ,")) for p in pieces]
        return [p for p in out if p and self._has_content(p)]

    def _phrase(self, text: str, ctx: PlaceContext) -> PlaceMatch | None:
        """Separators: "A in B" (B hints A's governorate), "A on the Iraqi border"."""
        for sep in self.cues.separators:
            pos = text.lower().find(sep)
            if pos > 0:
                head, tail = text[:pos], self._strip_fillers(text[pos + len(sep):])
                outer = self._parse(tail, ctx) if self._has_content(tail) else None
                if outer is not None:
                    hinted = replace(ctx, admin1_hints=ctx.admin1_hints + (outer.admin1,),
                                     anchor=(outer.latitude, outer.longitude))
                    inner = None
                    if outer.admin1 and outer.feature_code != "PCLI" and outer.country_code == "SY":
                        radius = DISTRICT_AREA_KM if outer.feature_code == "ADM2" else OWNED_SITE_MAX_KM
                        area = self._area_ctx(outer, ctx, radius)
                        if outer.feature_code in SEAT_CODES and self.gaz.admin1_of(tail) == outer.admin1:
                            # "X, Aleppo": the seat's name is also the governorate's. X in the
                            # city itself (a quarter), else anywhere in the governorate
                            # (reporters mostly mean the province), not only near the city;
                            # a spelling found as written beats an approximate one
                            city = self._parse(head, replace(area, within=(
                                outer.latitude, outer.longitude, self.cues.part_radius_km)))
                            wide = self._parse(head, replace(area, within=None))
                            inner = next((m for m in (city, wide) if m is not None and m.matched in DIRECT_STAGES),
                                         city or wide)
                        else:
                            inner = self._parse(head, area)
                        if inner is not None:
                            inner.reason += f"; inside {outer.name}"
                            return inner
                    inner = self._parse(head, hinted)
                    if (inner is not None and outer.admin1 and outer.feature_code != "PCLI"
                            and inner.admin1 != outer.admin1 and _haversine_km(
                                (inner.latitude, inner.longitude), (outer.latitude, outer.longitude)) > OWNED_SITE_MAX_KM):
                        # "Ghwayran prison in Hasakeh" found only a namesake in another governorate:
                        # the "in B" wins; the unknown site is in B
                        outer.reason += f"; '{head}' not found in {outer.admin1}: the place it is in"
                        return outer
                    if inner is None and outer.feature_code not in ("ADM1", "ADM2") and _has_capital(head):
                        # "X in B" with X unknown in or near B: the area of B (ACLED precision 2)
                        outer.geo_precision = max(outer.geo_precision, 2)
                        outer.reason += f"; '{head}' not found near it -> precision >= 2"
                    return inner if inner is not None else outer
                inner = self._parse(head, ctx)  # the tail names no place: a description
                if inner is not None:
                    inner.reason += f"; ignored '{sep.strip()} {tail}'"
                    return inner
        return self._parse(text, ctx)

    def _strip_fillers_uncached(self, text: str) -> str:
        while True:
            new, hit = _strip_prefix(text, self.cues.fillers)
            if hit is None:
                return text
            text = new

    def _stage_precision(self, i: int, stage: str) -> int:
        """A place's own precision; a qualified name found only as its base ("Lower X" -> X) is
        a village beside X: precision >= 2."""
        prec = self.gaz.places[i].precision
        return max(prec, 2) if stage in BESIDE_STAGES else prec

    def _direct(self, text: str, ctx: PlaceContext) -> PlaceMatch | None:
        """The whole phrase as a gazetteer name (exact, normalised or qualified only)."""
        stage, scored = self._ranked(text, ctx)
        if stage in DIRECT_STAGES and scored:
            s, _, i, why = scored[0]
            prec, note = self._relation_precision(self.gaz.places[i].precision, ctx.relation)
            return self._match(i, stage, s, why + ([note] if note else []), prec)
        return None

    def _parse(self, text: str, ctx: PlaceContext) -> PlaceMatch | None:
        text = self._strip_fillers(text.strip(" ,"))
        if not text:
            return None
        if not self._has_content(text):  # still a gazetteer name? ("near the Syrian Desert")
            name, relation = self._strip_relations(text, ctx.relation)
            m = self._direct(name, replace(ctx, relation=None)) if name else None
            return self._with_relation(m, relation) if m is not None else None
        m = self._parse_core(text, ctx)
        if m is not None:
            return m
        # extraneous lowercase words before a cue or a name ("positions near X")
        words = text.split(" ")
        for k in range(1, len(words)):
            rest = " ".join(words[k:])
            low = rest.lower()
            cue = any(low.startswith(c + " ") for c, _ in self.cues.near) or any(
                low.startswith(c + " ") for c, _ in self.cues.regions) or any(
                low.startswith(d + " ") for d in self.cues.directions)
            if cue or (_has_capital(words[k]) and not _has_capital(" ".join(words[:k]))):
                if not self._has_content(rest):
                    continue
                m = self._parse_core(self._strip_fillers(rest), ctx)
                if m is not None:
                    m.reason += f"; skipped '{' '.join(words[:k])}'"
                    return m
            if _has_capital(words[k]):
                break  # never cut into a name
        return None

    def _strip_relations(self, text: str, relation: str | None) -> tuple[str, str | None]:
        while True:
            text = self._strip_fillers(text)
            new, rel = _strip_prefix(text, self.cues.near)
            if rel is None:
                return text, relation
            relation, text = rel, new

    def _parse_core(self, text: str, ctx: PlaceContext) -> PlaceMatch | None:
        kind: str | None = None
        notes: list[str] = []
        # leading relation cues: near / outskirts (may repeat with fillers)
        text, relation = self._strip_relations(text, ctx.relation)
        new, k = _strip_prefix(text, self.cues.regions)
        if k is not None:
            kind, text = k, self._strip_fillers(new)
        # "X district of Y", "X neighbourhood of Y": X is a part of the place Y
        m = self._part_of(text, relation, ctx) if kind is None else None
        if m is not None:
            return m
        # "X west of Y": X is the place, Y its surroundings
        low = text.lower()
        for d in self.cues.directions:
            pos = low.find(f" {d} of ")
            if pos > 0:
                tail = self._strip_fillers(text[pos + len(d) + 5:])
                outer = self._parse(tail, replace(ctx, relation=None))
                hinted = replace(ctx, admin1_hints=ctx.admin1_hints + ((outer.admin1,) if outer else ()),
                                 anchor=(outer.latitude, outer.longitude) if outer else ctx.anchor)
                inner = self._parse(text[:pos], hinted)
                if inner is not None and (outer is None or inner.admin1 == outer.admin1 or _haversine_km(
                        (inner.latitude, inner.longitude), (outer.latitude, outer.longitude)) <= OWNED_SITE_MAX_KM):
                    return inner
                if inner is not None:  # "Saida north of Ain Issa" found only a far namesake: Y's surroundings
                    notes.append(f"'{text[:pos]}' not found near {outer.name}")
                if outer is not None:
                    outer.geo_precision = max(outer.geo_precision, 2)
                    outer.reason += "".join(f"; {n}" for n in notes) + f"; {d} of -> precision >= 2"
                return outer
        # "<direction> of X" / "<direction> X"; but "Eastern X" may be a village's own name
        # (X Sharqiyah, next to X): the whole name as written or qualified comes first
        if any(low.startswith(d + " ") for d in self.cues.directions) and not any(
                low.startswith(d + " of ") for d in self.cues.directions):
            whole = self._direct(text, replace(ctx, relation=None))
            if whole is not None:
                return self._with_relation(whole, relation)
        direction = None
        for d in self.cues.directions:
            if low.startswith(d + " of "):
                direction, relation, text = d, f"{d} of", text[len(d) + 4:]
                break
            if low.startswith(d + " "):
                direction, text = d, text[len(d) + 1:]
                break
        area_direction = direction is not None
        if direction is not None:  # "western entrance to X", "southern outskirts of X"
            before = relation
            text, relation = self._strip_relations(text, relation)
            area_direction = relation == before  # else the direction only qualifies the relation
        text = self._strip_fillers(text)
        # "countryside of X" / "rural X" after a direction adjective
        new, hit = _strip_prefix(text, [s for s, k in self.cues.suffixes if k == "area"])
        if hit is not None:
            new2, of = _strip_prefix(new, ["of"])
            if of is not None:
                kind, text = "area", self._strip_fillers(new2)
        if not text:
            return None
        # owners: "Russia's Hmeimim Air Base", "the army's positions", "Deir Ezzor's countryside"
        poss = _POSSESSIVE.search(text)
        if poss is not None and poss.start() > 0:
            return self._possessive(text[: poss.start()], text[poss.end():].strip(),
                                    relation, direction, kind, ctx)
        base = replace(ctx, relation=None)
        # leading owner adjectives: "Turkish", "regime", "Russian-run"
        words = text.split(" ")
        n = 0
        while n < len(words) - 1 and (_norm_word(words[n]) in self.cues.owners
                                      or _norm_word(words[n]) in ("the", "a", "an")):
            n += 1
        if n and self._has_content(" ".join(words[n:])) and self._direct(text, base) is None:
            notes.append(f"owner '{' '.join(words[:n])}' dropped")
            text = self._strip_fillers(" ".join(words[n:]))
        # trailing facility word: the full name first ("Tishrin Dam"), else the head name
        low = text.lower()
        if kind is None:
            for word in self.cues.facilities:
                if low.endswith(" " + word):
                    full = self._direct(text, base)
                    if full is not None:
                        return self._with_relation(full, relation)
                    head = text[: -len(word) - 1].rstrip()
                    hw = head.split(" ")
                    dropped = []
                    while len(hw) > 1 and (_norm_word(hw[-1]) in self.cues.facility_modifiers
                                           or _norm_word(hw[-1]) in self.cues.owners):
                        dropped.append(hw.pop())
                    head = self._strip_fillers(" ".join(hw))
                    if dropped and head:
                        # "X Iranian base", "X old prison": the site's own name without the owner
                        named = self._direct(f"{head} {word}", base)
                        if named is not None and named.feature_code in FACILITY_CODES:
                            named.reason += f"; '{' '.join(reversed(dropped))}' dropped"
                            return self._with_relation(named, relation)
                    if head and self._has_content(head):
                        kind, text = ("facility_beside" if word in self.cues.beside_town else "facility"), head
                        notes.append(f"facility '{word}'")
                    break
            else:
                town = self._facility_of_town(text, base)
                if town is not None:
                    return self._with_relation(town, relation)
        # trailing suffixes: "X province", "X city", "X countryside"
        low = text.lower()
        if kind not in ("facility", "facility_beside"):
            for word, k in self.cues.suffixes:
                if low.endswith(" " + word):
                    kind, text = kind or k, text[: -len(word) - 1].rstrip()
                    break
        river = self._river(text)
        if river is not None:
            return self._river_region(river, ctx)
        if area_direction and kind is None:
            kind = "area"
        if kind is not None and kind not in ("facility", "facility_beside"):
            notes.append(f"{kind} cue")
        if not text or not self._has_content(text):
            return None
        if kind is None:
            direct = self._direct(text, base)
            if direct is None:
                found = self.candidates(text, base, limit=1)
                direct = found[0] if found else None
            if direct is None:
                return None
            if notes:
                direct.reason += "; " + "; ".join(notes)
            return self._with_relation(direct, relation)
        return self._anchored(text, kind, relation, direction, ctx, notes)

    def _facility_of_town(self, text: str, ctx: PlaceContext) -> PlaceMatch | None:
        """"<facility> <Town>" ("Armoured Vehicles Base Harasta", "the air base Tabqa"): a
        facility word followed by a known place's name is a site at that place (beside it,
        precision >= 2, for bases, dams and fields). None unless the words after the
        facility word resolve as a name on their own and the whole phrase does not."""
        low = f" {text.lower()} "
        for word in self.cues.facilities:
            pos = low.rfind(f" {word} ")
            if pos < 0:
                continue
            tail = text[pos + len(word) + 1:].strip(" ,")
            if not tail or not _has_capital(tail) or not self._has_content(tail):
                continue
            if self._direct(text, ctx) is not None:
                return None
            town = self._direct(tail, ctx)
            if town is None or town.feature_code not in self.cues.city_codes:
                continue
            beside = word in self.cues.beside_town
            if beside:
                town.geo_precision = max(town.geo_precision, 2)
            town.reason += f"; facility '{word}' " + ("beside the town -> precision >= 2" if beside else "in the town")
            return town
        return None

    def _part_of(self, text: str, relation: str | None, ctx: PlaceContext) -> PlaceMatch | None:
        """"the Akrama district of Homs": X looked up with Y as hint and anchor; an X unknown
        in or near Y is a part of Y, so Y itself."""
        low = text.lower()
        for word in self.cues.part_of_words:
            pos = low.find(f" {word} of ")
            if pos <= 0:
                continue
            head, tail = text[:pos], self._strip_fillers(text[pos + len(word) + 5:])
            if not self._has_content(head) or not self._has_content(tail):
                continue
            outer = self._parse(tail, replace(ctx, relation=None))
            if outer is None:
                continue
            # a part lies in or beside its whole: looked up there only (context first)
            # (a district of a governorate anywhere in it, a quarter beside its town)
            as_suffix = any(w == word for w, _ in self.cues.suffixes)
            near = self._area_ctx(outer, ctx, self.cues.part_radius_km) if outer.country_code == "SY" else replace(
                ctx, relation=None, admin1_hints=ctx.admin1_hints + (outer.admin1,),
                anchor=(outer.latitude, outer.longitude))
            if as_suffix and near.strict:
                near = replace(near, within=None)
            inner = self._parse(f"{head} {word}" if as_suffix else head, near)
            if inner is not None and (inner.admin1 == outer.admin1 or _haversine_km(
                    (inner.latitude, inner.longitude), (outer.latitude, outer.longitude)) <= OWNED_SITE_MAX_KM):
                inner.reason += f"; {word} of {outer.name}"
                return self._with_relation(inner, relation)
            outer.reason += f"; '{head}' not found in it: the {word} is part of {outer.name}"
            return self._with_relation(outer, relation)
        return None

    def _river(self, text: str) -> str | None:
        """The river a text names ("the Euphrates", "Khabur river", "river Orontes"), else None."""
        words = [w for w in self._strip_fillers(text).split(" ") if w]
        said_river = False
        while words and _norm_word(words[-1]) in self.cues.river_words:
            said_river |= _norm_word(words[-1]) == "river"
            words.pop()
        while words and _norm_word(words[0]) in ("river", "the"):
            said_river |= _norm_word(words[0]) == "river"
            words.pop(0)
        name = " ".join(words)
        if not name or not self._has_content(name):
            return None
        if name_key(name) in self.cues.rivers or (said_river and _has_capital(name)):
            return name
        return None

    def _river_region(self, river: str, ctx: PlaceContext) -> PlaceMatch | None:
        """A river phrase: the document's governorate (first admin1 hint), precision 3, else None."""
        for h in ctx.admin1_hints:
            i = self._admin1_place.get(self.gaz.admin1_of(h) or h)
            if i is not None:
                why = [f"river '{river}' is not a point: the document's governorate -> precision 3"]
                return self._match(i, "exact", STAGE_BASE["exact"], why, 3)
        return None

    def _with_relation(self, m: PlaceMatch, relation: str | None) -> PlaceMatch:
        prec, note = self._relation_precision(m.geo_precision, relation)
        m.geo_precision = prec
        if note:
            m.reason += "; " + note
        return m

    def _possessive(self, owner: str, rest: str, relation: str | None, direction: str | None,
                    kind: str | None, ctx: PlaceContext) -> PlaceMatch | None:
        """"O's R": O is an owner (country, army) to drop, or the place R lies in."""
        owner = self._strip_fillers(owner.strip())
        prefix = " ".join(x for x in (direction, {"admin1": "province of", "admin2": "district of",
                                                  "area": "countryside of"}.get(kind or "", "")) if x)
        sub = replace(ctx, relation=relation)
        owner_place = None
        if self._has_content(owner):
            owner_place = self._direct(owner, replace(ctx, relation=None))
        if owner_place is None or owner_place.feature_code == "PCLI":
            m = self._parse(f"{prefix} {rest}".strip(), sub)
            if m is not None:
                m.reason += f"; owner '{owner}' dropped"
            return m
        if not self._has_content(rest):  # "Deir Ezzor's eastern countryside"
            return self._parse(f"{prefix} {rest} of {owner}".strip(), sub)
        hinted = replace(sub, admin1_hints=ctx.admin1_hints + (owner_place.admin1,),
                         anchor=(owner_place.latitude, owner_place.longitude))
        m = self._parse(f"{prefix} {rest}".strip(), hinted)
        if m is not None and (m.admin1 == owner_place.admin1 or _haversine_km(
                (m.latitude, m.longitude), (owner_place.latitude, owner_place.longitude)) <= OWNED_SITE_MAX_KM):
            return m  # a namesake far from the owner place is not the site meant
        # an unknown named site in a known place: the place itself
        m = self._parse(f"{prefix} {owner}".strip(), sub)
        if m is not None:
            m.reason += f"; site '{rest}' in it"
        return m

    def _anchored(self, text: str, kind: str, relation: str | None, direction: str | None,
                  ctx: PlaceContext, notes: list[str]) -> PlaceMatch | None:
        base = replace(ctx, relation=None)
        stage, scored = self._ranked(text, base)
        if not scored:
            return None
        places = self.gaz.places
        pick = None
        if kind in ("admin1", "area"):
            adm = [x for x in scored if places[x[2]].feature_code == "ADM1"]
            if adm:
                pick, prec = adm[0], 3
                notes.append(f"{kind} of a governorate -> precision 3")
            elif places[scored[0][2]].feature_code in SEAT_CODES and places[scored[0][2]].country == "SY":
                # "Deir Ezzor countryside": the seat's spelling names its governorate
                a = self._admin1_place.get(places[scored[0][2]].admin1)
                if a is not None:
                    s0, _, _, why0 = scored[0]
                    pick, prec = (s0, -a, a, why0), 3
                    notes.append(f"{kind} of the governorate seated at {ascii_name(places[scored[0][2]].name)}"
                                 " -> precision 3")
        if pick is None and kind == "admin2":
            adm = [x for x in scored if places[x[2]].feature_code == "ADM2"]
            if adm:
                pick, prec = adm[0], 2
                notes.append("district -> precision 2")
        if pick is None and kind == "city":
            cities = [x for x in scored if places[x[2]].feature_code in self.cues.city_codes]
            if cities:
                pick, prec = cities[0], 1
                notes.append("city itself")
        if pick is None and kind in ("facility", "facility_beside"):
            sites = [x for x in scored if places[x[2]].feature_code in FACILITY_CODES]
            cities = [x for x in scored if places[x[2]].feature_code in self.cues.city_codes]
            hints = self._hints(ctx)
            if not sites and cities and hints and stage != "exact" and not any(
                    places[x[2]].admin1 in hints
                    or self._near_hints(places[x[2]].lat, places[x[2]].lon, hints, FAR_SITE_KM)
                    for x in cities[:1]):
                # "X oil field" where X is only a town's key far from every governorate the
                # document is about: a guess, and no point beats a wrong one
                return None
            if sites or cities:
                pick = (sites or cities)[0]
                prec = places[pick[2]].precision
                if sites:
                    notes.append("the site itself")
                elif kind == "facility_beside":  # "X Dam", "X Air Base": only the town X known
                    prec = max(prec, 2)
                    notes.append("a site beside the town -> the town, precision >= 2")
                else:
                    notes.append("a site in the town -> the town")
        if pick is None:
            pick = scored[0]
            prec = places[pick[2]].precision
            if kind == "area":
                prec = max(prec, 2)
                notes.append("area around the place -> precision >= 2")
        if relation:
            prec = max(prec, 2)
            notes.append(f"{relation} -> precision >= 2")
        if direction and not relation:
            notes.append(f"{direction} part")
        s, _, i, why = pick
        return self._match(i, stage, s, why + notes, prec)
