"""Event extraction: body paragraphs -> ACLED-style `Event`s and `Statement`s.

One `nlp.pipe` pass over the body paragraphs of a batch of documents; everything
after that is rule layers over the parse (dict lookups, no re-parsing). The rules:

* a trigger (``doc.spans["sitrep_triggers"]``) is a candidate event; its codes come
  from the lexicon, refined by instrument cues and by actor1's inter group;
* modality cues on the trigger's governing chain (modal auxiliaries, "to"-infinitive
  purposes, plan/threat/prediction words, "if") make it a `Statement`; negation and
  habitual cues drop it; trigger nouns that only recall an event ("the strike",
  "after the attack", "several strikes") are dropped;
* roles come from the dependency parse (subject / "by" agent / passive subject /
  object / "on"/"against" targets / "between X and Y"), actors from the resolver;
* the place is the most specific resolved place tied to the clause, then the
  sentence, then the paragraph, then the article so far;
* dates come from the sentence's time expression, else the last one in the
  article, else the day before publication (see `sitrep.timex`);
* claims: "X said/confirmed that ...", quotes attributed after the closing mark,
  "according to X" (scoping forward over the paragraph), certainty words;
* duplicates inside one document are merged (identical fields, or a vaguer
  summary of a more specific event: `MERGE_KM`, `MERGE_DAYS`).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitrep.events import roles as R
from sitrep.events.lexicon import EventLexicon, TriggerRule, load_lexicon, phrase_tokens
from sitrep.geo.distance import haversine_km
from sitrep.geo.resolve import PlaceContext
from sitrep.records import Document, Event, Evidence, Statement
from sitrep.timex import TimexParser, load_timex_parser

log = logging.getLogger(__name__)

# Two reports of one event in one article are merged when the vaguer one lies within
# MERGE_KM of the specific one and MERGE_DAYS of its date. Calibrated on the seed
# pages (a lede summary vs its detail sentence are 5-40 km apart); re-run
# `sitrep eval` on the seeds after changing.
MERGE_KM = 75.0
MERGE_DAYS = 7
# A place at ACLED geo_precision 3 or finer counts; country-level matches do not.
COUNTRY_FEATURES = frozenset({"PCLI", "PCL", "PCLD", "PCLF", "ADM0"})
# Capitals of the country, a governorate or a district.
SEAT_FEATURES = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3"})
DEFAULT_BATCH_SIZE = 32
# A place read from a proper name inside a longer description is at best "near" it.
FALLBACK_PRECISION = 3
DEFAULT_COUNTRY = "SY"
# A wire-style dateline opening a paragraph: "CITY, Country, Mon D (AGENCY) - ".
# It names where the report was filed, not who did what: it is blanked (same length,
# so offsets hold) before parsing and its place is only the article's last resort.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,3})(?:,\s*[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Za-z .&]{2,30}\)\s*)?[—–-]{1,2}\s+")


@dataclass(slots=True)
class _Actor:
    name: str
    inter: int | None
    generic: bool
    span: Span | None
    actor_id: str = ""


@dataclass(slots=True)
class _Place:
    match: Any  # PlaceMatch
    span: Span | None
    char_start: int
    char_end: int


@dataclass(slots=True)
class _DocState:
    document: Document
    actor_ctx: Any
    last_actors: list[_Actor] = field(default_factory=list)
    last_claimant: tuple[str, Span | None] | None = None
    previous_date: tuple[date, int] | None = None
    last_place: _Place | None = None
    main_place: _Place | None = None  # the first place of the article: "the town" refers to it
    defaulted: set[str] = field(default_factory=set)  # event ids whose actor1 is a stand-in
    admin1_hints: list[str] = field(default_factory=list)
    year_hint: int | None = None
    actor_cache: dict[str, Any] = field(default_factory=dict)
    speaker_levels: dict[str, str] = field(default_factory=dict)  # person name word -> claim level
    events: list[Event] = field(default_factory=list)  # the article's events so far (earlier sentences)
    par_from: int = 0  # index in `events` of the current paragraph's first event
    # a strike whose named perpetrator had no place: (actor, event type, sub-event type,
    # paragraph doc, end token of its sentence, number of events then)
    unplaced: tuple[Any, str, str, Any, int, int] | None = None
    # the events of the sentence just read, when it had any: a casualty sentence
    # right after it ("Three fighters were killed.") may give them their toll
    just_found: list[Event] = field(default_factory=list)


@dataclass(slots=True)
class _Sentence:
    span: Span
    par_start: int
    claimant: tuple[str, Span | None] | None = None
    certainty: set[str] = field(default_factory=set)


class EventExtractor:
    """Build once from resources, then `extract(docs)` many times."""

    def __init__(self, nlp: Language, actor_resolver: Any = None, place_resolver: Any = None,
                 lexicon: EventLexicon | None = None, timex: TimexParser | None = None,
                 *, default_country: str | None = DEFAULT_COUNTRY) -> None:
        self.nlp = nlp
        self.actors = actor_resolver
        self.places = place_resolver
        self.lex = lexicon or load_lexicon()
        self.timex = timex or load_timex_parser()
        self.default_country = default_country
        self._fat = _FatalityPatterns(self.lex, self.timex)
        self._follow_on_blockers = tuple(
            " ".join(str(b).lower().split()) for b in self.lex.fatalities.get("follow_on_blockers") or ())
        if actor_resolver is not None and "sitrep_actor_mentions" in nlp.pipe_names:
            pipe = nlp.get_pipe("sitrep_actor_mentions")
            if getattr(pipe, "_n_forms", 0) == 0 and hasattr(actor_resolver, "surface_forms"):
                pipe.add_forms(actor_resolver.surface_forms())

    # ------------------------------------------------------------------ driving
    def extract(self, docs: Iterable[Document], batch_size: int = DEFAULT_BATCH_SIZE
                ) -> Iterator[tuple[Document, list[Event], list[Statement]]]:
        batch: list[Document] = []
        for d in docs:
            batch.append(d)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, docs: list[Document]) -> Iterator[tuple[Document, list[Event], list[Statement]]]:
        datelines: dict[int, tuple[int, int, Any]] = {}
        texts = []
        for i, d in enumerate(docs):
            for j, p in enumerate(d.segmentation.body):
                text = p.text
                found = self._dateline(text)
                if found is not None:
                    end, match, name_end = found
                    text = " " * end + text[end:]
                    datelines.setdefault(i, (p.start, p.start + name_end, match))
                texts.append((text, (i, j)))
        parsed: dict[int, list[Doc]] = {i: [] for i in range(len(docs))}
        for sdoc, (i, _j) in self.nlp.pipe(texts, as_tuples=True, batch_size=64):
            parsed[i].append(sdoc)
        for i, d in enumerate(docs):
            yield (d, *self._document(d, parsed[i], datelines.get(i)))

    def _dateline(self, text: str) -> tuple[int, Any, int] | None:
        """(length, place match, end of the place name) of a dateline opening `text`."""
        m = DATELINE.match(text)
        if m is None or self.places is None:
            return None
        from sitrep.geo.resolve import PlaceContext

        place = self.places.resolve_phrase(m.group("place").title(), PlaceContext(country=self.default_country))
        if place is None or place.feature_code in COUNTRY_FEATURES:
            return None
        return m.end(), place, m.end("place")

    # ----------------------------------------------------------------- document
    def _document(self, document: Document, pdocs: list[Doc], dateline: tuple[int, int, Any] | None = None
                  ) -> tuple[list[Event], list[Statement]]:
        ctx = self._actor_context(document)
        st = _DocState(document=document, actor_ctx=ctx)
        if dateline is not None:
            st.last_place = _Place(dateline[2], None, dateline[0], dateline[1])
        events: list[Event] = []
        statements: list[Statement] = []
        for par, sdoc in zip(document.segmentation.body, pdocs):
            if self.actors is not None and hasattr(self.actors, "learn_acronyms"):
                self.actors.learn_acronyms(par.text, ctx)
            for m in re.finditer(r"\b(?:19|20)\d\d\b", par.text):
                if st.year_hint is None:
                    st.year_hint = int(m.group())
            self._paragraph(st, par.start, sdoc, events, statements)
        return _merge(events, self.lex.supersedes), statements

    def _actor_context(self, document: Document) -> Any:
        if self.actors is None:
            return None
        from sitrep.knowledge.actors import ActorContext

        try:
            return ActorContext(country=self.default_country, acronyms={}, date=document.meta.published)
        except TypeError:
            return ActorContext(country=self.default_country, acronyms={})

    def _paragraph(self, st: _DocState, par_start: int, sdoc: Doc, events: list[Event],
                   statements: list[Statement]) -> None:
        mentions = self._mentions(st, sdoc)
        quotes = self._quotes(st, sdoc, mentions)
        forward_claimant: tuple[str, Span | None] | None = None
        forward_certainty: set[str] = set()
        triggers = list(sdoc.spans.get("sitrep_triggers", []))
        cues = list(sdoc.spans.get("sitrep_cues", []))
        timexes = list(sdoc.spans.get("sitrep_timex", []))
        par_place: _Place | None = None
        par_events_from = len(events)
        st.events, st.par_from = events, par_events_from
        for sent in sdoc.sents:
            s = _Sentence(span=sent, par_start=par_start)
            s_cues = [c for c in cues if sent.start <= c.start < sent.end]
            # claims and certainty that scope over this sentence
            s.claimant, s.certainty = forward_claimant, set(forward_certainty)
            for c in s_cues:
                level = c.label_.split(":", 1)[1] if c.label_.startswith("certainty:") else None
                if level and c.root.dep_ == "acl" and c.root.head.pos_ in ("NOUN", "PROPN"):
                    continue  # "four men accused of collecting money": describes the men
                if level:
                    s.certainty.add(level)
                    if self.lex.certainty_scope.get(level) == "forward":
                        forward_certainty.add(level)
                        holder = self._claimant_of(st, R.governing_verb(c.root) or c.root, mentions)
                        if holder:
                            st.last_claimant = holder
                            forward_claimant = holder
                if c.label_ == "according_to":
                    holder = self._according_to(st, c, mentions)
                    if holder and not self._pronoun_source(c):
                        # a sentence that names its own source ends a rumour's scope
                        s.certainty.discard("rumoured")
                        forward_certainty.discard("rumoured")
                    if holder:
                        s.claimant = holder
                        st.last_claimant = holder
                        if c.start <= sent.start + 1 or c.root.head.dep_ == "ROOT":
                            forward_claimant = holder
            # time
            s_dates: list[tuple[date, int, bool, Span]] = []
            for tx in timexes:
                if sent.start <= tx.start < sent.end:
                    if tx.label_ == "year":
                        continue
                    prev = st.previous_date[0] if st.previous_date else None
                    d, prec, inferred = self.timex.normalise(tx.text, st.document.meta.published, prev, st.year_hint)
                    if d is not None:
                        if tx.label_ == "same" and st.previous_date:
                            prec = st.previous_date[1]
                        s_dates.append((d, prec, inferred, tx))
            s_date = s_dates[0] if s_dates else None
            if len(s_dates) > 1 and self._claim_timex(s_date[3]):
                # "activists said on Monday that ... over the weekend": the report's day
                # is not the event's when the clause names its own
                s_date = next((x for x in s_dates if not self._claim_timex(x[3])), s_date)
            # speakers introduced with their office ("head of the X centre, N, said")
            for t in sent:
                if t.pos_ == "VERB" and t.lemma_.lower() in self.lex.claim_verbs and \
                        any(x.ent_type_ == "PERSON" for c in t.children if c.dep_ in R.SUBJ for x in c.subtree):
                    holder = self._claimant_of(st, t, mentions)
                    if holder:
                        self._claim_level(st, holder)
            # triggers
            found: list[tuple[Token, TriggerRule, Event]] = []
            for trig in triggers:
                if not (sent.start <= trig.start < sent.end):
                    continue
                out = self._trigger(st, s, trig, s_cues, mentions, quotes, s_date, par_place, triggers)
                if isinstance(out, tuple):
                    found.append(out)
                elif isinstance(out, Statement) and not any(
                        (x.start, x.kind) == (out.start, out.kind) for x in statements):
                    statements.append(out)
            n_before = len(events)
            events.extend(self._coordinate(found))
            if len(events) > n_before:
                st.just_found = events[n_before:]
            else:
                self._follow_on_casualties(st, s, s_date)
                st.just_found = []
            self._responsibility(st, sent, s_cues, mentions, events, par_events_from)
            if s_date is not None:
                st.previous_date = (s_date[0], s_date[1])
            # remember places and actors named in this sentence for later sentences
            for p in self._sentence_places(st, sent, mentions, par_start):
                par_place = p
                st.last_place = p
                if st.main_place is None and (p.match.geo_precision or 3) <= FALLBACK_PRECISION:
                    st.main_place = p
            for tok_i in sorted(mentions):
                if sent.start <= tok_i < sent.end:
                    a = mentions[tok_i]
                    if not a.generic and (not st.last_actors or st.last_actors[-1].name != a.name):
                        st.last_actors.append(a)

    def _follow_on_casualties(self, st: _DocState, s: _Sentence, s_date: Any) -> None:
        """Give the previous sentence's single event the death count of this event-less sentence.

        News states the toll after the act ("Drones struck a car near X. Three
        fighters were killed."). Only the sentence right after one event, only
        when that event has no count yet, and not when this sentence dates
        itself otherwise, names a place the event's sentence does not, or says
        it is about another incident (cue words in the lexicon's fatalities).
        """
        if len(st.just_found) != 1 or st.just_found[0].fatalities is not None:
            return
        ev = st.just_found[0]
        low = _padded_words(s.span.text)
        if any(f" {b} " in low for b in self._follow_on_blockers):
            return
        if s_date is not None and s_date[0] != ev.event_date:
            return
        ev_text = (ev.notes or "").lower()
        if any(e.label_ in ("GPE", "LOC", "FAC") and e.text.lower() not in ev_text for e in s.span.ents):
            return
        n, where = self._fat.find(s.span)
        if n is None or where is None:
            return
        ps = s.par_start
        ev.fatalities = n
        ev.evidence.append(Evidence("fatalities", ps + where[0], ps + where[1], s.span.doc.text[where[0]:where[1]]))

    def _claim_timex(self, tx: Span) -> bool:
        """The time expression dates a reporting verb ("said on Monday")."""
        for t in R.chain(tx.root)[1:3]:
            if t.pos_ == "VERB":
                return t.lemma_.lower() in self.lex.claim_verbs
        return False

    # ------------------------------------------------------------------ actors
    def _resolve(self, st: _DocState, text: str) -> Any:
        if self.actors is None or not text.strip():
            return None
        key = text.strip().lower()
        if key not in st.actor_cache:
            st.actor_cache[key] = self.actors.resolve(text.strip(), st.actor_ctx)
        return st.actor_cache[key]

    def _to_actor(self, m: Any, span: Span | None) -> _Actor:
        return _Actor(name=m.name, inter=m.inter, generic=bool(m.generic), span=span, actor_id=m.actor_id)

    def _mentions(self, st: _DocState, sdoc: Doc) -> dict[int, _Actor]:
        """token index -> resolved actor, for every token inside a resolved mention."""
        out: dict[int, _Actor] = {}
        for sp in sdoc.spans.get("sitrep_actors", []):
            # "X-affiliated group", "X-backed militia": X modifies, it is not the actor
            if sp.end + 1 < len(sdoc) and sdoc[sp.end].text == "-" and sdoc[sp.end + 1].pos_ in ("VERB", "ADJ"):
                continue
            m = self._resolve(st, sp.text)
            if m is None:
                continue
            a = self._to_actor(m, sp)
            for i in range(sp.start, sp.end):
                out[i] = a
        named_here = sorted((i, a) for i, a in out.items() if not a.generic and a.span is not None
                            and a.span.label_ != "NORP" and i == a.span.start)

        def prior(tok: Token) -> list[_Actor]:
            """Actors named before `tok`'s sentence: earlier paragraphs, then this one."""
            return st.last_actors + [a for i, a in named_here if i < tok.sent.start]

        for sp in sdoc.spans.get("sitrep_cues", []):
            if not sp.label_.startswith("coref:"):
                continue
            allowed = self.lex.coref[int(sp.label_.split(":")[1])][1]
            ante = next((a for a in reversed(prior(sp[0]))
                         if allowed is None or (a.inter in allowed)), None)
            if ante is not None:
                a = replace(ante, span=sp)
                for i in range(sp.start, sp.end):
                    out[i] = a
        # "the Kurdish-led group": a definite description whose head is a coreference noun
        heads = {w[1]: allowed for w, allowed in self.lex.coref if len(w) == 2 and w[0] == "the"}
        for t in sdoc:
            if t.pos_ != "NOUN":
                continue
            same = any(c.dep_ == "amod" and c.lower_ == "same" for c in t.children)
            if t.i in out and not (same and out[t.i].generic):
                continue  # "the same factions" points back even where "factions" alone is generic
            dets = {c.lower_ for c in t.children if c.dep_ == "det"}
            lemma = t.lemma_.lower()
            if lemma in heads and "the" in dets and (t.tag_ != "NNS" or same):
                # "the group"; plurals only as "the same factions" (else often generic)
                allowed = heads[lemma]
                ante = next((a for a in reversed(prior(t)) if allowed is None or a.inter in allowed), None)
                if ante is not None and not any(c.i in out for c in t.lefts):
                    sp = sdoc[t.left_edge.i: t.i + 1]
                    for i in range(sp.start, sp.end):
                        out[i] = replace(ante, span=sp)
            elif lemma in self.lex.pair_coref and (dets & {"both"} or any(
                    c.dep_ == "nummod" and c.lower_ == "two" for c in t.children)):
                named: list[_Actor] = []
                for a in reversed(prior(t)):
                    if all(a.name != b.name for b in named):
                        named.append(a)
                    if len(named) == 2:
                        break
                sp = sdoc[t.left_edge.i: t.i + 1]
                for a, i in zip(reversed(named), (t.i, t.left_edge.i)):
                    out[i] = replace(a, span=sp)
        return out

    def _phrase_actors(self, st: _DocState, head: Token, mentions: dict[int, _Actor]) -> list[_Actor]:
        """Actors named by the phrase headed by `head` (and its conjuncts), best first."""
        found: list[_Actor] = []
        holding = self.lex.roles["holding_nouns"]
        for h in R.conjuncts(head):
            toks = R.own_subtree(h, self.lex.location_preps)
            ranked: list[tuple[int, int, _Actor]] = []
            for t in toks:
                a = mentions.get(t.i)
                if a is None or a.span is None or a.span.label_ == "NORP":
                    continue
                inside = a.span.start <= h.i < a.span.end
                ranked.append((0 if inside else 1, abs(t.i - h.i), a))
            ranked.sort(key=lambda x: (x[2].generic, x[0], x[1]))
            uniq: list[_Actor] = []
            for _, _, a in ranked:
                if all(a.name != b.name for b in uniq):
                    uniq.append(a)
            if not uniq or all(a.generic for a in uniq):
                heads = [h]
                if h.lemma_.lower() in holding:
                    heads = [o for _, o in R.prep_children(h, frozenset({"of"}))] + \
                        [c for c in h.children if c.dep_ == "poss"] + [h]
                m, src = None, h
                for hh in heads:
                    m = self._resolve(st, R.compact_text(hh))
                    src = hh
                    if m is None:
                        for c in hh.children:
                            if c.dep_ in ("amod", "compound", "poss"):
                                m = self._resolve(st, c.text)
                                if m:
                                    break
                    if m is not None:
                        break
                if m is not None and all(m.name != b.name for b in uniq):
                    lefts = [x for x in src.lefts if x.dep_ not in ("punct", "cc", "case")]
                    span = src.doc[min([src.i] + [x.left_edge.i for x in lefts]): src.i + 1]
                    uniq.append(self._to_actor(m, span))
                if not uniq:
                    # "a depot belonging to X", "a compound used by X"
                    for c in h.children:
                        if c.dep_ == "acl" and c.lemma_.lower() in self.lex.roles["possession_verbs"]:
                            for _, o in R.prep_children(c, frozenset({"to", "by"})):
                                uniq.extend(a for a in self._phrase_actors(st, o, mentions)
                                            if all(a.name != b.name for b in uniq))
            uniq.sort(key=lambda a: a.generic)
            found.extend(uniq)
        dedup: list[_Actor] = []
        for a in found:
            if all(a.name != b.name for b in dedup):
                dedup.append(a)
        dedup.sort(key=lambda a: a.generic)
        return dedup

    def _leader(self, st: _DocState, toks: Iterable[Token], mentions: dict[int, _Actor]) -> list[_Actor]:
        for t in toks:
            for p, o in R.prep_children(t, frozenset(x.text for x in t.children if x.dep_ == "prep")):
                if o.lemma_.lower() in self.lex.roles["leadership_nouns"]:
                    for p2, o2 in R.prep_children(o, frozenset({"of"})):
                        acts = [a for a in self._phrase_actors(st, o2, mentions) if not a.generic]
                        if acts:
                            return acts
        return []

    def _roles(self, st: _DocState, head: Token, mentions: dict[int, _Actor]
               ) -> tuple[list[_Actor], list[_Actor], list[Token]]:
        """(actor1 candidates, actor2 candidates, target heads)."""
        L = self.lex.roles
        a1: list[_Actor] = []
        a2: list[_Actor] = []
        targets: list[Token] = []

        def take(tok: Token, into: list[_Actor]) -> None:
            into.extend(a for a in self._phrase_actors(st, tok, mentions) if all(a.name != b.name for b in into))

        misparsed = self._misparsed(head)
        if misparsed is not None:
            subj, obj = misparsed
            take(self._reported_subject(subj, mentions), a1)
            take(obj, a2)
            targets.append(obj)
        elif head.pos_ in ("VERB", "AUX") or any(c.dep_ in R.SUBJ or c.dep_ in R.OBJ for c in head.children):
            verb = head
            if R.is_passive(verb):
                for _, o in R.prep_children(verb, L["agent_preps"]):
                    take(o, a1)
                if not a1:
                    for _, o in R.prep_children(verb, L["origin_preps"]):
                        take(o, a1)
                for c in verb.children:
                    if c.dep_ in R.PASS_SUBJ:
                        take(c, a2)
                        targets.append(c)
                for _, o in R.prep_children(verb, L["target_preps"]):
                    if o.lemma_.lower() not in self.lex.location_nouns:
                        take(o, a2)
                        targets.append(o)
            else:
                subj = [c for c in verb.children if c.dep_ in R.SUBJ]
                v = verb
                while not subj and v.dep_ in ("conj", "xcomp", "advcl") and v.head.i != v.i:
                    v = v.head
                    subj = [c for c in v.children if c.dep_ in R.SUBJ]
                if not subj and verb.dep_ == "pcomp" and verb.head.head.lemma_.lower() in L.get("accuse_verbs", ()):
                    # "X accused Y of dropping ...": Y is the (alleged) perpetrator
                    subj = [c for c in verb.head.head.children if c.dep_ in R.OBJ]
                for c in subj:
                    # "A, B has launched": a comma list with no conjunction is a misparse;
                    # the conjunct nearest the verb is the subject
                    cj = R.conjuncts(c)
                    if len(cj) > 1 and not any(x.dep_ == "cc" for x in c.subtree):
                        c = max(cj, key=lambda x: x.i)
                    take(self._reported_subject(c, mentions), a1)
                objs = [c for c in verb.children if c.dep_ in R.OBJ]
                if not objs and verb.dep_ == "conj":
                    objs = [c for c in verb.head.children if c.dep_ in R.OBJ and c.i > verb.i]
                for c in objs:
                    take(c, a2)
                    targets.append(c)
                for _, o in R.prep_children(verb, L["target_preps"] | L["partner_preps"]):
                    if o.lemma_.lower() not in self.lex.location_nouns:
                        take(o, a2)
                        targets.append(o)
            for _, o in R.prep_children(verb, L["between_preps"]):
                both = self._phrase_actors(st, o, mentions)
                if both and not a1:
                    a1.append(both[0])
                    a2.extend(both[1:])
        else:
            for _, o in R.prep_children(head, L["agent_preps"]):
                take(o, a1)
            gov = R.governing_verb(head)
            for holder in (head, gov) if gov is not None and head.dep_ in R.SUBJ else (head,):
                for _, o in R.prep_children(holder, L["between_preps"]):
                    both = self._phrase_actors(st, o, mentions)
                    if both and not a1:
                        a1.extend(both[:1])
                        a2.extend(both[1:])
            for c in head.children:
                if c.dep_ == "acl" and not a1:
                    for _, o in R.prep_children(c, L["agent_preps"]):
                        take(o, a1)
            if not a1:
                for c in head.children:
                    if c.dep_ in ("poss", "compound", "amod") and c.i in mentions:
                        a1.append(mentions[c.i])
                    elif c.dep_ in ("compound", "amod", "poss") and c.pos_ in ("PROPN", "ADJ"):
                        m = self._resolve(st, c.text)
                        if m is not None and not m.generic:
                            a1.append(self._to_actor(m, c.doc[c.i: c.i + 1]))
            for _, o in R.prep_children(head, L["target_preps"] | L["partner_preps"]):
                if o.lemma_.lower() not in self.lex.location_nouns:
                    take(o, a2)
                    targets.append(o)
            verb = R.governing_verb(head)
            if verb is not None and not a1 and verb.lemma_.lower() not in self.lex.claim_verbs:
                if R.is_passive(verb):
                    for _, o in R.prep_children(verb, L["agent_preps"]):
                        take(o, a1)
                else:
                    for c in verb.children:
                        if c.dep_ in R.SUBJ:
                            cj = R.conjuncts(c)
                            if len(cj) > 1 and not any(x.dep_ == "cc" for x in c.subtree):
                                c = max(cj, key=lambda x: x.i)
                            take(c, a1)
            if verb is not None and not a2 and head.dep_ in R.SUBJ and not R.is_passive(verb):
                # "a roadside bomb struck a vehicle of X": X is the target
                for c in verb.children:
                    if c.dep_ in R.OBJ:
                        take(c, a2)
                        targets.append(c)
            if verb is not None and not a2:
                for _, o in R.prep_children(verb, L["target_preps"]):
                    if o.lemma_.lower() not in self.lex.location_nouns:
                        take(o, a2)
                        targets.append(o)
        if not a1:
            # "a truce between the two sides was signed"
            for t in targets:
                for _, o in R.prep_children(t, L["between_preps"]):
                    both = self._phrase_actors(st, o, mentions)
                    if both:
                        a1.append(both[0])
                        a2.extend(both[1:])
                        break
        if not a1 and head.pos_ in ("VERB", "AUX") and not R.is_passive(head):
            for i in range(head.i - 1, head.sent.start - 1, -1):
                if i in mentions and mentions[i].span is not None and mentions[i].span.label_ != "NORP":
                    a1.append(mentions[i])
                    break
        # "X under the command of Y" / "led by Y": Y leads
        if not a1 or all(a.generic for a in a1):
            lead = self._leader(st, R.clause_tokens(head), mentions)
            if lead:
                a1 = lead + a1
        return a1, [a for a in a2 if all(a.name != b.name for b in a1[:1])], targets

    def _reported_subject(self, subj: Token, mentions: dict[int, _Actor]) -> Token:
        """"X reported that it had come under fire", "X announced that they had merged":
        a pronoun subject inside a claim refers to the claim's speaker."""
        if subj.i in mentions or subj.tag_ != "PRP" or subj.lower_ not in self.lex.claimant_pronouns:
            return subj
        for t in R.chain(subj)[2:]:
            if t.pos_ == "VERB" and t.lemma_.lower() in self.lex.claim_verbs:
                speaker = [c for c in t.children if c.dep_ in R.SUBJ and c.tag_ != "PRP"]
                return speaker[0] if speaker else subj
        return subj

    # ------------------------------------------------------------------ claims
    def _claimant_text(self, st: _DocState, tok: Token, mentions: dict[int, _Actor]) -> tuple[str, Span | None] | None:
        if tok.lower_ in self.lex.claimant_pronouns:
            return st.last_claimant
        # "a spokesman for X" -> X
        if tok.lemma_.lower() in self.lex.speaker_nouns:
            for _, o in R.prep_children(tok, frozenset({"for", "of"})):
                inner = self._claimant_text(st, o, mentions)
                if inner:
                    return inner
        acts = [a for a in self._phrase_actors(st, tok, mentions) if not a.generic]
        if acts:
            return acts[0].name, acts[0].span
        toks = [t for t in tok.subtree if t.dep_ not in ("punct",) or t.text in "-"]
        sp = R.span_of(R.own_subtree(tok, frozenset({"during", "in", "at", "on"})))
        text = sp.text if sp is not None else tok.text
        return (text, sp) if toks else None

    def _claimant_of(self, st: _DocState, verb: Token, mentions: dict[int, _Actor]) -> tuple[str, Span | None] | None:
        if verb.lemma_.lower() in self.lex.quote_verbs:
            for c in verb.children:
                if c.dep_ in R.OBJ:
                    return self._claimant_text(st, c, mentions)
        for c in verb.children:
            if c.dep_ in R.SUBJ:
                return self._claimant_text(st, c, mentions)
        return None

    def _pronoun_source(self, cue: Span) -> bool:
        """"according to them": the source is a pronoun pointing back."""
        objs = [o for o in cue[-1].children if o.dep_ == "pobj"]
        nxt = cue.doc[cue.end] if cue.end < len(cue.doc) else None
        tok = objs[0] if objs else nxt
        return tok is not None and tok.lower_ in self.lex.claimant_pronouns

    def _claim_level(self, st: _DocState, claimant: tuple[str, Span | None]) -> str:
        """'claimed' when the source is a party to the conflict or its media, else 'reported'
        (the convention is written in cues.yaml above `certainty`)."""
        name, span = claimant
        level = self._claim_level_of(st, name, span)
        if span is not None:
            # "head of the X centre, Maj. Gen. N, said": later quotes of N carry X's level
            top = span.root
            while top.dep_ in ("pobj", "prep", "appos", "compound") and top.head.i != top.i:
                top = top.head
            for t in top.subtree:
                if t.ent_type_ == "PERSON":
                    if level == "claimed" or t.lower_ not in st.speaker_levels:
                        st.speaker_levels[t.lower_] = level
        return level

    def _claim_level_of(self, st: _DocState, name: str, span: Span | None) -> str:
        C = self.lex.claimants
        words = [t for t in span] if span is not None else []
        known = [st.speaker_levels[t.lower_] for t in words if t.lower_ in st.speaker_levels]
        if known:
            return "claimed" if "claimed" in known else known[0]
        texts = {" " + " ".join(t.lower_ for t in words) + " ", " " + " ".join(t.lemma_.lower() for t in words) + " ",
                 " " + " ".join(name.lower().replace("-", " - ").split()) + " "}
        for w in C["independent"]:
            if any(f" {w} " in x for x in texts):
                return "reported"
        for w in C["party"]:
            if any(f" {w} " in x for x in texts):
                return "claimed"
        m = self._resolve(st, name)
        if m is not None and not m.generic and m.inter in C["party_inter"]:
            return "claimed"
        if span is not None:
            m = self._resolve(st, span.text)
            if m is not None and not m.generic and m.inter in C["party_inter"]:
                return "claimed"
        return "reported"

    def _according_to(self, st: _DocState, cue: Span, mentions: dict[int, _Actor]) -> tuple[str, Span | None] | None:
        last = cue[-1]
        for o in last.children:
            if o.dep_ == "pobj":
                return self._claimant_text(st, o, mentions)
        nxt = cue.doc[cue.end] if cue.end < len(cue.doc) else None
        return self._claimant_text(st, nxt, mentions) if nxt is not None else None

    def _quotes(self, st: _DocState, sdoc: Doc, mentions: dict[int, _Actor]) -> list[tuple[int, int, tuple[str, Span | None]]]:
        """Quoted stretches (token ranges) with the speaker named after or before them."""
        out = []
        text = sdoc.text
        for m in re.finditer(r"[“\"]([^”\"]{20,})[”\"]", text):
            qs = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
            if qs is None:
                continue
            after = sdoc[qs.end:]
            holder = None
            for t in after:
                if t.is_sent_start and t.i > qs.end:
                    break
                if t.lemma_.lower() in self.lex.claim_verbs:
                    holder = self._claimant_of(st, t, mentions)
                    break
            if holder is None:
                first = sdoc[qs.start]
                for t in first.sent:
                    if t.i >= qs.start:
                        break
                    if t.lemma_.lower() in self.lex.claim_verbs:
                        holder = self._claimant_of(st, t, mentions)
            if holder:
                out.append((qs.start, qs.end, holder))
        return out

    # ------------------------------------------------------------------ places
    def _place_ctx(self, st: _DocState) -> Any:
        from sitrep.geo.resolve import PlaceContext

        focus = (st.last_place.match.latitude, st.last_place.match.longitude) if st.last_place else None
        return PlaceContext(country=self.default_country, admin1_hints=tuple(st.admin1_hints[-3:]), focus=focus)

    def _resolve_place(self, st: _DocState, span: Span, par_start: int) -> _Place | None:
        if self.places is None:
            return None
        ctx = self._place_ctx(st)
        m = self.places.resolve_phrase(span.text, ctx)
        if m is not None and m.feature_code not in SEAT_FEATURES and (ctx.focus or ctx.admin1_hints):
            # "in Suwayda" after a paragraph about the north-east: a bare name that is a
            # governorate or district seat means the seat, not a namesake near the focus
            bare = self.places.resolve_phrase(span.text, PlaceContext(country=self.default_country))
            if bare is not None and bare.feature_code in SEAT_FEATURES:
                m = bare
        if m is None:
            # fall back to the proper-noun runs inside the phrase ("... to Idlib city")
            run: list[Token] = []
            for t in list(span) + [None]:
                if t is not None and (t.pos_ == "PROPN" or (run and t.text == "-") or (
                        t.text[:1].isupper() and t.is_alpha and not t.is_sent_start)):
                    run.append(t)
                    continue
                if run:
                    sub = span.doc[run[0].i: run[-1].i + 1]
                    m = self.places.resolve_phrase(sub.text, self._place_ctx(st))
                    if m is not None:
                        span = sub
                        break
                    run = []
            if m is not None:
                # a name inside a description ("the entrance to X", "part of X's zone")
                m = replace(m, geo_precision=max(m.geo_precision or 1, FALLBACK_PRECISION))
        if m is None or m.feature_code in COUNTRY_FEATURES:
            return None
        if any(t.tag_ == "POS" and span.start < t.i and span.doc[t.i - 1].pos_ == "PROPN" for t in span):
            # "Idlib's demilitarized zone": a part of the named place, not the place
            m = replace(m, geo_precision=max(m.geo_precision or 1, FALLBACK_PRECISION))
        if m.admin1 and m.admin1 not in st.admin1_hints:
            st.admin1_hints.append(m.admin1)
        return _Place(m, span, par_start + span.start_char, par_start + span.end_char)

    def _location_phrases(self, toks: Iterable[Token], mentions: dict[int, _Actor]) -> list[Span]:
        """Location prepositional phrases among `toks` (nested ones cut out)."""
        out = []
        for t in toks:
            if t.dep_ == "advmod" and t.lower_ in self.lex.location_preps:
                # "east of X", "north of X": a direction word the parser hangs on the verb
                of = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "of" and
                      any(o.dep_ == "pobj" for o in c.children)]
                if of:
                    sp = self._linear_phrase(t, first_is_prep=True)
                    if sp is not None:
                        out.append(sp)
                continue
            if t.dep_ != "prep" or (t.lower_ not in self.lex.location_preps and
                                    f"{t.head.lower_} {t.lower_}" not in self.lex.location_preps):
                continue  # two-word entries: "out of X"
            objs = [o for o in t.children if o.dep_ == "pobj"]
            if not objs:
                # "in and around X": the first preposition shares its partner's object
                partner = [c for c in t.children if c.dep_ == "conj" and c.dep_ != "pobj" and
                           c.lower_ in self.lex.location_preps and any(o.dep_ == "pobj" for o in c.children)]
                if partner:
                    sp = self._linear_phrase(partner[0], first_is_prep=True)
                    if sp is not None:
                        out.append(sp)
                continue
            if any(tx.start <= t.i < tx.end or tx.start <= objs[0].i < tx.end
                   for tx in t.doc.spans.get("sitrep_timex", [])):
                continue
            if t.lower_ in self.lex.roles["target_preps"] and objs[0].lemma_.lower() not in self.lex.location_nouns:
                continue
            sp = self._linear_phrase(t, first_is_prep=True)
            if sp is not None:
                out.append(sp)
        return out

    def _linear_phrase(self, start: Token, first_is_prep: bool) -> Span | None:
        """From `start` rightwards inside its subtree, up to a verb, comma or new location PP."""
        sub = {x.i for x in start.subtree}
        doc = start.doc
        i = start.left_edge.i if not first_is_prep else start.i
        end = i
        j = i
        while j < len(doc) and j in sub:
            t = doc[j]
            if j > start.i or (not first_is_prep and j != start.i):
                stop = (t.dep_ == "prep" and t.lower_ in self.lex.location_preps and j != start.i) or \
                    (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("compound", "amod")) or \
                    (t.is_punct and t.text not in "-'’") or t.dep_ in ("cc", "conj") and t.head.i != start.i and False
                if stop and j > start.i:
                    break
            end = j + 1
            j += 1
        sp = doc[i:end]
        if not any(t.pos_ == "PROPN" or (t.text[:1].isupper() and t.i != sp.start) for t in sp):
            return None
        return sp

    def _object_phrases(self, targets: list[Token], mentions: dict[int, _Actor]) -> list[Span]:
        out = []
        placey = self.lex.location_nouns | self.lex.lists.get("territory", frozenset())
        quantity = self.lex.lists.get("quantity_nouns", frozenset())
        for h in targets:
            if h.lemma_.lower() in quantity or h.pos_ == "NUM":
                h = next((o for _, o in R.prep_children(h, frozenset({"of"}))), h)
            for c in R.conjuncts(h):
                if c.i in mentions or any(tx.start <= c.i < tx.end for tx in c.doc.spans.get("sitrep_timex", [])):
                    continue  # "on Monday" is a time, not a target place
                if not (c.lemma_.lower() in placey or (c.pos_ == "PROPN" and c.ent_type_ not in ("PERSON", "ORG"))):
                    continue
                sp = self._linear_phrase(c, first_is_prep=False)
                if sp is not None and not any(t.i in mentions for t in sp):
                    out.append(sp)
        return out

    def _sentence_places(self, st: _DocState, sent: Span, mentions: dict[int, _Actor],
                         par_start: int) -> list[_Place]:
        out = []
        for sp in self._location_phrases(sent, mentions):
            p = self._resolve_place(st, sp, par_start)
            if p is not None:
                out.append(p)
        return out

    def _choose_place(self, st: _DocState, s: _Sentence, head: Token, verb: Token | None,
                      targets: list[Token], mentions: dict[int, _Actor], par_place: _Place | None,
                      other_heads: set[int], trig_toks: frozenset[int] = frozenset()) -> tuple[_Place | None, str]:
        own_toks = R.clause_tokens(head)
        if verb is not None and verb.i != head.i:
            own_toks += [x for c in verb.children if c.dep_ == "prep" for x in c.subtree]
        if head.dep_ == "conj" and head.pos_ == "VERB" and not any(c.dep_ in R.SUBJ for c in head.children):
            own_toks += [t for t in R.clause_tokens(head.head) if t.dep_ == "prep"]
        for t in targets:
            own_toks += list(t.subtree)
        origin = {x.i for t in own_toks if t.dep_ == "prep" and t.lower_ in self.lex.origin_preps for x in t.subtree}
        own = self._location_phrases(sorted({t for t in own_toks if t.i not in origin and t.i not in trig_toks},
                                            key=lambda t: t.i), mentions)
        own += self._object_phrases(targets, mentions)
        best = self._best(st, own, s.par_start)
        if best:
            return best, "own"
        other = []
        for sp in self._location_phrases(s.span, mentions):
            if any(t.i in other_heads for t in R.chain(sp.root)):
                continue
            other.append(sp)
        best = self._best(st, other, s.par_start)
        if best:
            return best, "sentence"
        if origin:
            # "withdrew from X": the origin is the only place the clause names
            src = [t for t in own_toks if t.i in origin and t.dep_ == "prep"]
            best = self._best(st, [sp for t in src if (sp := self._linear_phrase(t, first_is_prep=True))],
                              s.par_start)
            if best:
                return best, "origin"
        subj = [x for c in self._subjects(head) for x in c.subtree]
        for t in own_toks + subj:
            if t.lemma_.lower() in self.lex.people_of_nouns:
                for _, o in R.prep_children(t, frozenset({"of"})):
                    sp = self._linear_phrase(o, first_is_prep=False)
                    p = self._resolve_place(st, sp, s.par_start) if sp is not None else None
                    if p is not None:
                        return p, "people"
            if t.lemma_.lower() in self.lex.settlement_nouns and st.main_place is not None and \
                    any(c.lower_ == "the" for c in t.children) and not any(c.pos_ == "PROPN" for c in t.subtree):
                return st.main_place, "anaphora"
        # a place named in the argument of another trigger of the same sentence
        # ("reached a deal ... to evacuate its fighters from X"): the clause is about it
        shared = [sp for sp in self._location_phrases(s.span, mentions) if sp not in other]
        best = self._best(st, shared, s.par_start)
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
        best = self._best(st, names, s.par_start)
        if best:
            return best, "target-name"
        if own:
            return None, "vague"
        if par_place is not None:
            return par_place, "paragraph"
        if st.last_place is not None:
            return st.last_place, "article"
        return None, "none"

    def _best(self, st: _DocState, spans: list[Span], par_start: int) -> _Place | None:
        found = []
        for k, sp in enumerate(spans):
            p = self._resolve_place(st, sp, par_start)
            if p is not None:
                found.append((max(p.match.geo_precision or 3, 2), k, p))
        if not found:
            return None
        found.sort(key=lambda x: (x[0], x[1]))
        return found[0][2]

    # ---------------------------------------------------------------- triggers
    def _modality(self, head: Token, rule: TriggerRule, s_cues: list[Span], trig: Span) -> str | None:
        """'drop' (negated/habitual/recalled), a Statement kind, or None for an event."""
        ch = R.chain(head)
        ch_ids = {t.i for t in ch}
        accuse = self.lex.roles.get("accuse_verbs", frozenset())
        if any(t.dep_ == "acl" and t.lemma_.lower() in accuse for t in ch[1:4]):
            return "drop"  # "a man accused of snatching a child": what he is blamed for, not an event
        if head.pos_ == "NOUN" and head.dep_ == "compound" and trig.end <= head.head.i and \
                not any(t.start <= head.head.i < t.end for t in trig.doc.spans.get("sitrep_triggers", [])):
            return "drop"  # "a bomb disposal team": the trigger word names a kind of thing
        for c in s_cues:
            if c.start <= head.i < c.end:
                continue
            attached = c.root.i in ch_ids or c.root.head.i in ch_ids
            if not attached:
                continue
            lab = c.label_
            if lab in ("negation", "habitual"):
                return "drop"
        for c in s_cues:
            if c.start <= head.i < c.end:
                continue
            if not (c.root.i in ch_ids or c.root.head.i in ch_ids):
                continue
            if c.label_.startswith("modality:"):
                kind = c.label_.split(":", 1)[1]
                if c.root.lower_ in self.lex.modal_verbs and c.root.dep_ != "aux":
                    continue
                return kind
        # purpose / plan infinitives: "to launch an attack", "ready to ..."
        for t in ch:
            if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children):
                if rule.purpose_realised and t.i == head.i and t.dep_ in ("advcl", "xcomp") and t.head.tag_ == "VBD":
                    break  # "fired into the air to disperse the crowd": the purpose is the act
                return "plan"
            if t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"] and t.i != head.i:
                break
        # modal auxiliaries on the governing chain up to the first finite verb
        for t in ch:
            if any(c.dep_ == "aux" and c.lower_ in self.lex.modal_verbs for c in t.children):
                return "prediction"
            if t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ", "VBP") :
                break
        for c in s_cues:
            if c.label_ == "background" and head.dep_ in ("pobj", "pcomp") and (c.root.i in {t.i for t in ch[1:4]}):
                return "drop"
        if head.pos_ in ("NOUN", "PROPN"):
            if head.dep_ in ("amod",):
                return "drop"
            # recalled events: "after the attack", "the strike destroyed"
            for t in ch[1:4]:
                if t.lemma_.lower() in self.lex.lists.get("_none", ()):  # pragma: no cover
                    break
            for c in s_cues:
                if c.label_ == "background" and (c.root.i in {t.i for t in ch[1:4]}):
                    return "drop"
                if c.label_ == "vague" and (c.root.head.i == head.i or c.root.i == head.head.i and head.dep_ == "pobj"):
                    return "drop"
            dets = [c for c in head.children if c.dep_ in ("det", "predet") and c.lower_ in self.lex.anaphoric_determiners]
            if dets:
                has_args = any(c.dep_ == "prep" and c.lower_ in self.lex.argument_preps for c in head.children)
                if not has_args or head.tag_ in ("NNS", "NNPS"):
                    return "drop"  # "the strike", "the battles against X": told before
        elif head.dep_ in ("amod", "acl"):
            return "drop"
        return None

    def _requires(self, rule: TriggerRule, head: Token, mentions: dict[int, _Actor]) -> bool:
        if not rule.requires:
            return True
        words = self.lex.lists[rule.requires]
        cands: list[Token] = []
        verb = head if head.pos_ in ("VERB", "AUX") else None
        if verb is not None:
            for c in verb.children:
                if c.dep_ in R.OBJ or c.dep_ in R.PASS_SUBJ:
                    cands.extend(R.conjuncts(c))
                    first = verb.head
                    if c.tag_ == "PRP" and verb.dep_ == "conj" and not any(
                            t.start <= first.i < t.end for t in verb.doc.spans.get("sitrep_triggers", [])):
                        # "swept through the farms and took them back": the pronoun stands
                        # for what the first verb of the pair acted on (when that verb does
                        # not report the event itself: "withdrew from X and handed it over")
                        cands.extend(o for x in first.children if x.dep_ in R.OBJ for o in R.conjuncts(x))
                        cands.extend(o for x in first.children if x.dep_ == "prep"
                                     for o in x.children if o.dep_ == "pobj")
                if c.dep_ in ("prep", "prt"):
                    cands.extend(o for o in c.children if o.dep_ == "pobj")
        else:
            cands.append(head)
            cands.extend(c for c in head.children if c.dep_ == "compound")
            for c in head.children:
                if c.dep_ == "prep":
                    cands.extend(o for o in c.children if o.dep_ == "pobj")
            if head.head.pos_ in ("VERB",) and head.dep_ in R.OBJ:
                cands.extend(c for c in head.head.children if c.dep_ in R.PASS_SUBJ)
        if rule.requires_scope == "subtree":
            cands = [t for c in cands for t in c.subtree]
        doc = head.doc
        for c in cands:
            keys = {c.lemma_.lower(), c.lower_}
            # hyphenated words the tokenizer splits ("sit-in"): the lexicon writes "sit - in"
            if c.i >= 2 and doc[c.i - 1].text == "-":
                keys.add(" ".join(t.lower_ for t in doc[c.i - 2: c.i + 1]))
            if c.i + 2 < len(doc) and doc[c.i + 1].text == "-":
                keys.add(" ".join(t.lower_ for t in doc[c.i: c.i + 3]))
            for ch in c.children:
                if ch.dep_ == "compound":
                    keys.add(f"{ch.lemma_.lower()} {c.lemma_.lower()}")
            if keys & words:
                return True
            if rule.requires == "territory" and c.pos_ == "PROPN" and c.i not in mentions:
                return True
        return False

    def _misparsed(self, head: Token) -> tuple[Token, Token] | None:
        """(subject, object) of a trigger verb the tagger read as a modifier or noun.

        "X ... bombed farmland", "militants holed up in the pocket fired rockets": a past
        form listed in cues `misparsed_verbs`, parsed as amod/compound (or tagged ADJ/NOUN),
        followed by a noun (its object) and preceded in the sentence by a subject of
        another verb (its subject). Read off the linear order; nothing is re-parsed.
        """
        words = self.lex.lists.get("misparsed_verbs")
        if not words or head.lower_ not in words:
            return None
        if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("amod", "compound", "nmod"):
            return None
        doc = head.doc
        if head.i + 1 >= head.sent.end or doc[head.i + 1].pos_ not in ("NOUN", "PROPN"):
            return None
        obj = doc[head.i + 1]
        while obj.dep_ == "compound" and obj.head.i == obj.i + 1 and obj.head.pos_ == "NOUN" \
                and obj.head.lemma_.lower() not in self.lex.location_nouns:
            obj = obj.head
        subj = next((doc[i] for i in range(head.i - 1, head.sent.start - 1, -1) if doc[i].dep_ in R.SUBJ), None)
        if subj is None or any(c.dep_ in R.SUBJ for c in head.children):
            return None
        return subj, obj

    def _continuing(self, sub_event_type: str) -> bool:
        return " ".join(phrase_tokens(sub_event_type)) in self.lex.lists.get("continuing_sub_events", ())

    def _antecedent(self, st: _DocState, head: Token) -> Event | None:
        """The earlier event a perpetrator-less strike continues, if any.

        The sentence must say it continues: a cue of cues `continuation_adverbs` ("also")
        on the trigger's verb, or a definite subject from `continuing_subjects` ("the
        raids", "the missiles"). The antecedent is the paragraph's last event; only a
        definite subject reaches back to the article's last event when the paragraph has
        none. It must be of the same family (`continuing_sub_events`) and have a named
        perpetrator (not a stand-in).
        """
        L = self.lex.lists
        verb = head if head.pos_ in ("VERB", "AUX") else R.governing_verb(head)
        if verb is None:
            return None
        adverb = any(c.lemma_.lower() in L.get("continuation_adverbs", ()) for c in verb.children
                     if c.dep_ in ("advmod", "cc", "npadvmod"))
        definite = False
        for c in self._subjects(head) if head.pos_ in ("VERB", "AUX") else [head]:
            if c.lemma_.lower() in L.get("continuing_subjects", ()) and any(
                    d.dep_ == "det" and d.lower_ in self.lex.anaphoric_determiners for d in c.children):
                definite = True
        if not (adverb or definite):
            return None
        pool = st.events[st.par_from:] or (st.events[-1:] if definite else [])
        if not pool:
            return None
        prev = pool[-1]
        if not self._continuing(prev.sub_event_type) or not prev.actor1 or prev.event_id in st.defaulted:
            return None
        return prev

    @staticmethod
    def _unplaced(st: _DocState, s: _Sentence) -> tuple[Any, str, str, Any, int, int] | None:
        """The placeless strike of the sentence just before this one in the same paragraph,
        if no event has been found since (else None)."""
        u = st.unplaced
        if u is None or u[3] is not s.span.doc or u[4] != s.span.start or u[5] != len(st.events):
            return None
        return u

    @staticmethod
    def _subjects(head: Token) -> list[Token]:
        v = head if head.pos_ in ("VERB", "AUX") else R.governing_verb(head)
        while v is not None:
            subj = [c for c in v.children if c.dep_ in R.SUBJ]
            if subj or v.dep_ not in ("conj", "xcomp", "advcl") or v.head.i == v.i:
                return subj
            v = v.head
        return []

    def _subject_ok(self, rule: TriggerRule, head: Token) -> bool:
        """`requires_subject`: the subject's head (or the noun after "hundreds of") is in the list."""
        if not rule.requires_subject:
            return True
        words = self.lex.lists[rule.requires_subject]
        subjects = self._subjects(head)
        if head.pos_ in ("VERB", "AUX") and R.is_passive(head):
            # "beaten to death by a crowd": the agent is the logical subject
            subjects = subjects + [o for _, o in R.prep_children(head, self.lex.roles["agent_preps"])]
        for c in subjects:
            heads = [c] + [o for _, o in R.prep_children(c, frozenset({"of"}))]
            if any(h.lemma_.lower() in words or h.lower_ in words for h in heads):
                return True
        return False

    def _context_ok(self, rule: TriggerRule, head: Token) -> bool:
        """`context`: a word of the list occurs below the trigger (purpose, manner, object)."""
        if not rule.context:
            return True
        words = self.lex.lists[rule.context]
        return any(t.lemma_.lower() in words or t.lower_ in words for t in head.subtree if t.i != head.i)

    def _fixed_actor(self, st: _DocState, phrase: str | None) -> _Actor | None:
        m = self._resolve(st, phrase) if phrase else None
        return None if m is None else _Actor(name=m.name, inter=m.inter, generic=bool(m.generic), span=None,
                                             actor_id=m.actor_id)

    def _victims(self, st: _DocState, rule: TriggerRule, head: Token, targets: list[Token],
                 mentions: dict[int, _Actor]) -> list[_Actor]:
        """Unnamed civilian targets ("a pharmacist", "a shop") or the people a blast killed."""
        civ = self._fixed_actor(st, rule.victim_default)
        words = self.lex.lists.get("civilians", frozenset()) | self.lex.lists.get("civilian_targets", frozenset())

        quantity = self.lex.lists.get("quantity_nouns", frozenset())

        def of_phrase(t: Token) -> Token:
            if t.pos_ == "NUM" or t.lemma_.lower() in quantity:
                for _, o in R.prep_children(t, frozenset({"of"})):
                    return o
            return t

        for t in targets:
            if any(of_phrase(c).lemma_.lower() in words for c in R.conjuncts(t)):
                return [civ] if civ else []
        for t in head.sent:
            if t.pos_ != "VERB" or t.lemma_.lower() not in self.lex.roles["casualty_verbs"] or t.i == head.i:
                continue
            for c in t.children:
                if c.dep_ not in R.OBJ and c.dep_ not in R.PASS_SUBJ:
                    continue
                c = of_phrase(c)
                acts = [a for a in self._phrase_actors(st, c, mentions)]
                if acts:
                    return acts[:1]
                if civ and any(x.lemma_.lower() in words for x in R.conjuncts(c)):
                    return [civ]
        return []

    def _conventions(self, st: _DocState, rule: TriggerRule, head: Token, a1s: list[_Actor], a2s: list[_Actor],
                     targets: list[Token], mentions: dict[int, _Actor]) -> tuple[list[_Actor], list[_Actor]]:
        """ACLED actor conventions declared on the rule (see triggers.yaml header)."""
        if rule.recipient_preps:
            verb = head if head.pos_ in ("VERB", "AUX") else R.governing_verb(head)
            rec: list[_Actor] = []
            for _, o in R.prep_children(verb, rule.recipient_preps) if verb is not None else ():
                rec.extend(a for a in self._phrase_actors(st, o, mentions) if not a.generic or not rec)
            if rec:
                a1s, a2s = rec, [a for a in a1s if a.name != rec[0].name]
        if rule.subject_is_actor2:
            a1s, a2s = [], a1s
        if rule.loser_preps and not a2s:
            # "took the farms back from X": X lost them
            verb = head if head.pos_ in ("VERB", "AUX") else R.governing_verb(head)
            for _, o in R.prep_children(verb, rule.loser_preps) if verb is not None else ():
                a2s.extend(a for a in self._phrase_actors(st, o, mentions)
                           if all(a.name != b.name for b in a1s[:1] + a2s))
        if rule.symmetric and not a2s and len(a1s) > 1 and not a1s[1].generic and self._conjoined_sides(head, a1s):
            # "SDF fighters and Turkish-backed factions traded fire": the two sides
            a1s, a2s = [a1s[0]] + a1s[2:], [a1s[1]]
        if rule.actor1:
            fixed = self._fixed_actor(st, rule.actor1)
            if fixed is not None:
                a1s = [fixed] + [a for a in a1s if a.name != fixed.name]
        if rule.victim_default and not a2s:
            a2s = self._victims(st, rule, head, targets, mentions)
        if rule.symmetric and not a1s and a2s:
            a1s, a2s = a2s[:1], a2s[1:]
        return a1s, a2s

    @staticmethod
    def _conjoined_sides(head: Token, a1s: list[_Actor]) -> bool:
        """The first two actor1 candidates are named in different conjuncts of the subject."""
        verb = head if head.pos_ in ("VERB", "AUX") else R.governing_verb(head)
        if verb is None:
            return False
        for c in verb.children:
            if c.dep_ in R.SUBJ:
                cj = R.conjuncts(c)
                if len(cj) < 2:
                    return False
                where = []
                for a in a1s[:2]:
                    if a.span is None:
                        return False
                    where.append(next((k for k, x in enumerate(cj) if x.left_edge.i <= a.span.start <= x.i), None))
                return None not in where and where[0] != where[1]
        return False

    def _coordinate(self, found: list[tuple[Token, TriggerRule, Event]]) -> list[Event]:
        """One report per happening in a sentence: drop consequences ("killing two"), triggers
        another trigger absorbs ("raided ... and detained"), and trigger nouns that are the
        object of a reporting trigger verb ("broke up a demonstration")."""
        heads = {h.i for h, _, _ in found}
        out: list[Event] = []
        for h, r, e in found:
            if r.secondary and any(not r2.secondary for _, r2, _ in found):
                continue
            if any(r.id in r2.absorbs and (h2 in R.chain(h) or h in R.chain(h2))
                   for h2, r2, _ in found if h2.i != h.i):
                continue
            if h.pos_ in ("NOUN", "PROPN") and (h.dep_ in R.OBJ or h.dep_ in R.PASS_SUBJ) \
                    and h.head.i in heads and h.head.i != h.i:
                continue
            out.append(e)
        return out

    def _responsibility(self, st: _DocState, sent: Span, s_cues: list[Span], mentions: dict[int, _Actor],
                        events: list[Event], par_from: int) -> None:
        """"X claimed the attack" / "blamed X": X becomes actor1 of the paragraph's last event
        whose perpetrator was not named."""
        spec = self.lex.responsibility
        if not spec["verbs"] or len(events) <= par_from:
            return
        target = events[-1]
        if target.event_id not in st.defaulted and target.actor1 is not None:
            return
        for t in sent:
            role = spec["verbs"].get(t.lemma_.lower())
            if role is None or t.pos_ != "VERB":
                continue
            if any(c.root.i == t.i or c.root.head.i == t.i for c in s_cues if c.label_ == "negation"):
                continue
            args = [c for c in t.children if c.dep_ in R.SUBJ or c.dep_ in R.PASS_SUBJ or c.dep_ in R.OBJ]
            args += [o for _, o in R.prep_children(t, frozenset({"on", "for"}))]
            if any(a.lemma_.lower() in spec["nobody"] or any(x.lemma_.lower() in spec["nobody"] for x in a.children)
                   for a in args):
                continue
            if any(x.lemma_.lower() in spec["generic"] for a in args for x in a.subtree):
                continue
            if role == "subject":
                if not any(c.dep_ in R.OBJ and c.lemma_.lower() in spec["objects"] for c in t.children):
                    continue
                holders = [c for c in t.children if c.dep_ in R.SUBJ]
                if holders and holders[0].tag_ in ("WDT", "WP") and t.dep_ == "relcl":
                    holders = [t.head]
            else:
                holders = [a for a in args if a.lemma_.lower() not in spec["objects"]]
            for h in holders:
                acts = [a for a in self._phrase_actors(st, h, mentions) if not a.generic]
                if acts and acts[0].name != target.actor2:
                    a = acts[0]
                    events[-1] = replace(target, actor1=a.name, inter1=a.inter)
                    st.defaulted.discard(target.event_id)
                    return

    def _codes(self, rule: TriggerRule, head: Token, clause: list[Token], actor1: _Actor | None
               ) -> tuple[str, str, str | None]:
        et, se, pl = rule.codes.event_type, rule.codes.sub_event_type, rule.codes.plover
        own = {c.lemma_.lower() for c in head.children if c.dep_ in R.MODIFIER_DEPS} | {head.lemma_.lower()}
        # "a bomb hidden by the roadside": the participle describing the trigger noun counts as its own
        own |= {t.lemma_.lower() for c in head.children if c.dep_ == "acl" for t in c.subtree}
        near = {t.lemma_.lower() for t in clause}
        for scope in (own, near):
            hit = next((r for r in rule.refine if self.lex.lists[r.cues] & scope), None)
            if hit is not None:
                et, se, pl = hit.codes.event_type, hit.codes.sub_event_type, hit.codes.plover
                break
        if rule.by_actor and actor1 is not None and actor1.inter is not None:
            for group, sub in rule.by_actor.items():
                if actor1.inter in self.lex.inter_groups.get(group, frozenset()):
                    se = sub
                    break
        return et, se, pl

    def _trigger(self, st: _DocState, s: _Sentence, trig: Span, s_cues: list[Span],
                 mentions: dict[int, _Actor], quotes: list, s_date, par_place: _Place | None,
                 all_triggers: list[Span]) -> tuple[Token, TriggerRule, Event] | Statement | None:
        head = trig.root
        if head.pos_ in ("ADP", "PART", "PUNCT", "DET"):
            # "sit-in" parsed with the particle as root: the content word heads the trigger
            head = next((t for t in trig if t.pos_ in ("NOUN", "VERB", "PROPN")), head)
        if trig[0].i != head.i and self._misparsed(trig[0]) is not None:
            head = trig[0]  # "fired rockets" with "fired" parsed as a modifier of "rockets"
        rule = None
        for rid in trig.label_.split("|"):
            r = self.lex.rules.get(rid)
            if r is None or (r.pos and head.pos_ not in r.pos and self._misparsed(head) is None):
                continue
            if self._requires(r, head, mentions) and self._subject_ok(r, head) and self._context_ok(r, head) \
                    and (not r.requires_recipient or any(R.prep_children(head, r.recipient_preps))) \
                    and (not r.requires_object or any(c.dep_ in R.OBJ for c in head.children)):
                rule = r
                break
        if rule is None:
            return None
        misparsed = self._misparsed(head)
        # a misparsed verb shares the modality of the clause its subject governs
        kind = self._modality(misparsed[0].head if misparsed else head, rule, s_cues, trig)
        if kind == "drop":
            return None
        other_tok = {i for t in all_triggers if t.root.i != head.i for i in range(t.start, t.end)}
        if head.pos_ in ("VERB", "AUX") and not rule.requires_antecedent \
                and any(c.i in other_tok for c in self._subjects(head)):
            return None  # "a mob stormed ...": the subject trigger reports the event
        a1s, a2s, targets = self._roles(st, head, mentions)
        if not rule.object_is_target:
            a2s = []
        a1s, a2s = self._conventions(st, rule, head, a1s, a2s, targets, mentions)
        actor1 = a1s[0] if a1s else None
        actor2 = a2s[0] if a2s else None
        doc_text_start = s.par_start
        if kind is not None:
            return Statement(doc_id=st.document.doc_id, kind=kind, text=s.span.text,
                             start=doc_text_start + s.span.start_char, end=doc_text_start + s.span.end_char,
                             actor=actor1.name if actor1 else None)
        u = self._unplaced(st, s) if actor1 is None and self._continuing(rule.codes.sub_event_type) else None
        if actor1 is None and actor2 is None and u is None \
                and rule.codes.sub_event_type not in self.lex.unknown_actor1 \
                and not any(r.codes.sub_event_type in self.lex.unknown_actor1 for r in rule.refine):
            return None
        verb = head if head.pos_ in ("VERB", "AUX") else R.governing_verb(head)
        other_heads = {t.root.i for t in all_triggers if t.root.i != head.i}
        place, how = self._choose_place(st, s, head, verb, targets, mentions, par_place, other_heads,
                                        frozenset(range(trig.start, trig.end)))
        if place is None:
            if actor1 is not None and not actor1.generic and (self._continuing(rule.codes.sub_event_type) or (
                    head.pos_ == "NOUN" and head.lemma_.lower() in self.lex.lists.get("continuing_subjects", ()))):
                # "Israel launched a wave of raids overnight.": the next sentence may say where
                st.unplaced = (actor1, rule.codes.event_type, rule.codes.sub_event_type, s.span.doc,
                               s.span.end, len(st.events))
            return None
        # words of a trigger this rule absorbs still refine it ("came under mortar fire")
        other_toks = {i for t in all_triggers if t.root.i != head.i and not (set(t.label_.split("|")) & rule.absorbs)
                      for i in range(t.start, t.end)}
        clause = [t for t in R.clause_tokens(verb if verb is not None else head) if t.i not in other_toks]
        et, se, pl = self._codes(rule, head, clause, actor1)
        if actor1 is None and actor2 is None and u is None and (se not in self.lex.unknown_actor1 or (
                head.pos_ not in ("NOUN", "PROPN") and not rule.requires)):
            # a stand-in perpetrator needs an anchor: a weapon noun or a required object
            return None
        stand_in = False
        prev = self._antecedent(st, head) if (actor1 is None or rule.requires_antecedent) else None
        if rule.requires_antecedent and prev is None and u is None:
            return None
        if prev is not None and (prev.location == place.match.name or prev.actor1 in {
                a.name for p in self.lex.unknown_actor1.values() if (a := self._fixed_actor(st, p)) is not None}):
            # the same strike told again at the same place, or one whose perpetrator is a stand-in
            if rule.requires_antecedent:
                return None
            prev = None
        if prev is not None and actor1 is None and self._continuing(se):
            # "The raids also destroyed ...": the earlier strike's perpetrator and kind
            m = self._resolve(st, prev.actor1)
            actor1 = _Actor(prev.actor1, prev.inter1, False, None, getattr(m, "actor_id", "") if m else "")
            a1s = [actor1]
            et, se = prev.event_type, prev.sub_event_type
        if actor1 is None and prev is None and u is not None:
            # "... launched a wave of raids overnight. Missiles hit the airport.": the strike the
            # previous sentence announced without a place, its perpetrator and kind
            actor1 = u[0]
            if self._continuing(u[2]):
                et, se = u[1], u[2]
            a1s = [actor1]
        if actor1 is None and se in self.lex.unknown_actor1:
            actor1 = self._fixed_actor(st, self.lex.unknown_actor1[se])
            stand_in = actor1 is not None
            a1s = [actor1] if actor1 is not None else []
        # date
        if s_date is not None:
            ev_date, prec, inferred, date_span = s_date
        elif st.previous_date is not None:
            (ev_date, prec), inferred, date_span = st.previous_date, False, None
        elif st.document.meta.published is not None:
            ev_date, prec, inferred, date_span = st.document.meta.published - timedelta(days=1), 2, False, None
        else:
            ev_date, prec, inferred, date_span = None, None, False, None
        # claims and certainty
        claimant = s.claimant
        certainty = set(s.certainty)
        for t in R.chain(head)[1:]:
            if t.lemma_.lower() in self.lex.claim_verbs and t.pos_ in ("VERB",):
                holder = self._claimant_of(st, t, mentions)
                if holder:
                    claimant = holder
                    st.last_claimant = holder
                    if not any(c.dep_ in R.SUBJ and c.lower_ in self.lex.claimant_pronouns for c in t.children):
                        certainty.discard("rumoured")
                    break
        if claimant is None or claimant is s.claimant:
            # "A car bomb exploded ..., the ministry said": a trailing attribution hangs
            # off the clause as parataxis rather than governing it
            for t in R.chain(head):
                said = next((c for c in t.children if c.dep_ == "parataxis" and c.pos_ == "VERB"
                             and c.lemma_.lower() in self.lex.claim_verbs and c.i > head.i), None)
                if said is not None:
                    holder = self._claimant_of(st, said, mentions)
                    if holder:
                        claimant = holder
                        st.last_claimant = holder
                    break
        for qs, qe, holder in quotes:
            if qs <= head.i < qe:
                claimant = holder
                st.last_claimant = holder
        if claimant is not None:
            certainty.add(self._claim_level(st, claimant))
        cert = next((c for c in self.lex.certainty_rank if c in certainty), "reported")
        fat, fat_span = self._fat.find(s.span, head if rule.kills_object else None)
        # evidence
        ps = s.par_start
        ev: list[Evidence] = [Evidence("trigger", ps + trig.start_char, ps + trig.end_char, trig.text)]
        for name, a in (("actor1", actor1), ("actor2", actor2)):
            if a is not None and a.span is not None and a.span.doc is trig.doc:
                ev.append(Evidence(name, ps + a.span.start_char, ps + a.span.end_char, a.span.text))
        if place.span is not None:
            ev.append(Evidence("location", place.char_start, place.char_end, place.span.text))
        if date_span is not None:
            ev.append(Evidence("date", ps + date_span.start_char, ps + date_span.end_char, date_span.text))
        if fat_span is not None:
            ev.append(Evidence("fatalities", ps + fat_span[0], ps + fat_span[1], s.span.doc.text[fat_span[0]:fat_span[1]]))
        if claimant is not None and claimant[1] is not None and claimant[1].doc is trig.doc:
            ev.append(Evidence("claimed_by", ps + claimant[1].start_char, ps + claimant[1].end_char, claimant[1].text))
        ev.append(Evidence("sentence", ps + s.span.start_char, ps + s.span.end_char, s.span.text))
        m = place.match
        assoc1 = "; ".join(a.name for a in a1s[1:] if not a.generic) or None
        assoc2 = "; ".join(a.name for a in a2s[1:] if not a.generic) or None
        sent_start = ps + s.span.start_char
        eid = _event_id(st.document.doc_id, se, actor1.name if actor1 else None, actor2.name if actor2 else None,
                        m.name, ev_date, sent_start, head.i)
        if stand_in:
            st.defaulted.add(eid)
        return head, rule, Event(
            event_id=eid, doc_id=st.document.doc_id, event_date=ev_date, time_precision=prec,
            event_type=et, sub_event_type=se,
            actor1=actor1.name if actor1 else None, inter1=actor1.inter if actor1 else None, assoc_actor_1=assoc1,
            actor2=actor2.name if actor2 else None, inter2=actor2.inter if actor2 else None, assoc_actor_2=assoc2,
            country=m.country, admin1=m.admin1, admin2=m.admin2, location=m.name,
            latitude=m.latitude, longitude=m.longitude, geo_precision=m.geo_precision,
            fatalities=fat, source=st.document.meta.source, notes=s.span.text.strip(),
            certainty=cert, claimed_by=claimant[0] if claimant else None, plover_type=pl,
            date_inferred=inferred, rule_id=rule.id, evidence=ev,
        )


# --------------------------------------------------------------------- helpers
class _FatalityPatterns:
    """Numbers of people killed in a sentence (injured are not counted; vague -> None)."""

    def __init__(self, lex: EventLexicon, timex: TimexParser) -> None:
        f = lex.fatalities
        self.words = {k: v for k, v in timex.numbers.items() if k not in ("a", "an")}
        self.death_lemmas = frozenset(str(x) for x in f.get("death_lemmas") or ())
        self.one = frozenset(str(x) for x in f.get("one_determiners") or ())
        self.zero = [str(x).lower() for x in f.get("zero") or ()]
        num = r"(?P<n>\d{1,4}|" + "|".join(sorted(map(re.escape, self.words), key=len, reverse=True)) + r")"
        alt = lambda xs: "|".join(sorted((r"\s+".join(map(re.escape, str(x).split())) for x in xs), key=len, reverse=True))  # noqa: E731
        filler = int(f.get("filler_max", 4))
        q = r"(?:(?:at\s+least|about|around|nearly|some|more\s+than|over|up\s+to)\s+)?"
        self.patterns = [
            re.compile(rf"(?i)\b(?:{alt(f['kill_verbs'])})\s+{q}{num}\b(?!\s*(?:%|percent))"),
            re.compile(rf"(?i)\b{num}\s+(?:[\w’'-]+\s+){{0,{filler}}}?(?:(?:were|was|have\s+been|had\s+been|are|being)\s+)?(?:{alt(f['death_words'])})\b"),
            re.compile(rf"(?i)\b(?:{alt(f['toll_words'])})\s+(?:\w+\s+){{0,2}}?(?:(?:to|at|of)\s+)?{q}{num}\b"),
        ]

    def _count(self, arg: Token) -> int | None:
        """People named by a casualty phrase: numbers and singular nouns, coordinated ones summed."""
        total = 0
        for c in R.conjuncts(arg):
            if c.pos_ == "NUM" and any(o.dep_ == "pobj" for _, o in R.prep_children(c, frozenset({"of"}))):
                raw = c.lower_
            else:
                nums = [x for x in c.children if x.dep_ == "nummod"]
                raw = nums[0].lower_ if nums else None
            if raw is not None:
                n = int(raw) if raw.isdigit() else self.words.get(raw)
                if n is None:
                    return None
                total += n
            elif c.tag_ in ("NN", "NNP") and any(x.dep_ in ("det", "poss", "nummod") and x.lower_ in self.one
                                                 for x in c.children):
                total += 1
            else:
                return None
        return total or None

    def _parsed(self, sent: Span, killer: Token | None) -> tuple[int | None, tuple[int, int] | None]:
        heads = [t for t in sent if t.pos_ == "VERB" and t.lemma_.lower() in self.death_lemmas]
        if killer is not None:
            heads.insert(0, killer)
        for v in heads:
            passive = R.is_passive(v)
            for c in v.children:
                if (c.dep_ in R.PASS_SUBJ) if passive else (c.dep_ in R.OBJ):
                    n = self._count(c)
                    if n is not None:
                        sp = R.span_of(list(c.subtree) + [v])
                        return n, (sp.start_char, sp.end_char)
        return None, None

    def find(self, sent: Span, killer: Token | None = None) -> tuple[int | None, tuple[int, int] | None]:
        n, where = self._parsed(sent, killer)
        if n is not None:
            return n, where
        n, where = self._regex(sent)
        if n is not None:
            return n, where
        low = _padded_words(sent.text)
        for z in self.zero:
            if f" {z} " in low:
                i = sent.text.lower().find(z.split()[0])
                return 0, (sent.start_char + max(i, 0), sent.start_char + max(i, 0) + len(z))
        return None, None

    def _regex(self, sent: Span) -> tuple[int | None, tuple[int, int] | None]:
        text = sent.text
        for rx in self.patterns:
            m = rx.search(text)
            if m:
                raw = m.group("n").lower()
                n = int(raw) if raw.isdigit() else self.words.get(raw)
                if n is None or (raw.isdigit() and 1900 <= n <= 2100):
                    continue
                return n, (sent.start_char + m.start(), sent.start_char + m.end())
        return None, None


def _padded_words(text: str) -> str:
    """Lower-cased words separated and surrounded by single spaces, for whole-phrase tests (f" {phrase} " in it)."""
    return " " + re.sub(r"[^\w']+", " ", text.lower()) + " "


def _norm(x: Any) -> str:
    return re.sub(r"\s+", " ", str(x or "")).strip().lower()


def _event_id(doc_id: str, sub: str, a1: str | None, a2: str | None, loc: str | None, d: date | None,
              sent_start: int, head_i: int) -> str:
    key = "|".join([doc_id, _norm(sub), _norm(a1), _norm(a2), _norm(loc), d.isoformat() if d else "", str(sent_start)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _near(e: Event, o: Event) -> bool:
    if e.event_date and o.event_date and abs((e.event_date - o.event_date).days) > MERGE_DAYS:
        return False
    if None in (e.latitude, o.latitude):
        return False
    return haversine_km(e.latitude, e.longitude, o.latitude, o.longitude) <= MERGE_KM


def _merge(events: list[Event], supersedes: dict[str, frozenset[str]] | None = None) -> list[Event]:
    """Merge repeated reports of one event inside one document (see MERGE_KM).

    Also drops an event whose sub-event type another event of the same actor1, place
    and day `supersedes` (a protest later dispersed is one "Protest with intervention").
    """
    supersedes = supersedes or {}
    events = [e for e in events if not any(
        e.sub_event_type in supersedes.get(o.sub_event_type, ()) and o.event_date == e.event_date and (
            o.location == e.location or _near(e, o) and (e.geo_precision or 3) > (o.geo_precision or 3))
        for o in events if o is not e)]
    kept: list[Event] = []
    for e in events:
        dup = next((k for k in kept if (k.sub_event_type, k.actor1, k.actor2, k.location, k.event_date)
                    == (e.sub_event_type, e.actor1, e.actor2, e.location, e.event_date)), None)
        if dup is None:
            kept.append(e)
    out: list[Event] = []
    for e in kept:
        absorbed = False
        for o in kept:
            if o is e or o.sub_event_type != e.sub_event_type:
                continue
            if o.actor1 != e.actor1 and not (e.actor1 is None and o.actor1 is not None and o.location == e.location):
                continue
            if e.actor2 is not None and e.actor2 != o.actor2:
                continue
            if e.event_date and o.event_date and abs((e.event_date - o.event_date).days) > MERGE_DAYS:
                continue
            if None in (e.latitude, o.latitude):
                continue
            if haversine_km(e.latitude, e.longitude, o.latitude, o.longitude) > MERGE_KM:
                continue
            vaguer = (e.geo_precision or 3) > (o.geo_precision or 3) or (
                e.actor2 is None and o.actor2 is not None and e.location == o.location) or (
                e.actor1 is None and o.actor1 is not None and e.location == o.location)
            if vaguer:
                absorbed = True
                break
        if not absorbed:
            out.append(e)
    return out
