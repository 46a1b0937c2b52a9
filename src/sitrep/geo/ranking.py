"""Ranking the candidates of one stage, and turning the winner into a `PlaceMatch`.

The stage base dominates the score; context (country, governorate hints, focus point),
feature rank, population and the written spelling only reorder candidates found at the
same stage. Seats and districts get their own rules: a district's name alone means its
seat town, and a bare name shared by a seat and a small namesake means the seat.
"""

from __future__ import annotations

import math

from sitrep.geo.distance import _haversine_km
from sitrep.geo.gazetteer import Place
from sitrep.geo.normalise import ascii_name, name_key
from sitrep.geo.records import PlaceContext, PlaceMatch
from sitrep.geo.spelling import written_similarity
from sitrep.geo.state import ResolverState
from sitrep.geo.thresholds import (
    FOCUS_SCALE_KM,
    NEIGHBOUR_COUNTRIES,
    SPELLING_WINDOW,
    STAGE_BASE,
    W_ADMIN1,
    W_CAPITAL,
    W_COUNTRY,
    W_FEATURE,
    W_FOCUS,
    W_NEIGHBOUR,
    W_POP,
    W_PRIMARY,
    W_SPELLING,
)


class CandidateRanking(ResolverState):
    """Part of `PlaceResolver`: scores, seat rules, and the match record."""

    def _score(self, i: int, stage: str, sim: float, key: str, ctx: PlaceContext,
               hints: frozenset[str]) -> tuple[float, list[str]]:
        p = self.gaz.places[i]
        why = [f"{stage} {sim:.0f}" if stage in ("fuzzy", "skeleton") else stage]
        s = STAGE_BASE[stage] * (sim / 100.0 if stage in ("fuzzy", "skeleton") else 1.0)
        if ctx.country and p.country == ctx.country:
            s += W_COUNTRY
        elif ctx.country == "SY" and p.country in NEIGHBOUR_COUNTRIES:
            s += W_NEIGHBOUR
        elif p.feature_code == "PPLC":
            s += W_CAPITAL  # a foreign capital named as written, not a neighbour's namesake village
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

    def _match(self, i: int, stage: str, score: float, why: list[str], precision: int | None = None) -> PlaceMatch:
        p = self.gaz.places[i]
        lat, lon = self._adm1_point.get(i, (p.lat, p.lon)) if p.feature_code == "ADM1" else (p.lat, p.lon)
        return PlaceMatch(
            place_id=p.place_id, name=self._ascii(p), latitude=lat, longitude=lon,
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
