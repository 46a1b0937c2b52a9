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

The resolver is one class assembled from parts, each in its own module: the name
cascade (`lookup`), document context (`context`), ranking and the match record
(`ranking`), the cue-word parser of one phrase (`phrases`), two-name phrases
(`forms`), owned sites and parts (`sites`), kind cues and rivers (`areas`) and word
tests (`words`); thresholds live in `thresholds`, cue words in `cues`, the records in
`records`. This module builds the indexes and caches and holds the public API.
"""

from __future__ import annotations

import operator
import re
from dataclasses import replace
from functools import lru_cache

from sitrep.geo.areas import AreaKinds
from sitrep.geo.context import AreaContext
from sitrep.geo.cues import Cues, load_cues
from sitrep.geo.forms import CompoundForms
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.lookup import CascadeLookup
from sitrep.geo.normalise import default_translit, exact_key, name_key
from sitrep.geo.phrases import PhraseCues
from sitrep.geo.ranking import CandidateRanking
from sitrep.geo.records import PlaceContext, PlaceMatch
from sitrep.geo.sites import NamedSites
from sitrep.geo.thresholds import AREA_MIN_KEY, CACHE_SIZE, FUZZY_BLOCK_PREFIX, SEAT_CODES
from sitrep.geo.words import _PAREN_TAIL, _SPACES, WordTests, _norm_word, _words

# the names other packages import from here
__all__ = ["Cues", "PlaceContext", "PlaceMatch", "PlaceResolver", "load_cues"]

_NO_CONTEXT = PlaceContext()
# all fields in field order (the dataclass defines __slots__ so), read in one C call
_match_fields = operator.attrgetter(*PlaceMatch.__slots__)


def _copy_match(m: PlaceMatch) -> PlaceMatch:
    """A shallow copy (`dataclasses.replace` re-reads the fields on every call)."""
    return PlaceMatch(*_match_fields(m))


class PlaceResolver(CompoundForms, PhraseCues, NamedSites, AreaKinds, CandidateRanking, AreaContext,
                    CascadeLookup, WordTests):
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
        # other countries' first-level divisions by exact key, reached only through an admin
        # word ("Zamfara State", "Ituri province"; `CascadeAreas._abroad`)
        abroad: dict[str, list[int]] = {}
        for i, p in enumerate(gazetteer.places):
            if p.feature_code == "ADM1" and p.country != "SY":
                for n in dict.fromkeys((p.name, *p.alternates)):
                    abroad.setdefault(exact_key(n), []).append(i)
        self._world_admin1 = {k: tuple(v) for k, v in abroad.items()}
        # a seatless governorate's stand-in town (resolve.yaml governorate_points): its point
        self._adm1_point: dict[int, tuple[float, float]] = {}
        for adm1, town in self.cues.governorate_points.items():
            a = self._admin1_place.get(adm1)
            ids = [i for i in gazetteer.keys.get(name_key(town), ()) if gazetteer.places[i].admin1 == adm1
                   and gazetteer.places[i].feature_code in self.cues.city_codes]
            if a is not None and ids:
                t = max(ids, key=lambda i: gazetteer.places[i].population)
                self._adm1_point[a] = (gazetteer.places[t].lat, gazetteer.places[t].lon)
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
        if len(parts) == 2 and any(_norm_word(w) in self.cues.road_words for w in _words(text)):
            # "the road between <seat> and <town>": placed at its smaller end
            a, b = (self._phrase(part, ctx) for part in parts)
            if a is not None and b is not None and a.feature_code in SEAT_CODES and \
                    b.feature_code in self.cues.city_codes - SEAT_CODES and b.country_code == a.country_code:
                b.reason += "; the smaller end of a road between two towns"
                return b
        for part in parts:
            m = self._phrase(part, ctx)
            if m is not None:
                if len(parts) > 1:
                    m.reason += "; first of coordinated places"
                return m
        m = self._phrase(text, ctx) if len(parts) > 1 else None
        if m is None:
            # "in the city of X which ...", "in X countryside leaving casualties": the phrase
            # runs into the next clause; the place is read without it
            cut = self._clause_cut(text)
            if cut and cut != text:
                m = self.resolve_phrase(cut, ctx)
                if m is not None:
                    m.reason += f"; read without '{text[len(cut):].strip()}'"
        return m

    def _clause_cut(self, text: str) -> str:
        """`text` up to a clause word after its first word ("which", "whose", "with",
        "kills": resolve.yaml clause_words), else `text`. Other trailing words stay: cut
        blindly, "in an IED explosion" would leave "IED" to be read as a village's key."""
        words = text.split(" ")
        for i in range(1, len(words)):
            if _norm_word(words[i]) in self.cues.clause_words:
                return " ".join(words[:i])
        return text
