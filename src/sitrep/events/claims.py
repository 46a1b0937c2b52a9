"""Who says so: claimants, quotes, "according to" and claim levels.

`ClaimReader` finds who a sentence or quote attributes a report to (the subject of a
reporting verb, the object of a quote verb, "according to X", the speaker after a
closing quotation mark) and grades it: 'claimed' when the source is a party to the
conflict or its media, else 'reported' (the convention is written in cues.yaml above
`certainty`). Pronoun sources ("they said") point back to the last claimant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from sitrep.events import roles as R
from sitrep.events.actors import ActorReader
from sitrep.events.lexicon import EventLexicon
from sitrep.events.state import ActorRef, Claimant, DocState, SentenceState


class ClaimReader:
    def __init__(self, lex: EventLexicon, actors: ActorReader) -> None:
        self.lex = lex
        self.actors = actors

    def claimant_text(self, st: DocState, tok: Token, mentions: dict[int, ActorRef]) -> Claimant | None:
        if tok.lower_ in self.lex.claimant_pronouns:
            return st.last_claimant
        # "the group's media centre", "its spokesman": the group named just before
        if tok.lemma_.lower() in self.lex.speaker_nouns:
            back = self._owner_named_before(st, tok, mentions)
            if back is not None:
                return back.name, back.span
        # "a spokesman for X" -> X
        if tok.lemma_.lower() in self.lex.speaker_nouns:
            for _, o in R.prep_children(tok, frozenset({"for", "of"})):
                inner = self.claimant_text(st, o, mentions)
                if inner:
                    return inner
        acts = [a for a in self.actors.phrase_actors(st, tok, mentions) if not a.generic]
        if acts:
            return acts[0].name, acts[0].span
        toks = [t for t in tok.subtree if t.dep_ not in ("punct",) or t.text in "-"]
        sp = R.span_of(R.own_subtree(tok, frozenset({"during", "in", "at", "on"})))
        text = sp.text if sp is not None else tok.text
        return (text, sp) if toks else None

    def _owner_named_before(self, st: DocState, tok: Token, mentions: dict[int, ActorRef]) -> ActorRef | None:
        """The owner of a speaker noun written as a pointer back ("its", "the group's"): the
        nearest named actor before it in the sentence, else the last one of the article."""
        group_words = self.lex.lists.get("anaphoric_group_nouns", frozenset())
        owner = next((c for c in tok.subtree if c.dep_ == "poss" and c.i < tok.i), None)
        if owner is None:
            return None
        pointer = owner.tag_ == "PRP$" or (owner.lemma_.lower() in group_words and any(
            d.dep_ == "det" and d.lower_ == "the" for d in owner.children))
        if not pointer:
            return None
        before = [a for i, a in sorted(mentions.items()) if i < owner.i and i >= tok.sent.start and not a.generic]
        if before:
            return before[-1]
        named = [a for a in st.last_actors if not a.generic]
        return named[-1] if named else None

    def claimant_of(self, st: DocState, verb: Token, mentions: dict[int, ActorRef]) -> Claimant | None:
        if verb.lemma_.lower() in self.lex.quote_verbs:
            for c in verb.children:
                if c.dep_ in R.OBJ:
                    return self.claimant_text(st, c, mentions)
        for c in verb.children:
            if c.dep_ in R.SUBJ:
                return self.claimant_text(st, c, mentions)
        return None

    def pronoun_source(self, cue: Span) -> bool:
        """"according to them": the source is a pronoun pointing back."""
        objs = [o for o in cue[-1].children if o.dep_ == "pobj"]
        nxt = cue.doc[cue.end] if cue.end < len(cue.doc) else None
        tok = objs[0] if objs else nxt
        return tok is not None and tok.lower_ in self.lex.claimant_pronouns

    def level(self, st: DocState, claimant: Claimant) -> str:
        """'claimed' when the source is a party to the conflict or its media, else 'reported'
        (the convention is written in cues.yaml above `certainty`)."""
        name, span = claimant
        level = self.level_of(st, name, span)
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

    def level_of(self, st: DocState, name: str, span: Span | None) -> str:
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
        m = self.actors.resolve(st, name)
        if m is not None and not m.generic and m.inter in C["party_inter"]:
            return "claimed"
        if span is not None:
            m = self.actors.resolve(st, span.text)
            if m is not None and not m.generic and m.inter in C["party_inter"]:
                return "claimed"
        return "reported"

    def according_to(self, st: DocState, cue: Span, mentions: dict[int, ActorRef]) -> Claimant | None:
        last = cue[-1]
        for o in last.children:
            if o.dep_ == "pobj":
                return self.claimant_text(st, o, mentions)
        nxt = cue.doc[cue.end] if cue.end < len(cue.doc) else None
        return self.claimant_text(st, nxt, mentions) if nxt is not None else None

    def quotes(self, st: DocState, sdoc: Doc, mentions: dict[int, ActorRef]) -> list[tuple[int, int, Claimant]]:
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
                    holder = self.claimant_of(st, t, mentions)
                    break
            if holder is None:
                first = sdoc[qs.start]
                for t in first.sent:
                    if t.i >= qs.start:
                        break
                    if t.lemma_.lower() in self.lex.claim_verbs:
                        holder = self.claimant_of(st, t, mentions)
            if holder:
                out.append((qs.start, qs.end, holder))
        return out

    def claim_timex(self, tx: Span) -> bool:
        """The time expression dates a reporting verb ("said on Monday")."""
        for t in R.chain(tx.root)[1:3]:
            if t.pos_ == "VERB":
                return t.lemma_.lower() in self.lex.claim_verbs
        return False


    def scope(self, st: DocState, s: SentenceState, mentions: dict[int, ActorRef],
              forward: ForwardScope) -> None:
        """Set the claimant and certainty that scope over sentence `s`.

        Certainty cues whose scope is 'forward' (cues.yaml `certainty_scope`) and
        sentence-initial "according to X" carry over to the paragraph's later
        sentences through `forward`.
        """
        sent = s.span
        s.claimant, s.certainty = forward.claimant, set(forward.certainty)
        for c in s.cues:
            level = c.label_.split(":", 1)[1] if c.label_.startswith("certainty:") else None
            if level and c.root.dep_ == "acl" and c.root.head.pos_ in ("NOUN", "PROPN"):
                continue  # "four men accused of collecting money": describes the men
            if level:
                s.certainty.add(level)
                if self.lex.certainty_scope.get(level) == "forward":
                    forward.certainty.add(level)
                    holder = self.claimant_of(st, R.governing_verb(c.root) or c.root, mentions)
                    if holder:
                        st.last_claimant = holder
                        forward.claimant = holder
            if c.label_ == "according_to":
                holder = self.according_to(st, c, mentions)
                if holder and not self.pronoun_source(c):
                    # a sentence that names its own source ends a rumour's scope
                    s.certainty.discard("rumoured")
                    forward.certainty.discard("rumoured")
                if holder:
                    s.claimant = holder
                    st.last_claimant = holder
                    if c.start <= sent.start + 1 or c.root.head.dep_ == "ROOT":
                        forward.claimant = holder

    def learn_speakers(self, st: DocState, sent: Span, mentions: dict[int, ActorRef]) -> None:
        """Speakers introduced with their office ("head of the X centre, N, said") keep its level."""
        for t in sent:
            if t.pos_ == "VERB" and t.lemma_.lower() in self.lex.claim_verbs and \
                    any(x.ent_type_ == "PERSON" for c in t.children if c.dep_ in R.SUBJ for x in c.subtree):
                holder = self.claimant_of(st, t, mentions)
                if holder:
                    self.level(st, holder)


@dataclass(slots=True)
class ForwardScope:
    """Claimant and certainty carried from one sentence to the next in a paragraph."""

    claimant: Claimant | None = None
    certainty: set[str] = field(default_factory=set)
