"""Document context: the governorates a document is about, before namesakes elsewhere.

Most village names recur across Syria; the governorates the document names (hints) and
the area a phrase names (strict) decide which one is meant. Soft hints reorder and may
replace an approximate match; a strict area is a restriction.
"""

from __future__ import annotations

from sitrep.geo.borders import near_area
from sitrep.geo.distance import _haversine_km
from sitrep.geo.gazetteer import Place
from sitrep.geo.normalise import name_key
from sitrep.geo.records import PlaceContext, PlaceMatch
from sitrep.geo.state import ResolverState
from sitrep.geo.thresholds import APPROX_HINT_KM, AREA_OVERRIDE_RATIO, BORDER_KM, DIRECT_STAGES, VILLAGE_MAX_POP

_NO_HINTS: frozenset[str] = frozenset()


class AreaContext(ResolverState):
    """Part of `PlaceResolver`: governorate hints and in-area preference."""

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
            if acands:
                return astage, acands
            if stage in DIRECT_STAGES and cands:
                # the name as written, just over the area's line in the data (a writer's
                # "northern Hama" village the data puts in Idleb, a Damascus quarter "in
                # Rural Damascus"): near a place of the area, and inside the radius if any
                if ctx.within is not None:
                    lat, lon, km = ctx.within
                    near = tuple(c for c in cands if _haversine_km((lat, lon), (places[c[0]].lat, places[c[0]].lon)) <= km)
                else:
                    near = tuple(c for c in cands if places[c[0]].country == "SY" and any(
                        near_area(self.gaz, places[c[0]].lat, places[c[0]].lon, h, BORDER_KM) for h in hints))
                if near:
                    return stage, near
            return "", ()
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
        if stage == "exact":
            # the name as written, of a village just over a hinted governorate's line (writers'
            # lines and the data's differ): that village, not an in-area look-alike far off
            near = tuple(c for c in cands if places[c[0]].country == "SY" and any(
                near_area(self.gaz, places[c[0]].lat, places[c[0]].lon, h, BORDER_KM) for h in hints))
            if near:
                return stage, near
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

    def _hints(self, ctx: PlaceContext) -> frozenset[str]:
        return self._hint_set(ctx.admin1_hints) if ctx.admin1_hints else _NO_HINTS

    def _hint_set_uncached(self, hints: tuple[str, ...]) -> frozenset[str]:
        return frozenset(self.gaz.admin1_of(h) or h for h in hints)

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
