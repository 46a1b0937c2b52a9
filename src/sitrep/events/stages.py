"""The built-in event stages, one job each, run in the order pipeline.yaml gives.

Every stage reads and writes named `Mention` slots (see `state.py`) and may stop a
mention with a reason. The readers they call (`ActorReader`, `PlaceReader`,
`ClaimReader`, `Fatalities`, `Continuation`, `RuleMatcher`) live in their own modules
and are built once per extractor (`Kit`).

A missing argument never removes an event when the stage is set to keep it
(`keep_actorless`, `keep_placeless`): the field stays empty, the field's name goes
to `Mention.fallbacks` as "no_<field>", and `confidence` is lowered.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from sitrep.events import roles as R
from sitrep.events.actors import ActorReader
from sitrep.events.claims import ClaimReader
from sitrep.events.codes import codes, mutual_fire
from sitrep.events.conventions import (
    TAKEN_BY_FORCE,
    after_a_withdrawal as _after_a_withdrawal,
    can_stand_in as _can_stand_in,
    gerund_subject as _gerund_subject,
    headline as _headline,
    keep_actorless as _keep_actorless,
    person_victim as _person_victim,
    popular_push as _popular_push,
    said_unopposed as _said_unopposed,
    stand_in_phrase as _stand_in_phrase,
    supports_a_battle as _supports_a_battle,
    weapon_in_trigger as _weapon_in_trigger,
)
from sitrep.events.continuation import Continuation
from sitrep.events.detect import RuleMatcher
from sitrep.events.fatalities import Fatalities
from sitrep.events.lexicon import EventLexicon
from sitrep.events.merge import event_id
from sitrep.events.modality import modality
from sitrep.events.places import PLACE_SOURCES, PlaceReader
from sitrep.errors import DataFileError
from sitrep.events.registry import Stage, register
from sitrep.events.state import ActorRef, DocState, Mention, ParagraphState, SentenceState
from sitrep.records import Event, Evidence, Statement
from sitrep.timex import TimexParser


@dataclass(slots=True)
class Kit:
    """The readers every stage may call, built once per extractor."""

    lex: EventLexicon
    timex: TimexParser
    actors: ActorReader
    places: PlaceReader
    claims: ClaimReader
    fatalities: Fatalities
    continuation: Continuation
    matcher: RuleMatcher

    @classmethod
    def build(cls, lex: EventLexicon, timex: TimexParser, actor_resolver: Any, place_resolver: Any,
              default_country: str | None) -> Kit:
        actors = ActorReader(lex, actor_resolver)
        return cls(lex=lex, timex=timex, actors=actors,
                   places=PlaceReader(lex, place_resolver, default_country),
                   claims=ClaimReader(lex, actors), fatalities=Fatalities(lex, timex),
                   continuation=Continuation(lex, actors), matcher=RuleMatcher(lex))


@register("detect", assigns=("rule", "misparsed"))
class Detect(Stage):
    """Which rule the trigger fires; a verb whose subject is another trigger defers to it."""

    def __init__(self, kit: Any, short_doc_sentences: int = 0) -> None:
        super().__init__(kit)
        self.short_doc_sentences = short_doc_sentences

    def __call__(self, m: Mention, st: DocState, s: SentenceState, par: ParagraphState) -> None:
        matcher = self.kit.matcher
        m.head = matcher.head_of(m.trig)
        m.rule = matcher.rule_for(m.trig, m.head, par.mentions, headline=_headline(st, self.short_doc_sentences, s),
                                    nothing_before=not st.events and st.unplaced is None)
        if m.rule is None:
            m.stop("no-rule-conditions")
            return
        m.misparsed = R.misparsed(self.lex, m.head)


@register("modality", assigns=("kind",), requires=("rule",))
class Modality(Stage):
    """Negated, habitual or recalled mentions stop; plans, threats and predictions become statements."""

    def __init__(self, kit: Any, short_doc_sentences: int = 3) -> None:
        super().__init__(kit)
        self.short_doc_sentences = short_doc_sentences

    def __call__(self, m: Mention, st: DocState, s: SentenceState, par: ParagraphState) -> None:
        # a misparsed verb shares the modality of the clause its subject governs; in a verbless
        # parse ("HTS controlled X village") the subject hangs on the trigger or heads the
        # sentence, and the object noun stands for the clause
        anchor = m.head
        if m.misparsed:
            subj, obj = m.misparsed
            anchor = obj if subj.head.i == m.head.i or subj.dep_ == "ROOT" else subj.head
        fresh = _headline(st, self.short_doc_sentences, s)
        kind = modality(self.lex, anchor, m.rule, s.cues, m.trig, fresh=fresh)
        if kind == "drop":
            m.stop("modality")
            return
        m.kind = kind
        head = m.head
        if _supports_a_battle(self.lex, m, s, par, st):
            m.stop("part-of-battle")
            return
        other_tok = {i for t in par.triggers if t.root.i != head.i for i in range(t.start, t.end)}
        subjects = R.subjects(head) if head.pos_ in ("VERB", "AUX") else [m.misparsed[0]] if m.misparsed else []
        if head.dep_ == "acl" and head.tag_ in ("VBN", "VBD"):
            subjects = subjects + [head.head]  # "A grenade detonated in X": read as a participle on its subject
        if not m.rule.requires_antecedent and any(c.i in other_tok for c in subjects):
            m.stop("subject-is-trigger")  # "a mob stormed ...": the subject trigger reports the event


@register("arguments", assigns=("actor1", "actor2", "targets", "statement"), requires=("rule", "kind"))
class Arguments(Stage):
    """actor1 / actor2 / associated actors from the parse and the rule's ACLED conventions."""

    def __init__(self, kit: Any, keep_actorless: bool = False) -> None:
        super().__init__(kit)
        self.keep_actorless = keep_actorless

    def __call__(self, m: Mention, st: DocState, s: SentenceState, par: ParagraphState) -> None:
        actors = self.kit.actors
        a1s, a2s, targets = actors.roles(st, m.head, par.mentions)
        if m.rule.destination_preps:
            # "deployed from Damascus to X": where a move starts is a place, not its doer
            origin = self.lex.origin_preps
            a1s = [a for a in a1s if a.span is None or not (a.span.root.dep_ == "pobj" and a.span.root.head.lower_ in origin)]
        if not m.rule.object_is_target:
            if not a1s and R.is_passive(m.head):
                # "X fighters were deployed to Y": what a non-target act moved or changed is its doer
                moved = {x.i for c in m.head.children if c.dep_ in R.PASS_SUBJ for x in c.subtree}
                a1s = [a for a in a2s if a.span is not None and a.span.root.i in moved]
            a2s = []
        # "struck Damascus airport": a government's seat named as the place hit is no target actor
        a2s = [a for a in a2s if a.span is None or not self.kit.places.place_not_actor(a.span.root)]
        m.a1s, m.a2s = actors.conventions(st, m.rule, m.head, a1s, a2s, targets, par.mentions)
        m.targets = targets
        if m.rule.requires == "territory" and m.a1s and m.a2s and actors.allied(m.a1s[0], m.a2s[0]):
            # "regime and pro-regime militia forces captured X", parsed as two sides: allies
            # take ground together, the state first (ACLED's convention for a joint advance)
            side = sorted([m.a1s[0], m.a2s[0]], key=lambda a: a.inter or 9)
            m.a1s, m.a2s = side + m.a1s[1:], m.a2s[1:]
        m.actor1 = m.a1s[0] if m.a1s else None
        m.actor2 = m.a2s[0] if m.a2s else None
        if m.kind is not None:
            ps = s.par_start
            m.statement = Statement(doc_id=st.document.doc_id, kind=m.kind, text=s.span.text,
                                    start=ps + s.span.start_char, end=ps + s.span.end_char,
                                    actor=m.actor1.name if m.actor1 else None)
            m.stop(f"statement:{m.kind}")
            return
        if (m.actor1 is None or m.actor1.generic) and not (m.rule.actor1 or m.rule.subject_is_actor2):
            # "X militants attacked": a group the ontology lacks beats the generic "militants"
            named = actors.unlisted(st, m.head, self.kit.places)
            if named is not None:
                m.actor1 = named
                m.a1s = [named] + [a for a in m.a1s if not a.generic]
                m.fallbacks.append("actor1:unlisted")
        cont = self.kit.continuation
        if m.actor1 is None and cont.continuing(m.rule.codes.sub_event_type):
            m.unplaced = cont.unplaced(st, s)
        if m.actor1 is None and m.actor2 is None and m.unplaced is None and not _can_stand_in(self.lex, m.rule):
            if not _keep_actorless(self.keep_actorless, st, m, par, self.kit.places):
                m.stop("no-actor")
                return
            m.fallbacks.append("no_actor")


@register("place", assigns=("place",), requires=("targets",))
class Place(Stage):
    """The clause's place, else the sentence's, paragraph's or article's (recorded as a fallback)."""

    def __init__(self, kit: Any, keep_placeless: bool | str = False, keep_unresolved: bool = True,
                 short_doc_sentences: int = 3) -> None:
        super().__init__(kit)
        if keep_placeless not in (True, False, "short"):
            raise DataFileError(f"pipeline.yaml: place.keep_placeless must be true, false or short, not {keep_placeless!r}")
        self.keep_placeless = keep_placeless
        self.keep_unresolved = keep_unresolved
        self.short_doc_sentences = short_doc_sentences

    def _keep_placeless(self, m: Mention, st: DocState) -> bool:
        """`short`: only in a report of a few sentences that names no place at all (a place named
        but not found is kept by name, or the event is dropped), and only when someone is
        named as doing it or the type takes an unidentified perpetrator."""
        if self.keep_placeless != "short":
            return bool(self.keep_placeless)
        named = m.actor1 is not None and not m.actor1.generic
        return st.n_sentences <= self.short_doc_sentences and not st.names_a_place and (
            named or _can_stand_in(self.lex, m.rule))

    def __call__(self, m: Mention, st: DocState, s: SentenceState, par: ParagraphState) -> None:
        head, rule = m.head, m.rule
        m.verb = head if head.pos_ in ("VERB", "AUX") else R.governing_verb(head)
        other_heads = {t.root.i for t in par.triggers if t.root.i != head.i}
        m.place, m.place_how = self.kit.places.choose(st, s, head, m.verb, m.targets, par.mentions, par.place,
                                                      other_heads, frozenset(range(m.trig.start, m.trig.end)),
                                                      territorial=rule.requires == "territory",
                                                      destination_preps=rule.destination_preps)
        if m.place_how == "unresolved" and not self.keep_unresolved:
            m.place = None
        site = None
        if rule.keeper_nouns and m.actor1 is not None and m.place_how != "own":
            held = m.actor1.span.root.head if m.actor1.span is not None else None  # "a government prison"
            prison = held.doc[held.left_edge.i: held.i + 1] if held is not None and held.pos_ == "NOUN" else None
            site = self.kit.places.custody_site(m.actor1.name, prison, s.par_start)
        if site is not None:
            # "a man from X died under torture in a regime prison": not at X, at the jailer's prison
            m.place, m.place_how = site, "custody"
        if m.place is not None:
            if m.place_how != PLACE_SOURCES[0]:
                m.fallbacks.append(f"location:{m.place_how}")
            return
        a1 = m.actor1
        if a1 is not None and not a1.generic and (self.kit.continuation.continuing(rule.codes.sub_event_type) or (
                head.pos_ == "NOUN" and head.lemma_.lower() in self.lex.lists.get("continuing_subjects", ()))):
            # "Israel launched a wave of raids overnight.": the next sentence may say where
            st.unplaced = (a1, rule.codes.event_type, rule.codes.sub_event_type, s.span.doc,
                           s.span.end, len(st.events))
            if not self._keep_placeless(m, st):
                m.stop("no-place-announced")
                return
        elif not self._keep_placeless(m, st):
            m.stop("no-place")
            return
        m.fallbacks.append("no_location")


@register("type", assigns=("event_type", "sub_event_type"), requires=("place", "actor1"))
class Type(Stage):
    """ACLED codes from the rule, refined by instrument words and actor1's inter group."""

    def __init__(self, kit: Any, keep_actorless: bool = False) -> None:
        super().__init__(kit)
        self.keep_actorless = keep_actorless

    def __call__(self, m: Mention, st: DocState, s: SentenceState, par: ParagraphState) -> None:
        head, rule = m.head, m.rule
        # words of a trigger this rule absorbs still refine it ("came under mortar fire")
        other_toks = {i for t in par.triggers if t.root.i != head.i and not (set(t.label_.split("|")) & rule.absorbs)
                      for i in range(t.start, t.end)}
        # the target's own name says nothing of the weapon ("attacked an Air Force Intelligence post")
        if m.actor2 is not None and m.actor2.span is not None and not m.actor2.generic:
            other_toks |= set(range(m.actor2.span.start, m.actor2.span.end))
        clause = [t for t in R.clause_tokens(m.verb if m.verb is not None else head) if t.i not in other_toks]
        if m.verb is not None:
            # "attacked a village, killing nine villagers": the toll clause tells whom it hit
            clause += [t for c in m.verb.children if c.dep_ == "advcl" and c.tag_ == "VBG" and
                       c.lemma_.lower() in self.lex.lists.get("toll_verbs", frozenset()) for t in c.subtree]
        state = self.lex.inter_groups.get("state", frozenset())
        if rule.by_actor and m.actor1 is not None and m.actor1.inter not in state:
            # "regime and pro-regime militia forces captured X": with the state's forces among the
            # takers, the government regains it (ACLED: the state is actor1, its allies associated)
            lead = next((a for a in m.a1s if a.inter in state), None)
            if lead is not None:
                m.a1s = [lead] + [a for a in m.a1s if a is not lead]
                m.actor1 = lead
        m.event_type, m.sub_event_type, m.plover = codes(self.lex, rule, head, clause, m.actor1, m.actor2)
        if mutual_fire(self.lex, head, m.sub_event_type, m.actor1, m.actor2, par.mentions):
            m.event_type, m.sub_event_type, m.plover = "Battles", "Armed clash", "FIGHT"
        if m.sub_event_type in TAKEN_BY_FORCE and (_said_unopposed(self.lex, s.span.text) or _after_a_withdrawal(
                self.lex, s.span) or _popular_push(
                self.lex, m.actor1, s.span)):
            m.event_type, m.sub_event_type = "Strategic developments", "Non-violent transfer of territory"
        if m.sub_event_type == "Armed clash":
            self._communal(m, st)
        if m.actor1 is None and m.actor2 is None and m.unplaced is None and "no_actor" not in m.fallbacks and (
                _stand_in_phrase(self.lex, rule, m.sub_event_type) is None or (
                    head.pos_ not in ("NOUN", "PROPN") and not _gerund_subject(head) and not rule.requires
                    and not rule.requires_subject and not rule.victim_subject
                    and not _weapon_in_trigger(self.lex, m.trig) and not (
                        rule.implies_doer and _person_victim(self.lex, head)))):
            # a stand-in perpetrator needs an anchor: a weapon noun or a required object
            if not _keep_actorless(self.keep_actorless, st, m, par, self.kit.places):
                m.stop("no-anchor-for-stand-in")
                return
            m.fallbacks.append("no_actor")

    def _communal(self, m: Mention, st: DocState) -> None:
        """Armed locals with no group name fighting in one town ("two armed families", "locals
        clashed") are ACLED's "<Town> Communal Militia" on each side (cues `communal_in_clash`)."""
        if m.actor1 is None and m.actor2 is None and self._kin_groups(m, st):
            return
        kin = tuple(self.lex.lists.get("communal_in_clash", ()))
        match = m.place.match if m.place is not None else None
        if not kin or match is None or not getattr(match, "latitude", None) or (match.geo_precision or 3) > 2:
            return
        if getattr(match, "feature_code", "") in ("ADM1", "ADM2", "ADM3", "PCLI"):
            return
        local = None
        if m.actor1 is None and m.actor2 is None and any(
                t.lemma_.lower() in self.lex.lists.get("communal_sides", frozenset()) for t in m.head.sent):
            # "clashes between armed members of two families in X": nobody named, families fighting
            r = self.kit.actors.resolve(st, f"{match.name} communal militia")
            if r is not None:
                m.actor1 = m.actor2 = self.kit.actors.to_actor(r, None)
            return
        for role in ("actor1", "actor2"):
            a = getattr(m, role)
            if a is None or not a.generic or not a.name.lower().startswith(kin):
                continue
            if local is None:
                r = self.kit.actors.resolve(st, f"{match.name} communal militia")
                if r is None:
                    return
                local = self.kit.actors.to_actor(r, a.span)
            setattr(m, role, replace(local, span=a.span))
        if local is not None and m.actor2 is None:
            m.actor2 = local  # fighting inside one community: the same militia on both sides


    def _kin_groups(self, m: Mention, st: DocState) -> bool:
        """"Clashes between two tribes": with nobody else named, the tribes (or clans) the
        sentence sets fighting are ACLED's unidentified tribal (clan) militia on each side."""
        lemmas = {t.lemma_.lower() for t in m.head.sent}
        for words, phrase in (("tribal_sides", "tribal militia"), ("clan_sides", "clan militia")):
            if lemmas & self.lex.lists.get(words, frozenset()):
                r = self.kit.actors.resolve(st, phrase)
                if r is not None:
                    m.actor1 = m.actor2 = self.kit.actors.to_actor(r, None)
                    return True
        return False


@register("continuation", assigns=("stand_in",), requires=("event_type", "place"))
class ContinuationStage(Stage):
    """A perpetrator-less strike continues an earlier one, or the one announced just before."""

    def __call__(self, m: Mention, st: DocState, s: SentenceState, par: ParagraphState) -> None:
        cont, rule, lex = self.kit.continuation, m.rule, self.lex
        actors = self.kit.actors
        prev = cont.antecedent(st, m.head) if (m.actor1 is None or rule.requires_antecedent) else None
        u = m.unplaced
        if rule.requires_antecedent and prev is None and u is None:
            m.stop("no-antecedent")
            return
        place_name = m.place.match.name if m.place is not None else None
        if prev is not None and (prev.location == place_name or prev.actor1 in {
                a.name for p in lex.unknown_actor1.values() if (a := actors.fixed_actor(st, p)) is not None}):
            # the same strike told again at the same place, or one whose perpetrator is a stand-in
            if rule.requires_antecedent:
                m.stop("retold-antecedent")
                return
            prev = None
        if prev is not None and m.actor1 is None and cont.continuing(m.sub_event_type):
            # "The raids also destroyed ...": the earlier strike's perpetrator and kind
            r = actors.resolve(st, prev.actor1)
            m.actor1 = ActorRef(prev.actor1, prev.inter1, False, None, getattr(r, "actor_id", "") if r else "")
            m.a1s = [m.actor1]
            m.event_type, m.sub_event_type = prev.event_type, prev.sub_event_type
            m.fallbacks.append("actor1:antecedent")
        if m.actor1 is None and prev is None and u is not None:
            # "... launched a wave of raids overnight. Missiles hit the airport.": the strike the
            # previous sentence announced without a place, its perpetrator and kind
            m.actor1 = u[0]
            if cont.continuing(u[2]):
                m.event_type, m.sub_event_type = u[1], u[2]
            m.a1s = [m.actor1]
            m.fallbacks.append("actor1:previous-sentence")
        stand_in = _stand_in_phrase(lex, rule, m.sub_event_type)
        if m.actor1 is None and stand_in is not None and "no_actor" not in m.fallbacks:
            m.actor1 = actors.fixed_actor(st, stand_in)
            m.stand_in = m.actor1 is not None
            m.a1s = [m.actor1] if m.actor1 is not None else []
            if m.stand_in:
                m.fallbacks.append("actor1:unidentified")
        if m.actor1 is not None and "no_actor" in m.fallbacks:
            m.fallbacks.remove("no_actor")


@register("localise", assigns=("actor1", "actor2"), requires=("place",))
class Localise(Stage):
    """Generic and state actors take the country of the event's place, not the document's
    default: "the army" or "civilians" in a report placed in Kano are Nigeria's. A place in
    the document's own country, or none, leaves them as they are."""

    def __call__(self, m: Mention, st: DocState, s: SentenceState, par: ParagraphState) -> None:
        resolver = self.kit.actors.resolver
        pm = m.place.match if m.place is not None else None
        country = getattr(pm, "country_code", None) if pm is not None else None
        if resolver is None or not country or not hasattr(resolver, "localise"):
            return
        cache: dict[tuple[str, str, int | None], ActorRef] = {}

        def here(a: ActorRef | None) -> ActorRef | None:
            if a is None or not a.actor_id:
                return a
            surface = a.span.text if a.span is not None else None
            key = (a.actor_id, surface or "", a.inter)
            if key not in cache:
                r = resolver.localise(a.actor_id, surface, country, st.actor_ctx, a.inter)
                cache[key] = a if r is None else ActorRef(name=r.name, inter=r.inter, generic=bool(r.generic),
                                                          span=a.span, actor_id=r.actor_id)
            return cache[key]

        m.a1s = [here(a) for a in m.a1s]
        m.a2s = [here(a) for a in m.a2s]
        m.actor1, m.actor2 = here(m.actor1), here(m.actor2)


@register("relocalise", assigns=("actor1", "actor2"), requires=("place", "stand_in"))
class Relocalise(Localise):
    """`localise` again after `continuation`: a stand-in perpetrator or one carried over from an
    earlier strike ("Unidentified Armed Group") takes the place's country too."""


@register("date", assigns=("event_date",))
class Date(Stage):
    """The sentence's own date, else the article's last one, else the day before publication."""

    def __call__(self, m: Mention, st: DocState, s: SentenceState, par: ParagraphState) -> None:
        if s.date is not None:
            m.event_date, m.time_precision, m.date_inferred, m.date_span = s.date
        elif st.previous_date is not None:
            (m.event_date, m.time_precision), m.date_inferred = st.previous_date, False
            m.fallbacks.append("event_date:article")
        elif st.document.meta.published is not None:
            m.event_date, m.time_precision = st.document.meta.published - timedelta(days=1), 2
            m.fallbacks.append("event_date:published")
        else:
            m.fallbacks.append("no_event_date")


@register("claims", assigns=("claimant", "certainty"))
class Claims(Stage):
    """The source the article credits with the report, and how sure: reported / claimed / alleged / rumoured."""

    def __call__(self, m: Mention, st: DocState, s: SentenceState, par: ParagraphState) -> None:
        claims, lex, head = self.kit.claims, self.lex, m.head
        claimant = s.claimant
        certainty = set(s.certainty)
        for t in R.chain(head)[1:]:
            if t.lemma_.lower() in lex.claim_verbs and t.pos_ in ("VERB",):
                holder = claims.claimant_of(st, t, par.mentions)
                if holder:
                    claimant = holder
                    st.last_claimant = holder
                    if not any(c.dep_ in R.SUBJ and c.lower_ in lex.claimant_pronouns for c in t.children):
                        certainty.discard("rumoured")
                    break
        if claimant is None or claimant is s.claimant:
            # "A car bomb exploded ..., the ministry said": a trailing attribution hangs
            # off the clause as parataxis rather than governing it
            for t in R.chain(head):
                said = next((c for c in t.children if c.dep_ == "parataxis" and c.pos_ == "VERB"
                             and c.lemma_.lower() in lex.claim_verbs and c.i > head.i), None)
                if said is not None:
                    holder = claims.claimant_of(st, said, par.mentions)
                    if holder:
                        claimant = holder
                        st.last_claimant = holder
                    break
        for qs, qe, holder in par.quotes:
            if qs <= head.i < qe:
                claimant = holder
                st.last_claimant = holder
        if claimant is not None:
            certainty.add(claims.level(st, claimant))
        m.claimant = claimant
        m.certainty = next((c for c in lex.certainty_rank if c in certainty), "reported")


@register("fatalities", assigns=("fatalities",))
class FatalitiesStage(Stage):
    """The sentence's death toll (None when it gives no number)."""

    def __call__(self, m: Mention, st: DocState, s: SentenceState, par: ParagraphState) -> None:
        # "a drone destroyed a vehicle": a rule that kills its object does so only with a killing verb
        kills = m.rule.kills_object and m.head.lemma_.lower() not in self.lex.lists.get("harm_not_death", frozenset()) \
            and not (m.head.dep_ == "xcomp" and m.head.head.lemma_.lower() in self.lex.lists.get(
                "attempt_verbs", frozenset()))  # "tried to kill": the victim lived
        m.fatalities, m.fatalities_span = self.kit.fatalities.find(
            s.span, m.head if kills else None, subject_dies=m.rule.victim_subject)


@register("confidence", assigns=("confidence",))
class Confidence(Stage):
    """1.0 for an event whose fields all came from the parse, less for each fallback.

    The penalties are settings (pipeline.yaml); a fallback's kind is the part of its
    name before ':' ("location:paragraph" -> "location").
    """

    def __init__(self, kit: Any, penalties: dict[str, float] | None = None, floor: float = 0.05) -> None:
        super().__init__(kit)
        self.penalties = {str(k): float(v) for k, v in (penalties or {}).items()}
        self.floor = floor

    def __call__(self, m: Mention, st: DocState, s: SentenceState, par: ParagraphState) -> None:
        score = 1.0
        for f in m.fallbacks:
            score -= self.penalties.get(f, self.penalties.get(f.split(":", 1)[0], 0.0))
        m.confidence = round(max(self.floor, min(1.0, score)), 2)


@register("assemble", assigns=("event",), requires=("event_type", "event_date", "claimant", "fatalities"))
class Assemble(Stage):
    """The `Event` record with the evidence span of every field that has one."""

    def __call__(self, m: Mention, st: DocState, s: SentenceState, par: ParagraphState) -> None:
        trig, place, ps = m.trig, m.place, s.par_start
        ev: list[Evidence] = [Evidence("trigger", ps + trig.start_char, ps + trig.end_char, trig.text)]
        for name, a in (("actor1", m.actor1), ("actor2", m.actor2)):
            if a is not None and a.span is not None and a.span.doc is trig.doc:
                ev.append(Evidence(name, ps + a.span.start_char, ps + a.span.end_char, a.span.text))
        if place is not None and place.span is not None:
            ev.append(Evidence("location", place.char_start, place.char_end, place.span.text))
        if m.date_span is not None:
            ds = m.date_span
            ev.append(Evidence("date", ps + ds.start_char, ps + ds.end_char, ds.text))
        if m.fatalities_span is not None:
            a, b = m.fatalities_span
            ev.append(Evidence("fatalities", ps + a, ps + b, s.span.doc.text[a:b]))
        c = m.claimant
        if c is not None and c[1] is not None and c[1].doc is trig.doc:
            ev.append(Evidence("claimed_by", ps + c[1].start_char, ps + c[1].end_char, c[1].text))
        ev.append(Evidence("sentence", ps + s.span.start_char, ps + s.span.end_char, s.span.text))
        pm = place.match if place is not None else None
        a1, a2 = m.actor1, m.actor2
        assoc1 = "; ".join(a.name for a in m.a1s[1:] if not a.generic) or None
        assoc2 = "; ".join(a.name for a in m.a2s[1:] if not a.generic) or None
        eid = event_id(st.document.doc_id, m.sub_event_type, a1.name if a1 else None, a2.name if a2 else None,
                       pm.name if pm else None, m.event_date, ps + s.span.start_char, m.head.i)
        if m.stand_in:
            st.defaulted.add(eid)
        m.event = Event(
            event_id=eid, doc_id=st.document.doc_id, event_date=m.event_date, time_precision=m.time_precision,
            event_type=m.event_type, sub_event_type=m.sub_event_type,
            actor1=a1.name if a1 else None, inter1=a1.inter if a1 else None, assoc_actor_1=assoc1,
            actor2=a2.name if a2 else None, inter2=a2.inter if a2 else None, assoc_actor_2=assoc2,
            country=pm.country if pm else None, admin1=pm.admin1 if pm else None,
            admin2=pm.admin2 if pm else None, location=pm.name if pm else None,
            latitude=pm.latitude if pm else None, longitude=pm.longitude if pm else None,
            geo_precision=pm.geo_precision if pm else None,
            fatalities=m.fatalities, source=st.document.meta.source, notes=s.span.text.strip(),
            certainty=m.certainty, claimed_by=c[0] if c else None, plover_type=m.plover,
            date_inferred=m.date_inferred, rule_id=m.rule.id, evidence=ev,
            confidence=m.confidence, fallbacks=list(m.fallbacks),
        )
