"""Event extraction: body paragraphs -> ACLED-style `Event`s and `Statement`s.

`EventExtractor` is a thin orchestrator. One `nlp.pipe` pass parses the body
paragraphs of a batch of documents; then, sentence by sentence, it

1. sets what scopes over the sentence: claimant and certainty (`claims.ClaimReader`),
   the sentence's date (`dates.sentence_date`);
2. runs every trigger (``doc.spans["sitrep_triggers"]``) through the event stages
   named in ``data/events/pipeline.yaml`` (`stages.py`: detect, modality, arguments,
   place, type, continuation, date, claims, fatalities, confidence, assemble), each
   reading and writing named slots of a `state.Mention`;
3. keeps one report per happening in the sentence (`merge.coordinate`), gives a toll
   in a following event-less sentence to the event before it, and applies
   responsibility claims ("X claimed the attack");
4. remembers the sentence's places and actors for later sentences.

Repeated reports inside one document are merged at the end (`merge.merge`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from sitrep.events.claims import ForwardScope
from sitrep.events.dates import sentence_date
from sitrep.events.lexicon import EventLexicon, load_lexicon
from sitrep.events.merge import coordinate, merge
from sitrep.events.places import FALLBACK_PRECISION
from sitrep.events.registry import Stage, build_stages, read_pipeline
from sitrep.events.stages import Kit
from sitrep.events.state import DocState, Mention, ParagraphState, PlaceRef, SentenceState
from sitrep.geo.records import PlaceContext
from sitrep.nlp.casing import HeadlineCasing
from sitrep.records import Document, Event, Statement
from sitrep.timex import TimexParser, load_timex_parser

DEFAULT_BATCH_SIZE = 32
DEFAULT_COUNTRY = "SY"
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# ACLED's rebel groups, political and identity militias: armed groups that fight at home
LOCAL_GROUP_INTERS = frozenset({2, 3, 4})


class EventExtractor:
    """Build once from resources, then `extract(docs)` many times."""

    def __init__(self, nlp: Language, actor_resolver: Any = None, place_resolver: Any = None,
                 lexicon: EventLexicon | None = None, timex: TimexParser | None = None,
                 *, default_country: str | None = DEFAULT_COUNTRY, pipeline: str | Path | None = None) -> None:
        self.nlp = nlp
        self.actors = actor_resolver
        self.places = place_resolver
        self.lex = lexicon or load_lexicon()
        self.timex = timex or load_timex_parser()
        self.default_country = default_country
        self.kit = Kit.build(self.lex, self.timex, actor_resolver, place_resolver, default_country)
        self.stages: list[Stage] = build_stages(self.kit, read_pipeline(pipeline))
        self.casing = HeadlineCasing(getattr(nlp.Defaults, "stop_words", ()), _lexicon_words(self.lex))
        # when a list, every mention's (document name, trigger text, stage trace) is appended:
        # why a trigger gave no event is always answerable (`sitrep extract --explain`)
        self.trace_sink: list[tuple[str, str, list[str]]] | None = None
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
                found = self.kit.places.dateline(text)
                if found is not None:
                    end, match, name_end = found
                    text = " " * end + text[end:]
                    datelines.setdefault(i, (p.start, p.start + name_end, match))
                texts.append((self.casing(text), (i, j)))
        parsed: dict[int, list[Doc]] = {i: [] for i in range(len(docs))}
        for sdoc, (i, _j) in self.nlp.pipe(texts, as_tuples=True, batch_size=64):
            parsed[i].append(sdoc)
        for i, d in enumerate(docs):
            yield (d, *self._document(d, parsed[i], datelines.get(i)))

    # ----------------------------------------------------------------- document
    def _document(self, document: Document, pdocs: list[Doc], dateline: tuple[int, int, Any] | None = None
                  ) -> tuple[list[Event], list[Statement]]:
        ctx = self._actor_context(document)
        country = self._document_country(pdocs, ctx)
        if country is not None:
            ctx = replace(ctx, country=country)
        st = DocState(document=document, actor_ctx=ctx, n_sentences=sum(1 for d in pdocs for _ in d.sents),
                      names_a_place=any(self._names_a_place(d) for d in pdocs), country=country)
        if st.n_sentences <= SHORT_REPORT_SENTENCES:
            # a coder's note or a bulletin names the governorate after the village ("X was
            # shelled ... in Idleb"): every governorate it names guides its places from the start
            st.admin1_hints = self.kit.places.named_areas(pdocs)
        if dateline is not None:
            st.last_place = PlaceRef(dateline[2], None, dateline[0], dateline[1])
        events: list[Event] = []
        statements: list[Statement] = []
        for par, sdoc in zip(document.segmentation.body, pdocs):
            if self.actors is not None and hasattr(self.actors, "learn_acronyms"):
                self.actors.learn_acronyms(par.text, ctx)
            if st.year_hint is None and (y := _YEAR.search(par.text)) is not None:
                st.year_hint = int(y.group())
            self._paragraph(st, par.start, sdoc, events, statements)
        return merge(events, self.lex.supersedes, self.lex.supersedes_in_sentence,
                     self.lex.supersedes_at_place, self.lex.supersedes_around), statements

    def _names_a_place(self, sdoc: Doc) -> bool:
        """A place entity, or a proper name after a location preposition or a settlement word."""
        if any(e.label_ in ("GPE", "LOC", "FAC") for e in sdoc.ents):
            return True
        lex = self.lex
        return any(t.pos_ == "PROPN" and (t.head.lower_ in lex.location_preps or
                                          t.head.lemma_.lower() in lex.settlement_nouns or
                                          t.head.head.lemma_.lower() in lex.settlement_nouns)
                   for t in sdoc)

    def _document_country(self, pdocs: list[Doc], ctx: Any) -> str | None:
        """The country a report is about when the armed groups it names (not states, which
        fight abroad) all belong to one other than the default ("M23 rebels", "Wazalendo
        militiamen": Congo): its places and unowned forces are then that country's. None
        when any of them is the default country's, or none is named."""
        if self.actors is None or ctx is None or not hasattr(self.actors, "resolve"):
            return None
        seen: Counter[str] = Counter()
        for d in pdocs:
            for sp in d.spans.get("sitrep_actors", []):
                m = self.actors.resolve(sp.text, ctx)
                if m is not None and not m.generic and m.inter in LOCAL_GROUP_INTERS and m.country:
                    seen[m.country] += 1
        if not seen or seen.get(ctx.country):
            return None
        top = seen.most_common(1)[0][0]
        # the groups' country must also be where the report's places are: Iraqi militias or
        # Hezbollah fighting in Syria name Syrian places, which are found there as written
        where = self._exact_place_countries(pdocs, (ctx.country, top))
        return top if top in where and ctx.country not in where else None

    def _exact_place_countries(self, pdocs: list[Doc], countries: tuple[str | None, ...]) -> set[str]:
        """Which of `countries` the report's place names are found in exactly as written (a
        spelling key alone is too loose: "Sake" keys like a Syrian village)."""
        resolver = self.kit.places.resolver
        out: set[str] = set()
        if resolver is None:
            return out
        names = {e.text for d in pdocs for e in d.ents if e.label_ in ("GPE", "LOC", "FAC")}
        for d in pdocs:  # the small NER misses many towns: proper-name runs outside actor names too
            held = {i for sp in d.spans.get("sitrep_actors", []) for i in range(sp.start, sp.end)}
            run: list[Any] = []
            for t in [*d, None]:
                if t is not None and t.pos_ == "PROPN" and t.i not in held:
                    run.append(t)
                    continue
                if run:
                    names.add(d[run[0].i: run[-1].i + 1].text)
                    run = []
        for name in sorted(names):
            for c in countries:
                if c is None or c in out:
                    continue
                m = resolver.resolve_phrase(name, PlaceContext(country=c))
                if m is not None and getattr(m, "country_code", None) == c and getattr(m, "matched", "") == "exact":
                    out.add(c)
        return out

    def _actor_context(self, document: Document) -> Any:
        if self.actors is None:
            return None
        from sitrep.knowledge.actors import ActorContext

        try:
            return ActorContext(country=self.default_country, acronyms={}, date=document.meta.published)
        except TypeError:
            return ActorContext(country=self.default_country, acronyms={})

    def _idiom(self, trig: Span) -> bool:
        """A one-word verb trigger whose object makes an idiom that reports nothing by itself
        ("clashes took place", "took part in"; cues `non_event_idioms`): not a trigger, and so
        no other trigger's place or target is kept from it."""
        if len(trig) != 1 or trig[0].pos_ not in ("VERB", "AUX"):
            return False
        idioms = self.lex.lists.get("non_event_idioms", frozenset())
        return any(f"{trig[0].lemma_.lower()} {c.lemma_.lower()}" in idioms
                   for c in trig[0].children if c.dep_ in ("dobj", "nsubjpass"))

    def _paragraph(self, st: DocState, par_start: int, sdoc: Doc, events: list[Event],
                   statements: list[Statement]) -> None:
        kit = self.kit
        mentions = kit.actors.mentions(st, sdoc)
        par = ParagraphState(mentions=mentions, quotes=kit.claims.quotes(st, sdoc, mentions),
                             triggers=[t for t in sdoc.spans.get("sitrep_triggers", []) if not self._idiom(t)])
        forward = ForwardScope()
        cues = list(sdoc.spans.get("sitrep_cues", []))
        timexes = list(sdoc.spans.get("sitrep_timex", []))
        par_events_from = len(events)
        st.events, st.par_from = events, par_events_from
        for sent in sdoc.sents:
            s = SentenceState(span=sent, par_start=par_start,
                              cues=[c for c in cues if sent.start <= c.start < sent.end])
            kit.claims.scope(st, s, mentions, forward)
            s.date = sentence_date(kit.timex, kit.claims, st, sent, timexes)
            kit.claims.learn_speakers(st, sent, mentions)
            found = []
            for trig in par.triggers:
                if not (sent.start <= trig.start < sent.end):
                    continue
                m = self.run_stages(Mention(trig=trig, head=trig.root), st, s, par)
                if self.trace_sink is not None:
                    self.trace_sink.append((st.document.name, trig.text, m.trace))
                if m.event is not None:
                    found.append((m.head, m.rule, m.event))
                elif m.statement is not None and not any(
                        (x.start, x.kind) == (m.statement.start, m.statement.kind) for x in statements):
                    statements.append(m.statement)
            n_before = len(events)
            if found and all(_toll_only(e) for _, _, e in found) and \
                    kit.fatalities.follow_on(st, s, s.date):
                # "Clashes broke out in X. Two people were killed.": a perpetrator-less, placeless
                # casualty sentence is the toll of the one event just before it, not a new attack
                found = []
            events.extend(coordinate(found))
            if len(events) > n_before:
                st.just_found = events[n_before:]
            elif found:
                st.just_found = []
            else:
                kit.fatalities.follow_on(st, s, s.date)
                st.just_found = []
            kit.continuation.responsibility(st, sent, s.cues, mentions, events, par_events_from)
            if s.date is not None:
                st.previous_date = (s.date[0], s.date[1])
            # remember places and actors named in this sentence for later sentences
            for p in kit.places.sentence_places(st, sent, mentions, par_start):
                par.place = p
                st.last_place = p
                if st.main_place is None and (p.match.geo_precision or 3) <= FALLBACK_PRECISION:
                    st.main_place = p
            for tok_i in sorted(mentions):
                if sent.start <= tok_i < sent.end:
                    a = mentions[tok_i]
                    if not a.generic and (not st.last_actors or st.last_actors[-1].name != a.name):
                        st.last_actors.append(a)

    def run_stages(self, m: Mention, st: DocState, s: SentenceState, par: ParagraphState) -> Mention:
        """Run the configured stages over one mention until one stops it."""
        for stage in self.stages:
            m.trace.append(stage.name)
            stage(m, st, s, par)
            if m.drop is not None:
                break
        return m


# reports this short are read with every governorate they name as context from the first word
SHORT_REPORT_SENTENCES = 5

# fallbacks that show an event took both its perpetrator and its place from elsewhere
_BORROWED_PLACE = ("location:paragraph", "location:article")


def _lexicon_words(lex: EventLexicon) -> set[str]:
    """The words of the trigger phrases and the place nouns and prepositions: the common words
    a title-case headline is lower-cased on (not the name particles or unit nouns of the word
    lists, which begin names: "Tal ...", "... Brigade")."""
    words = {w for r in lex.rules.values() for p in r.phrases for w in p}
    for group in (lex.location_nouns, lex.location_preps):
        words.update(w for phrase in group for w in phrase.split())
    return {w for w in words if w.isalpha()}


def _toll_only(e: Event) -> bool:
    """An event read from a bare casualty sentence: no perpetrator named, no place of its own."""
    return e.fatalities is not None and "actor1:unidentified" in e.fallbacks and \
        any(f in e.fallbacks for f in _BORROWED_PLACE)
