"""Place mentions -> gazetteer places, with ACLED geo_precision.

Cascade (each stage runs only when the previous found nothing acceptable):
exact name -> normalised key -> fuzzy over normalised keys inside a skeleton
block -> skeleton key. Same-name candidates are ranked by context (country,
governorate hints, distance to a focus point), then feature importance and
population. `resolve_phrase` also reads relation and region cues ("near the
town of X", "west of X", "southern Idlib", "X province"); the cue words live in
`sitrep/data/gazetteer/resolve.yaml`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from sitrep.errors import DataFileError
from sitrep.geo.gazetteer import Gazetteer, Place
from sitrep.geo.normalise import default_translit, exact_key, name_key

# Thresholds. Calibrated on tests/geo held-out spellings (press forms of ~60 towns)
# and the seed-page names: 84 keeps "Bosoufane"->Basufan and "Latamna"->Lataminah
# style matches while 80 started to pull unrelated villages sharing a consonant
# block. Re-run `pytest tests/geo` (coverage + held-out tests) after changing one.
FUZZY_MIN_RATIO = 84.0
SKELETON_MIN_LEN = 3  # shorter skeletons ("m" for Hama) match hundreds of villages
SKELETON_MIN_RATIO = 55.0  # key similarity still required for a skeleton hit
FUZZY_BLOCK_PREFIX = 2  # fuzzy candidates share the first skeleton consonants
WORLD_MIN_POP = 100_000  # foreign cities outside the neighbours: only big ones, exact names
CACHE_SIZE = 65_536

# Score weights (stage base + context). The stage base dominates; context only
# reorders candidates found at the same stage.
STAGE_BASE = {"exact": 1.0, "normalised": 0.95, "fuzzy": 0.8, "skeleton": 0.6, "foreign": 0.5}
W_COUNTRY = 0.30
W_ADMIN1 = 0.40
W_NEIGHBOUR = 0.15  # a neighbour country's town beats a far-away namesake (Tripoli, LB)
W_FOCUS = 0.30
FOCUS_SCALE_KM = 100.0
W_PRIMARY = 0.05
W_FEATURE = 0.01  # per rank step (ranks 0..9)
W_POP = 0.01  # per decade of population

NEIGHBOUR_COUNTRIES = ("TR", "IQ", "LB", "JO", "IL", "PS")


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


@dataclass(frozen=True, slots=True)
class PlaceContext:
    country: str | None = "SY"
    admin1_hints: tuple[str, ...] = ()
    focus: tuple[float, float] | None = None
    relation: str | None = None  # "near", "outskirts", "west of", "countryside" ...


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
        )
    except (yaml.YAMLError, KeyError, TypeError, AttributeError, ValueError) as exc:
        raise DataFileError(f"{where}: malformed resolver cues: {exc}") from exc


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
        key_of_skel: dict[str, set[str]] = {}
        for k, ids in gazetteer.keys.items():
            if gazetteer.places[ids[0]].country != "SY" and not any(
                gazetteer.places[i].country == "SY" for i in ids
            ):
                continue
            s = self._translit.skeleton_of_key(k)
            blocks.setdefault(s[:FUZZY_BLOCK_PREFIX], set()).add(k)
            key_of_skel.setdefault(s, set()).add(k)
        self._blocks = {b: sorted(v) for b, v in blocks.items()}
        self._lookup = lru_cache(maxsize=CACHE_SIZE)(self._lookup_uncached)
        self._resolve_cached = lru_cache(maxsize=CACHE_SIZE)(self._resolve_uncached)

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
        ek = exact_key(mention)
        hits = [i for i in g.exact.get(ek, ()) if self._allowed(places[i], "exact", country)]
        if hits:
            return "exact", tuple((i, 100.0) for i in hits)
        key = name_key(mention)
        if not key:
            return "", ()
        key_ids = g.keys.get(key, ())
        hits = [i for i in key_ids if self._allowed(places[i], "normalised", country)]
        if hits:
            return "normalised", tuple((i, 100.0) for i in hits)
        skel = self._translit.skeleton_of_key(key)
        block = self._blocks.get(skel[:FUZZY_BLOCK_PREFIX], ())
        found: list[tuple[int, float]] = []
        for k, sim, _ in process.extract(key, block, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_RATIO, limit=8):
            found += [(i, sim) for i in g.keys[k] if self._allowed(places[i], "fuzzy", country)]
        if found:
            return "fuzzy", tuple(found)
        if len(skel) >= SKELETON_MIN_LEN:
            for i in g.skeletons.get(skel, ()):
                if not self._allowed(places[i], "skeleton", country):
                    continue
                sim = fuzz.ratio(key, g.primary_keys[i])
                if sim >= SKELETON_MIN_RATIO:
                    found.append((i, sim))
            if found:
                return "skeleton", tuple(found)
        hits = [i for i in key_ids if self._allowed(places[i], "foreign", country)]
        if hits:
            return "foreign", tuple((i, 100.0) for i in hits)
        return "", ()

    def _score(self, i: int, stage: str, sim: float, mention: str, ctx: PlaceContext,
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
        if self.gaz.primary_keys[i] == name_key(mention):
            s += W_PRIMARY
        s += W_FEATURE * self.cues.feature_rank.get(p.feature_code, 0)
        s += W_POP * math.log10(p.population + 1)
        return s, why

    def _hints(self, ctx: PlaceContext) -> frozenset[str]:
        out = set()
        for h in ctx.admin1_hints:
            a = self.gaz.admin1_of(h) or h
            out.add(a)
        return frozenset(out)

    def _ranked(self, mention: str, ctx: PlaceContext, codes: frozenset[str] | None = None):
        stage, cands = self._lookup(mention.strip(), ctx.country)
        if codes is not None:
            cands = tuple(c for c in cands if self.gaz.places[c[0]].feature_code in codes)
        hints = self._hints(ctx)
        scored = []
        for i, sim in cands:
            s, why = self._score(i, stage, sim, mention, ctx, hints)
            scored.append((s, -i, i, why))
        scored.sort(reverse=True)
        return stage, scored

    def _match(self, i: int, stage: str, score: float, why: list[str], precision: int | None = None) -> PlaceMatch:
        p = self.gaz.places[i]
        return PlaceMatch(
            place_id=p.place_id, name=p.name, latitude=p.lat, longitude=p.lon,
            country=p.country_name, admin1=p.admin1, admin2=p.admin2,
            geo_precision=precision if precision is not None else p.precision,
            score=round(score, 4), feature_code=p.feature_code, matched=stage,
            reason="; ".join(why), country_code=p.country,
        )

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
            prec, note = self._relation_precision(self.gaz.places[i].precision, ctx.relation)
            out.append(self._match(i, stage, s, why + ([note] if note else []), prec))
        return out

    def resolve(self, mention: str, context: PlaceContext | None = None) -> PlaceMatch | None:
        m = self._resolve_cached(mention, context or PlaceContext())
        return replace(m) if m is not None else None  # callers may mutate their copy

    def _resolve_uncached(self, mention: str, ctx: PlaceContext) -> PlaceMatch | None:
        found = self.candidates(mention, ctx, limit=1)
        return found[0] if found else None

    # ---------------------------------------------------------------- phrases
    def resolve_phrase(self, phrase: str, context: PlaceContext | None = None) -> PlaceMatch | None:
        ctx = context or PlaceContext()
        text = re.sub(r"\s+", " ", phrase).strip(" .,;:")
        text = self._strip_fillers(text)
        if not text:
            return None
        whole = self._direct(text, ctx)
        if whole is not None:
            return whole
        for sep in self.cues.separators:
            pos = text.lower().find(sep)
            if pos > 0:
                head, tail = text[:pos], text[pos + len(sep):]
                outer = self._parse(self._strip_fillers(tail), ctx)
                if outer is not None:
                    hinted = replace(ctx, admin1_hints=ctx.admin1_hints + (outer.admin1,))
                    inner = self._parse(head, hinted)
                    if inner is not None:
                        return inner
                    return outer
        return self._parse(text, ctx)

    def _strip_fillers(self, text: str) -> str:
        while True:
            new, hit = _strip_prefix(text, self.cues.fillers)
            if hit is None:
                return text
            text = new

    def _direct(self, text: str, ctx: PlaceContext) -> PlaceMatch | None:
        """The whole phrase as a gazetteer name (exact or normalised only)."""
        stage, scored = self._ranked(text, ctx)
        if stage in ("exact", "normalised") and scored:
            s, _, i, why = scored[0]
            prec, note = self._relation_precision(self.gaz.places[i].precision, ctx.relation)
            return self._match(i, stage, s, why + ([note] if note else []), prec)
        return None

    def _parse(self, text: str, ctx: PlaceContext) -> PlaceMatch | None:
        relation = ctx.relation
        kind: str | None = None
        notes: list[str] = []
        # leading relation cues: near / outskirts (may repeat with fillers)
        while True:
            text = self._strip_fillers(text)
            new, rel = _strip_prefix(text, self.cues.near)
            if rel is None:
                break
            relation, text = rel, new
        new, k = _strip_prefix(text, self.cues.regions)
        if k is not None:
            kind, text = k, self._strip_fillers(new)
        # "X west of Y": X is the place, Y its surroundings
        low = text.lower()
        for d in self.cues.directions:
            pos = low.find(f" {d} of ")
            if pos > 0:
                tail = self._strip_fillers(text[pos + len(d) + 5:])
                outer = self._parse(tail, replace(ctx, relation=None))
                hinted = replace(ctx, admin1_hints=ctx.admin1_hints + ((outer.admin1,) if outer else ()))
                inner = self._parse(text[:pos], hinted)
                if inner is not None:
                    return inner
                if outer is not None:
                    outer.geo_precision = max(outer.geo_precision, 2)
                    outer.reason += f"; {d} of -> precision >= 2"
                return outer
        # "<direction> of X" / "<direction> X"
        direction = None
        for d in self.cues.directions:
            if low.startswith(d + " of "):
                direction, relation, text = d, f"{d} of", text[len(d) + 4:]
                break
            if low.startswith(d + " "):
                direction, text = d, text[len(d) + 1:]
                break
        text = self._strip_fillers(text)
        # "countryside of X" / "rural X" after a direction adjective
        new, hit = _strip_prefix(text, [s for s, k in self.cues.suffixes if k == "area"])
        if hit is not None:
            new2, of = _strip_prefix(new, ["of"])
            if of is not None:
                kind, text = "area", self._strip_fillers(new2)
        # trailing suffixes: "X province", "X city", "X countryside"
        low = text.lower()
        for word, k in self.cues.suffixes:
            if low.endswith(" " + word):
                kind, text = kind or k, text[: -len(word) - 1].rstrip()
                break
        if direction and kind is None:
            kind = "area"
        if kind is not None:
            notes.append(f"{kind} cue")
        if not text:
            return None
        direct = self._direct(text, replace(ctx, relation=None)) if kind is None else None
        if kind is None:
            if direct is None:
                found = self.candidates(text, replace(ctx, relation=None), limit=1)
                direct = found[0] if found else None
            if direct is None:
                return None
            prec, note = self._relation_precision(direct.geo_precision, relation)
            direct.geo_precision = prec
            if note:
                direct.reason += "; " + note
            return direct
        return self._anchored(text, kind, relation, direction, ctx, notes)

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
