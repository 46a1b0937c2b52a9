"""Events that continue, or are claimed in, the sentences around them.

* a perpetrator-less strike that says it continues ("also", "the raids") takes the
  earlier strike's actor and kind (`antecedent`);
* "X launched a wave of raids overnight. Missiles hit the airport.": the strike the
  previous sentence announced without a place lends its actor (`unplaced`);
* "X claimed the attack" / "blamed X": X becomes actor1 of the paragraph's last event
  whose perpetrator was not named (`responsibility`).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from sitrep.events import roles as R
from sitrep.events.actors import ActorReader
from sitrep.events.lexicon import EventLexicon, phrase_tokens
from sitrep.events.state import ActorRef, DocState, SentenceState, Unplaced
from sitrep.records import Event


class Continuation:
    def __init__(self, lex: EventLexicon, actors: ActorReader) -> None:
        self.lex = lex
        self.actors = actors

    def continuing(self, sub_event_type: str) -> bool:
        return " ".join(phrase_tokens(sub_event_type)) in self.lex.lists.get("continuing_sub_events", ())

    def antecedent(self, st: DocState, head: Token) -> Event | None:
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
        for c in R.subjects(head) if head.pos_ in ("VERB", "AUX") else [head]:
            if c.lemma_.lower() in L.get("continuing_subjects", ()) and any(
                    d.dep_ == "det" and d.lower_ in self.lex.anaphoric_determiners for d in c.children):
                definite = True
        if not (adverb or definite):
            return None
        pool = st.events[st.par_from:] or (st.events[-1:] if definite else [])
        if not pool:
            return None
        prev = pool[-1]
        if not self.continuing(prev.sub_event_type) or not prev.actor1 or prev.event_id in st.defaulted:
            return None
        return prev

    @staticmethod
    def unplaced(st: DocState, s: SentenceState) -> Unplaced | None:
        """The placeless strike of the sentence just before this one in the same paragraph,
        if no event has been found since (else None)."""
        u = st.unplaced
        if u is None or u[3] is not s.span.doc or u[4] != s.span.start or u[5] != len(st.events):
            return None
        return u

    def responsibility(self, st: DocState, sent: Span, s_cues: list[Span], mentions: dict[int, ActorRef],
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
                acts = [a for a in self.actors.phrase_actors(st, h, mentions) if not a.generic]
                if acts and acts[0].name != target.actor2:
                    a = acts[0]
                    events[-1] = replace(target, actor1=a.name, inter1=a.inter)
                    st.defaulted.discard(target.event_id)
                    return

