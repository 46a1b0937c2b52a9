"""The name cascade: mention -> candidate places, country-wide or inside governorates.

Exact name -> normalised key -> qualified variants -> fuzzy (inside a skeleton block)
-> skeleton key -> the base of a qualified name -> a neighbour's town. Each stage runs
only when the previous found nothing, so a name written as the gazetteer writes it is
never second-guessed by an approximate match. The in-area cascade is looser, because a
governorate holds ~100-2 000 names instead of 13 000.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from sitrep.geo.gazetteer import Place
from sitrep.geo.normalise import ascii_name, exact_key, name_key
from sitrep.geo.state import ResolverState
from sitrep.geo.thresholds import (
    AREA_FUZZY_KEEP,
    AREA_FUZZY_LIMIT,
    AREA_FUZZY_MIN_RATIO,
    AREA_MIN_KEY,
    AREA_SKELETON_MIN_RATIO,
    DIRECT_STAGES,
    FACILITY_CODES,
    FOREIGN_EXACT_CODES,
    FUZZY_BLOCK_PREFIX,
    FUZZY_MIN_KEY,
    FOREIGN_TOWN_MIN_KEY,
    FUZZY_MIN_RATIO,
    NEIGHBOUR_COUNTRIES,
    SKELETON_MIN_KEY,
    SKELETON_MIN_LEN,
    SKELETON_MIN_RATIO,
    W_AREA_SKELETON,
    WORLD_MIN_POP,
    WORLD_DISTRICT_SEAT_CODES,
    WORLD_SEAT_CODES,
)
from sitrep.geo.words import _QUAL_SPLIT, _has_capital, _norm_word


class CascadeLookup(ResolverState):
    """Part of `PlaceResolver`: the lookup cascade (cached in `_lookup`, `_lookup_area`)."""

    def _allowed(self, p: Place, stage: str, country: str | None) -> bool:
        """Foreign places (outside the context country) are reachable by exact name
        only, and among world cities only big ones; neighbour towns also by their
        normalised key, but in a last stage after every domestic stage failed."""
        if country is None or p.country == country:
            return stage != "foreign"
        if stage == "exact":
            return (p.feature_code == "PCLI" or p.country in NEIGHBOUR_COUNTRIES
                    or p.population >= WORLD_MIN_POP or p.feature_code in WORLD_SEAT_CODES)
        # a small district seat abroad ("Gwoza", "Djibo") only when no local place is near
        # the name at all: a Syrian village written loosely must not land in Romania
        return stage == "foreign" and (p.country in NEIGHBOUR_COUNTRIES or p.feature_code in WORLD_DISTRICT_SEAT_CODES)

    @staticmethod
    def _own_names(p: Place) -> tuple[str, str]:
        """Exact keys of a place's own name (not its aliases)."""
        return exact_key(p.name), exact_key(ascii_name(p.name))

    @classmethod
    def _prominent(cls, p: Place, ek: str) -> bool:
        """A foreign admin seat or big city whose own name (not an alias) is `ek`."""
        return (p.feature_code in WORLD_SEAT_CODES or p.population >= WORLD_MIN_POP) and ek in cls._own_names(p)

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
            # A foreign seat or big city written exactly as its own name ("Kano", "Tyre",
            # "Mandera") is that city, not a local village of a similar key.
            if country and all(places[i].country != country and places[i].feature_code not in FOREIGN_EXACT_CODES
                               and not self._prominent(places[i], ek) for i in hits):
                local = [i for i in key_ids if places[i].country == country]
                if local:
                    return "normalised", tuple((i, 100.0) for i in local)
            if country and any(places[i].country != country and places[i].feature_code != "PCLI"
                               and self._prominent(places[i], ek) for i in hits) and \
                    not any(places[i].country == country and ek in self._own_names(places[i]) for i in hits):
                # "Sanaa": a foreign capital or seat by its own name beats a local village that
                # only carries the name among its aliases (a country's name does not: "the
                # village of Benin" is a Syrian village)
                hits = [i for i in hits if places[i].country != country]
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
        # no call into rapidfuzz for an empty block (a lowercase or short mention): nothing
        # to match, and the call's set-up is a cold lookup's cost all the same
        for k, sim, _ in process.extract(key, block, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_RATIO,
                                         limit=8) if block else ():
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
        hits = [i for i in key_ids if self._allowed(places[i], "foreign", country) and (
            places[i].country in NEIGHBOUR_COUNTRIES or approx and ek in self._own_names(places[i]) and (
                places[i].feature_code == "PPLA2" or len(key) >= FOREIGN_TOWN_MIN_KEY))]
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
