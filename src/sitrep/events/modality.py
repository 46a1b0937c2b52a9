"""Is it an event at all? Negation, habituals, plans, threats, predictions, recalls.

`modality` reads cues attached to the trigger's governing chain and says 'drop'
(negated, habitual, a recalled or background mention, a trigger word naming a kind
of thing), a `Statement` kind (plan, threat, prediction, denial...: kept as a
statement, never as an event), or None for an event.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitrep.events import roles as R
from sitrep.events.lexicon import EventLexicon, TriggerRule


# prepositions after which a definite event noun is an earlier happening, even in a headline
RECALL_PREPS = frozenset({"from", "since", "after", "before", "following", "during"})
# prepositions that open the cause of a death or wound told in the same clause ("after being shot")
CAUSE_PREPS = frozenset({"after", "following"})


def modality(lex: EventLexicon, head: Token, rule: TriggerRule, s_cues: list[Span], trig: Span,
             fresh: bool = False) -> str | None:
    """'drop' (negated/habitual/recalled), a Statement kind, or None for an event.

    `fresh`: nothing has been reported before in a short document (a headline, a channel
    post), so "the strikes" cannot point back to an event told earlier (after "from",
    "since", "after" ..., "a mine left over from the battles", it still does)."""
    ch = R.chain(head)
    ch_ids = {t.i for t in ch}
    accuse = lex.roles.get("accuse_verbs", frozenset())
    if any(t.dep_ == "acl" and t.lemma_.lower() in accuse for t in ch[1:4]):
        return "drop"  # "a man accused of snatching a child": what he is blamed for, not an event
    if any(t.pos_ == "NOUN" and t.lemma_.lower() in (lex.lists.get("accusation_nouns", frozenset())
                                                     | lex.lists.get("remembrance_nouns", frozenset()))
           and ch[k - 1].dep_ == "prep" and ch[k - 1].lower_ == "of" for k, t in enumerate(ch[2:5], start=2)):
        return "drop"  # "executed two men on charges of killing fighters": the charge, not an event;
        # "marked the anniversary of the massacre": a remembrance, not a new event
    if rule.requires == "territory" and head.pos_ == "VERB" and any(
            c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in head.children):
        return "drop"  # "the town is controlled by IS": who holds a place now, not its capture
    if head.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ in lex.lists.get(
            "negating_determiners", frozenset()) for c in head.children):
        return "drop"  # "no attack was recorded"
    if head.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in lex.lists.get(
            "recall_modifiers", frozenset()) for c in head.children):
        return "drop"  # "killed in earlier clashes"
    if head.pos_ == "NOUN" and head.dep_ == "compound" and trig.end <= head.head.i and \
            head.head.lemma_.lower() not in lex.lists.get("attempt_verbs", frozenset()) and \
            not any(t.start <= head.head.i < t.end for t in trig.doc.spans.get("sitrep_triggers", [])):
        return "drop"  # "a bomb disposal team": the trigger word names a kind of thing ("an
        # assassination attempt" is the act itself)
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
            if c.root.lower_ in lex.modal_verbs and c.root.dep_ != "aux":
                continue
            if any(x.dep_ == "prep" and x.i == c.end for x in c.root.children):
                continue  # "likely in the X area", "probably following clashes": the place or time is hedged
            return kind
    # purpose / plan infinitives: "to launch an attack", "ready to ..."
    for t in ch:
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children):
            if rule.purpose_realised and t.i == head.i and t.dep_ in ("advcl", "xcomp") and t.head.tag_ == "VBD":
                break  # "fired into the air to disperse the crowd": the purpose is the act
            if _realised_infinitive(lex, t):
                break  # "managed to capture", "continued to shell", "claimed to have killed"
            if t.i == head.i and rule.codes.event_type in VIOLENT_TYPES and _realised_infinitive(
                    lex, t, "attempt_verbs"):
                break  # "attempted to infiltrate": the attempt was the fight
            return "plan"
        if t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"] and t.i != head.i:
            break
    # modal auxiliaries on the governing chain up to the first finite verb
    for t in ch:
        if any(c.dep_ == "aux" and c.lower_ in lex.modal_verbs for c in t.children):
            return "prediction"
        if t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ", "VBP") :
            break
    if head.dep_ == "pobj" and head.head.lower_ in lex.lists.get("negating_preps", frozenset()):
        return "drop"  # "withdrew without a fight": the fight did not happen
    if head.dep_ == "pobj" and head.head.lower_ == "for" and \
            head.head.head.lemma_.lower() in lex.lists.get("purpose_words", frozenset()):
        return "plan"  # "a car rigged for a suicide bombing": made ready, not done
    current = _bare_with_sides(lex, head) or _cause_of_casualty(lex, head)
    for c in s_cues:
        if c.label_ == "background" and head.dep_ in ("pobj", "pcomp") and (c.root.i in {t.i for t in ch[1:4]}) \
                and not current:
            return "drop"
    if head.pos_ in ("NOUN", "PROPN"):
        if head.dep_ in ("amod",):
            return "drop"
        # recalled events: "after the attack", "the strike destroyed"
        for t in ch[1:4]:
            if t.lemma_.lower() in lex.lists.get("_none", ()):  # pragma: no cover
                break
        for c in s_cues:
            if c.label_ == "background" and (c.root.i in {t.i for t in ch[1:4]}) and not current:
                return "drop"
            if c.label_ == "vague" and (c.root.head.i == head.i or c.root.i == head.head.i and head.dep_ == "pobj") \
                    and not _done_with_light_verb(lex, head) and not _vague_subject_at_named_place(head):
                return "drop"
        dets = [c for c in head.children if c.dep_ in ("det", "predet") and c.lower_ in lex.anaphoric_determiners]
        if dets and not (fresh and not (head.dep_ == "pobj" and head.head.lower_ in RECALL_PREPS)):
            has_args = any(c.dep_ == "prep" and c.lower_ in lex.argument_preps for c in head.children)
            if not has_args or head.tag_ in ("NNS", "NNPS"):
                return "drop"  # "the strike", "the battles against X": told before
    elif head.dep_ in ("amod", "acl") and not _verbless_main(head) and not _gerund_after_noun(lex, head) \
            and not _participle_after_aside(head) and not (fresh and _counted_participle(head)):
        return "drop"
    return None


def _verbless_main(head: Token) -> bool:
    """"Civilians protested by raising ...": the parser hangs the only verb on the noun that
    heads the sentence (acl); with no other verb it is the main verb, not a description."""
    root = head.head
    return head.dep_ == "acl" and root.dep_ == "ROOT" and root.pos_ in ("NOUN", "PROPN") and \
        head.i > root.i and not any(t.pos_ in ("VERB", "AUX") and t.i < head.i for t in head.sent)


def _counted_participle(head: Token) -> bool:
    """"Two bodies found in X belong to Y", "three men killed in X were brothers" opening a
    report: a past participle on a counted noun with no determiner tells the news in headline
    grammar ("the two men killed in X" points back to an event told before)."""
    noun = head.head
    if any(t.start <= noun.i < t.end for t in head.doc.spans.get("sitrep_triggers", [])):
        return False  # "twenty shells fired by X fell on Y": the noun's own clause tells it
    return head.dep_ == "acl" and head.tag_ == "VBN" and head.i > noun.i and \
        any(c.dep_ == "nummod" for c in noun.children) and not any(c.dep_ in ("det", "poss") for c in noun.children)


def _participle_after_aside(head: Token) -> bool:
    """"X fighters, backed by Y, clashed with Z": the tagger hangs both verbs on the subject
    noun as participles; the second, after the comma that closes the first's aside, is the
    sentence's main verb."""
    if head.dep_ != "acl":
        return False
    noun = head.head
    acls = [c for c in noun.children if c.dep_ == "acl"]
    return len(acls) >= 2 and head.i == acls[-1].i and head.i > noun.i and head.nbor(-1).text == "," \
        and noun.dep_ not in ("pobj", "dobj")


def _gerund_after_noun(lex: EventLexicon, head: Token) -> bool:
    """"Regime shelling on X killed two", "in a Turkish ground shelling": the tagger reads the
    gerund as a participle hung on the noun just before it; that noun only qualifies it (the
    sentence's subject, or a manner word: cues `gerund_qualifiers`), so the gerund is the noun
    phrase's head."""
    noun = head.head
    if head.dep_ not in ("acl", "amod") or head.tag_ != "VBG" or head.i != noun.i + 1:
        return False
    return (noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ == "VERB") or \
        noun.lemma_.lower() in lex.lists.get("gerund_qualifiers", frozenset())


def _done_with_light_verb(lex: EventLexicon, head: Token) -> bool:
    """"conducted several air strikes on X", "carried out dozens of raids": the object of a
    past light verb (cues `light_verbs`) reports strikes that happened, not a summary."""
    verb = head.head
    while verb.dep_ == "pobj" or verb.pos_ == "ADP" or (verb.pos_ in ("NOUN", "NUM") and verb.i != verb.head.i
                                                         and head.dep_ == "pobj"):
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBN") and verb.lemma_.lower() in lex.lists.get(
        "light_verbs", frozenset())


def _vague_subject_at_named_place(head: Token) -> bool:
    """"Several shells fell on X village": a vague count that is the subject of a simple past
    verb landing on a named place tells one happening; "several attacks have hit the area"
    (perfect, no name) stays a summary."""
    verb = head.head
    if head.dep_ != "nsubj" or verb.tag_ != "VBD" or any(c.dep_ == "aux" for c in verb.children):
        return False
    # where it landed: a preposition's object or the direct object ("hit the X base")
    landed = [o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    landed += [o for o in verb.children if o.dep_ in ("dobj", "obj")]
    return any(o.pos_ == "PROPN" or any(t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME") for t in o.subtree)
               for o in landed)


def _cause_of_casualty(lex: EventLexicon, head: Token) -> bool:
    """"died after being shot by X", "were killed after being targeted by X": the passive act
    after which the clause's subject died or was hurt is what killed or hurt it, not an
    earlier event recalled."""
    prep = head.head
    if head.dep_ != "pcomp" or head.tag_ != "VBN" or prep.lower_ not in CAUSE_PREPS:
        return False
    if not any(c.dep_ == "auxpass" and c.lower_ == "being" for c in head.children):
        return False
    verb = prep.head
    return verb.pos_ == "VERB" and verb.lemma_.lower() in lex.lists.get("casualty_outcome_verbs", frozenset())


def _bare_with_sides(lex: EventLexicon, head: Token) -> bool:
    """"after clashes with X", "following fighting between X and Y": a bare trigger noun
    (no determiner, possessive or number) that names its sides tells the event itself in
    coder and wire style; "after the attack", "since the 2019 offensive" recall one."""
    if head.pos_ not in ("NOUN", "PROPN") or head.tag_ not in ("NNS", "NN"):
        return False
    if any(c.dep_ in ("det", "predet", "poss", "nummod") for c in head.children):
        return False
    if any(c.dep_ in ("amod", "compound") and (c.like_num or c.pos_ == "NUM") for c in head.children):
        return False
    return any(c.dep_ == "prep" and c.lower_ in lex.lists.get("side_preps", frozenset()) and
               any(o.dep_ == "pobj" for o in c.children) for c in head.children)


# event types whose attempt is itself the event
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _realised_infinitive(lex: EventLexicon, verb: Token, verbs: str = "realising_verbs") -> bool:
    """An infinitive that reports a done act: the complement of a verb of achieving or
    going on (cues `realising_verbs`: "managed to take", "continued to shell") in the
    past, or a perfect infinitive under a reporting verb ("claimed to have killed"),
    which is a claim, not a plan."""
    if verb.dep_ != "xcomp":
        return False
    gov = verb.head
    realising = lex.lists.get(verbs, frozenset())
    if gov.pos_ == "ADJ" and gov.lemma_.lower() in realising and gov.dep_ == "acomp":
        # "was able to take": the tense and negation are on the copula
        be = gov.head
        return be.tag_ in ("VBD", "VBN") and not any(
            c.dep_ in ("aux", "neg") and (c.lower_ in lex.modal_verbs or c.dep_ == "neg") for c in be.children)
    instrument = gov.lemma_.lower() in lex.lists.get("instrument_verbs", frozenset()) and any(
        c.dep_ == "dobj" for c in gov.children)  # "used rockets to target X", not habitual "used to shell"
    if (gov.lemma_.lower() in realising or verbs == "realising_verbs" and instrument) and \
            gov.tag_ in ("VBD", "VBN", "VBZ", "VBP"):
        return not any(c.dep_ in ("aux", "neg") and (c.lower_ in lex.modal_verbs or c.dep_ == "neg")
                       for c in gov.children)
    return gov.lemma_.lower() in lex.claim_verbs and any(c.dep_ == "aux" and c.lower_ == "have"
                                                          for c in verb.children)
