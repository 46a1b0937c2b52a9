"""Place phrases of a clause: the prepositional phrases, direction words and place-like
objects `PlaceReader` resolves, and the tests that tell a place from an actor ("Afrin"
the district, not the group). Kept apart from `places.py`, which chooses among them.

`PlacePhrases` is a mixin of `PlaceReader`: it reads `lex`, `resolver`,
`default_country`, `placey` and `_area_preps`, which `PlaceReader.__init__` sets.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.tokens import Span, Token

from sitrep.events import roles as R
from sitrep.events.placeforms import with_name_before
from sitrep.events.state import ActorRef
from sitrep.geo.resolve import PlaceContext

# A place at ACLED geo_precision 3 or finer counts; country-level matches do not.
COUNTRY_FEATURES = frozenset({"PCLI", "PCL", "PCLD", "PCLF", "ADM0"})
# compass words that make "to the north of X" a location, not a destination
DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                        "north-east", "north-west", "south-east", "south-west"})
# punctuation inside a place phrase: hyphens and apostrophes of names, and the quotation
# marks some writers put around a village name ("in “X” village")
NAME_PUNCT = frozenset("-'’“”\"")
# label of a span that is the proper name after "the village of" / "control of"
NAMED_OF = "named_of"


def _paired_adjective(t: Token) -> bool:
    """The second of two adjectives on one noun ("the eastern and southern countryside")."""
    return t.pos_ == "ADJ" and t.dep_ == "conj" and t.head.dep_ == "amod"


class PlacePhrases:
    """Finding place phrases in a clause (see the module docstring)."""

    lex: Any
    resolver: Any
    default_country: str | None
    placey: frozenset[str]
    _area_preps: frozenset[str]

    def location_phrases(self, toks: Iterable[Token], mentions: dict[int, ActorRef],
                         destination_preps: frozenset[str] = frozenset()) -> list[Span]:
        """Location prepositional phrases among `toks` (nested ones cut out). A rule's
        `destination_preps` ("sent troops to X") make where a move ends a place too."""
        out = []
        for t in toks:
            if t.dep_ in ("advmod", "npadvmod") and t.lower_ in self.lex.location_preps:
                # "east of X", "north of X": a direction word the parser hangs on the verb
                of = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "of" and
                      any(o.dep_ == "pobj" for o in c.children)]
                if of:
                    sp = self.linear_phrase(t, first_is_prep=True)
                    if sp is not None:
                        out.append(with_name_before(t, sp, mentions, self.lex.settlement_nouns, self._area_preps))
                continue
            if t.dep_ == "prep" and t.lower_ == "to" and any(
                    o.dep_ == "pobj" and o.lower_ in DIRECTIONS and any(c.lower_ == "of" for c in o.children)
                    for o in t.children):
                pass  # "to the north of X": a direction, not a destination
            elif not (t.dep_ == "prep" and (t.lower_ in self.lex.location_preps or t.lower_ in destination_preps or
                                            f"{t.head.lower_} {t.lower_}" in self.lex.location_preps)
                      or t.dep_ == "dative" and t.lower_ in destination_preps):
                continue  # two-word entries: "out of X"; "sent X to Y" parses "to" as a dative
            objs = [o for o in t.children if o.dep_ == "pobj"]
            if not objs:
                # "in and around X": the first preposition shares its partner's object
                partner = [c for c in t.children if c.dep_ == "conj" and c.dep_ != "pobj" and
                           c.lower_ in self.lex.location_preps and any(o.dep_ == "pobj" for o in c.children)]
                if partner:
                    sp = self.linear_phrase(partner[0], first_is_prep=True)
                    if sp is not None:
                        out.append(sp)
                elif t.dep_ == "prep" and any(c.dep_ == "prep" and c.lower_ == "of" and any(
                        o.dep_ == "pobj" for o in c.children) for c in t.children):
                    # "outside of X": a two-word preposition whose object hangs on its "of"
                    sp = self.linear_phrase(t, first_is_prep=True)
                    if sp is not None:
                        out.append(sp)
                continue
            if any(tx.start <= t.i < tx.end or tx.start <= objs[0].i < tx.end
                   for tx in t.doc.spans.get("sitrep_timex", [])):
                continue
            o0 = objs[0]
            if t.lower_ in self.lex.roles["target_preps"] and o0.lemma_.lower() not in self.lex.location_nouns and not (
                    o0.pos_ == "PROPN" and o0.i not in mentions and o0.ent_type_ not in ("ORG", "NORP")):
                continue  # "an attack on HTS" is a target; "shelling on Tal Rifaat" is a place
            sp = self.linear_phrase(t, first_is_prep=True)
            if sp is not None and t.lower_ in destination_preps and t.lower_ not in self.lex.location_preps:
                sp = sp[1:]  # the place reader knows "in X" but not "to X": pass the name alone
            if sp is not None:
                # "on one side and <group> - <city branch>": the phrase ends where another
                # argument, an actor's name, is joined on
                cut = next((x.i for x in sp if x.dep_ == "cc" and x.i + 1 < sp.end and x.i + 1 in mentions), None)
                if cut is not None:
                    sp = sp.doc[sp.start: cut]
            if sp is not None and len(sp):
                out.append(with_name_before(t, sp, mentions, self.lex.settlement_nouns, self._area_preps))
        return out

    def linear_phrase(self, start: Token, first_is_prep: bool) -> Span | None:
        """From `start` rightwards inside its subtree, up to a verb, comma or new location PP."""
        sub = {x.i for x in start.subtree}
        doc = start.doc
        i = start.left_edge.i if not first_is_prep else start.i
        if not first_is_prep:
            # "HTS controlled X village" read as "HTS-controlled X village": the phrase
            # starts after the verb the parser hung on the noun
            i = next((k + 1 for k in range(start.i - 1, i - 1, -1) if doc[k].pos_ in ("VERB", "AUX")), i)
        end = i
        j = i
        while j < len(doc) and j in sub:
            t = doc[j]
            if j > start.i or (not first_is_prep and j != start.i):
                # a participle joined by a hyphen ("the X-controlled town of Y") is not a verb
                # that starts a clause
                stop = (t.dep_ == "prep" and t.lower_ in self.lex.location_preps and j != start.i) or \
                    (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("compound", "amod")
                     and doc[j - 1].text != "-" and not self._road_to(t)) or \
                    (t.is_punct and t.text not in NAME_PUNCT) or (
                        # "the countryside of X and rocket launchers": a common noun after "and"
                        # starts another phrase; "X and Y villages" and "the eastern and
                        # southern countryside of X" (two adjectives on one noun) go on
                        t.dep_ == "cc" and j + 1 < len(doc) and not doc[j + 1].text[:1].isupper()
                        and doc[j + 1].lemma_.lower() not in self.lex.location_nouns
                        and not _paired_adjective(doc[j + 1]))
                if stop and j > start.i:
                    break
            end = j + 1
            j += 1
        sp = doc[i:end]
        if not any(self._looks_named(t, sp) for t in sp):
            return None
        return sp

    def _road_to(self, t: Token) -> bool:
        """"a road leading to X", "the highway linking X": a participle on a road noun names
        where the road goes, inside the place phrase (cues `road_participles`)."""
        return t.dep_ == "acl" and t.lemma_.lower() in self.lex.lists.get("road_participles", frozenset()) and \
            t.head.lemma_.lower() in self.lex.lists.get("road_nouns", frozenset())

    @staticmethod
    def _looks_named(t: Token, sp: Span) -> bool:
        """A token that may be (part of) a proper name. The small tagger reads many unknown
        village names as adjectives or nouns ("struck Kafrbatna town" -> ADJ), so a capital
        letter counts too, except at a sentence start or on a function word ("The ...")."""
        if t.pos_ == "PROPN":
            return True
        if not t.text[:1].isupper() or not t.is_alpha:
            return False
        if t.i != sp.start:
            return True
        return not t.is_sent_start and t.pos_ in ("ADJ", "NOUN", "X")

    def object_phrases(self, targets: list[Token], mentions: dict[int, ActorRef],
                       territorial: bool = False) -> list[Span]:
        """Place phrases among the objects. `territorial`: the trigger takes ground ("captured
        X"), so a bare name the tagger calls a person or an organisation is a place too."""
        out = []
        placey = self.placey
        quantity = self.lex.lists.get("quantity_nouns", frozenset())
        named_of = self.lex.lists.get("named_of_nouns", frozenset())
        for h in targets:
            if h.lemma_.lower() in quantity or h.pos_ == "NUM":
                h = next((o for _, o in R.prep_children(h, frozenset({"of"}))), h)
            if h.lemma_.lower() not in placey and h.pos_ != "PROPN":
                # a headline the parser misreads ("shelling targets the city of X" with
                # "targets" as the object noun): "the city of X" further down is the place
                inner = [t for t in h.subtree if t.i != h.i and t.lemma_.lower() in named_of
                         and t.dep_ in R.OBJ and t.i not in mentions]
                out += [sp for t in inner[:1] if (sp := self._named_by_of(t, mentions)) is not None]
            for c in R.conjuncts(h):
                # "hit the capital Damascus": the seat of a government is hit, not the government
                capital = c.i in mentions and self._capital_named(c)
                if not capital and (c.i in mentions or any(
                        tx.start <= c.i < tx.end for tx in c.doc.spans.get("sitrep_timex", []))):
                    continue  # "on Monday" is a time, not a target place
                if not (c.lemma_.lower() in placey or (c.pos_ == "PROPN" and (
                        c.ent_type_ not in ("PERSON", "ORG") or territorial or self._known_name(c)))):
                    continue
                named = self._named_by_of(c, mentions)
                if named is not None:
                    out.append(named)  # "the town of X", "control of X": X is the place itself
                    continue
                sp = self.linear_phrase(c, first_is_prep=False)
                if sp is not None:
                    # "the town of X from Y forces": the phrase ends before a complement naming an actor
                    cut = next((t.i for t in sp if t.dep_ == "prep" and t.i > c.i
                                and any(x.i in mentions and not self.place_not_actor(x) for x in t.subtree)), None)
                    if cut is not None:
                        sp = sp.doc[sp.start:cut] if cut > sp.start else None
                if sp is not None and not any(t.i in mentions and not self.place_not_actor(t) for t in sp):
                    if c.pos_ == "PROPN" and all(t.pos_ == "PROPN" or t.text in ("-", "'", "’") for t in sp):
                        sp = Span(sp.doc, sp.start, sp.end, label=NAMED_OF)  # a bare name: "captured X"
                    out.append(sp)
        return out

    def place_not_actor(self, tok: Token) -> bool:
        """A name the actor layer read as a government ("Damascus") used as a place: "the
        capital Damascus", "Damascus airport"."""
        return tok.ent_type_ in ("GPE", "LOC", "FAC") and (self._capital_named(tok) or (
            tok.dep_ == "compound" and tok.head.lemma_.lower() in self.placey) or self._part_of(tok))

    def _part_of(self, tok: Token) -> bool:
        """"the south of Damascus", "the outskirts of Damascus": the name after a compass word
        or a place noun and "of" is the place a part of which is meant."""
        of = tok.head
        if tok.dep_ != "pobj" or of.lower_ != "of" or of.head.i == of.i:
            return False
        noun = of.head.lemma_.lower()
        return noun in DIRECTIONS or noun in self.placey

    def _capital_named(self, tok: Token) -> bool:
        """A name that stands for a government elsewhere, written here as a place: "the
        capital Damascus", "Damascus city" (cues `capital_cues`)."""
        cues = self.lex.lists.get("capital_cues", frozenset())
        near = [c for c in tok.children if c.dep_ in ("compound", "amod", "appos")]
        if tok.dep_ == "appos":
            near.append(tok.head)
        return any(t.lemma_.lower() in cues for t in near)

    def _named_by_of(self, noun: Token, mentions: dict[int, ActorRef], act: bool = False) -> Span | None:
        """The proper name in "the village of X" / "took control of X" (cues `named_of_nouns`;
        with `act`, the trigger's own "of" too: "shelling of X", cues `act_of_nouns`)."""
        named_of = self.lex.lists.get("named_of_nouns", frozenset())
        if noun.lemma_.lower() not in named_of and not (
                act and noun.lemma_.lower() in self.lex.lists.get("act_of_nouns", frozenset())):
            return None
        ofs = list(R.prep_children(noun, frozenset({"of", "over"})))
        if not ofs and noun.dep_ in R.OBJ and noun.head.pos_ == "VERB":
            # "took control of X" with "of X" hung on the verb
            ofs = list(R.prep_children(noun.head, frozenset({"of", "over"})))
        for _, o in ofs:
            if o.pos_ == "NOUN" and o.lemma_.lower() in named_of and o.i not in mentions:
                inner = self._named_by_of(o, mentions)  # "control of the village of X"
                if inner is not None:
                    return inner
                names = [c for c in o.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < o.i
                         and c.i not in mentions]
                if names:  # "the capture of X village": the name before the settlement noun
                    return Span(o.doc, min(x.left_edge.i for x in names), o.i + 1, label=NAMED_OF)
            if o.pos_ != "PROPN" or o.i in mentions:
                continue
            left = o.i
            while left - 1 >= 0 and o.doc[left - 1].head.i in (o.i, left) and (
                    o.doc[left - 1].pos_ == "PROPN" or o.doc[left - 1].text in ("-", "'", "’")) \
                    and (left - 1) not in mentions:
                left -= 1
            return Span(o.doc, left, o.i + 1, label=NAMED_OF)
        return None

    def _known_name(self, tok: Token) -> bool:
        """A bare object the tagger calls an organisation or a person ("bombed Saraqib") that the
        gazetteer knows under that exact or normalised spelling."""
        if self.resolver is None:
            return False
        left = tok.left_edge.i if tok.left_edge.pos_ == "PROPN" else tok.i
        name = tok.doc[left: tok.i + 1].text
        m = self.resolver.resolve_phrase(name, PlaceContext(country=self.default_country))
        return m is not None and m.feature_code not in COUNTRY_FEATURES and \
            getattr(m, "matched", "") in ("exact", "normalised")
