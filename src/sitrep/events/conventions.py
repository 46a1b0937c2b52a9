"""The conventions the event stages apply, as plain predicates over the document state,
the lexicon and one mention: when a short report's first news stands alone (`headline`),
when a fight or strike nobody is named as doing is kept or given a stand-in perpetrator,
when fire is the support of a fight told in the same sentence, and when ground taken is a
non-violent transfer. Kept apart from `stages.py` so each stage reads as its one job.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from sitrep.events import roles as R
from sitrep.events.lexicon import EventLexicon, phrase_tokens
from sitrep.events.places import PlaceReader
from sitrep.events.state import DocState, Mention, ParagraphState, SentenceState


def headline(st: DocState, short_doc_sentences: int, s: SentenceState | None = None) -> bool:
    """Nothing reported yet in a report of at most `short_doc_sentences` sentences (a headline,
    a channel post), or in the first sentence of a longer one (a headline or a lede over more
    lines): what it says is the news, even bare ("Two fighters killed in X")."""
    if st.events:
        return False
    return 0 < st.n_sentences <= short_doc_sentences or (s is not None and opening(st, s))


def opening(st: DocState, s: SentenceState) -> bool:
    """The sentence opens the document's body."""
    body = st.document.segmentation.body
    return bool(body) and s.par_start == body[0].start and s.span.start == 0


# event types a headline may report with nobody named ("Clashes leave casualties in X");
# an arrest or a protest with no one named says too little to be an event
ACTORLESS_HEADLINE_TYPES = frozenset({"Battles", "Explosions/Remote violence"})


def keep_actorless(setting: bool | int, st: DocState, m: Mention, par: ParagraphState,
                    places: PlaceReader | None = None) -> bool:
    """`keep_actorless`: true/false, or a sentence count: keep a fight or a strike nobody is
    named as doing only as the first news of a report that short, and only when the sentence
    names no actor at all (coder notes always name theirs: an unlinked name is a misparse);
    a capital written as the place hit ("targeting the capital X") names no actor."""
    if isinstance(setting, bool):
        return setting
    if m.event_type and m.event_type not in ACTORLESS_HEADLINE_TYPES or \
            m.rule.codes.event_type not in ACTORLESS_HEADLINE_TYPES:
        return False
    sent = m.head.sent
    doc = sent.doc
    if any(sent.start <= i < sent.end and not a.generic and not (places is not None and places.place_not_actor(doc[i]))
           for i, a in par.mentions.items()):
        return False
    return headline(st, int(setting))


def can_stand_in(lex: EventLexicon, rule: Any) -> bool:
    """The rule (or one of its refinements) codes a type with a stand-in perpetrator."""
    return rule.unknown_actor1 is not None or rule.codes.sub_event_type in lex.unknown_actor1 or any(
        r.codes.sub_event_type in lex.unknown_actor1 for r in rule.refine)


def person_victim(lex: EventLexicon, head: Token) -> bool:
    """The verb's object or passive subject is a person ("a council member", "Ahmad X", "the
    head of the council"), not a thing done ("the plan was executed")."""
    people = lex.lists.get("civilians", frozenset()) | lex.lists.get("combatants", frozenset()) | \
        lex.lists.get("person_roles", frozenset())
    victims = [c for c in head.children if c.dep_ in R.OBJ or c.dep_ in R.PASS_SUBJ]
    if head.dep_ == "acl" and head.tag_ == "VBN":
        victims.append(head.head)  # headline grammar: "three members assassinated in X"
    return any(c.ent_type_ == "PERSON" or c.lemma_.lower() in people or any(
        x.ent_type_ == "PERSON" for x in c.children if x.dep_ == "appos") for c in victims)


def stand_in_phrase(lex: EventLexicon, rule: Any, sub_event_type: str | None) -> str | None:
    """The phrase coded as actor1 when the text names no perpetrator: the rule's own
    (`unknown_actor1` on the rule: "an exchange of shelling" has two unnamed sides),
    else the one for the sub-event type."""
    return rule.unknown_actor1 or lex.unknown_actor1.get(sub_event_type or "")


def supports_a_battle(lex: EventLexicon, m: Mention, s: SentenceState, par: ParagraphState,
                      st: DocState | None = None) -> bool:
    """Shelling or air strikes told as the support of a fight in the same sentence ("clashes,
    accompanied by regime shelling", "captured X amid Russian air strikes", "backed by air
    strikes"): ACLED codes the fight as one event, the fire in its support is part of it. Fire
    listed with the fight as one of its parts ("clashes, shelling and air strikes in X and Y
    killed ...") is part of it when the paragraph has already told a fight (a coder's toll line);
    alone, as a headline, it is still news. So is an exchange of fire with no sides given, told
    as the support of a fight after the paragraph has told one."""
    told_fight = st is not None and any(e.event_type == "Battles" for e in st.events[st.par_from:])
    # an exchange of fire the text gives no sides is the support of a fight already told
    exchange = m.rule.secondary and m.rule.codes.event_type == "Battles" and told_fight
    if not exchange and " ".join(phrase_tokens(m.rule.codes.sub_event_type)) not in \
            lex.lists.get("battle_support_types", frozenset()):
        return False
    sent = m.head.sent
    battles = {t.root.i for t in par.triggers if sent.start <= t.start < sent.end and t.root.i != m.head.i
               and any(rid.startswith("battle.") for rid in t.label_.split("|"))}
    if not battles:
        return False
    doc = m.head.doc
    named = {b for b in battles if doc[b].tag_ not in _FINITE} if m.head.tag_ not in _FINITE else set()
    group = _coordinated(m.head) | set(range(m.trig.start, m.trig.end))
    listed = {i for t in par.triggers for i in range(t.start, t.end)}
    if told_fight and (named & group or any(_listed_next_to(doc, b, group, listed) for b in named)):
        return True  # "clashes, shelling and air strikes on X and Y": the paragraph's fight told by its parts
    markers = lex.lists.get("battle_support_markers", frozenset())
    return any(t.lemma_.lower() in markers or t.lower_ in markers for t in _up_to_clause(m.head))


# verb forms that tell an act as a clause ("hit a car and killed two"), not name it as a noun
_FINITE = frozenset({"VB", "VBD", "VBN", "VBP", "VBZ", "MD"})


def _coordinated(tok: Token) -> set[int]:
    """Indices of every word coordinated with `tok` ("clashes, shelling and air strikes"), `tok`
    included, whichever of them the parser made the head."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    out, stack = set(), [tok]
    while stack:
        t = stack.pop()
        out.add(t.i)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _listed_next_to(doc: Any, i: int, group: set[int], listed: set[int]) -> bool:
    """Word `i` stands in the same written list as `group`, parted from it only by commas,
    "and" and other acts of the list (the parser hangs "Clashes, shelling and air strikes on X"
    in many shapes: a subject, an apposition, a conjunct)."""
    lo, hi = min(group), max(group)
    gap = doc[i + 1:lo] if i < lo else doc[hi + 1:i]
    return 0 < len(gap) <= 6 and all(t.is_punct or t.dep_ == "cc" or t.i in listed for t in gap)


def _up_to_clause(head: Token, limit: int = 6) -> list[Token]:
    """The words above `head` up to the verb of its clause ("accompanied by an exchange of
    shelling and air strikes": the gerund inside the phrase is not that verb)."""
    out: list[Token] = []
    for t in R.chain(head)[1:limit + 1]:
        out.append(t)
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("pcomp", "amod", "compound", "acl"):
            break
    return out


def weapon_in_trigger(lex: Any, trig: Any) -> bool:
    """"Rockets struck X": the trigger's own words name the weapon, which anchors a stand-in
    perpetrator as a weapon noun would."""
    weapons = lex.lists.get("remote_weapons", frozenset())
    return any(t.pos_ == "NOUN" and t.lemma_.lower() in weapons for t in trig)


def gerund_subject(head: Token) -> bool:
    """"Shelling targets the outskirts of X", "Targeting north of X leaves losses": a gerund
    that opens the clause names the act as a noun would (headline style)."""
    return head.tag_ == "VBG" and (head.dep_ in ("nsubj", "csubj", "ROOT") and head.i == head.sent.start
                                   or head.dep_ in ("nsubj", "csubj"))


# territory taken in a battle; told as taken without a fight it is a non-violent transfer
TAKEN_BY_FORCE = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def popular_push(lex: Any, actor1: Any, sent: Any) -> bool:
    """No armed taker (none named, or civilians/protesters) and the sentence gives protests or
    residents as the cause: the group left under popular pressure (cues `popular_pressure_cues`)."""
    if actor1 is not None and actor1.inter not in (5, 6, 7):
        return False
    cues = lex.lists.get("popular_pressure_cues", frozenset())
    return any(t.lemma_.lower() in cues for t in sent)


def after_a_withdrawal(lex: Any, sent: Any) -> bool:
    """"controlled X after the rebels' withdrawal from the town": the place was left to the
    taker, a non-violent transfer, unless the sentence tells of fire or fighting that drove the
    other side out ("following their withdrawal under heavy bombardment": taken by force)."""
    lemmas = {t.lemma_.lower() for t in sent}
    if not lemmas & lex.lists.get("withdrawal_words", frozenset()):
        return False
    return not lemmas & lex.lists.get("forced_withdrawal_words", frozenset())


def said_unopposed(lex: Any, text: str) -> bool:
    """The sentence says the place changed hands without fighting (cues `nonviolent_transfer_cues`)."""
    low = " " + " ".join(text.lower().split()) + " "
    return any(f" {c} " in low or f" {c}." in low or f" {c}," in low
               for c in lex.lists.get("nonviolent_transfer_cues", ()))
