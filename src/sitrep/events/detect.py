"""Detection: which trigger rule a trigger span fires, if any.

A trigger span (``doc.spans["sitrep_triggers"]``, label = rule ids joined by "|")
fires the first of its rules whose part of speech, required object words,
required subject words, context words, recipient and object conditions hold.
Roles, place and date are not needed here: detection never waits for them.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitrep.events import roles as R
from sitrep.events.lexicon import EventLexicon, TriggerRule
from sitrep.events.state import ActorRef


class RuleMatcher:
    def __init__(self, lex: EventLexicon) -> None:
        self.lex = lex

    def head_of(self, trig: Span) -> Token:
        """The token that heads a trigger span (its content word, or a misparsed verb)."""
        head = trig.root
        if head.pos_ in ("ADP", "PART", "PUNCT", "DET"):
            # "sit-in" parsed with the particle as root: the content word heads the trigger
            head = next((t for t in trig if t.pos_ in ("NOUN", "VERB", "PROPN")), head)
        if trig[0].i != head.i and R.misparsed(self.lex, trig[0]) is not None:
            head = trig[0]  # "fired rockets" with "fired" parsed as a modifier of "rockets"
        return head

    def rule_for(self, trig: Span, head: Token, mentions: dict[int, ActorRef],
                 headline: bool = False, nothing_before: bool = False) -> TriggerRule | None:
        """The first rule of the span's label whose conditions hold for `head`. `headline`: the
        first news of a report of a few sentences, where a bare toll is the event itself.
        `nothing_before`: no event told or announced yet, so a rule that continues an earlier
        one cannot hold ("Rockets hit X" opening a report is a strike of its own)."""
        for rid in trig.label_.split("|"):
            r = self.lex.rules.get(rid)
            if r is None or (r.pos and head.pos_ not in r.pos and R.misparsed(self.lex, head) is None):
                continue
            if r.requires_antecedent and nothing_before:
                continue
            if self.requires(r, head, mentions) and self.subject_ok(r, head) and self.context_ok(r, head) \
                    and (not r.requires_recipient or any(R.prep_children(head, r.recipient_preps))) \
                    and (not r.requires_loser or self.has_loser(r, head)) \
                    and (not r.requires_preps or any(o.i in mentions for _, o in R.prep_children(head, r.requires_preps))) \
                    and (not r.requires_object or any(c.dep_ in R.OBJ for c in head.children)) \
                    and (not r.requires_doer or headline or self.has_doer(head)):
                return r
        return None

    def has_loser(self, rule: TriggerRule, head: Token) -> bool:
        """`requires_loser`: a "from Y" phrase on the verb or on its object ("took the farms in
        X from Y", where the parser may hang "from Y" on the place)."""
        # "took X, Tell Y and Z farms from W": the parser may read the end of a name list as a
        # conjunct of the verb (a second verb or a noun) with no subject of its own
        heads = [head]
        for h in heads:  # grows: a conjunct's own conjuncts ("took X, Tell Y, and Z farms")
            heads += [c for c in h.children if c.dep_ == "conj" and c.pos_ in ("VERB", "NOUN", "PROPN")
                      and not any(x.dep_ in R.SUBJ or x.dep_ in R.PASS_SUBJ for x in c.children)]
        if any(True for h in heads for _ in R.prep_children(h, rule.loser_preps)):
            return True
        return any(p.dep_ == "prep" and p.lower_ in rule.loser_preps
                   for h in heads for c in h.children if c.dep_ in R.OBJ for p in c.subtree)

    def has_doer(self, head: Token) -> bool:
        """`requires_doer`: someone did it: an active subject ("IS killed ..."), the subject of the
        verb it is coordinated with ("gunmen shot and wounded ..."), or a passive agent ("by X").
        A bare toll ("20 fighters were killed") restates a battle already told."""
        v = head
        while True:
            if R.is_passive(v):
                if any(R.prep_children(v, self.lex.roles["agent_preps"])):
                    return True
            elif any(c.dep_ in R.SUBJ for c in v.children):
                return True
            if v.dep_ != "conj" or v.head.i == v.i:
                return False
            v = v.head

    def requires(self, rule: TriggerRule, head: Token, mentions: dict[int, ActorRef]) -> bool:
        if not rule.requires:
            return True
        words = self.lex.lists[rule.requires]
        cands: list[Token] = []
        verb = head if head.pos_ in ("VERB", "AUX") else None
        mis = R.misparsed(self.lex, head)
        if mis is not None:
            # "HTS controlled X village" read as "HTS-controlled X village": the noun after it
            cands.append(mis[1])
        if verb is not None:
            if verb.dep_ == "acl" and verb.tag_ == "VBN":
                cands.append(verb.head)  # "two fighters killed in X": the noun the participle describes
            if verb.dep_ == "pcomp" and R.is_passive(verb) and not any(
                    c.dep_ in R.SUBJ or c.dep_ in R.PASS_SUBJ for c in verb.children):
                # "a man died after being shot": the one shot is the subject of the clause above
                cands.extend(x for c in verb.head.head.children if c.dep_ in R.SUBJ or c.dep_ in R.PASS_SUBJ
                             for x in R.conjuncts(c))
            if R.shares_passive(verb):  # "a man was robbed and killed"
                cands.extend(x for c in R.passive_subjects(verb) for x in R.conjuncts(c))
            cands.extend(x for o in R.shared_objects(verb) for x in R.conjuncts(o))  # "shot and injured X"
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
                if c.dep_ in ("prep", "prt") and rule.requires_scope not in ("direct", "object_subtree"):
                    cands.extend(o for o in c.children if o.dep_ == "pobj")
                    # "out of the town", "away from X": the object of the inner preposition
                    cands.extend(o for p in c.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj")
        else:
            cands.append(head)
            cands.extend(c for c in head.children if c.dep_ == "compound")
            for c in head.children:
                if c.dep_ == "prep":
                    cands.extend(o for o in c.children if o.dep_ == "pobj")
            if head.head.pos_ in ("VERB",) and head.dep_ in R.OBJ:
                cands.extend(c for c in head.head.children if c.dep_ in R.PASS_SUBJ)
        # "the rest of its areas", "a number of villages": the noun after "of" is the object
        quantity = self.lex.lists.get("quantity_nouns", frozenset())
        cands += [o for c in cands if c.lemma_.lower() in quantity or c.pos_ == "NUM"
                  for _, o in R.prep_children(c, frozenset({"of"}))]  # also "20 of 25 drones"
        # "X village east of Y": the parser makes the direction the head, the noun a compound
        cands += [ch for c in cands for ch in c.children if ch.dep_ == "compound" and ch.i < c.i]
        if rule.requires_scope in ("subtree", "object_subtree"):
            cands = [t for c in cands for t in c.subtree]
        doc = head.doc
        unarmed_bodies = self.lex.lists.get("unarmed_bodies", frozenset())
        for c in cands:
            if c.ent_type_ in ("DATE", "TIME"):
                continue  # "On 3 March 2021": a month is not a march, nor a place taken
            if rule.requires == "combatants" and any(o.lemma_.lower() in unarmed_bodies
                                                     for _, o in R.prep_children(c, frozenset({"of"}))):
                continue  # "members of a media crew", "a member of the local council": not armed
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

    def subject_ok(self, rule: TriggerRule, head: Token) -> bool:
        """`requires_subject`: the subject's head (or the noun after "hundreds of") is in the list."""
        if not rule.requires_subject:
            return True
        words = self.lex.lists[rule.requires_subject]
        subjects = R.subjects(head)
        if head.pos_ in ("VERB", "AUX") and R.is_passive(head):
            # "beaten to death by a crowd": the agent is the logical subject
            subjects = subjects + [o for _, o in R.prep_children(head, self.lex.roles["agent_preps"])]
        for c in subjects:
            heads = [c] + [o for _, o in R.prep_children(c, frozenset({"of"}))]
            if any(h.lemma_.lower() in words or h.lower_ in words for h in heads):
                return True
        return False

    def context_ok(self, rule: TriggerRule, head: Token) -> bool:
        """`context`: a word of the list occurs below the trigger (purpose, manner, object)."""
        if not rule.context:
            return True
        words = self.lex.lists[rule.context]
        scope = list(head.subtree)
        if head.dep_ == "acl" and head.tag_ == "VBN":
            scope += list(head.head.subtree)  # "two beheaded bodies found in X": the noun it describes
        return any(t.lemma_.lower() in words or t.lower_ in words for t in scope if t.i != head.i)

