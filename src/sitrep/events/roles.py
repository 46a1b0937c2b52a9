"""Dependency-parse helpers: governing chains, clauses, role phrases.

Pure functions over spaCy tokens; every word list comes from the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator

from typing import Any

from spacy.tokens import Span, Token

# Dependency labels (the parser's label set, not domain words).
SUBJ = ("nsubj", "csubj")
PASS_SUBJ = ("nsubjpass", "csubjpass")
OBJ = ("dobj", "obj", "attr", "oprd")
CLAUSE_BREAK = frozenset({"ccomp", "advcl", "relcl", "xcomp", "parataxis", "csubj", "acl", "pcomp"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod"})


def chain(tok: Token) -> list[Token]:
    """`tok` and its ancestors up to the sentence root."""
    out = [tok]
    while out[-1].head.i != out[-1].i and len(out) < 64:
        out.append(out[-1].head)
    return out


def governing_verb(tok: Token) -> Token | None:
    """The nearest verb above a noun (through prepositions, objects, conjunctions)."""
    for t in chain(tok)[1:]:
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" and not acronym_aux(c) for c in verb.children) \
        or shares_passive(verb)


def shares_passive(verb: Token) -> bool:
    """"A man was robbed and killed": a second participle with no subject or object of its own,
    coordinated with a passive verb, is passive with that verb's subject."""
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.i != verb.i and not any(
        c.dep_ in OBJ or c.dep_ in SUBJ or c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children) \
        and any(c.dep_ in PASS_SUBJ for c in verb.head.children)


def shared_objects(verb: Token) -> list[Token]:
    """"Police shot and injured three protesters": a verb with no object of its own shares
    the object of the verb coordinated after it (when that verb has no subject of its own)."""
    if any(c.dep_ in OBJ for c in verb.children):
        return []
    return [o for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
            and not any(g.dep_ in SUBJ for g in c.children) for o in c.children if o.dep_ in OBJ]


def passive_subjects(verb: Token) -> list[Token]:
    """The verb's passive subjects, or those of the passive verb it shares them with."""
    own = [c for c in verb.children if c.dep_ in PASS_SUBJ]
    if own or not shares_passive(verb):
        return own
    return [c for c in verb.head.children if c.dep_ in PASS_SUBJ]


def acronym_aux(tok: Token) -> bool:
    """"IS fighters fired ...": the group's acronym the parser takes for the auxiliary "is"
    (written in capitals before a noun, not a verb form of a capitalised headline)."""
    return tok.dep_ in ("aux", "auxpass") and tok.text == "IS" and tok.i + 1 < len(tok.doc) \
        and tok.doc[tok.i + 1].pos_ in ("NOUN", "PROPN") and not tok.doc[tok.i + 1].text.isupper()


def conjuncts(tok: Token) -> list[Token]:
    """`tok` and the tokens coordinated with it ("A and B")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.extend(conjuncts(c))
    return out


def own_subtree(tok: Token, stop_preps: frozenset[str] = frozenset()) -> list[Token]:
    """Subtree of `tok` without coordinated heads, clauses, and prepositions in `stop_preps`."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ == "conj" and t.i == tok.i:
                continue
            if c.dep_ in ("cc", "punct") and t.i == tok.i:
                continue
            if c.dep_ in CLAUSE_BREAK:
                continue
            if c.dep_ == "prep" and c.lower_ in stop_preps:
                continue
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def clause_tokens(head: Token) -> list[Token]:
    """Tokens of the clause around a trigger: its subtree without embedded clauses."""
    out: list[Token] = []
    stack = [head]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in CLAUSE_BREAK and c.i != head.i:
                continue
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and any(g.dep_ in SUBJ or g.dep_ in PASS_SUBJ
                                                                   for g in c.children):
                continue  # "two were killed in X and three were killed in Y": its own clause
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def prep_children(tok: Token, preps: frozenset[str]) -> Iterator[tuple[Token, Token]]:
    """(preposition, object) pairs under `tok` whose preposition is in `preps`.

    Multi-word prepositions written as "supported by" are matched on the
    head verb + preposition pair by the caller; here only single words.
    """
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            for o in c.children:
                if o.dep_ in ("pobj", "pcomp"):
                    yield c, o


def participle_agents(tok: Token, agent_preps: frozenset[str]) -> Iterator[Token]:
    """The "by" objects of participles describing `tok` ("rocket shelling carried out by X")."""
    for c in tok.children:
        if c.dep_ == "acl":
            for _, o in prep_children(c, agent_preps):
                yield o


def compact_text(tok: Token) -> str:
    """The head noun with its left modifiers ("the Russian special forces")."""
    left = [t for t in tok.lefts if t.dep_ not in ("punct", "cc", "prep", "case") or t.text in "-"]
    start = min([tok.i] + [min(t.i for t in t.subtree) for t in left])
    return tok.doc[start: tok.i + 1].text


def span_of(tokens: list[Token]) -> Span | None:
    if not tokens:
        return None
    doc = tokens[0].doc
    return doc[min(t.i for t in tokens): max(t.i for t in tokens) + 1]


def subjects(head: Token) -> list[Token]:
    """Subjects of the trigger's verb, climbing conjoined/infinitival verbs that have none."""
    v = head if head.pos_ in ("VERB", "AUX") else governing_verb(head)
    while v is not None:
        subj = [c for c in v.children if c.dep_ in SUBJ]
        if subj or v.dep_ not in ("conj", "xcomp", "advcl") or v.head.i == v.i:
            return subj
        v = v.head
    return []


def misparsed(lex: Any, head: Token) -> tuple[Token, Token] | None:
    """(subject, object) of a trigger verb the tagger read as a modifier or noun.

    "X ... bombed farmland", "militants holed up in the pocket fired rockets": a past
    form listed in cues `misparsed_verbs`, parsed as amod/compound (or tagged ADJ/NOUN),
    followed by a noun (its object) and preceded in the sentence by a subject of
    another verb (its subject). Read off the linear order; nothing is re-parsed.
    """
    words = lex.lists.get("misparsed_verbs")
    if not words or head.lower_ not in words:
        return None
    if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("amod", "compound", "nmod"):
        return None
    doc = head.doc
    if head.i + 1 >= head.sent.end or doc[head.i + 1].pos_ not in ("NOUN", "PROPN"):
        return None
    prev = doc[head.i - 1] if head.i > head.sent.start else None
    if prev is None or prev.text in ("-", "–") or prev.tag_ in ("DT", "PRP$", "WP$") or prev.dep_ in ("det", "poss"):
        return None  # "the HTS-controlled town", "its controlled areas": a real modifier
    obj = doc[head.i + 1]
    while obj.dep_ == "compound" and obj.head.i > obj.i and (obj.head.pos_ == "PROPN" or (
            obj.head.pos_ == "NOUN" and obj.head.lemma_.lower() not in lex.location_nouns)) and all(
            doc[k].pos_ == "PROPN" or doc[k].dep_ == "punct" and doc[k].text in "-'’"
            for k in range(obj.i + 1, obj.head.i)):
        obj = obj.head  # "X al-Y": up the name's compounds, over its particles and hyphens
    own = [c for c in head.children if c.dep_ in SUBJ and c.i < head.i]
    if own:
        return own[0], obj  # "The army controlled X town": the parser gave the modifier its subject
    subj = next((doc[i] for i in range(head.i - 1, head.sent.start - 1, -1) if doc[i].dep_ in SUBJ), None)
    if subj is None:
        subj = _verbless_subject(head)
    if subj is None or any(c.dep_ in SUBJ for c in head.children):
        return None
    return subj, obj


def _verbless_subject(head: Token) -> Token | None:
    """"HTS controlled X village": with no verb before the misread one, the noun the parser
    hung on it (npadvmod) or, failing that, the noun that heads the sentence is its subject."""
    left = [head.doc[i] for i in range(head.sent.start, head.i)]
    if not left or any(t.pos_ in ("VERB", "AUX") for t in left):
        return None
    attached = [t for t in left if t.pos_ in ("NOUN", "PROPN") and t.head.i == head.i]
    if attached:
        return attached[-1]
    root = [t for t in left if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "ROOT"]
    if root:
        return root[0]
    # "Kurdish fighters ambush group of X": the whole line read as one noun phrase headed by
    # the object; the last noun before the verb, hung on that object, is the subject
    over = [t for t in left if t.pos_ in ("NOUN", "PROPN") and t.head.i > head.i]
    return over[-1] if over else None
