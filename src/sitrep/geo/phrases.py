"""One place phrase read by its cue words: relations, directions, regions, owners, facilities.

"near the town of X", "west of X", "southern Idlib", "Russia's X Air Base", "X
province": the cue words (resolve.yaml) say which place is meant and how precisely
(ACLED geo_precision), so they are stripped and read before the name is looked up.
"""

from __future__ import annotations

from dataclasses import replace

from sitrep.geo.distance import _haversine_km, lies_towards
from sitrep.geo.records import PlaceContext, PlaceMatch
from sitrep.geo.state import ResolverState
from sitrep.geo.thresholds import (
    BESIDE_STAGES,
    DIRECT_STAGES,
    DIRECTION_MAX_KM,
    FACILITY_CODES,
    SEAT_CODES,
)
from sitrep.geo.words import _POSSESSIVE, _has_capital, _norm_word, _strip_prefix

# near cues never read as "X <cue> Y" inside a phrase ("shelled by", "positions around")
NEAR_SPLIT_SKIP = frozenset({"by", "around", "nearby"})


class PhraseCues(ResolverState):
    """Part of `PlaceResolver`: the cue-word parser of one phrase."""

    def _relation_precision(self, base: int, relation: str | None) -> tuple[int, str | None]:
        if relation:
            return max(base, 2), f"{relation} -> precision >= 2"
        return base, None

    def _stage_precision(self, i: int, stage: str) -> int:
        """A place's own precision; a qualified name found only as its base ("Lower X" -> X) is
        a village beside X: precision >= 2."""
        prec = self.gaz.places[i].precision
        return max(prec, 2) if stage in BESIDE_STAGES else prec

    def _part_of_governorate(self, text: str, i: int) -> bool:
        """"western Sweida", "eastern Hama": a direction word and a governorate's name, while
        the place `i` found for the whole ("Western X", a village named after its twin) lies
        outside that governorate. The writer meant the governorate's part."""
        first, _, rest = text.partition(" ")
        if not rest or _norm_word(first) not in self.cues.directions:
            return False
        adm1 = self.gaz.admin1_of(rest)
        return adm1 is not None and self.gaz.places[i].admin1 != adm1

    def _direct(self, text: str, ctx: PlaceContext) -> PlaceMatch | None:
        """The whole phrase as a gazetteer name (exact, normalised or qualified only)."""
        stage, scored = self._ranked(text, ctx)
        if stage in DIRECT_STAGES and scored and not self._part_of_governorate(text, scored[0][2]):
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
                    named = self._named_before(words[:k], m, ctx)
                    if named is not None:
                        return named
                    _, rel = _strip_prefix(" ".join(words[:k]) + " ", self.cues.near)
                    if rel is not None:  # "near the road to X": beside X, not in it
                        m = self._with_relation(m, rel)
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
        low = text.lower()
        m = self._named_near(text, low, ctx)
        if m is not None:
            return m
        # "X west of Y": X is the place, Y its surroundings
        for d in self.cues.directions:
            pos = low.find(f" {d} of ")
            if pos > 0:
                tail = self._strip_fillers(text[pos + len(d) + 5:])
                outer = self._parse(tail, replace(ctx, relation=None))
                if outer is not None and outer.country_code == "SY" and outer.feature_code not in ("ADM1", "PCLI"):
                    # X among the places close to Y first (a namesake of X elsewhere in Y's
                    # governorate is not the one meant)
                    close = self._parse(text[:pos], self._area_ctx(outer, ctx, DIRECTION_MAX_KM))
                    if close is not None and not lies_towards((outer.latitude, outer.longitude),
                                                              (close.latitude, close.longitude), d, slack=112.5):
                        # "Afrin northwest of Aleppo": not a namesake on the city's other side
                        # (writers' compass words are loose: only the opposite half is ruled out)
                        close = None
                    if close is not None:
                        close.reason += f"; {d} of {outer.name}"
                        return close
                hinted = replace(ctx, admin1_hints=ctx.admin1_hints + ((outer.admin1,) if outer else ()),
                                 anchor=(outer.latitude, outer.longitude) if outer else ctx.anchor)
                inner = self._parse(text[:pos], hinted)
                # Y a governorate (or its seat's name): X anywhere in it; Y a town: X near it
                province = outer is not None and outer.feature_code in SEAT_CODES | {"ADM1"}
                if inner is not None and (outer is None or (province and inner.admin1 == outer.admin1) or _haversine_km(
                        (inner.latitude, inner.longitude), (outer.latitude, outer.longitude)) <= DIRECTION_MAX_KM):
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
                                      or _norm_word(words[n]) in ("the", "a", "an")
                                      or _norm_word(words[n]).endswith(self.cues.holder_suffixes)):
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
            # "Hama eastern countryside", "Idleb southern province": the direction written
            # between the name and the area word is the part of the area, not the name
            hw = text.split(" ")
            if kind is not None and direction is None and len(hw) > 1 and hw[-1].lower() in self.cues.directions:
                direction, text = hw[-1].lower(), " ".join(hw[:-1])
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

    def _named_before(self, words: list[str], outer: PlaceMatch, ctx: PlaceContext) -> PlaceMatch | None:
        """"Tannuriyah village northeast Tall Tamr", "Tall Tamr in the countryside of Hasakeh": a name
        written before the cue phrase that found `outer` is the place, looked up in or close
        to `outer`; not found there, `outer` at precision >= 2 (a town) stands. None when the
        words before hold no name (then they are only skipped: "positions near X")."""
        name = list(words)
        while name and _norm_word(name[-1]) in self.cues.noise:
            name.pop()  # "village", "in the"
        head = self._strip_fillers(" ".join(name))
        if not head or not _has_capital(head) or not self._has_content(head):
            return None
        if outer.country_code == "SY" and outer.feature_code != "PCLI" and outer.admin1:
            area = self._area_ctx(outer, ctx, DIRECTION_MAX_KM)
            inner = self._parse_core(head, area)
            if inner is not None:
                inner.reason += f"; near {outer.name}"
                return inner
        if outer.feature_code not in ("ADM1", "ADM2"):
            outer.geo_precision = max(outer.geo_precision, 2)
        outer.reason += f"; '{head}' not found near it"
        return outer

    def _named_near(self, text: str, low: str, ctx: PlaceContext) -> PlaceMatch | None:
        """"X near Y", "X in the vicinity of Y": the small place X, found close to Y; else
        Y's surroundings (precision >= 2). None when the phrase is not of that form."""
        for cue, rel in self.cues.near:
            if rel != "near" or cue in NEAR_SPLIT_SKIP:
                continue
            pos = low.find(f" {cue} ")
            if pos <= 0:
                continue
            head = self._strip_fillers(text[:pos].strip(" ,"))
            tail = self._strip_fillers(text[pos + len(cue) + 2:])
            if not head or not _has_capital(head) or not self._has_content(head) or not self._has_content(tail):
                return None
            outer = self._parse(tail, replace(ctx, relation=None))
            if outer is None:
                return None
            if outer.country_code == "SY" and outer.feature_code != "PCLI":
                radius = None if outer.feature_code == "ADM1" else DIRECTION_MAX_KM
                area = self._area_ctx(outer, ctx, radius or 0.0)
                inner = self._parse(head, replace(area, within=None) if radius is None else area)
                if inner is not None:
                    inner.reason += f"; {cue} {outer.name}"
                    return inner
            outer.geo_precision = max(outer.geo_precision, 2)
            outer.reason += f"; '{head}' not found close to it: {cue} -> precision >= 2"
            return outer
        return None

    def _with_relation(self, m: PlaceMatch, relation: str | None) -> PlaceMatch:
        prec, note = self._relation_precision(m.geo_precision, relation)
        m.geo_precision = prec
        if note:
            m.reason += "; " + note
        return m
