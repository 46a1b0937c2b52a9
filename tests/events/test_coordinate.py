"""`merge.coordinate`: one report per happening in a sentence, on hand-built parses."""

from __future__ import annotations

from types import SimpleNamespace

import spacy
from spacy.tokens import Doc

from sitrep.events.merge import coordinate


def _doc(words, heads, deps, pos):
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)


def _rule(rid, secondary=False):
    return SimpleNamespace(id=rid, secondary=secondary, absorbs=frozenset())


def test_a_trigger_noun_misread_as_the_subject_of_a_dropped_consequence_is_kept():
    # "Dozens of strikes hit the area and ten fighters were killed", misread as "strikes
    # ... were killed": the killing is a consequence dropped for the strike; the strike stays
    words = ["Strikes", "and", "fighters", "were", "killed"]
    doc = _doc(words, heads=[4, 0, 0, 4, 4], deps=["nsubjpass", "cc", "conj", "auxpass", "ROOT"],
               pos=["NOUN", "CCONJ", "NOUN", "AUX", "VERB"])
    strike, kill = SimpleNamespace(sub_event_type="Air/drone strike"), SimpleNamespace(sub_event_type="Armed clash")
    out = coordinate([(doc[0], _rule("remote.air"), strike), (doc[4], _rule("battle.kill", secondary=True), kill)])
    assert out == [strike]


def test_a_trigger_noun_object_of_a_reporting_trigger_verb_is_still_absorbed():
    # "police broke up a protest": the verb reports the happening, the noun is its object
    doc = _doc(["Police", "dispersed", "protest"], heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"],
               pos=["NOUN", "VERB", "NOUN"])
    verb, noun = SimpleNamespace(sub_event_type="Protest with intervention"), SimpleNamespace(sub_event_type="Peaceful protest")
    assert coordinate([(doc[1], _rule("protest.disperse"), verb), (doc[2], _rule("protest.protest"), noun)]) == [verb]


def test_a_trigger_noun_object_of_a_dropped_consequence_is_still_no_event_of_its_own():
    # "jets struck the town and destroyed a car bomb": destroying the bomb is no bombing
    doc = _doc(["Jets", "struck", "and", "destroyed", "bomb"], heads=[1, 1, 1, 1, 3],
               deps=["nsubj", "ROOT", "cc", "conj", "dobj"], pos=["NOUN", "VERB", "CCONJ", "VERB", "NOUN"])
    strike = SimpleNamespace(sub_event_type="Air/drone strike")
    destroyed, bomb = SimpleNamespace(sub_event_type="Air/drone strike"), SimpleNamespace(sub_event_type="Suicide bomb")
    out = coordinate([(doc[1], _rule("remote.air"), strike), (doc[3], _rule("remote.destroy", secondary=True), destroyed),
                      (doc[4], _rule("remote.suicide"), bomb)])
    assert out == [strike]
