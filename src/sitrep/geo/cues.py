"""The resolver's phrase cue words, read and checked from `sitrep/data/gazetteer/resolve.yaml`.

Cue words are domain knowledge, so they live in data; this module only validates the
file (a malformed one raises `DataFileError` naming it) and sorts each list the way
the parser needs it (longest cue first).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from sitrep.errors import DataFileError
from sitrep.geo.normalise import name_key
from sitrep.geo.words import _norm_word


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
    governorate_points: dict[str, str] = field(default_factory=dict)  # governorate -> town standing for it
    holder_suffixes: tuple[str, ...] = ()
    road_words: frozenset[str] = frozenset()  # "the road between A and B": placed at its smaller end
    clause_words: frozenset[str] = frozenset()  # a place phrase that runs on is cut at these  # "-held", "-controlled": "<Holder>-held X" drops the holder word


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
            governorate_points={str(k): str(v) for k, v in (d.get("governorate_points") or {}).items()},
            holder_suffixes=tuple("-" + w for w in _word_list(d, "holder_suffixes"))
            if "holder_suffixes" in d else (),
            clause_words=frozenset(_word_list(d, "clause_words")) if "clause_words" in d else frozenset(),
            road_words=frozenset(w.lower() for w in _word_list(d, "road_words")) if "road_words" in d else frozenset(),
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
