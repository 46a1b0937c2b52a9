"""Actor resolver: a mention as the press writes it -> an ACLED-style actor.

Order of the rules (the first that fires wins; every rule is driven by data in
``data/actors/*.yaml``, none names an actor here):

1. acronyms learned in this document (``learn_acronyms``)      reason "acronym-learned"
2. exact name: same-name traps by document country ("context"), aliases
   ("alias"), units that roll up ("unit"), definite descriptions ("descriptor");
   acronym-like aliases ("HTS", "IS", "US") match only when written in capitals
3. quantifiers dropped ("two gunmen"), then spelling-variant key ("alias" etc.)
4. "<State>-backed Y" / "pro-<State> Y": a named Y wins, else the state's proxy
   in this theatre, else an unidentified armed group           "backed-descriptor"
5. "<X>-linked / X-affiliated Y": X dropped, Y resolved (never X)
6. demonym or country + force noun ("Turkish troops")           "demonym-force"
7. ethnic adjective + noun ("Kurdish fighters") per theatre       "ethnic-descriptor"
8. "unidentified/unknown" + noun: unidentified actors            "generic"
9. leading modifiers dropped ("radical ..."); head nouns dropped after a name
   ("HTS fighters"); generic words alone or after a place ("Idlib militants")
   -> the generic actor of the document's country, NEVER a named group;
   a police noun alone ("police", "security forces") -> the police of the
   document's country                                          "theatre-police"
   "<Name> tribe/tribesmen/clan" -> a tribe's actor entry, else an ad-hoc
   "<Name> Tribal Militia (<Country>)", inter 4                 "tribal"
   a demonym before a named group ("Iraqi Kataib Hezbollah") -> the group
10. bare country name ("Russia") -> its military                 "country-name"
11. close spelling of a known name (rapidfuzz, strict cutoff)     "fuzzy"
12. an unknown string that looks like a group's proper name     "unknown-named"
    ("the Liwa al-Foo Brigade", "Jaysh al-Bar"): an ad-hoc match keeping the
    surface name, id "adhoc:<slug>", inter 2. Choice: ``ActorMatch.inter`` is
    an int, and named armed groups our sources do not know are overwhelmingly
    opposition factions (Rebel Groups); callers that need certainty check
    ``reason == "unknown-named"`` and treat the code as provisional.

Also, in that order among the rules above: "A or B <noun>" naming the members
of a `joint` entry -> ACLED's joint actor ("Syrian or Russian jets")  "joint";
"<Y> loyal to / allied with X" -> Y when named, else X's militia or X;
"Islamist <generic word>" -> the role of lexicon `qualified_generic`;
"<Place> Communal Militia" / "gunmen from the village of <Place>"     "communal";
armed tribal words without a tribe's name -> unidentified tribal/clan militia.

Finally a state's forces outside their own country (the document's country,
else the default) take lexicon `abroad_inter`, ACLED's External/Other Forces (8).

Results are cached per (clean surface, document country); warm lookups are
dictionary hits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz, process

from sitrep.knowledge.ontology import (
    STATE_ROLES,
    Actor,
    Ontology,
    acronym_key,
    clean_surface,
    load_ontology,
    loose_key,
    slug,
    surface_key,
)

__all__ = ["ActorContext", "ActorMatch", "ActorResolver", "load_ontology"]


@dataclass(frozen=True)
class ActorMatch:
    actor_id: str
    name: str
    inter: int
    country: str | None
    reason: str
    generic: bool = False


@dataclass
class ActorContext:
    """What the resolver knows about the document a mention comes from."""

    country: str | None = None  # ISO2 of the document's conflict, e.g. "SY"
    acronyms: dict[str, str] = field(default_factory=dict)  # "JB" -> "Jaysh al-Bar"
    date: date | None = None  # picks earlier ACLED names of state forces (Actor.periods)


_ACR_DEF_RE = re.compile(r"\(\s*([A-Z][A-Za-z0-9&/.-]{1,9})\s*\)")
# formations of an army named after their owner ("the Syrian Army's 17th Division")
_FORMATIONS = frozenset({"division", "brigade", "regiment", "battalion", "corps", "squadron", "unit"})
_ORDINAL_RE = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
_NAME_TOKEN_RE = re.compile(r"^(?:[A-Z0-9]|(?:al|el|ad|ar|as|ash|at|an|az)-[A-Za-z])")
# A weapon system's designation between a demonym and a force noun: "F-16", "Su-24", "T-122", "MLRS".
_DESIGNATION_RE = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}-?\d[\w-]*|[A-Z]{2,5}s?)$")
_CACHE_MAX = 200_000
_NO_MATCH = object()


class ActorResolver:
    def __init__(self, ontology: Ontology | None = None) -> None:
        self.ontology = ontology if ontology is not None else load_ontology()
        o = self.ontology
        self._exact: dict[str, tuple[str, str]] = {}  # key -> (actor id, reason)
        self._acro: dict[str, tuple[str, str]] = {}
        self._amb: dict[str, int] = {}  # key -> index in ontology.ambiguous
        self._amb_acro: dict[str, int] = {}
        self._loose: dict[str, tuple[str, str] | None] = {}  # None = two actors share it
        self._loose_amb: dict[str, int] = {}
        for actor in o.actors.values():
            if actor.generic_role:
                continue
            for reason, values in (("alias", (actor.name, *actor.aliases)), ("unit", actor.units), ("descriptor", actor.descriptors)):
                for v in values:
                    self._index(v, (actor.id, reason))
        for i, amb in enumerate(o.ambiguous):
            for a in amb.aliases:
                ak = acronym_key(a)
                if ak:
                    self._amb_acro[ak] = i
                else:
                    self._amb[surface_key(a)] = i
                    self._loose_amb[self._lk(surface_key(a))] = i
        self._fuzzy_keys = [k for k, v in self._loose.items() if v is not None and len(k) >= 10]
        self._cache: dict[tuple[str, str | None], ActorMatch | None] = {}

    # ------------------------------------------------------------ indexing
    def _lk(self, key: str) -> str:
        return loose_key(key, self.ontology.translit_folds)

    def _index(self, surface: str, target: tuple[str, str]) -> None:
        ak = acronym_key(surface)
        if ak:
            self._acro.setdefault(ak, target)
            return
        k = surface_key(surface)
        self._exact.setdefault(k, target)
        lk = self._lk(k)
        prev = self._loose.get(lk, _NO_MATCH)
        if prev is _NO_MATCH:
            self._loose[lk] = target
        elif prev is not None and prev[0] != target[0]:
            self._loose[lk] = None  # variant key shared by two actors: exact spelling only

    # ------------------------------------------------------------- public
    def get(self, actor_id: str) -> Actor:
        return self.ontology.get(actor_id)

    def resolve(self, text: str, context: ActorContext | None = None) -> ActorMatch | None:
        """The actor a mention names, or None when it names no actor we can tell."""
        ctx = context
        surface = clean_surface(text)
        if not surface:
            return None
        if ctx is not None and ctx.acronyms:
            long = ctx.acronyms.get(surface.replace(".", ""))
            if long is not None:
                m = self._resolve_uncached(clean_surface(long), ctx.country)
                return self._dated(replace(m, reason="acronym-learned"), ctx) if m else None
            if any(t in ctx.acronyms for t in surface.split()):
                return self._dated(self._resolve_uncached(surface, ctx.country, ctx), ctx)
        country = ctx.country if ctx is not None else None
        ck = (surface, country)
        try:
            m = self._cache[ck]
        except KeyError:
            m = self._resolve_uncached(surface, country)
            if len(self._cache) >= _CACHE_MAX:
                self._cache.clear()
            self._cache[ck] = m
        return self._dated(m, ctx) if ctx is not None and ctx.date is not None else m

    def localise(self, actor_id: str, surface: str | None, country: str | None,
                 context: ActorContext | None = None, inter: int | None = None) -> ActorMatch | None:
        """The actor a mention names when its event happened in `country` rather than in the
        document's country: "the army", "police", "civilians", "gunmen" in a report placed in
        Nigeria are Nigeria's ("Military Forces of Nigeria", "Civilians (Nigeria)"), and a
        same-name trap takes the place's country. None when nothing changes: the place's
        country is the document's, is unknown to the lexicon, or the actor does not depend on
        the theatre (a named group, a state named by its demonym). `inter` is the code the
        mention has now (a state's forces read as abroad, 8, are at home, 1, in their own country)."""
        o = self.ontology
        theatre = self._theatre(context.country if context is not None else None)
        if country is None or country == theatre or country not in o.countries:
            return None
        here = ActorContext(country=country, acronyms=context.acronyms if context is not None else {},
                            date=context.date if context is not None else None)
        a = o.actors.get(actor_id)
        first = self.resolve(surface, context) if surface else None
        if surface and first is not None and first.actor_id == actor_id:
            # the mention itself named this actor (not a pronoun or "the group" pointing back)
            m = self.resolve(surface, here)
            now = inter if inter is not None else getattr(a, "inter", None)
            if m is not None and (m.actor_id, m.inter) != (actor_id, now) and (
                    m.country == country or a is None or a.country == theatre or a.id in self._trap_ids()):
                return m
        if a is not None and a.country == country and a.state_role and inter is not None and inter != a.inter:
            m = self._dated(self._match(a.id, "place-country"), here)  # at home: its own inter code
            return m
        if a is None or a.country != theatre:
            return None
        if a.generic and a.generic_role:
            g = o.generic_actor(a.generic_role, country)
            return self._dated(self._match(g.id, "place-country"), here) if g is not None else None
        if a.state_role:
            return self._dated(self._state(country, a.state_role, "place-country"), here)
        return None

    def _trap_ids(self) -> frozenset[str]:
        """Actors that a same-name trap may pick by country (their mention re-read elsewhere)."""
        ids = getattr(self, "_trap_id_set", None)
        if ids is None:
            ids = frozenset(aid for amb in self.ontology.ambiguous
                            for aid in (amb.default, *amb.contexts.values()) if aid)
            self._trap_id_set = ids
        return ids

    def resolve_all(self, text: str, context: ActorContext | None = None) -> list[ActorMatch]:
        """Every actor of a coordinated mention: "Russian and Syrian warplanes" -> [Russia, Syria]."""
        parts = self._conjuncts(clean_surface(text))
        if len(parts) > 1:
            out = []
            for p in parts:
                m = self.resolve(p, context)
                if m is not None and m.actor_id not in {x.actor_id for x in out}:
                    out.append(m)
            if out:
                return out
        m = self.resolve(text, context)
        return [m] if m else []

    def learn_acronyms(self, text: str, context: ActorContext) -> None:
        """Record "Long Name (ACR)" definitions of a document in `context.acronyms`.

        The long name is the run of name-like words before the parenthesis;
        a known actor found in it wins, else an unknown group's name whose
        initials fit the acronym (or which starts at a name marker word).
        The first definition of an acronym in a document is kept.
        """
        for m in _ACR_DEF_RE.finditer(text):
            acr = m.group(1).replace(".", "")
            if acr in context.acronyms or sum(c.isupper() for c in acr) < 2:
                continue
            tokens = text[max(0, m.start() - 160): m.start()].split()
            run: list[str] = []
            for tok in reversed(tokens):
                t = clean_surface(tok) if tok[-1:] in "’'" else tok
                if _NAME_TOKEN_RE.match(t) or t.lower() in self.ontology.connectors:
                    run.insert(0, t)
                else:
                    break
            while run and run[0].lower() in self.ontology.connectors:
                run.pop(0)
            if not run:
                continue
            long = self._long_form(run, acr, context.country)
            if long:
                context.acronyms[acr] = long

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """(surface, actor id) pairs for spaCy EntityRuler / PhraseMatcher patterns.

        Named actors (name, aliases, units, descriptors), every candidate of a
        same-name trap, demonym/country + force noun for each state force, and
        generic words with the default country's generic actor. Patterns only
        find spans: ``resolve`` (with the document's context) gives the final id.
        """
        o = self.ontology
        seen: set[tuple[str, str]] = set()

        def emit(s: str, aid: str) -> Iterator[tuple[str, str]]:
            if (s, aid) not in seen:
                seen.add((s, aid))
                yield s, aid

        for a in o.actors.values():
            if a.generic_role:
                continue
            for s in (a.name, *a.aliases, *a.units, *a.descriptors):
                yield from emit(s, a.id)
        for amb in o.ambiguous:
            for s in amb.aliases:
                for aid in (*amb.contexts.values(), amb.default):
                    if aid is not None:
                        yield from emit(s, aid)
        for c in o.countries.values():
            for role in STATE_ROLES:
                st = o.state_actor(c.iso2, role)
                if st is None:
                    continue
                for term in (*c.demonyms, *c.names):
                    for noun, fn in o.force_nouns.items():
                        if fn.role == role:
                            yield from emit(f"{term} {noun}", st.id)
        for word, role in o.generic.items():
            g = o.generic_actor(role, o.default_country)
            if g is not None:
                yield from emit(word, g.id)
        yield from self._joint_forms(emit)
        yield from self._militia_forms(emit)
        for adj, spec in o.qualified_generic.items():  # "Islamist factions"
            for word, role in o.generic.items():
                g = o.generic_actor(spec[role], o.default_country) if role in spec else None
                if g is not None:
                    yield from emit(f"{adj} {word}", g.id)
        for head, role in o.tribal_unnamed.items():  # "tribesmen", "clan militia"
            g = o.generic_actor(role, o.default_country)
            if g is not None:
                yield from emit(head, g.id)

    def _state_terms(self, actor_id: str) -> list[str]:
        """Words that name a state force's owner: demonyms, plus "regime"/"government" for the default theatre's state."""
        o = self.ontology
        a = o.actors.get(actor_id)
        c = o.countries.get(a.country or "") if a is not None else None
        if c is None:
            return []
        terms = list(c.demonyms)
        if c.iso2 == o.default_country:
            terms += sorted(t for t in o.context_terms if not t.startswith("pro-"))
        return terms

    def _joint_forms(self, emit) -> Iterator[tuple[str, str]]:  # type: ignore[no-untyped-def]
        """"Syrian or Russian warplanes", "regime and/or Russian jets": spans for the `joint` rule (air nouns)."""
        o = self.ontology
        air = sorted(n for n, fn in o.force_nouns.items() if fn.air)
        for j in o.joint:
            members = sorted(j.members)
            if len(members) != 2:
                continue
            ta, tb = self._state_terms(members[0]), self._state_terms(members[1])
            for x, y in ((ta, tb), (tb, ta)):
                for a in x:
                    for b in y:
                        for conn in ("or", "and/or"):
                            for noun in air:
                                yield from emit(f"{a} {conn} {b} {noun}", j.actor)

    def _militia_forms(self, emit) -> Iterator[tuple[str, str]]:  # type: ignore[no-untyped-def]
        """"pro-government gunmen", "loyalist militiamen": spans for the backer rule in the default theatre."""
        o = self.ontology
        theatre = o.default_country
        aid = o.militia_proxies.get((theatre or "", theatre or ""))
        c = o.countries.get(theatre or "")
        if aid is None or c is None:
            return
        backers = sorted({t for t in o.context_terms if t.startswith("pro-") or t == "loyalist"}
                         | {f"pro-{n}" for n in c.names if acronym_key(n) is None and " " not in n})
        for b in backers:
            # irregular nouns ("gunmen") only after a backer: "loyalist gunmen" stays the generic rule's
            nouns = o.militia_nouns | o.irregular_nouns if b.startswith("pro-") else o.militia_nouns
            for noun in sorted(nouns):
                yield from emit(f"{b} {noun}", aid)

    def search(self, query: str) -> list[Actor]:
        """Actors whose id, name or any alias fits `query` (best first) for `sitrep actors QUERY`."""
        q = surface_key(query)
        if not q:
            return []
        scored: list[tuple[float, str, Actor]] = []
        for a in self.ontology.actors.values():
            names = [a.id, a.name, *a.aliases, *a.units, *a.descriptors]
            keys = [surface_key(n) for n in names]
            if q in keys:
                score = 300.0
            elif any(q in k for k in keys):
                score = 200.0
            else:
                score = max(fuzz.partial_ratio(q, k) for k in keys)
                if score < 85:
                    continue
            scored.append((-score, a.name, a))
        m = self.resolve(query)
        if m is not None and m.actor_id in self.ontology.actors and all(a.id != m.actor_id for _, _, a in scored):
            scored.append((-250.0, "", self.ontology.actors[m.actor_id]))
        return [a for _, _, a in sorted(scored, key=lambda t: (t[0], t[1]))]

    # ----------------------------------------------------------- internals
    def _dated(self, m: ActorMatch | None, ctx: ActorContext | None) -> ActorMatch | None:
        if m is None or ctx is None or ctx.date is None:
            return m
        actor = self.ontology.actors.get(m.actor_id)
        if actor is None or not actor.periods:
            return m
        name = actor.name_on(ctx.date)
        return m if name == m.name else replace(m, name=name)

    def _match(self, actor_id: str, reason: str) -> ActorMatch:
        a = self.ontology.actors[actor_id]
        return ActorMatch(a.id, a.name, a.inter, a.country, reason, a.generic)

    def _theatre(self, country: str | None) -> str | None:
        return country or self.ontology.default_country

    def _resolve_uncached(self, surface: str, country: str | None, ctx: ActorContext | None = None) -> ActorMatch | None:
        tokens = surface.split()
        return self._abroad(self._resolve_tokens(tokens, country, ctx, 0), country)

    def _abroad(self, m: ActorMatch | None, country: str | None) -> ActorMatch | None:
        """A state's forces outside their own country take lexicon `abroad_inter` (ACLED: 8)."""
        o = self.ontology
        theatre = self._theatre(country)
        if (m is None or o.abroad_inter is None or m.inter != 1 or m.country is None or theatre is None
                or m.country == theatre):
            return m
        return replace(m, inter=o.abroad_inter)

    def _resolve_tokens(self, tokens: list[str], country: str | None, ctx: ActorContext | None, depth: int) -> ActorMatch | None:
        if not tokens or depth > 6:
            return None
        o = self.ontology
        surface = " ".join(tokens)
        key = surface.casefold()
        if ctx is not None and surface.replace(".", "") in ctx.acronyms:
            m = self._resolve_tokens(clean_surface(ctx.acronyms[surface.replace(".", "")]).split(), country, None, depth + 1)
            return replace(m, reason="acronym-learned") if m else None
        # 2. exact names
        m = self._exact_match(surface, key, country)
        if m:
            return m
        # 3. quantifiers / a second "the"
        stripped = self._strip_leading(tokens, o.quantifiers + ("the",))
        if stripped is not tokens:
            return self._resolve_tokens(stripped, country, ctx, depth + 1)
        lk = self._lk(key)
        if lk in self._loose_amb:
            aid = o.ambiguous[self._loose_amb[lk]].pick(country)
            return self._match(aid, "context") if aid is not None else None
        hit = self._loose.get(lk)
        if hit:
            return self._match(*hit)
        # 3b. "A or B <noun>": ACLED's joint actor when A and B are its members
        m = self._joint(surface, country, ctx, depth)
        if m is not None:
            return m
        # 4b. an owner named with "of X" / "X's": "military police of the SNA" -> the SNA
        m = self._owned(tokens, country, ctx, depth)
        if m is not None:
            return m
        # 4a. "<X>-held Y": the holder X ("rebel-held Idlib", "regime-controlled areas")
        m = self._held(tokens, country, ctx, depth)
        if m is not _NO_MATCH:
            return m  # type: ignore[return-value]
        # 4. backed / pro-
        m = self._backed(tokens, key, country, ctx, depth)
        if m:
            return m
        # 5. X-linked Y
        m = self._linked(key, tokens, country, ctx, depth)
        if m is not _NO_MATCH:
            return m  # type: ignore[return-value]
        # 6. demonym + force noun
        m = self._demonym_force(tokens, country)
        if m:
            return m
        # 7. ethnic adjective + noun
        if len(tokens) >= 2:
            aid = o.ethnic.get((tokens[0].casefold(), self._theatre(country) or ""))
            rest = " ".join(tokens[1:]).casefold()
            if aid and (rest in o.generic or (rest in o.force_nouns and not o.force_nouns[rest].site)):
                return self._match(aid, "ethnic-descriptor")
            if (tokens[0].casefold(), self._theatre(country) or "") not in o.ethnic and any(
                tokens[0].casefold() == adj for adj, _ in o.ethnic
            ) and rest in o.generic:
                return self._generic("armed-group", country)
        # 8. unidentified + noun
        if len(tokens) >= 2 and tokens[0].casefold() in o.unidentified:
            rest = " ".join(tokens[1:]).casefold()
            fn = o.force_nouns.get(rest)
            if fn is not None and not fn.site:
                return self._generic("military", country)
            if rest in o.generic:
                return self._generic(o.generic[rest], country)
            inner = self._resolve_tokens(tokens[1:], country, ctx, depth + 1)
            return inner if inner is not None and inner.generic else None
        # 9. qualified generic words ("Islamist factions"), modifiers, head nouns, generic words
        m = self._qualified(tokens, country, ctx, depth)
        if m is not None:
            return m
        if len(tokens) >= 2 and tokens[0].casefold() in o.modifiers:
            inner = self._resolve_tokens(tokens[1:], country, ctx, depth + 1)
            if inner is not None:
                return inner
        if " and " in key or "," in key or " & " in key:
            parts = self._conjuncts(surface)
            if len(parts) > 1:
                first = self._resolve_tokens(parts[0].split(), country, ctx, depth + 1)
                if first is not None and all(self._resolve_tokens(p.split(), country, ctx, depth + 1) for p in parts[1:]):
                    return first
        if key in o.generic:
            return self._generic(o.generic[key], country)
        if key in o.bare_state_nouns or key in o.context_terms:
            st = o.state_actor(self._theatre(country), "military")
            if st is not None and key in o.bare_state_nouns:
                return self._match(st.id, "demonym-force")
        fn = o.force_nouns.get(key)
        if fn is not None:
            if fn.air:
                return self._generic("military", country)
            theatre = self._theatre(country)
            # "the police", "soldiers" (nouns marked `theatre` in the lexicon): the force of
            # the document's country; "troops" alone (foreign armies too) stays unguessed
            return self._state(theatre, fn.role, f"theatre-{fn.role}") if fn.theatre and theatre else None
        m = self._communal(tokens, country)
        if m is not None:
            return m
        m = self._tribal(tokens, country, ctx, depth)
        if m is not None:
            return m
        m = self._head(tokens, country, ctx, depth)
        if m is not _NO_MATCH:
            return m  # type: ignore[return-value]
        # 10. bare country name ("US" only in capitals)
        iso = o.country_of_term(key)
        if iso is not None:
            # a seat of power alone ("Damascus agreed") is the government, a country name its military
            if any(surface_key(n) == key for n in o.countries[iso].seats):
                return self._state(iso, "government", "country-name")
            for n in o.countries[iso].names:
                ak = acronym_key(n)
                if (ak is not None and ak == surface.replace(".", "")) or (ak is None and surface_key(n) == key):
                    return self._state(iso, "military", "country-name")
            return None
        # a demonym in front of a named group: "Iraqi Kataib Hezbollah" -> the group
        demonym_iso = o.country_of_term(tokens[0].casefold()) if len(tokens) >= 2 else None
        if demonym_iso is not None:
            # a same-name trap takes the demonym's country: "Iraqi ISIS" -> Islamic State (Iraq)
            inner = self._resolve_tokens(tokens[1:], demonym_iso, ctx, depth + 1)
            if inner is None or inner.reason != "context":
                inner = self._resolve_tokens(tokens[1:], country, ctx, depth + 1)
            if inner is not None and not inner.generic and inner.reason not in (
                    "unknown-named", "country-name", "demonym-force", "theatre-police", "theatre-military"):
                return inner
        # 11. fuzzy, 12. unknown named group
        if self._looks_named(tokens):
            if len(lk) >= 10 and self._fuzzy_keys:
                best = process.extractOne(lk, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=93)
                if best is not None:
                    aid, _reason = self._loose[best[0]]  # type: ignore[misc]
                    return self._match(aid, "fuzzy")
            if self._has_marker(tokens):
                return ActorMatch(f"adhoc:{slug(surface)}", surface, 2, country, "unknown-named")
        return None

    def _exact_match(self, surface: str, key: str, country: str | None) -> ActorMatch | None:
        i = self._amb.get(key)
        ak = surface.replace(".", "")
        if i is None:
            i = self._amb_acro.get(ak)
        if i is not None:
            aid = self.ontology.ambiguous[i].pick(country)
            return self._match(aid, "context") if aid is not None else None
        hit = self._exact.get(key) or self._acro.get(ak)
        return self._match(*hit) if hit else None

    @staticmethod
    def _strip_leading(tokens: list[str], words: tuple[str, ...]) -> list[str]:
        key = " ".join(tokens).casefold()
        for w in words:  # longest first
            if key.startswith(w + " ") and len(w.split()) < len(tokens):
                return tokens[len(w.split()):]
        return tokens

    def _generic(self, role: str, country: str | None) -> ActorMatch | None:
        g = self.ontology.generic_actor(role, country)
        return self._match(g.id, "generic") if g is not None else None

    def _state(self, iso: str, role: str, reason: str) -> ActorMatch | None:
        st = self.ontology.state_actor(iso, role)
        if st is not None:
            return self._match(st.id, reason)
        c = self.ontology.countries.get(iso)
        if c is None:
            return None
        labels = self.ontology.role_labels
        if role != "military" and role in labels:
            # no entry: ACLED names a state's police / government after the same ruling
            # period as its military ("Police Forces of Turkey (2016-)", "Government of Turkey (2016-)")
            mil = self.ontology.state_actor(iso, "military")
            mil_label = labels.get("military", "Military Forces of")
            name = (mil.name.replace(mil_label, labels[role], 1) if mil is not None
                    and mil.name.startswith(mil_label) else f"{labels[role]} {c.state_name}")
            return ActorMatch(f"adhoc:{role}-{iso.lower()}", name, 1, iso, reason)
        if role != "military":
            return None
        # a state with no entry yet: ACLED's pattern without the government years
        return ActorMatch(f"adhoc:military-{iso.lower()}", f"Military Forces of {c.state_name}", 1, iso, reason)

    def _tribal(self, tokens: list[str], country: str | None, ctx: ActorContext | None, depth: int) -> ActorMatch | None:
        """"<Name> tribe/tribesmen/clan" -> the tribe's identity militia (lexicon `tribal`)."""
        o = self.ontology
        if not o.tribal_heads:
            return None
        key = " ".join(tokens).casefold()
        if key in o.tribal_unnamed:  # "tribesmen", "tribal fighters": no tribe named
            return self._generic(o.tribal_unnamed[key], country)
        if len(tokens) < 2:
            return None
        head = next((h for h in o.tribal_heads if key.endswith(" " + h)), None)
        if head is None:
            return None
        rest = self._strip_leading(tokens[: len(tokens) - len(head.split())], ("the",))
        cut = next((k for k, w in enumerate(rest) if w.casefold() in ("and", "&", "or")), None)
        if cut:
            # "the Kiwan and Zoubi clans": two tribes; the first names this mention's militia
            rest = rest[:cut]
        rest_key = " ".join(rest).casefold()
        named = any(w.split("-")[-1][:1].isupper() for w in rest)  # "Shaitat", "al-Shaitat"
        if (not rest or not named or not self._looks_named_loose(rest) or rest_key in o.tribal_not_names
                or o.country_of_term(rest_key) is not None
                or any(rest_key == adj for adj, _ in o.ethnic)):
            # "Arab tribesmen", "Bedouin clan militia": armed tribal words, tribe unnamed
            if head in o.tribal_unnamed and (not rest or not named or rest_key in o.tribal_not_names
                                             or o.country_of_term(rest_key) is not None
                                             or any(rest_key == adj for adj, _ in o.ethnic)):
                return self._generic(o.tribal_unnamed[head], country)
            return None
        inner = self._resolve_tokens(rest, country, ctx, depth + 1)
        if inner is not None and not inner.generic and inner.inter == o.tribal_inter:
            return replace(inner, reason="tribal")
        if inner is not None and inner.reason != "unknown-named":
            return None  # a named actor of another kind: not a tribe
        theatre = self._theatre(country)
        c = o.countries.get(theatre or "")
        if c is None:
            return None
        words = list(rest)
        words[0] = re.sub(r"^(?:al|el|ad|ar|as|ash|at|an|az)-", "", words[0], flags=re.IGNORECASE)
        words = [w for w in words if w]
        if words and len(words) > 1 and words[0].casefold() in o.connectors and words[0][:1].isupper():
            pass  # "Al Mahasen tribe": a written-apart article starts the tribe's name
        elif not words or words[0].casefold() in o.connectors:
            return None
        words[0] = words[0][:1].upper() + words[0][1:]
        name = o.tribal_name.format(tribe=" ".join(words), country=c.name)
        return ActorMatch(f"adhoc:{slug(name)}", name, o.tribal_inter, c.iso2, "tribal")

    def _joint(self, surface: str, country: str | None, ctx: ActorContext | None, depth: int) -> ActorMatch | None:
        """"A or B <noun>" / "A and/or B <noun>": the joint actor listed for exactly {A, B} (section `joint`)."""
        o = self.ontology
        if not o.joint or not re.search(r"\s(?:or|and/or)\s", surface):
            return None
        parts = [p.strip() for p in re.split(r",\s*|\s+(?:or|and/or)\s+", surface) if p.strip()]
        if len(parts) < 2:
            return None
        last = parts[-1].split()
        if len(last) >= 2 and all(len(p.split()) == 1 for p in parts[:-1]):
            head = " ".join(last[1:])  # "Syrian or Russian warplanes": the noun goes to each part
            parts = [f"{p} {head}" for p in parts[:-1]] + [parts[-1]]
        ids = set()
        for p in parts:
            m = self._resolve_tokens(p.split(), country, ctx, depth + 1)
            if m is None:
                return None
            ids.add(m.actor_id)
        for j in o.joint:
            if ids == j.members:
                return self._match(j.actor, "joint")
        return None

    def _qualified(self, tokens: list[str], country: str | None, ctx: ActorContext | None, depth: int) -> ActorMatch | None:
        """"Islamist factions" -> the role the adjective gives the generic word (lexicon `qualified_generic`)."""
        o = self.ontology
        if len(tokens) < 2:
            return None
        spec = o.qualified_generic.get(tokens[0].casefold())
        if spec is None:
            return None
        inner = self._resolve_tokens(tokens[1:], country, ctx, depth + 1)
        if inner is None or not inner.generic:
            return None
        role = o.actors[inner.actor_id].generic_role if inner.actor_id in o.actors else None
        return self._generic(spec[role], country) if role in spec else None

    def _communal(self, tokens: list[str], country: str | None) -> ActorMatch | None:
        """"<Place> Communal Militia", "gunmen from the village of <Place>" -> that place's communal militia."""
        o = self.ontology
        if not o.communal_name or len(tokens) < 2:
            return None
        key = " ".join(tokens).casefold()
        place: list[str] | None = None
        head = next((h for h in o.communal_heads if key.endswith(" " + h)), None)
        if head is not None:
            place = self._strip_leading(tokens[: len(tokens) - len(head.split())], ("the",))
        elif "from" in (t.casefold() for t in tokens):
            i = [t.casefold() for t in tokens].index("from")
            who = self._strip_leading(tokens[:i], o.quantifiers + ("the",))
            where = self._strip_leading(tokens[i + 1:], ("the",))
            if " ".join(who).casefold() not in o.communal_members or len(where) < 2:
                return None
            if where[0].casefold() in o.communal_places and len(where) >= 3 and where[1].casefold() == "of":
                place = where[2:]
            elif where[-1].casefold() in o.communal_places:
                place = where[:-1]
        if not place or not self._looks_named_loose(place) or not place[0][:1].isupper():
            return None
        c = o.countries.get(self._theatre(country) or "")
        if c is None or o.country_of_term(" ".join(place).casefold()) is not None:
            return None
        name = o.communal_name.format(place=" ".join(place), country=c.name)
        return ActorMatch(f"adhoc:{slug(name)}", name, o.communal_inter, c.iso2, "communal")

    def _country_term(self, text_key: str, country: str | None) -> str | None:
        o = self.ontology
        if text_key in o.context_terms or text_key.removeprefix("pro-") in o.context_terms:
            return self._theatre(country)
        return o.country_of_term(text_key)

    def _backed(self, tokens: list[str], key: str, country: str | None, ctx: ActorContext | None, depth: int) -> ActorMatch | None:
        o = self.ontology
        backer_iso: str | None = None
        rest: list[str] | None = None
        found = False
        first = tokens[0].casefold()
        if (len(tokens) >= 2 and first in o.context_terms
                and " ".join(tokens[1:]).casefold() in o.militia_nouns):
            # "loyalist militiamen", "regime militias": militias on the side of the theatre's state
            found, backer_iso, rest = True, self._theatre(country), tokens[1:]
        elif first.startswith("pro-") and len(first) > 4:
            found = True
            backer_iso = self._country_term(first[4:], country)
            rest = tokens[1:]
        else:
            for i, tok in enumerate(tokens[:4]):
                t = tok.casefold()
                for bw in o.backer_words:
                    if t.endswith("-" + bw) or (t == bw and i > 0):
                        head = (" ".join(tokens[:i]) + " " + t[: -len(bw) - 1]) if t != bw else " ".join(tokens[:i])
                        found = True
                        backer_iso = self._country_term(head.strip().casefold(), country)
                        rest = tokens[i + 1:]
                        break
                if found:
                    break
        if not found:
            return None
        inner = self._resolve_tokens(rest, country, ctx, depth + 1) if rest else None
        if inner is not None and not inner.generic and inner.reason not in ("demonym-force",):
            return inner
        theatre = self._theatre(country)
        rest_key = " ".join(rest).casefold() if rest else ""
        if backer_iso is not None and theatre is not None and (rest_key in o.militia_nouns or rest_key in o.irregular_nouns):
            aid = o.militia_proxies.get((backer_iso, theatre))
            if aid is not None:
                return self._match(aid, "backed-descriptor")
        if backer_iso is not None and theatre is not None:
            aid = o.proxies.get((backer_iso, theatre))
            if aid is not None:
                return self._match(aid, "backed-descriptor")
        g = o.generic_actor("armed-group", country)
        return self._match(g.id, "backed-descriptor") if g is not None else None

    def _held(self, tokens: list[str], country: str | None, ctx: ActorContext | None, depth: int) -> object:
        """"<X>-held / X-controlled Y" -> X; a state word X ("regime", "Turkish") -> that state's military."""
        o = self.ontology
        first = tokens[0].casefold()
        for hw in o.holder_words:
            if first.endswith("-" + hw) and len(first) > len(hw) + 1:
                holder = first[: -len(hw) - 1]
                m = self._resolve_tokens([tokens[0][: len(holder)]], country, ctx, depth + 1)
                if m is not None and m.reason != "country-name":
                    return m
                iso = self._country_term(holder, country)
                return self._state(iso, "military", "demonym-force") if iso is not None else None
        return _NO_MATCH

    def _linked(self, key: str, tokens: list[str], country: str | None, ctx: ActorContext | None, depth: int) -> object:
        o = self.ontology
        for i, tok in enumerate(tokens[:5]):
            t = tok.casefold()
            for lw in o.link_words:
                if t == lw and 0 < i < len(tokens) - 2 and tokens[i + 1].casefold() in ("to", "with"):
                    return self._loyal(tokens[:i], tokens[i + 2:], country, ctx, depth)
                if (t.endswith("-" + lw) or (t == lw and i > 0)) and i + 1 < len(tokens):
                    return self._resolve_tokens(tokens[i + 1:], country, ctx, depth + 1)
        return _NO_MATCH

    def _loyal(self, head: list[str], owner: list[str], country: str | None, ctx: ActorContext | None,
               depth: int) -> ActorMatch | None:
        """"<Y> loyal to / allied with / affiliated with <X>": a named Y is itself; a generic Y
        is X's militia (a state's: its `militia` proxy) or X itself when X is a named group."""
        o = self.ontology
        inner = self._resolve_tokens(head, country, ctx, depth + 1)
        if inner is not None and not inner.generic:
            return inner
        words = self._strip_leading(head, o.quantifiers + ("the",))
        key = " ".join(words).casefold()
        if key not in o.generic and key not in o.militia_nouns:
            return inner
        x = self._resolve_tokens(self._strip_leading(owner, ("the",)), country, ctx, depth + 1)
        if x is None or x.generic:
            return inner
        theatre = self._theatre(country)
        if x.inter == 1 and x.country is not None and theatre is not None:  # a state (abroad_inter comes later)
            aid = o.militia_proxies.get((x.country, theatre)) or o.proxies.get((x.country, theatre))
            return self._match(aid, "backed-descriptor") if aid is not None else inner
        return replace(x, reason=f"owner-{x.reason}")

    def _unit_noun(self, words: list[str]) -> bool:
        """A generic unit or member noun ("military police", "fighters", "members")."""
        o = self.ontology
        words = self._strip_leading(words, o.quantifiers + ("the", "a", "an"))
        while len(words) > 1 and words[0].casefold() in o.force_modifiers:
            words = words[1:]
        key = " ".join(words).casefold()
        if len(words) in (2, 3) and words[-1].casefold() in _FORMATIONS and (
                _ORDINAL_RE.match(words[0]) or words[0][:1].isupper()):
            return True  # "the army's 17th Division", "its 4th Armoured Division": a formation of the owner
        return bool(key) and (key in o.force_nouns or key in o.generic or key in o.trailing_heads
                              or key in o.militia_nouns)

    def _owned(self, tokens: list[str], country: str | None, ctx: ActorContext | None, depth: int) -> ActorMatch | None:
        """"<unit noun> of X" / "X's <unit noun>": the owner X when it is a named actor or a state."""
        n = len(tokens)
        for i, tok in enumerate(tokens):
            if 0 < i < n - 1 and tok.casefold() == "of":
                unit, owner = tokens[:i], tokens[i + 1:]
            elif i < n - 1 and re.search(r"['’]s$", tok):
                unit, owner = tokens[i + 1:], tokens[:i] + [tok[:-2]]
            elif i < n - 1 and re.search(r"s['’]$", tok):  # "Russian forces' patrol"
                unit, owner = tokens[i + 1:], tokens[:i] + [tok[:-1]]
            else:
                continue
            if not self._unit_noun(unit):
                continue
            owner = self._strip_leading(owner, ("the",))
            inner = self._resolve_tokens(owner, country, ctx, depth + 1) if owner else None
            if inner is not None and not inner.generic:
                return replace(inner, reason=f"owner-{inner.reason}")
        return None

    def _demonym_force(self, tokens: list[str], country: str | None) -> ActorMatch | None:
        o = self.ontology
        n = len(tokens)
        for cut in (1, 2, 3):
            if cut >= n:
                break
            iso = self._country_term(" ".join(tokens[:cut]).casefold(), country)
            if iso is None:
                continue
            rest = [t.casefold() for t in tokens[cut:]]
            raw = tokens[cut:]
            for hl in (3, 2, 1):  # longest noun first: "military police patrol" before "police patrol"
                if hl > len(rest):
                    continue
                fn = o.force_nouns.get(" ".join(rest[-hl:]))
                # between demonym and noun: modifiers or a weapon's designation ("Turkish T-155 howitzers")
                if fn is not None and all(t in o.force_modifiers or _DESIGNATION_RE.match(w)
                                          for t, w in zip(rest[:-hl], raw[:-hl])):
                    return self._state(iso, fn.role, "demonym-force")
        return None

    def _head(self, tokens: list[str], country: str | None, ctx: ActorContext | None, depth: int) -> object:
        """"<name> <head noun>" -> the name; "<place or adjective> <generic word>" -> generic."""
        o = self.ontology
        for hl in (2, 1):
            if len(tokens) <= hl:
                continue
            head = " ".join(tokens[-hl:]).casefold()
            is_generic = head in o.generic
            fn = o.force_nouns.get(head)
            if not (is_generic or fn is not None or head in o.trailing_heads):
                continue
            inner = self._resolve_tokens(tokens[:-hl], country, ctx, depth + 1)
            if inner is not None and not inner.generic and inner.reason != "country-name":
                return inner
            if is_generic:
                return self._generic(o.generic[head], country)
            if fn is not None and fn.air and inner is None:
                return self._generic("military", country)
            return None
        return _NO_MATCH

    def _looks_named(self, tokens: list[str]) -> bool:
        con = self.ontology.connectors
        caps = 0
        for t in tokens:
            if t[:1].isupper() or t[:1].isdigit():
                caps += 1
            elif t.casefold() in con or _NAME_TOKEN_RE.match(t):
                continue
            else:
                return False
        return caps >= 1

    def _looks_named_loose(self, tokens: list[str]) -> bool:
        """Every word capitalised, an article-prefixed name ("al-Shaitat") or a connector."""
        con = self.ontology.connectors
        return all(t[:1].isupper() or t[:1].isdigit() or t.casefold() in con or _NAME_TOKEN_RE.match(t)
                   for t in tokens)

    def _has_marker(self, tokens: list[str]) -> bool:
        o = self.ontology
        if len(tokens) < 2:
            return False
        for t in tokens:
            if t.casefold() in o.name_markers_arabic or t in o.name_markers_english:
                return True
        return False

    def _conjuncts(self, surface: str) -> list[str]:
        """Split "A and B <noun>" / "A, B and C" into resolvable parts."""
        parts = [p.strip() for p in re.split(r",\s*|\s+(?:and|&)\s+", surface) if p.strip()]
        if len(parts) < 2:
            return [surface]
        last = parts[-1].split()
        # "Russian and Syrian warplanes": the shared head noun goes to every part
        if len(last) >= 2 and all(len(p.split()) == 1 for p in parts[:-1]):
            # "Tawadifah and Al Hulaybeen tribes": an article written apart is part of the name
            k = 2 if len(last) >= 3 and last[0].casefold() in self.ontology.connectors else 1
            head = " ".join(last[k:])
            return [f"{p} {head}" for p in parts[:-1]] + [parts[-1]]
        return parts

    def _long_form(self, run: list[str], acr: str, country: str | None) -> str | None:
        # a known actor in the run, longest suffix first
        for i in range(len(run)):
            cand = " ".join(run[i:])
            m = self._resolve_uncached(clean_surface(cand), country)
            if m is not None and not m.generic and m.reason != "unknown-named" and not m.reason.startswith("owner-"):
                return clean_surface(cand)  # "Fighters of the X (ACR)": the name is X, not its fighters
        # an unknown group: initials that spell the acronym, else from a marker word on
        want = acr.upper()
        for i in range(len(run)):
            cand = run[i:]
            initials = "".join(
                (t.split("-", 1)[1][:1] if "-" in t and t.split("-", 1)[0].lower() in self.ontology.connectors else t[:1])
                for t in cand if t.lower() not in self.ontology.connectors
            ).upper()
            if initials == want and self._looks_named(cand):
                return " ".join(cand)
        for i, t in enumerate(run):
            if t.casefold() in self.ontology.name_markers_arabic:
                m = self._resolve_uncached(" ".join(run[i:]), country)
                if m is not None and m.reason == "unknown-named":
                    return " ".join(run[i:])
        return None
