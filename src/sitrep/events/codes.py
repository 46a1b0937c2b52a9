"""Typing: ACLED event_type / sub_event_type and PLOVER codes of a fired rule.

The rule's codes, refined by cue words on the trigger itself, then in its clause
(an instrument: "shelled" vs "drone strike"), then by actor1's inter group
(`by_actor`: a state force regaining territory vs a non-state actor overtaking it),
then by actor2's (`by_target`: killing members of a named armed group is an armed
clash in ACLED's codebook, not violence against civilians).
"""

from __future__ import annotations

from spacy.tokens import Token

from sitrep.events import roles as R
from sitrep.events.lexicon import EventLexicon, TriggerRule, phrase_tokens
from sitrep.events.state import ActorRef


def codes(lex: EventLexicon, rule: TriggerRule, head: Token, clause: list[Token], actor1: ActorRef | None,
          actor2: ActorRef | None = None) -> tuple[str, str, str | None]:
    et, se, pl = rule.codes.event_type, rule.codes.sub_event_type, rule.codes.plover
    own = {c.lemma_.lower() for c in head.children if c.dep_ in R.MODIFIER_DEPS} | {head.lemma_.lower()}
    # "a bomb hidden by the roadside": the participle describing the trigger noun counts as its own
    own |= {t.lemma_.lower() for c in head.children if c.dep_ == "acl" for t in c.subtree}
    # "detonated a car bomb driven by a suicide attacker": the same for the verb's object
    own |= {t.lemma_.lower() for o in head.children if o.dep_ in R.OBJ
            for c in o.children if c.dep_ == "acl" for t in c.subtree}
    near = {t.lemma_.lower() for t in clause}
    hit = None
    armed = actor2 is not None and actor2.inter in lex.inter_groups.get("armed", frozenset())
    for scope in (own, near):
        hit = next((r for r in rule.refine if lex.lists[r.cues] & scope and not (r.target == "unarmed" and armed)),
                   None)
        if hit is not None:
            et, se, pl = hit.codes.event_type, hit.codes.sub_event_type, hit.codes.plover
            break
    if rule.by_actor and actor1 is not None and actor1.inter is not None:
        for group, sub in rule.by_actor.items():
            if actor1.inter in lex.inter_groups.get(group, frozenset()):
                se = sub
                break
    if rule.by_target and hit is None and actor2 is not None and actor2.inter is not None and not _hedged(
            lex, rule, actor2) and not _unarmed_role(lex, rule, actor2):
        # ACLED: violence against an armed actor (named or not: "an opposition fighter") is
        # fighting, not violence against civilians; a weapon cue already typed it ("snipers")
        for group, c in rule.by_target.items():
            if actor2.inter in lex.inter_groups.get(group, frozenset()):
                et, se, pl = c.event_type, c.sub_event_type, c.plover or pl
                break
    return et, se, pl



def _hedged(lex: EventLexicon, rule: TriggerRule, actor2: ActorRef) -> bool:
    """The target phrase says its people are only suspects, or names one person: ACLED keeps
    such detentions as Arrests ("suspected cell members", "the commander, Abu X")."""
    hedges = lex.lists.get(rule.target_hedges, frozenset()) if rule.target_hedges else frozenset()
    span = actor2.span
    if span is None or not hedges:
        return False
    path = _people_of(span.root)
    head = path[-1]
    if any(t.lemma_.lower() in hedges or t.lower_ in hedges for t in [*head.subtree, *span]):
        return True
    # "the chief of its X council, Ahmed Y": the parser may hang the name on the group
    return any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children) or any(
        c.dep_ == "appos" and c.ent_type_ == "PERSON" for h in path[:-1] for c in h.children)


def _people_of(group: Token) -> list[Token]:
    """From a group's name up to the people it names ("members of X", "X fighters", "X's
    commander"): the tokens climbed, the group's name first."""
    head, path = group, [group]
    for _ in range(3):
        if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head.head  # "members of X"
        elif head.dep_ in ("compound", "poss", "nmod") and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head  # "X fighters", "X's commander"
        else:
            break
        path.append(head)
    return path


def _unarmed_role(lex: EventLexicon, rule: TriggerRule, actor2: ActorRef) -> bool:
    """The group's person hit is one of its unarmed office holders ("a religious judge of
    HTS", "the spokesman of the military council"): ACLED keeps violence against them as
    violence against civilians, not fighting."""
    roles = lex.lists.get(rule.unarmed_roles, frozenset()) if rule.unarmed_roles else frozenset()
    if not roles or actor2.span is None:
        return False
    return any(t.lemma_.lower() in roles for t in _people_of(actor2.span.root)[1:])


def mutual_fire(lex: EventLexicon, head: Token, sub_event_type: str, actor1: ActorRef | None,
                actor2: ActorRef | None, mentions: dict[int, ActorRef]) -> bool:
    """"Shelling between HTS and the Zenki Movement": fire the trigger's own "between" phrase
    gives to two armed sides is an exchange, which ACLED codes as an armed clash."""
    if " ".join(phrase_tokens(sub_event_type)) not in lex.lists.get("exchangeable_fire", frozenset()) \
            or actor1 is None or actor2 is None:
        return False
    armed = lex.inter_groups.get("armed", frozenset())
    if actor1.inter not in armed or actor2.inter not in armed:
        return False
    sides = {mentions[t.i].name for _, o in R.prep_children(head, lex.roles["between_preps"])
             for t in o.subtree if t.i in mentions}
    return {actor1.name, actor2.name} <= sides
