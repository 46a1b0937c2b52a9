"""Where: place phrases of a clause, resolved through the gazetteer.

`PlaceReader` finds location phrases (prepositional phrases, direction words,
place-like objects: `placephrases.PlacePhrases`), resolves them with the document's admin1 hints and focus, and
chooses an event's place: the clause's own phrase, then the sentence, the clause's
origin ("withdrew from X"), "the people of X", "the town" (the article's main place),
another trigger's argument, a name inside the target, and finally the paragraph's or
the article's last place. `choose` says which of these it used (`how`), so the event
can record a place that came from a fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Span, Token

from sitrep.events import roles as R
from sitrep.events.lexicon import EventLexicon
from sitrep.events.placeforms import act_of_names, bracket_after, link_end, list_end, place_subjects
from sitrep.events.placephrases import COUNTRY_FEATURES, DIRECTIONS, NAMED_OF, PlacePhrases
from sitrep.events.state import ActorRef, DocState, PlaceRef, SentenceState
from sitrep.geo.borders import near_area
from sitrep.geo.distance import haversine_km
from sitrep.geo.resolve import PlaceContext
from sitrep.geo.thresholds import CITY_AREA_KM, DISTRICT_AREA_KM

# Capitals of the country, a governorate or a district.
SEAT_FEATURES = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3"})
# A place read from a proper name inside a longer description is at best "near" it.
FALLBACK_PRECISION = 3
# a name found alone this close to a place of the area a phrase names ("X in Y") is taken as
# the X meant, even across the area's line; farther, it is a namesake: the area is the place
AREA_NEAR_KM = 40.0
# places that are towns, not a governorate named by its capital ("in Idlib" names the province)
TOWN_FEATURES = frozenset({"PPL", "PPLA2", "PPLA3", "PPLA4", "PPLX"})
# an area phrase is trusted only when found as written or by its normalised key
AREA_STAGES = frozenset({"exact", "normalised", "qualified"})
# A wire-style dateline opening a paragraph: "CITY, Country, Mon D (AGENCY) - ".
# It names where the report was filed, not who did what: it is blanked (same length,
# so offsets hold) before parsing and its place is only the article's last resort.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,3})(?:,\s*[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Za-z .&]{2,30}\)\s*)?[—–-]{1,2}\s+")
# How `choose` found a place, from the clause's own words to the article's last place.
# The ones after "own" are fallbacks (the event records them).
PLACE_SOURCES = ("own", "sentence", "origin", "people", "sentence-people", "anaphora", "sentence-shared", "target-name",
                 "paragraph", "article")


@dataclass(frozen=True, slots=True)
class UnresolvedPlace:
    """A place the text names that the gazetteer does not know: the name, no coordinates.

    Shaped like a gazetteer match so events and exports read it the same way; an
    analyst sees the name the text gave and can geocode it by hand.
    """

    name: str
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    geo_precision: int | None = None
    feature_code: str = ""
    matched: str = "unresolved"
    place_id: str = ""


class PlaceReader(PlacePhrases):
    def __init__(self, lex: EventLexicon, resolver: Any = None, default_country: str | None = "SY") -> None:
        self.lex = lex
        self.resolver = resolver
        self.default_country = default_country
        # nouns that make an object a place ("the town", "the airport")
        self.placey = lex.location_nouns | lex.lists.get("territory", frozenset())
        # "X town in Y", "X town east of Y": the words that put a name before its area
        self._area_preps = lex.lists.get("area_tail_preps", frozenset()) | DIRECTIONS

    def dateline(self, text: str) -> tuple[int, Any, int] | None:
        """(length, place match, end of the place name) of a dateline opening `text`."""
        m = DATELINE.match(text)
        if m is None or self.resolver is None:
            return None
        place = self.resolver.resolve_phrase(m.group("place").title(), PlaceContext(country=self.default_country))
        if place is None or place.feature_code in COUNTRY_FEATURES:
            return None
        return m.end(), place, m.end("place")

    def named_areas(self, pdocs: list[Any]) -> list[str]:
        """The governorates a document names, in order (entities that resolve to a first-level
        area or its capital)."""
        if self.resolver is None:
            return []
        found: list[str] = []
        bare = PlaceContext(country=self.default_country)
        for d in pdocs:
            for e in d.ents:
                if e.label_ not in ("GPE", "LOC", "ORG", "PERSON", "NORP"):
                    continue
                m = self.resolver.resolve_phrase(e.text, bare)
                # a governorate, or its capital's name ("in Idleb"), which names it as often
                if m is not None and m.feature_code in ("ADM1", "PPLA") and m.admin1 and m.admin1 not in found:
                    found.append(m.admin1)
        return found

    def context(self, st: DocState) -> Any:
        focus = (st.last_place.match.latitude, st.last_place.match.longitude) if st.last_place else None
        return PlaceContext(country=st.country or self.default_country, admin1_hints=tuple(st.admin1_hints[-3:]),
                            focus=focus)

    def resolve(self, st: DocState, span: Span, par_start: int) -> PlaceRef | None:
        if self.resolver is None:
            return None
        ctx = self.context(st)
        m = self.resolver.resolve_phrase(span.text, ctx)
        named = span
        if m is not None and m.feature_code not in SEAT_FEATURES and (ctx.focus or ctx.admin1_hints):
            # "in Suwayda" after a paragraph about the north-east: a bare name that is a
            # governorate or district seat means the seat, not a namesake near the focus
            bare = self.resolver.resolve_phrase(span.text, PlaceContext(country=ctx.country))
            if bare is not None and bare.feature_code in SEAT_FEATURES:
                m = bare
        if m is not None and m.feature_code in COUNTRY_FEATURES and len(span) > 2:
            m = None  # "in X city south of <country>": the country only places X, X is the place
        if m is None:
            # fall back to the proper-noun runs inside the phrase ("... to Idlib city")
            particles = self.lex.lists.get("place_name_particles", frozenset())
            run: list[Token] = []
            for t in list(span) + [None]:
                if t is not None and (t.pos_ == "PROPN" or (run and t.text == "-") or (
                        t.text[:1].isupper() and t.is_alpha and not t.is_sent_start)):
                    run.append(t)
                    continue
                if run and all(x.lower_ in particles or x.text == "-" for x in run):
                    run = []  # "al" of "Tariq al-Sad" alone names no place (the gazetteer has an "Al")
                if run:
                    sub = span.doc[run[0].i: run[-1].i + 1]
                    m = self.resolver.resolve_phrase(sub.text, self.context(st))
                    if m is not None and m.feature_code not in COUNTRY_FEATURES:
                        span = sub
                        break
                    m = None
                    run = []
            if m is not None:
                # a name inside a description ("the entrance to X", "part of X's zone")
                m = replace(m, geo_precision=max(m.geo_precision or 1, FALLBACK_PRECISION))
        tail, area = self.area_tail(named)
        if tail is not None:
            whole = self._in_area(named, tail, area, m, ctx)
            if whole is not None:
                m, span = whole, named.doc[named.start: tail.end]
        if m is None or m.feature_code in COUNTRY_FEATURES:
            return None
        if any(t.tag_ == "POS" and span.start < t.i and span.doc[t.i - 1].pos_ == "PROPN" for t in span):
            # "Idlib's demilitarized zone": a part of the named place, not the place
            m = replace(m, geo_precision=max(m.geo_precision or 1, FALLBACK_PRECISION))
        if m.admin1 and m.admin1 not in st.admin1_hints:
            st.admin1_hints.append(m.admin1)
        return PlaceRef(m, span, par_start + span.start_char, par_start + span.end_char)

    def custody_site(self, jailer: str | None, prison: Span | None, par_start: int) -> PlaceRef | None:
        """Where a death in an unnamed prison of `jailer` is placed (cues `custody_sites`), at
        precision 3: the text names only the victim's home, not the prison. The evidence is the
        prison phrase ("an unnamed government prison") when the jailer was read from it."""
        site = self.lex.custody_sites.get(jailer or "")
        m = self.resolver.resolve_phrase(site, PlaceContext(country=self.default_country)) \
            if site and self.resolver is not None else None
        if m is None:
            return None
        start, end = (par_start + prison.start_char, par_start + prison.end_char) if prison is not None else (0, 0)
        return PlaceRef(replace(m, geo_precision=FALLBACK_PRECISION), prison, start, end)

    def _in_area(self, named: Span, tail: Span, area: Any, alone: Any, ctx: Any) -> Any:
        """"X in Y province", "X in the countryside of Y": the phrase after the name says which
        X. A name found alone in or near Y (governorate lines in the data and in writers'
        heads differ) stands; a namesake far from Y, or no place at all, gives way to the
        resolver's reading of "X in Y": X inside Y, else Y itself."""
        if area.matched not in AREA_STAGES or not area.admin1:
            return None
        # "X street in <town> city": a part of the town itself, not of its district
        city = any(t.lower_ == "city" for t in tail) and area.feature_code in self.resolver.cues.city_codes
        # "X (Idleb)": a governorate in brackets is said of X alone, strictly
        strict = tail[0].text == "("
        if alone is not None and self._inside(alone, area, city, strict):
            if alone.admin1 == area.admin1 or area.feature_code in TOWN_FEATURES:
                return None
            # found only just over the governorate's line: a namesake inside it, spelled as
            # written or by its key, is the one meant ("X in Aleppo", X in Idleb and in Aleppo);
            # the area itself is not (X not found in it: the one over the line stands)
            whole = self.resolver.resolve_phrase(named.doc[named.start: tail.end].text, ctx)
            if whole is None or whole.admin1 != area.admin1 or whole.matched not in AREA_STAGES or \
                    whole.place_id == area.place_id or (whole.geo_precision or 3) >= FALLBACK_PRECISION:
                return None
            return whole
        whole = self.resolver.resolve_phrase(named.doc[named.start: tail.end].text, ctx)
        if whole is not None and not self._inside(whole, area, city, strict):
            # the resolver read past the area phrase: the area itself, never a far namesake
            whole = replace(area, geo_precision=max(area.geo_precision or 1, 2))
        return whole

    def _inside(self, m: Any, area: Any, city: bool = False, strict: bool = False) -> bool:
        """`m` lies in the area a phrase names: for a governorate (or its countryside), in it or
        near its line; for a town's countryside, within the geocoder's town reach (CITY_AREA_KM,
        DISTRICT_AREA_KM for a district seat); for "<town> city" (`city`), within the town's
        part radius; `strict`: in the governorate itself."""
        if strict:
            return m.admin1 == area.admin1
        if city:
            return haversine_km(m.latitude, m.longitude, area.latitude, area.longitude) <= \
                self.resolver.cues.part_radius_km
        town = area.feature_code in TOWN_FEATURES and self.resolver.gaz.admin1_of(area.name) is None
        if not town:
            return m.admin1 == area.admin1 or near_area(self.resolver.gaz, m.latitude, m.longitude,
                                                        area.admin1, AREA_NEAR_KM)
        reach = DISTRICT_AREA_KM if area.feature_code == "PPLA2" else CITY_AREA_KM  # a seat names its district too
        return haversine_km(m.latitude, m.longitude, area.latitude, area.longitude) <= reach

    def _area_phrase(self, prep: Token) -> Span | None:
        """The place phrase a preposition opens, ending where another role starts ("in Y
        province from X fighters": "in Y province")."""
        sp = self.linear_phrase(prep, first_is_prep=True)
        if sp is None:
            return None
        cut = next((t.i for t in sp if t.i > sp.start and (t.dep_ == "cc" or (
            t.dep_ == "prep" and t.lower_ != "of"))), None)
        return sp.doc[sp.start: cut] if cut is not None else sp

    def area_tail(self, span: Span) -> tuple[Span | None, Any]:
        """The phrases right after a place name that name the area it lies in ("in Y",
        "in the northern countryside of Y in Z", up to two), and the place the nearest of
        them names; (None, None) when the next words are not an `area_tail_preps` phrase or
        name no place."""
        preps = self.lex.lists.get("area_tail_preps", frozenset())
        doc, end, tail = span.doc, span.end, None
        first, nearest = None, None
        paren = bracket_after(span)
        if paren is not None:
            # "X (Idleb)": the governorate in brackets is the area; "X (Y) in Z": a second
            # name in brackets, the area after it
            inner = doc[paren.start + 1: paren.end - 1].text
            if self.resolver.gaz.admin1_of(inner) is not None:
                found = self.resolver.resolve_phrase(inner, PlaceContext(country=self.default_country))
                if found is not None:
                    first, nearest, tail = paren.start, found, paren
            end = paren.end
        # "A, B and C in Y": the area written after a list of names is said of each of them
        end = list_end(doc, end, preps, self.lex.settlement_nouns)
        end = link_end(doc, end, preps, self.lex.lists.get("area_tail_links", frozenset()))
        for _ in range(2):
            if end >= len(doc) or doc[end].lower_ not in preps or doc[end].dep_ != "prep":
                break
            if any(tx.start <= end < tx.end for tx in doc.spans.get("sitrep_timex", [])):
                break
            sp = self._area_phrase(doc[end])
            if sp is None or sp.end <= end:
                break
            found = self.resolver.resolve_phrase(sp.text, PlaceContext(country=self.default_country))
            if found is None:
                break
            if first is None:
                first, nearest = sp.start, found
            tail, end = sp, sp.end
        return (doc[first: tail.end], nearest) if tail is not None else (None, None)

    def sentence_places(self, st: DocState, sent: Span, mentions: dict[int, ActorRef],
                         par_start: int) -> list[PlaceRef]:
        out = []
        said_of: set[int] = set()  # tokens of an area phrase that only located the place before it
        for sp in self.location_phrases(sent, mentions):
            if sp.start in said_of:
                continue  # "in X in Y": Y is where X is, not a place of its own for later sentences
            p = self.resolve(st, sp, par_start)
            if p is not None:
                out.append(p)
                tail, _ = self.area_tail(sp)
                if tail is not None:
                    said_of.update(range(tail.start, tail.end))
        return out

    def choose(self, st: DocState, s: SentenceState, head: Token, verb: Token | None,
                      targets: list[Token], mentions: dict[int, ActorRef], par_place: PlaceRef | None,
                      other_heads: set[int], trig_toks: frozenset[int] = frozenset(),
                      territorial: bool = False,
                      destination_preps: frozenset[str] = frozenset()) -> tuple[PlaceRef | None, str]:
        own_toks = R.clause_tokens(head)
        if verb is not None and verb.i != head.i:
            # "killed in shelling by X on Y": the parser may hang the place on the agent phrase
            own_toks += [x for c in verb.children if c.dep_ in ("prep", "agent") for x in c.subtree]
        if head.dep_ == "conj" and head.pos_ == "VERB" and not any(c.dep_ in R.SUBJ or c.dep_ in R.PASS_SUBJ
                                                                   for c in head.children):
            own_toks += [t for t in R.clause_tokens(head.head) if t.dep_ == "prep"]
        if (head.tag_ == "VBG" or head.pos_ == "NOUN") and head.dep_ in ("csubj", "nsubj") and head.head.pos_ == "VERB":
            # "Shelling by X targets the outskirts of Y", "intense shelling targets the city of Y":
            # the act's place is what its verb hits
            gov = head.head
            targets = targets + [c for c in gov.children if c.dep_ in R.OBJ and c.i not in mentions]
            own_toks += [x for c in gov.children if c.dep_ == "prep" for x in c.subtree]
        if head.pos_ == "NOUN":
            # "air strikes targeting the hospital in X", "air raids and army shelling on the
            # village of X" (the parser hangs the second act on the first as a participle)
            own_toks += [x for c in head.children if c.dep_ == "acl" and c.tag_ == "VBG" for x in c.subtree]
        for t in targets:
            own_toks += list(t.subtree)
        origin = {x.i for t in own_toks if t.dep_ == "prep" and t.lower_ in self.lex.origin_preps for x in t.subtree}
        # a place the object names ("took the village of X in Y") first: it happened at X, Y only
        # locates X; then the clause's place phrases, then the rest of the object
        # "repelled an attempt to storm the village of X": the place the attempted act aimed at
        aimed = [c for t in targets for v in t.subtree if v.pos_ == "VERB" and v.dep_ in ("acl", "xcomp")
                 and v.i != head.i for c in v.children if c.dep_ in R.OBJ]
        objects = self.object_phrases(targets + aimed, mentions, territorial)
        named = [sp for sp in objects if getattr(sp, "label_", "") == NAMED_OF]
        if head.pos_ == "NOUN" or head.tag_ == "VBG":
            # "the capture of X", "the fall of X": the name after "of" is where it happened;
            # also of a participle act hung on it ("airstrikes and shelling of the town of X"),
            # and of the act itself ("regime shelling of X killed two")
            acts = [o for c in head.children if c.dep_ == "acl" and c.tag_ == "VBG"
                    for _, o in R.prep_children(c, frozenset({"of"}))]
            for h in [head] + acts:
                own_of = self._named_by_of(h, mentions, act=h.i == head.i)
                if own_of is not None:
                    named.insert(0, own_of)
                    break
        own = named + self.location_phrases(sorted({t for t in own_toks if t.i not in origin and t.i not in trig_toks},
                                                   key=lambda t: t.i), mentions, destination_preps)
        own += [sp for sp in objects if getattr(sp, "label_", "") != NAMED_OF]
        if head.pos_ == "NOUN":  # "the clashes of X": a known place's name after "of" on the act
            own += [sp for sp in act_of_names(head, mentions) if self._known_name(sp[-1])]
        best = self.best(st, own, s.par_start)
        inner = self._origin_inside(st, s, best, own_toks, origin)
        if inner is not None:
            return inner, "origin-in-area"
        if best:
            return best, "own"
        # "the area of X witnesses clashes": the verb's subject is the act's place
        subj = place_subjects(head, self.lex.lists.get("place_subject_verbs", frozenset()), R.SUBJ, mentions)
        best = self.best(st, [self._named_by_of(sp.root, mentions) or sp for sp in subj], s.par_start)
        if best:
            return best, "own"
        other = []
        for sp in self.location_phrases(s.span, mentions):
            if any(t.i in other_heads for t in R.chain(sp.root)):
                continue
            other.append(sp)
        best = self.best(st, other, s.par_start)
        inner = self._origin_inside(st, s, best, own_toks, origin)
        if inner is not None:
            return inner, "origin-in-area"
        if best:
            return best, "sentence"
        if origin:
            # "withdrew from X": the origin is the only place the clause names
            src = [t for t in own_toks if t.i in origin and t.dep_ == "prep"]
            best = self.best(st, [sp for t in src if (sp := self.linear_phrase(t, first_is_prep=True))],
                              s.par_start)
            if best:
                return best, "origin"
        # "killed by border guards as he tried to cross into Turkey from Idlib": the only place
        # the sentence names in the country is where the victim came from
        src = [t for t in s.span if t.dep_ == "prep" and t.lower_ in self.lex.origin_preps and t.i not in origin]
        best = self.best(st, [sp for t in src if (sp := self.linear_phrase(t, first_is_prep=True))], s.par_start)
        if best:
            return best, "sentence-origin"
        subj = [x for c in R.subjects(head) for x in c.subtree]
        for t in own_toks + subj:
            p = self._people_of(st, t, s.par_start)
            if p is not None:
                return p, "people"
            if t.lemma_.lower() in self.lex.settlement_nouns and st.main_place is not None and \
                    any(c.lower_ == "the" for c in t.children) and not any(c.pos_ == "PROPN" for c in t.subtree):
                return st.main_place, "anaphora"
        # "the people of X flee as the army intensifies its bombardment": the sentence's
        # people are of the place the act is at, when nothing else places it
        for t in s.span:
            p = self._people_of(st, t, s.par_start, names_only=True)
            if p is not None:
                return p, "sentence-people"
        # a place named in the argument of another trigger of the same sentence
        # ("reached a deal ... to evacuate its fighters from X"): the clause is about it
        shared = [sp for sp in self.location_phrases(s.span, mentions) if sp not in other]
        best = self.best(st, shared, s.par_start)
        if best:
            return best, "sentence-shared"
        # a proper name inside the target ("a member of the X town council")
        names = []
        for t in targets:
            run: list[Token] = []
            for x in list(t.subtree) + [None]:
                if x is not None and x.pos_ == "PROPN" and x.i not in mentions:
                    run.append(x)
                    continue
                if run:
                    # only a name that modifies a common noun ("the X town council")
                    if run[-1].dep_ == "compound" and run[-1].head.pos_ == "NOUN":
                        names.append(t.doc[run[0].i: run[-1].i + 1])
                    run = []
        best = self.best(st, names, s.par_start)
        if best:
            return best, "target-name"
        if own:
            named = self.unresolved(st, own, s.par_start, mentions)
            return (named, "unresolved") if named is not None else (None, "vague")
        if par_place is not None:
            return par_place, "paragraph"
        if st.last_place is not None:
            return st.last_place, "article"
        return None, "none"

    def _people_of(self, st: DocState, t: Token, par_start: int, names_only: bool = False) -> PlaceRef | None:
        """The place of "the residents of X" when `t` is such a people noun (cues
        `people_of_nouns`); with `names_only`, only a proper name after "of" counts."""
        if t.lemma_.lower() not in self.lex.people_of_nouns:
            return None
        for _, o in R.prep_children(t, frozenset({"of"})):
            sp = self.linear_phrase(o, first_is_prep=False) if o.pos_ == "PROPN" or not names_only else None
            p = self.resolve(st, sp, par_start) if sp is not None else None
            if p is not None:
                return p
        return None

    def _origin_inside(self, st: DocState, s: SentenceState, best: PlaceRef | None, own_toks: list[Token],
                       origin: set[int]) -> PlaceRef | None:
        """The named place a clause moved from ("withdrew from X town in the Y countryside"),
        when the place found so far is only the area around it: the area locates X."""
        if best is None or not origin or (best.match.geo_precision or 3) < FALLBACK_PRECISION:
            return None
        src = [t for t in own_toks if t.i in origin and t.dep_ == "prep"]
        inner = self.best(st, [sp for t in src if (sp := self.linear_phrase(t, first_is_prep=True))], s.par_start)
        if inner is None or (inner.match.geo_precision or 3) >= FALLBACK_PRECISION:
            return None
        return inner if getattr(inner.match, "admin1", None) == getattr(best.match, "admin1", None) else None

    def unresolved(self, st: DocState, spans: list[Span], par_start: int,
                   mentions: dict[int, ActorRef]) -> PlaceRef | None:
        """The last proper name in the clause's own place phrases that the gazetteer does not
        know at all ("the village of X"); not an actor's name, a person, a date or a country."""
        if self.resolver is None:
            return None
        for sp in reversed(spans):
            run: list[Token] = []
            for t in reversed(list(sp)):
                if t.pos_ == "PROPN" or (run and t.text in ("-", "'", "’")) or (
                        run and t.lower_ in self.lex.lists.get("place_name_particles", frozenset())):
                    run.insert(0, t)
                elif run:
                    break
            while run and not run[0].text[:1].isupper():
                run.pop(0)
            # the tagger often reads an unknown village name as a person; "the village of X"
            # or "X town" says it is a place
            placey = sp.label_ == NAMED_OF or any(t.lemma_.lower() in self.lex.settlement_nouns for t in sp)
            if run and not any(t.ent_type_ in ("DATE", "TIME") or (t.ent_type_ == "PERSON" and not placey)
                               or t.i in mentions for t in run):
                name_span = sp.doc[run[0].i: run[-1].i + 1]
                if self.resolver.resolve_phrase(name_span.text, self.context(st)) is not None:
                    continue  # known (a country, or a place the phrase's wording kept from resolving)
                return PlaceRef(UnresolvedPlace(name=name_span.text), name_span, par_start + name_span.start_char,
                                par_start + name_span.end_char)
        return None

    def best(self, st: DocState, spans: list[Span], par_start: int) -> PlaceRef | None:
        found = []
        for k, sp in enumerate(spans):
            p = self.resolve(st, sp, par_start)
            if p is not None:
                found.append((max(p.match.geo_precision or 3, 2), k, p))
        if not found:
            return None
        found.sort(key=lambda x: (x[0], x[1]))
        return found[0][2]

