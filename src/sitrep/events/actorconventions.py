"""The ACLED conventions `ActorReader` applies once a trigger's candidates are read: a rule's
fixed actor1, unnamed victims, the keeper of a prison, allies on one side, a group taking
its own member, an attributing aside ("warplanes, likely Russian"), and a group the
ontology does not list kept under the name the text gives. Kept apart from `actors.py`,
which reads the candidates from the parse.

`ActorConventions` is a mixin of `ActorReader`: it uses `lex`, `resolver`, `_member_of`,
`resolve`, `resolve_forces`, `to_actor` and `phrase_actors`, which `ActorReader` defines.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from sitrep.events import roles as R
from sitrep.events.lexicon import TriggerRule
from sitrep.events.state import ActorRef, DocState
from sitrep.geo.resolve import PlaceContext

# A name is taken for a place's when the gazetteer matches it this well (an exact spelling
# scores ~1.4; loose transliteration matches of group names such as "Al-Shabaab" score <1.3)
PLACE_NAME_SCORE = 1.35


class ActorConventions:
    """The conventions applied to an event's actor candidates (see the module docstring)."""

    lex: Any
    resolver: Any
    _member_of: frozenset[str]

    def _own_member(self, a2: ActorRef, a1: ActorRef, targets: list[Token]) -> bool:
        """"HTS detained an HTS commander": the target, a person, names the doer's own group in
        its own words, so the group is on both sides (ACLED codes it as actor1 and actor2);
        "recaptured an army post" is no such target."""
        if a2.span is None or a1.span is None or a2.span.start < a1.span.end and a1.span.start < a2.span.end:
            return False
        people = self._member_of | self.lex.lists.get("combatants", frozenset()) | \
            self.lex.lists.get("person_roles", frozenset())
        return any(t.left_edge.i <= a2.span.root.i <= t.right_edge.i and t.lemma_.lower() in people for t in targets)

    def reported_subject(self, subj: Token, mentions: dict[int, ActorRef]) -> Token:
        """"X reported that it had come under fire", "X announced that they had merged":
        a pronoun subject inside a claim refers to the claim's speaker."""
        if subj.i in mentions or subj.tag_ != "PRP" or subj.lower_ not in self.lex.claimant_pronouns:
            return subj
        for t in R.chain(subj)[2:]:
            if t.pos_ == "VERB" and t.lemma_.lower() in self.lex.claim_verbs:
                speaker = [c for c in t.children if c.dep_ in R.SUBJ and c.tag_ != "PRP"]
                return speaker[0] if speaker else subj
        return subj

    def fixed_actor(self, st: DocState, phrase: str | None) -> ActorRef | None:
        m = self.resolve(st, phrase) if phrase else None
        return None if m is None else ActorRef(name=m.name, inter=m.inter, generic=bool(m.generic), span=None,
                                             actor_id=m.actor_id)

    def victims(self, st: DocState, rule: TriggerRule, head: Token, targets: list[Token],
                 mentions: dict[int, ActorRef]) -> list[ActorRef]:
        """Unnamed civilian targets ("a pharmacist", "a shop") or the people a blast killed."""
        civ = self.fixed_actor(st, rule.victim_default)
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
                acts = [a for a in self.phrase_actors(st, c, mentions)]
                if acts:
                    return acts[:1]
                if civ and any(x.lemma_.lower() in words for x in R.conjuncts(c)):
                    return [civ]
        return []

    def allied(self, a: ActorRef, b: ActorRef) -> bool:
        """The ontology has the two on one side (allied with, backed by or part of the other)."""
        onto = getattr(self.resolver, "ontology", None)
        if onto is None or not a.actor_id or not b.actor_id or a.actor_id not in onto.actors \
                or b.actor_id not in onto.actors:
            return False
        return any(f.target == y.actor_id and f.type in ("allied_with", "backed_by", "member_of")
                   for x, y in ((a, b), (b, a)) for f in onto.get(x.actor_id).affiliations)

    def _attributed(self, st: DocState, h: Token) -> ActorRef | None:
        """"Warplanes, likely regime or Russian, struck ...": the side an aside attributes a
        generic noun to, read with the noun ("regime or Russian warplanes")."""
        hedges = self.lex.lists.get("attribution_hedges", frozenset())
        for c in h.children:
            if c.dep_ != "appos":
                continue
            words = [t.text for t in c.subtree if t.lower_ not in hedges and not t.is_punct]
            m = self.resolve(st, " ".join(words + [h.text])) if words else None
            bare = self.resolve(st, h.text)
            # a side named, even a generic one ("Allied Syrian and/or Russian Forces"), beats the bare noun's
            if m is not None and (not m.generic or bare is None or m.name != bare.name):
                return self.to_actor(m, h.doc[c.left_edge.i: c.right_edge.i + 1])
        return None

    def conventions(self, st: DocState, rule: TriggerRule, head: Token, a1s: list[ActorRef], a2s: list[ActorRef],
                     targets: list[Token], mentions: dict[int, ActorRef]) -> tuple[list[ActorRef], list[ActorRef]]:
        """ACLED actor conventions declared on the rule (see triggers.yaml header)."""
        if rule.recipient_preps:
            verb = head if head.pos_ in ("VERB", "AUX") else R.governing_verb(head)
            rec: list[ActorRef] = []
            for _, o in R.prep_children(verb, rule.recipient_preps) if verb is not None else ():
                rec.extend(a for a in self.phrase_actors(st, o, mentions) if not a.generic or not rec)
            if rec:
                a1s, a2s = rec, [a for a in a1s if a.name != rec[0].name]
        if rule.subject_is_actor2:
            a1s, a2s = [], a1s
        if rule.victim_subject and head.pos_ in ("VERB", "AUX") and not R.is_passive(head):
            a1s, a2s = [], a1s + [a for a in a2s if all(a.name != b.name for b in a1s)]
        if rule.keeper_nouns and not a1s:
            a1s = self.keeper(st, head, self.lex.lists[rule.keeper_nouns], mentions)
        if rule.victim_subject and not a2s:
            targets = targets + [c for c in head.children if c.dep_ in R.SUBJ]
        if rule.loser_preps and not a2s:
            # "took the farms back from X": X lost them
            verb = head if head.pos_ in ("VERB", "AUX") else R.governing_verb(head)
            for _, o in R.prep_children(verb, rule.loser_preps) if verb is not None else ():
                a2s.extend(a for a in self.phrase_actors(st, o, mentions)
                           if all(a.name != b.name for b in a1s[:1] + a2s))
        if rule.symmetric and not a2s and len(a1s) > 1 and not a1s[1].generic and self.conjoined_sides(head, a1s):
            # "SDF fighters and Turkish-backed factions traded fire": the two sides
            a1s, a2s = [a1s[0]] + a1s[2:], [a1s[1]]
        if rule.actor1:
            fixed = self.fixed_actor(st, rule.actor1)
            if fixed is not None:
                a1s = [fixed] + [a for a in a1s if a.name != fixed.name]
        if rule.victim_default and not a2s:
            a2s = self.victims(st, rule, head, targets, mentions)
        if rule.symmetric and not a1s and a2s:
            a1s, a2s = a2s[:1], a2s[1:]
        if rule.symmetric and not a2s:
            # "clashes among members of X", "X fought among themselves": one group on both
            # sides (ACLED codes the same actor as actor1 and actor2)
            within = self.lex.lists.get("within_group_preps", frozenset())
            reciprocal = self.lex.lists.get("reciprocal_pronouns", frozenset())
            holders = [head] + ([head.head] if head.dep_ in R.SUBJ and head.pos_ == "NOUN" else [])
            for _, o in [po for h in holders for po in R.prep_children(h, within)]:
                if o.lemma_.lower() in reciprocal or o.lower_ in reciprocal:
                    a2s = a1s[:1]
                    break
                found = self.phrase_actors(st, o, mentions)
                if found:
                    a1s, a2s = found[:1], found[:1]
                    break
        return a1s, a2s

    def keeper(self, st: DocState, head: Token, nouns: frozenset[str], mentions: dict[int, ActorRef]
               ) -> list[ActorRef]:
        """"died in a regime prison", "in an HTS jail": the holder named on the place noun."""
        for _, o in R.prep_children(head, frozenset({"in", "at", "inside"})):
            if o.lemma_.lower() not in nouns and not any(
                    c.dep_ == "compound" and c.lemma_.lower() in nouns for c in o.children):
                continue
            for c in o.subtree:
                if c.i >= o.i or c.dep_ not in ("compound", "amod", "poss", "nmod"):
                    continue
                if c.i in mentions:
                    return [mentions[c.i]]
                m = self.resolve(st, c.text) or self.resolve_forces(st, c.text)  # "a government prison"
                if m is not None and not m.generic:  # "an unnamed prison" names no jailer
                    return [self.to_actor(m, c.doc[c.i: c.i + 1])]
        return []

    @staticmethod
    def conjoined_sides(head: Token, a1s: list[ActorRef]) -> bool:
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

    def unlisted(self, st: DocState, head: Token, places: Any = None) -> ActorRef | None:
        """A named armed group the ontology does not list, as the text names it.

        "The X Liberation Army took a position" (a proper name on a group head word, cues
        `group_head_nouns`: the whole name) or "Y militants attacked" (a proper name on a
        member noun, cues `member_nouns`: the name without the noun); the name must not be
        a nationality or a place. ACLED codes such groups under their own name; inter 2
        (rebels) unless known otherwise. The subject of an active trigger verb, or the
        "by" agent of a passive one.
        """
        groups = self.lex.lists.get("group_head_nouns", frozenset())
        members = self.lex.lists.get("member_nouns", frozenset())
        if head.pos_ in ("VERB", "AUX") and R.is_passive(head):
            cands = [o for _, o in R.prep_children(head, self.lex.roles["agent_preps"])]
        else:
            cands = R.subjects(head)
        for c in cands:
            word = c.lemma_.lower()
            if word not in groups and word not in members and c.lower_ not in groups | members:
                continue
            names = [x for x in c.lefts if x.dep_ in ("compound", "amod", "nmod") and x.pos_ == "PROPN"]
            if not names:
                continue
            start = min(x.left_edge.i for x in names)
            end = c.i + 1 if (word in groups or c.lower_ in groups) else c.i
            span = c.doc[start:end]
            if span[0].pos_ != "PROPN" or any(
                    t.pos_ not in ("PROPN", "NOUN", "PUNCT", "ADP", "DET") and not t.text[:1].isupper() for t in span):
                continue
            if any(t.ent_type_ in ("NORP", "GPE", "LOC", "DATE") for t in span):
                continue  # "Syrian fighters", "Daraa gunmen": a nationality or a place, not a group's name
            known = self.resolve(st, span.text)
            if known is not None and not known.generic:
                continue  # listed: the ordinary path names it
            if places is not None and places.resolver is not None:
                p = places.resolver.resolve_phrase(span.text, PlaceContext(country=places.default_country))
                if p is not None and (p.matched == "exact" or p.score >= PLACE_NAME_SCORE):
                    continue  # "Idlib militants": a place's fighters, not a group called so
            return ActorRef(name=span.text, inter=2, generic=False, span=span)
        return None
