"""Compound place phrases: "A - B", "A / B", "A (B)", "A and B", "A in B", "..., <governorate>".

Writers name a place with its area or a second spelling in one phrase. Each form says
how the two names relate (a part of, another spelling of, the area of), so each is
read by its own rule, and the area found narrows the lookup of the other name.
"""

from __future__ import annotations

from dataclasses import replace

from sitrep.geo.distance import _haversine_km
from sitrep.geo.records import PlaceContext, PlaceMatch
from sitrep.geo.state import ResolverState
from sitrep.geo.thresholds import (
    _STAGE_ORDER,
    CITY_AREA_KM,
    DIRECT_STAGES,
    DISTRICT_AREA_KM,
    OWNED_SITE_MAX_KM,
    SEAT_CODES,
)
from sitrep.geo.words import _PAREN, _PAREN_DROP, _has_capital, _norm_word


# plural area words after coordinated names ("Idlib and Hama provinces")
AREA_PLURALS = {"provinces": "province", "governorates": "governorate", "countrysides": "countryside",
                "districts": "district"}


class CompoundForms(ResolverState):
    """Part of `PlaceResolver`: phrases that hold two names."""

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
        out = [p for p in (self._strip_fillers(p.strip(" ,")) for p in pieces) if p and self._has_content(p)]
        if len(out) > 1:
            # "Idlib and Hama countryside", "Idlib and Aleppo provinces": the area word after
            # the last name is said of each
            last = out[-1].rsplit(" ", 1)[-1].lower()
            word = AREA_PLURALS.get(last, last)
            if any(w == word and k in ("area", "admin1", "admin2") for w, k in self.cues.suffixes):
                out = [p if p.rsplit(" ", 1)[-1].lower() in self._suffix_words else f"{p} {word}"
                       for p in out[:-1]] + [out[-1][: -len(last)] + word]
        return out

    def _phrase(self, text: str, ctx: PlaceContext) -> PlaceMatch | None:
        """Separators: "A in B" (B hints A's governorate), "A on the Iraqi border"."""
        for sep in self.cues.separators:
            pos = text.lower().find(sep)
            if pos > 0:
                head, tail = text[:pos], self._strip_fillers(text[pos + len(sep):])
                if sep.lstrip().startswith("of ") and _norm_word(head.split(" ")[-1]) in self.cues.noise:
                    continue  # "X west of the town of Y", "X countryside of the ...": a cue's own "of"
                outer = self._parse(tail, ctx) if self._has_content(tail) else None
                if outer is None and self._has_content(tail) and any(s in tail.lower() for s in self.cues.separators):
                    # "X in the countryside of Y in Z", "X in the vicinity of Y town in Z": the
                    # tail is itself a place in an area
                    outer = self._phrase(tail, ctx)
                if outer is not None:
                    hinted = replace(ctx, admin1_hints=ctx.admin1_hints + (outer.admin1,),
                                     anchor=(outer.latitude, outer.longitude))
                    inner = None
                    # "X in <town> city": a part of that town (a street, a quarter, the road to a
                    # village), not the district around it
                    said_city = outer.feature_code in self.cues.city_codes and any(
                        _norm_word(w) == "city" for w in text[pos + len(sep):].split(" "))
                    if outer.admin1 and outer.feature_code != "PCLI" and outer.country_code == "SY":
                        radius = DISTRICT_AREA_KM if outer.feature_code == "ADM2" else CITY_AREA_KM
                        area = self._area_ctx(outer, ctx, radius)
                        if said_city:
                            # "X in the city of Aleppo": a part of the city, not the province
                            inner = self._parse(head, replace(area, within=(
                                outer.latitude, outer.longitude, self.cues.part_radius_km)))
                        elif outer.feature_code in SEAT_CODES and self.gaz.admin1_of(tail) == outer.admin1:
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
                        if inner is not None and inner.matched not in DIRECT_STAGES:
                            # "Turkey in western Aleppo" (the border with it): a country's name
                            # is not an approximate spelling of a village in the area
                            hw = head.split(" ")
                            first = next((k for k, w in enumerate(hw) if _has_capital(w)), 0)
                            alone = self._direct(" ".join(hw[first:]), PlaceContext(country=ctx.country))
                            if alone is not None and alone.feature_code == "PCLI":
                                outer.reason += f"; '{head}' is a country: the area named"
                                return outer
                        if inner is not None:
                            inner.reason += f"; inside {outer.name}"
                            return inner
                    inner = self._parse(head, hinted)
                    dist = _haversine_km((inner.latitude, inner.longitude),
                                         (outer.latitude, outer.longitude)) if inner is not None else 0.0
                    # a place named after a town or district lies near it; one named in a
                    # governorate, in it or just over its line
                    province = outer.feature_code == "ADM1" or (
                        outer.feature_code in SEAT_CODES and not said_city)  # "rural Homs", "in Idlib"
                    reach = (self.cues.part_radius_km if said_city else
                             DISTRICT_AREA_KM if outer.feature_code == "ADM2" else CITY_AREA_KM)
                    far = (inner is not None and inner.admin1 != outer.admin1 and dist > OWNED_SITE_MAX_KM) if (
                        province) else dist > reach
                    if (inner is not None and outer.admin1 and outer.feature_code != "PCLI" and far):
                        # "Ghwayran prison in Hasakeh" found only a namesake in another governorate:
                        # the "in B" wins; the unknown site is in B
                        if province or said_city:  # an unknown part of a city: the city (precision as it is)
                            outer.reason += f"; '{head}' not found in {outer.name}: the place it is in"
                        else:  # only a namesake far from the town or district named
                            outer.geo_precision = max(outer.geo_precision, 2)
                            outer.reason += f"; '{head}' not found near it: the area of {outer.name}, precision >= 2"
                        return outer
                    if inner is None and outer.feature_code not in ("ADM1", "ADM2") and _has_capital(head) and not said_city:
                        # "X in B" with X unknown in or near B: the area of B (ACLED precision 2)
                        outer.geo_precision = max(outer.geo_precision, 2)
                        outer.reason += f"; '{head}' not found near it -> precision >= 2"
                    return inner if inner is not None else outer
                inner = self._parse(head, ctx)  # the tail names no place: a description
                if inner is not None:
                    inner.reason += f"; ignored '{sep.strip()} {tail}'"
                    return inner
        m = self._parse(text, ctx)
        return m if m is not None else self._of_area(text, ctx)

    def _of_area(self, text: str, ctx: PlaceContext) -> PlaceMatch | None:
        """"X town of Rural Damascus", "X of Rural Damascus", "X village of Afrin": the place
        X in the governorate (or close to the town) after "of". Only a name found there:
        never the area alone, since "the Local Council of Idlib" or an armed group "of
        Afrin" names no place."""
        pos = text.lower().rfind(" of ")
        if pos <= 0:
            return None
        head, tail = text[:pos].strip(" ,"), self._strip_fillers(text[pos + 4:])
        hw = head.split(" ")
        settled = any(w == _norm_word(hw[-1]) and k == "city" for w, k in self.cues.suffixes)
        if not tail or not self._has_content(tail) or not self._has_content(head):
            return None
        adm1 = self.gaz.admin1_of(tail)
        if adm1 is not None and adm1 in self._admin1_place:
            outer = self._match(self._admin1_place[adm1], "exact", 1.0, ["of a governorate"], 3)
        elif settled:  # "X village of Afrin": X close to the town
            outer = self._direct(tail, ctx)
            if outer is None or outer.country_code != "SY" or outer.feature_code == "PCLI":
                return None
            if len(hw) > 1 and "-" in hw[-2] and _norm_word(hw[-2]).endswith(self.cues.holder_suffixes):
                # "the X-controlled town of Y", "the X-held village of Y": who holds it, then Y
                outer.reason += f"; '{head}' says who holds it"
                return outer
        else:
            return None
        inner = self._parse(head, self._area_ctx(outer, ctx, CITY_AREA_KM))
        if inner is not None:
            inner.reason += f"; of {outer.name}"
        return inner
