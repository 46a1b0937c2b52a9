"""Place phrases written around a name, read on the parse (helpers of `places.PlaceReader`).

"X town in Y", "X village east of Y": the location phrase the parser finds starts at
"in" / "east", but the place meant is the named town before it; Y only says where X
is. `with_name_before` widens such a phrase leftwards to the name, so the geocoder reads
"X town in Y" (X inside Y, else Y) instead of Y alone. What stands between a name and
its area phrase is stepped over the same way: a bracket ("X (Idleb) ...", `bracket_after`),
more names ("A, B and C in Y", `list_end`), a relative link ("X which lies in Y",
`link_end`). Headline idioms name the act's place: "X witnesses clashes"
(`place_subjects`), "the clashes of X" (`act_of_names`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# entity labels of a bare proper name that can stand before "in Y" as a place
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def _named_settlement(tok: Token, settlement_nouns: frozenset[str]) -> bool:
    """"X town", "X village": a settlement noun with a proper name written before it."""
    return tok.lemma_.lower() in settlement_nouns and any(
        c.i < tok.i and c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.text[:1].isupper())
        for c in tok.children)


def with_name_before(t: Token, sp: Span, mentions: dict, settlement_nouns: frozenset[str],
                     area_preps: frozenset[str]) -> Span:
    """`sp` (a phrase opened by `t`, one of `area_preps`: "in Y", "east of Y") widened to the place named right
    before `t` ("X town in Y", "X east of Y"); `sp` unchanged when the words before are no
    place name (an actor, a date, a person, a common noun)."""
    doc = t.doc
    if t.i == 0 or sp.start != t.i or t.lower_ not in area_preps:
        return sp
    prev = doc[t.i - 1]
    settled = _named_settlement(prev, settlement_nouns)
    # a bare name only as an object or subject: "over X at Y" is two places, each its own phrase
    if not (settled or (prev.pos_ == "PROPN" and prev.ent_type_ in PLACE_ENTS and prev.dep_ != "pobj")):
        return sp
    if prev.head.i != t.i and prev.right_edge.i >= t.i and t.head.i != prev.i:
        return sp
    left = prev.left_edge.i
    # the noun phrase only: after a verb the parser hung on it ("targeted X town")
    left = next((k + 1 for k in range(prev.i - 1, left - 1, -1) if (doc[k].pos_ in ("VERB", "AUX", "ADP") and not (
        doc[k].dep_ == "compound" and doc[k].text[:1].isupper()))  # "Can village": a name the tagger calls a verb
                 or doc[k].is_punct and doc[k].text not in ("-", "'", "’")), left)
    while left < prev.i and doc[left].pos_ == "DET":
        left += 1
    name = range(left, prev.i + 1)
    if any(k in mentions for k in name) or any(
            tx.start <= k < tx.end for tx in doc.spans.get("sitrep_timex", []) for k in name):
        return sp
    # the tagger often reads an unknown village's name as a person or an organisation: the
    # settlement noun says it is a place; a bare name must not be one of those
    if any(doc[k].ent_type_ == "DATE" or not settled and doc[k].ent_type_ in ("PERSON", "ORG", "NORP")
           for k in name):
        return sp
    return Span(doc, left, sp.end)


def place_subjects(head: Token, verbs: frozenset[str], subj_deps: frozenset[str], mentions: dict) -> list[Span]:
    """The subject of a verb like "witness" whose object is the act `head` ("the area of X
    witnesses clashes"): the place it happened, not an actor. The small parser often reads a
    headline's "X witnesses clashes" as a noun "witnesses" with the name X as its compound."""
    gov = head.head
    if head.dep_ != "dobj" or gov.i == head.i or gov.lemma_.lower() not in verbs:
        return []
    doc = head.doc
    subj = [Span(doc, c.left_edge.i, c.right_edge.i + 1) for c in gov.children
            if c.dep_ in subj_deps and c.i not in mentions and c.i < gov.i]
    if not subj and gov.pos_ == "NOUN":
        names = [c for c in gov.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < gov.i]
        if names and not any(k in mentions for k in range(names[0].left_edge.i, gov.i)):
            subj = [Span(doc, names[0].left_edge.i, gov.i)]
    return subj


def act_of_names(head: Token, mentions: dict) -> list[Span]:
    """"the clashes of X", "the battles of X": a proper name after "of" on an act noun, which
    headlines use for where the act goes on. Only a name that is no actor's (the caller keeps
    it when the gazetteer knows it as written)."""
    out = []
    for c in head.children:
        if c.dep_ != "prep" or c.lower_ != "of":
            continue
        for o in c.children:
            if o.dep_ == "pobj" and o.pos_ == "PROPN" and o.i not in mentions:
                left = o.left_edge.i
                if all(k not in mentions and (o.doc[k].pos_ == "PROPN" or o.doc[k].text in ("-", "'", "’"))
                       for k in range(left, o.i + 1)):
                    out.append(Span(o.doc, left, o.i + 1))
    return out


# the most words a bracket after a place name holds when it names an area or a second spelling
BRACKET_MAX_WORDS = 4


def bracket_after(span: Span) -> Span | None:
    """"( ... )" right after `span`, of at most BRACKET_MAX_WORDS words: "X (Idleb)", "X (Y)"."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != "(":
        return None
    close = next((k for k in range(span.end + 1, min(len(doc), span.end + BRACKET_MAX_WORDS + 2))
                  if doc[k].text == ")"), None)
    return Span(doc, span.end, close + 1) if close is not None and close > span.end + 1 else None


# the most tokens a list of place names after the first one runs over ("A, B, C and D")
LIST_MAX_TOKENS = 12


def list_end(doc, end: int, preps: frozenset[str], settlement_nouns: frozenset[str]) -> int:
    """`end` moved past ", B and C" (more place names coordinated with the one ending at `end`)
    when an area phrase (`preps`) follows the list; else `end` unchanged."""
    if end >= len(doc) or doc[end].text != "," and doc[end].dep_ != "cc":
        return end
    named = False
    for k in range(end, min(len(doc), end + LIST_MAX_TOKENS)):
        t = doc[k]
        if t.lower_ in preps and t.dep_ == "prep":
            return k if named else end
        if t.pos_ == "PROPN" or t.text[:1].isupper() and t.is_alpha:
            named = True
        elif not (t.text in (",", "-", "'", "’") or t.dep_ == "cc" or t.pos_ == "DET"
                  or t.lemma_.lower() in settlement_nouns):
            return end
    return end


def link_end(doc, end: int, preps: frozenset[str], links: frozenset[str]) -> int:
    """`end` moved past a relative link ("which lies", "located") when an area phrase
    (`preps`) follows it: "X which lies in Y" says where X is, as "X in Y" does."""
    # the phrase may already hold the relative pronoun ("... X which" + "is in Y")
    start = end - 1 if end > 0 and end - 1 < len(doc) and doc[end - 1].lower_ in ("which", "that") else end
    for n in (2, 1):
        words = " ".join(t.lower_ for t in doc[start: start + n])
        if start + n < len(doc) and words in links and doc[start + n].lower_ in preps:
            return start + n
    return end
