"""A kind cue picks the record of that kind: governorate, district, city, site; rivers.

"Idlib countryside" is the governorate (precision 3), "X district" the ADM2, "X Air
Base" the base or the town beside it. A river is a line, never a point: the
document's governorate or nothing.
"""

from __future__ import annotations

from dataclasses import replace

from sitrep.geo.normalise import ascii_name, exact_key, name_key
from sitrep.geo.records import PlaceContext, PlaceMatch
from sitrep.geo.state import ResolverState
from sitrep.geo.thresholds import FACILITY_CODES, FAR_SITE_KM, SEAT_CODES, STAGE_BASE
from sitrep.geo.words import _has_capital, _norm_word


# suffix kind (resolve.yaml) of admin words used only abroad: "state", "county", "oblast"
ABROAD_KIND = "admin1_abroad"


class AreaKinds(ResolverState):
    """Part of `PlaceResolver`: the record a kind cue names; rivers."""

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

    def _abroad(self, text: str, ctx: PlaceContext, notes: list[str]) -> PlaceMatch | None:
        """Another country's first-level division named with its admin word, at its seat
        (ACLED codes a report that names only the state at its capital, precision 3)."""
        ids = self._world_admin1.get(exact_key(text), ())
        if not ids:
            return None
        i = next((j for j in ids if self.gaz.places[j].country == ctx.country), ids[0])
        return self._match(i, "exact", STAGE_BASE["exact"], ["exact", *notes, "division abroad -> its seat, precision 3"], 3)

    def _anchored(self, text: str, kind: str, relation: str | None, direction: str | None,
                  ctx: PlaceContext, notes: list[str]) -> PlaceMatch | None:
        base = replace(ctx, relation=None)
        if kind == ABROAD_KIND:
            # "Zamfara State", "Kayah state": only another country's division; else no place
            return self._abroad(text, ctx, notes)
        stage, scored = self._ranked(text, base)
        places = self.gaz.places
        if kind in ("admin1", "area") and not any(places[x[2]].feature_code == "ADM1" for x in scored) and not (
                scored and stage == "exact" and places[scored[0][2]].country == (ctx.country or "SY")):
            # "Ituri province", "Sagaing Region": a division abroad, unless the name is a
            # governorate or written exactly as a place of the document's own country
            found = self._abroad(text, ctx, notes)
            if found is not None:
                return found
        if not scored:
            return None
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
                seat = self._district_seat.get((places[pick[2]].admin1, places[pick[2]].admin2))
                if seat is not None:
                    # ACLED gives a district at its seat town (precision 2); the district's own
                    # point is a centroid, 50-100 km from the town in the large eastern districts
                    pick = (pick[0], -seat, seat, pick[3])
                    notes.append(f"district -> its seat {ascii_name(places[seat].name)}, precision 2")
                else:
                    notes.append("district -> precision 2")
        if pick is None and kind == "subdistrict":
            # "X sub-district": no sub-district records; the seat town X, precision 2
            cities = [x for x in scored if places[x[2]].feature_code in self.cues.city_codes]
            if cities:
                pick, prec = cities[0], 2
                notes.append("sub-district of its seat town -> precision 2")
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
            if kind in ("area", "subdistrict"):
                prec = max(prec, 2)
                notes.append("area around the place -> precision >= 2")
        if relation:
            prec = max(prec, 2)
            notes.append(f"{relation} -> precision >= 2")
        if direction and not relation:
            notes.append(f"{direction} part")
        s, _, i, why = pick
        return self._match(i, stage, s, why + notes, prec)
