"""events/placeforms.py on hand-built parses (spacy.blank): the name before an area phrase,
brackets after a name, the place that witnesses an act. Made-up words, exact spans."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from sitrep.events.placeforms import bracket_after, place_subjects, with_name_before

TOWNS = frozenset({"town", "village", "city"})
AREA_PREPS = frozenset({"in", "east"})


def _doc(words, pos, deps, heads, ents=None):
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos, deps=deps, heads=heads, ents=ents)
    for t in doc:
        t.lemma_ = t.lower_
    return doc


def test_a_name_the_tagger_calls_a_verb_stays_in_the_town_name():
    # "rebels seized Can village in Hama": "Can" read as an auxiliary compound of "village"
    d = _doc(["rebels", "seized", "Can", "village", "in", "Hama"],
             ["NOUN", "VERB", "AUX", "NOUN", "ADP", "PROPN"],
             ["nsubj", "ROOT", "compound", "dobj", "prep", "pobj"], [1, 1, 3, 1, 3, 4])
    sp = with_name_before(d[4], d[4:6], {}, TOWNS, AREA_PREPS)
    assert sp.text == "Can village in Hama"


def test_a_verb_before_the_town_name_is_left_out():
    d = _doc(["rebels", "seized", "Zor", "village", "in", "Hama"],
             ["NOUN", "VERB", "PROPN", "NOUN", "ADP", "PROPN"],
             ["nsubj", "ROOT", "compound", "dobj", "prep", "pobj"], [1, 1, 3, 1, 3, 4])
    assert with_name_before(d[4], d[4:6], {}, TOWNS, AREA_PREPS).text == "Zor village in Hama"


def test_an_actor_before_in_is_no_place():
    d = _doc(["fighters", "of", "Zor", "Brigade", "in", "Hama"],
             ["NOUN", "ADP", "PROPN", "PROPN", "ADP", "PROPN"],
             ["nsubj", "prep", "compound", "pobj", "prep", "pobj"], [0, 0, 3, 1, 0, 4])
    assert with_name_before(d[4], d[4:6], {2: None, 3: None}, TOWNS, AREA_PREPS).text == "in Hama"


def test_a_bracket_after_a_name():
    d = _doc(["in", "Zor", "(", "Hama", ")", "today"], ["ADP", "PROPN", "PUNCT", "PROPN", "PUNCT", "NOUN"],
             ["ROOT", "pobj", "punct", "appos", "punct", "npadvmod"], [0, 0, 1, 1, 1, 0])
    assert bracket_after(d[0:2]).text == "( Hama )"
    assert bracket_after(d[0:1]) is None


def test_the_subject_of_witness_is_the_acts_place():
    d = _doc(["Zor", "witnesses", "clashes"], ["PROPN", "VERB", "NOUN"], ["nsubj", "ROOT", "dobj"], [1, 1, 1])
    assert [s.text for s in place_subjects(d[2], frozenset({"witnesses"}), ("nsubj",), {})] == ["Zor"]


def _reader():
    from sitrep.events import load_lexicon
    from sitrep.events.places import PlaceReader

    return PlaceReader(load_lexicon())


def test_outside_of_x_is_a_location_phrase():
    # "outside" with its object hung on "of"
    d = _doc(["jets", "struck", "positions", "outside", "of", "Zor"],
             ["NOUN", "VERB", "NOUN", "ADP", "ADP", "PROPN"],
             ["nsubj", "ROOT", "dobj", "prep", "prep", "pobj"], [1, 1, 1, 1, 3, 4])
    assert [s.text for s in _reader().location_phrases(d, {})] == ["outside of Zor"]


def test_a_direction_the_parser_reads_as_a_noun_modifier_is_a_location_phrase():
    d = _doc(["jets", "bombed", "the", "area", "west", "of", "Zor"],
             ["NOUN", "VERB", "DET", "NOUN", "ADV", "ADP", "PROPN"],
             ["nsubj", "ROOT", "det", "dobj", "npadvmod", "prep", "pobj"], [1, 1, 3, 1, 1, 4, 5])
    assert [s.text for s in _reader().location_phrases(d, {})] == ["west of Zor"]


def test_a_road_leading_to_a_town_stays_one_phrase():
    d = _doc(["shot", "a", "man", "on", "a", "road", "leading", "to", "Zor"],
             ["VERB", "DET", "NOUN", "ADP", "DET", "NOUN", "VERB", "ADP", "PROPN"],
             ["ROOT", "det", "dobj", "prep", "det", "pobj", "acl", "prep", "pobj"], [0, 2, 0, 0, 5, 3, 5, 6, 7])
    for t in d:
        t.lemma_ = {"leading": "lead"}.get(t.lower_, t.lower_)
    assert [s.text for s in _reader().location_phrases(d, {})] == ["on a road leading to Zor"]


def test_a_list_of_names_runs_to_the_area_after_it():
    from sitrep.events.placeforms import list_end

    d = _doc(["took", "Zor", ",", "Tall", "Ban", "and", "Qarf", "in", "Hama", "today"],
             ["VERB", "PROPN", "PUNCT", "PROPN", "PROPN", "CCONJ", "PROPN", "ADP", "PROPN", "NOUN"],
             ["ROOT", "dobj", "punct", "compound", "conj", "cc", "conj", "prep", "pobj", "npadvmod"],
             [0, 0, 1, 4, 1, 4, 4, 6, 7, 0])
    assert list_end(d, 2, frozenset({"in"}), TOWNS) == 7
    # a common noun in between: no list of names
    d2 = _doc(["took", "Zor", ",", "killing", "men", "in", "Hama"],
              ["VERB", "PROPN", "PUNCT", "VERB", "NOUN", "ADP", "PROPN"],
              ["ROOT", "dobj", "punct", "advcl", "dobj", "prep", "pobj"], [0, 0, 0, 0, 3, 3, 5])
    assert list_end(d2, 2, frozenset({"in"}), TOWNS) == 2


def test_a_relative_link_runs_to_the_area_phrase():
    from sitrep.events.placeforms import link_end

    links = frozenset({"which lies", "which is", "located"})
    d = _doc(["in", "Zor", "which", "lies", "in", "Hama"], ["ADP", "PROPN", "PRON", "VERB", "ADP", "PROPN"],
             ["ROOT", "pobj", "nsubj", "relcl", "prep", "pobj"], [0, 0, 3, 1, 3, 4])
    assert link_end(d, 2, frozenset({"in"}), links) == 4
    assert link_end(d, 3, frozenset({"in"}), links) == 4  # the phrase already took "which"
    d2 = _doc(["in", "Zor", "which", "fell", "in", "May"], ["ADP", "PROPN", "PRON", "VERB", "ADP", "PROPN"],
              ["ROOT", "pobj", "nsubj", "relcl", "prep", "pobj"], [0, 0, 3, 1, 3, 4])
    assert link_end(d2, 2, frozenset({"in"}), links) == 2
