"""Places named through another: "X district of Y", "Y's X", "<facility> <Town>".

A site or part is looked up only in or beside the place that owns it, and an unknown
one falls back to that place: a namesake far away is never the site meant.
"""

from __future__ import annotations

from dataclasses import replace

from sitrep.geo.distance import _haversine_km
from sitrep.geo.records import PlaceContext, PlaceMatch
from sitrep.geo.state import ResolverState
from sitrep.geo.thresholds import OWNED_SITE_MAX_KM
from sitrep.geo.words import _has_capital


class NamedSites(ResolverState):
    """Part of `PlaceResolver`: sites and parts of a named place."""

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
            # (a "neighbourhood" suffix names the quarter itself: it stays beside its town)
            as_suffix = any(w == word and k != "city" for w, k in self.cues.suffixes)
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
