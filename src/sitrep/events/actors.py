"""Who did what to whom: actor mentions, coreference and roles from the parse.

`ActorReader` turns ``doc.spans["sitrep_actors"]`` and coreference cues into a map
token -> `ActorRef` (per paragraph), reads the actors a phrase names, and assigns
actor1 / actor2 candidates and target heads to a trigger from the dependency parse
(subject, "by" agent, passive subject, object, "on"/"against" targets, "between X and
Y"), then applies the ACLED conventions a rule declares (fixed actor1, recipients,
losers, symmetric sides, unnamed civilian victims: `actorconventions.ActorConventions`). Every word list comes from the
lexicon; the resolver maps text to ontology actors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from sitrep.events import roles as R
from sitrep.events.actorconventions import ActorConventions
from sitrep.events.lexicon import EventLexicon
from sitrep.events.state import ActorRef, DocState




def _seat_of_government(a: ActorRef) -> bool:
    """A government named by its capital ("Harare", "Damascus"): in "gunmen in X" a place."""
    return a.name.startswith("Government of") and a.span is not None and len(a.span) == 1 and \
        a.span[0].pos_ == "PROPN"


class ActorReader(ActorConventions):
    """Actor look-ups over one parse; stateless apart from `DocState`'s cache."""

    def __init__(self, lex: EventLexicon, resolver: Any = None) -> None:
        self.lex = lex
        self.resolver = resolver
        # nouns for a person in a group ("a commander in X"): built once, read per phrase
        self._member_of = lex.lists.get("member_nouns", frozenset()) | lex.speaker_nouns

    def resolve(self, st: DocState, text: str) -> Any:
        if self.resolver is None or not text.strip():
            return None
        key = text.strip().lower()
        if key not in st.actor_cache:
            st.actor_cache[key] = self.resolver.resolve(text.strip(), st.actor_ctx)
        return st.actor_cache[key]

    def resolve_forces(self, st: DocState, word: str) -> Any:
        """A holder written as one modifier word ("government", "Turkish") names its forces:
        "government shelling", "a Turkish ground shelling", "a government prison"."""
        return self.resolve(st, f"{word} forces")

    def to_actor(self, m: Any, span: Span | None) -> ActorRef:
        return ActorRef(name=m.name, inter=m.inter, generic=bool(m.generic), span=span, actor_id=m.actor_id)

    def mentions(self, st: DocState, sdoc: Doc) -> dict[int, ActorRef]:
        """token index -> resolved actor, for every token inside a resolved mention."""
        out: dict[int, ActorRef] = {}
        for sp in sdoc.spans.get("sitrep_actors", []):
            # "X-affiliated group", "X-backed militia": X modifies, it is not the actor
            if sp.end + 1 < len(sdoc) and sdoc[sp.end].text == "-" and sdoc[sp.end + 1].pos_ in ("VERB", "ADJ"):
                continue
            m = self.resolve(st, sp.text)
            if m is None:
                continue
            a = self.to_actor(m, sp)
            for i in range(sp.start, sp.end):
                out[i] = a
        named_here = sorted((i, a) for i, a in out.items() if not a.generic and a.span is not None
                            and a.span.label_ != "NORP" and i == a.span.start)

        def prior(tok: Token) -> list[ActorRef]:
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
                named: list[ActorRef] = []
                for a in reversed(prior(t)):
                    if all(a.name != b.name for b in named):
                        named.append(a)
                    if len(named) == 2:
                        break
                sp = sdoc[t.left_edge.i: t.i + 1]
                for a, i in zip(reversed(named), (t.i, t.left_edge.i)):
                    out[i] = replace(a, span=sp)
        return out

    def _infighting(self, st: DocState, holder: Token, mentions: dict[int, ActorRef],
                    a1: list[ActorRef], a2: list[ActorRef]) -> None:
        """"clashes among members of X" / "infighting within X": one named group on both
        sides (ACLED codes intra-group fighting with the group as actor1 and actor2)."""
        if a1:
            return
        for _, o in R.prep_children(holder, self.lex.roles.get("within_preps", frozenset())):
            found = [a for a in self.phrase_actors(st, o, mentions) if not a.generic]
            if found:
                a1.append(found[0])
                a2.extend(found[1:] or found[:1])
                return

    def _place_nouns(self, heads: list[Token]) -> list[Token]:
        """The nouns of the location phrases on `heads` ("in the north of X", "in areas in X
        countryside"), down nested "of"/location phrases, at most three deep."""
        preps = self.lex.location_preps | {"of"}
        out: list[Token] = []
        frontier = list(heads)
        for _ in range(3):
            nxt = [o for h in frontier for p in h.children if p.dep_ == "prep" and p.lower_ in preps
                   and (h not in heads or p.lower_ != "of") for o in p.children if o.dep_ == "pobj"]
            out += nxt
            frontier = nxt
        return out

    def phrase_actors(self, st: DocState, head: Token, mentions: dict[int, ActorRef]) -> list[ActorRef]:
        """Actors named by the phrase headed by `head` (and its conjuncts), best first."""
        found: list[ActorRef] = []
        holding = self.lex.roles["holding_nouns"]
        member_of = self._member_of
        for h in R.conjuncts(head):
            toks = R.own_subtree(h, self.lex.location_preps)
            before = h.doc[h.left_edge.i - 1] if h.left_edge.i > 0 else None
            if before is not None and R.acronym_aux(before):
                toks = [before] + toks  # "IS fighters": the acronym hangs on the verb
            if h.lemma_.lower() in member_of or h.lower_ in member_of:
                # "a commander in X", "a fighter within X": a person placed in a group, not a place
                # (not a capital written there: "gunmen in Harare" are not Zimbabwe's government)
                toks += [o for _, o in R.prep_children(h, frozenset({"in", "within"})) if o.i in mentions
                         and o.ent_type_ not in ("GPE", "LOC", "FAC") and not _seat_of_government(mentions[o.i])]
            ranked: list[tuple[int, int, ActorRef]] = []
            for t in toks:
                a = mentions.get(t.i)
                if a is None or a.span is None or a.span.label_ == "NORP":
                    continue
                inside = a.span.start <= h.i < a.span.end
                ranked.append((0 if inside else 1, abs(t.i - h.i), a))
            ranked.sort(key=lambda x: (x[2].generic, x[0], x[1]))
            uniq: list[ActorRef] = []
            for _, _, a in ranked:
                if all(a.name != b.name for b in uniq):
                    uniq.append(a)
            if len(uniq) > 1 and all(a.generic for a in uniq):
                # generic words only ("Islamist faction" + "fighters"): the whole phrase's reading
                # decides which of them it is
                whole = self.resolve(st, R.compact_text(h))
                uniq.sort(key=lambda a: whole is None or a.name != whole.name)
            if not uniq or all(a.generic for a in uniq):
                said = self._attributed(st, h)
                if said is not None:
                    uniq.insert(0, said)
            if not uniq or all(a.generic for a in uniq):
                heads = [h]
                if h.lemma_.lower() in holding:
                    heads = [o for _, o in R.prep_children(h, frozenset({"of"}))] + \
                        [c for c in h.children if c.dep_ == "poss"] + [h]
                m, src = None, h
                for hh in heads:
                    m = self.resolve(st, R.compact_text(hh))
                    if m is None and hh.dep_ in R.SUBJ and hh.head.tag_ == "VBG" and not list(hh.children):
                        m = self.resolve_forces(st, hh.text)  # "government shelling of X"
                    src = hh
                    if m is None:
                        for c in hh.children:
                            if c.dep_ in ("amod", "compound", "poss"):
                                m = self.resolve(st, c.text)
                                if m is None and c.ent_type_ == "NORP":
                                    m = self.resolve_forces(st, c.text)  # "a Turkish ground shelling"
                                if m:
                                    break
                    if m is not None:
                        break
                if m is not None and all(m.name != b.name for b in uniq):
                    lefts = [x for x in src.lefts if x.dep_ not in ("punct", "cc", "case")]
                    span = src.doc[min([src.i] + [x.left_edge.i for x in lefts]): src.i + 1]
                    uniq.append(self.to_actor(m, span))
                if not uniq:
                    # "a depot belonging to X", "a compound used by X"
                    for c in h.children:
                        if c.dep_ == "acl" and c.lemma_.lower() in self.lex.roles["possession_verbs"]:
                            for _, o in R.prep_children(c, frozenset({"to", "by"})):
                                uniq.extend(a for a in self.phrase_actors(st, o, mentions)
                                            if all(a.name != b.name for b in uniq))
            if not uniq or all(a.generic for a in uniq):
                group = self._affiliation(st, h, mentions)
                if group:
                    uniq = group
            uniq.sort(key=lambda a: a.generic)
            found.extend(uniq)
        dedup: list[ActorRef] = []
        for a in found:
            if all(a.name != b.name for b in dedup):
                dedup.append(a)
        dedup.sort(key=lambda a: a.generic)
        return dedup

    def _affiliation(self, st: DocState, h: Token, mentions: dict[int, ActorRef]) -> list[ActorRef]:
        """The named group people are tied to by a participle or adjective after them
        ("two men affiliated with X", "a guard working for X", "fighters loyal to X")."""
        verbs = self.lex.roles.get("membership_verbs", frozenset())
        for c in h.children:
            if c.dep_ in ("acl", "amod", "relcl") and c.lemma_.lower() in verbs:
                for _, o in R.prep_children(c, frozenset({"with", "to", "for", "in"})):
                    named = [a for a in self.phrase_actors(st, o, mentions) if not a.generic]
                    if named:
                        return named
        return []

    def leader(self, st: DocState, toks: Iterable[Token], mentions: dict[int, ActorRef]) -> list[ActorRef]:
        for t in toks:
            for p, o in R.prep_children(t, frozenset(x.text for x in t.children if x.dep_ == "prep")):
                if o.lemma_.lower() in self.lex.roles["leadership_nouns"]:
                    for p2, o2 in R.prep_children(o, frozenset({"of"})):
                        acts = [a for a in self.phrase_actors(st, o2, mentions) if not a.generic]
                        if acts:
                            return acts
        return []

    def roles(self, st: DocState, head: Token, mentions: dict[int, ActorRef]
               ) -> tuple[list[ActorRef], list[ActorRef], list[Token]]:
        """(actor1 candidates, actor2 candidates, target heads)."""
        L = self.lex.roles
        a1: list[ActorRef] = []
        a2: list[ActorRef] = []
        targets: list[Token] = []

        def take(tok: Token, into: list[ActorRef]) -> None:
            into.extend(a for a in self.phrase_actors(st, tok, mentions) if all(a.name != b.name for b in into))

        misparsed = R.misparsed(self.lex, head)
        if misparsed is not None:
            subj, obj = misparsed
            take(self.reported_subject(subj, mentions), a1)
            take(obj, a2)
            targets.append(obj)
        elif head.pos_ in ("VERB", "AUX") or any(c.dep_ in R.SUBJ or c.dep_ in R.OBJ for c in head.children):
            verb = head
            if R.is_passive(verb) or (verb.tag_ == "VBG" and verb.dep_ in ("csubj", "nsubj")) or (
                    verb.tag_ == "VBG" and verb.dep_ in ("acl", "amod") and verb.head.i == verb.i - 1):
                # "Shelling by X targets ...": a gerund subject takes its doer with "by", as a passive
                for _, o in R.prep_children(verb, L["agent_preps"]):
                    take(o, a1)
                if not a1:
                    for _, o in R.prep_children(verb, L["origin_preps"]):
                        take(o, a1)
                if not a1:
                    for o in R.participle_agents(verb, L["agent_preps"]):
                        take(o, a1)
                if not a1 and verb.tag_ == "VBG":
                    # "government shelling of X": the noun before the gerund is its doer
                    for c in verb.children:
                        if c.dep_ in R.SUBJ and c.i < verb.i:
                            take(c, a1)
                    if verb.dep_ in ("acl", "amod") and verb.head.i == verb.i - 1:
                        take(verb.head, a1)  # "regime shelling", "Turkish ground shelling"
                for c in R.passive_subjects(verb):
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
                    take(self.reported_subject(c, mentions), a1)
                if not a1 and verb.tag_ == "VBG":
                    for o in R.participle_agents(verb, L["agent_preps"]):
                        take(o, a1)
                objs = [c for c in verb.children if c.dep_ in R.OBJ]
                if not objs and verb.dep_ == "conj":
                    objs = [c for c in verb.head.children if c.dep_ in R.OBJ and c.i > verb.i]
                objs = objs or R.shared_objects(verb)  # "shot and injured three protesters"
                for c in objs:
                    take(c, a2)
                    targets.append(c)
                for _, o in R.prep_children(verb, L["target_preps"] | L["partner_preps"]):
                    if o.lemma_.lower() not in self.lex.location_nouns:
                        take(o, a2)
                        targets.append(o)
            holders = [verb]
            if verb.tag_ == "VBG" and verb.dep_ in ("csubj", "nsubj") and verb.head.i != verb.i:
                holders.append(verb.head)  # "shelling exchange took place between X and Y": the act is the subject
            for _, o in (x for h in holders for x in R.prep_children(h, L["between_preps"])):
                both = self.phrase_actors(st, o, mentions)
                if both and not a1:
                    a1.append(both[0])
                    a2.extend(both[1:])
            self._infighting(st, verb, mentions, a1, a2)
        else:
            for _, o in R.prep_children(head, L["agent_preps"]):
                take(o, a1)
            for _, o in R.prep_children(head, frozenset({"of"})) if not a1 else ():
                # "the attack of X [and Y] on their positions": with its target given by "on"
                # (which the parser may hang on the last name), the act's "of" phrase is who
                # did it (translated monitor style)
                if o.i in mentions and not mentions[o.i].generic and any(
                        R.prep_children(h, L["target_preps"]) for h in [head] + R.conjuncts(o)):
                    take(o, a1)
            gov = R.governing_verb(head)
            if gov is None and head.dep_ in R.SUBJ and head.head.i != head.i:
                gov = head.head  # "clashes erupt between ...": a headline verb tagged as an adjective
            # the trigger is the verb's subject, or was misparsed into a phrase before a verb
            # that has none ("On 5 June, clashes took place between ...")
            as_subj = gov is not None and (head.dep_ in R.SUBJ or head.dep_ == "pobj" and head.i < gov.i and not any(
                c.dep_ in R.SUBJ for c in gov.children))
            holders = [head, gov] if as_subj else [head]
            if as_subj:
                # "clashes took place with machine guns between X and Y": "between" hung lower
                holders += [t for t in R.clause_tokens(gov) if t.pos_ in ("NOUN", "PROPN") and t.i != head.i
                            and t.dep_ == "pobj" and t.head.head.i == gov.i]
            # "fighting in the north of X between A and B": "between" hung on the place phrase
            holders += self._place_nouns(holders[:2])
            for holder in holders:
                for _, o in R.prep_children(holder, L["between_preps"]):
                    both = self.phrase_actors(st, o, mentions)
                    if both and not a1:
                        a1.extend(both[:1])
                        a2.extend(both[1:])
                if holder is head or holder is gov:
                    self._infighting(st, holder, mentions, a1, a2)
            for c in head.children:
                if c.dep_ == "acl" and not a1:
                    for _, o in R.prep_children(c, L["agent_preps"]):
                        take(o, a1)
            if not a1:
                for c in head.children:
                    if c.dep_ in ("poss", "compound", "amod") and c.i in mentions:
                        a1.append(mentions[c.i])
                    elif c.dep_ in ("compound", "amod", "poss") and c.pos_ in ("PROPN", "ADJ", "NOUN"):
                        m = self.resolve(st, c.text) or self.resolve_forces(st, c.text)  # "government shelling"
                        if m is not None and not m.generic:
                            a1.append(self.to_actor(m, c.doc[c.i: c.i + 1]))
            for _, o in R.prep_children(head, L["target_preps"] | L["partner_preps"]):
                if o.lemma_.lower() not in self.lex.location_nouns:
                    take(o, a2)
                    targets.append(o)
            verb = R.governing_verb(head)
            if verb is not None and not a1 and verb.lemma_.lower() in self.lex.claim_verbs and any(
                    c.dep_ in R.OBJ and c.i == head.i for c in verb.children):
                # "X announced the capture of Y": an armed group claiming its own act is its doer
                # (a monitor or a ministry announcing a toll is not)
                armed = self.lex.inter_groups.get("armed", frozenset())
                for c in verb.children:
                    if c.dep_ in R.SUBJ:
                        got = [a for a in self.phrase_actors(st, c, mentions) if a.inter in armed]
                        a1.extend(got[:1])
            if verb is not None and not a1 and verb.lemma_.lower() not in self.lex.claim_verbs:
                support = verb.lemma_.lower() in self.lex.lists.get("battle_support_markers", frozenset())
                if R.is_passive(verb) and not (support and head.dep_ in R.PASS_SUBJ):
                    # ("clashes were accompanied by air strikes by X": X struck, it did not clash)
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
                    both = self.phrase_actors(st, o, mentions)
                    if both:
                        a1.append(both[0])
                        a2.extend(both[1:])
                        break
        if not a1 and head.pos_ in ("VERB", "AUX") and not R.is_passive(head):
            # a misparsed subject: the nearest actor before the trigger, but not one inside a
            # "backed by Y" / "supported by Y" aside ("X, backed by Y, seized ..."): Y helps X
            backers = self.lex.roles.get("assoc_verbs", frozenset())
            left = [mentions[i] for i in range(head.i - 1, head.sent.start - 1, -1)
                    if i in mentions and mentions[i].span is not None and mentions[i].span.label_ != "NORP"]
            free = [a for a in left if not any(t.lemma_.lower() in backers and t.i != head.i
                                               for t in R.chain(a.span.root)[1:])]
            if free or left:
                a1.append((free or left)[0])
        # "X under the command of Y" / "led by Y": Y leads
        if not a1 or all(a.generic for a in a1):
            lead = self.leader(st, R.clause_tokens(head), mentions)
            if lead:
                a1 = lead + a1
        return a1, [a for a in a2 if all(a.name != b.name for b in a1[:1]) or self._own_member(a, a1[0], targets)], \
            targets
