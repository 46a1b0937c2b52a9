""""Tall X", "Jabal X", "Bir X" ...: a landform or site named after the village beside it.

When the context names an area and the whole name is not found there, the name
after the landform word is looked up in that area and found as a place beside
it (precision 2). Spellings are ours.
"""

from __future__ import annotations

import pytest

from sitrep.geo.resolve import PlaceContext


@pytest.mark.parametrize("phrase, admin1, place_id", [
    ("Jebel Murayjat", "Lattakia", "gn:166625"),  # the Lattakia village, not the Aleppo namesake
    ("Tell Kuljibrin", "Aleppo", "gn:169078"),
    ("Bir Qudaymisah", "Tartous", "gn:165750"),
])
def test_landform_named_after_a_village_in_the_area(resolver, phrase, admin1, place_id):
    m = resolver.resolve_phrase(phrase, PlaceContext(admin1_hints=(admin1,)))
    assert (m.place_id, m.geo_precision, m.matched) == (place_id, 2, "head_base")


def test_a_whole_name_known_in_the_area_is_the_place_itself(resolver):
    # the town is named "Tall ..." itself: found as written, precision 1
    m = resolver.resolve_phrase("Tell Rifaat", PlaceContext(admin1_hints=("Aleppo",)))
    assert (m.place_id, m.geo_precision) == ("gn:163476", 1)


def test_no_area_no_landform_fallback(resolver):
    # country-wide the bare village name has too many namesakes: not read this way
    m = resolver.resolve_phrase("Jebel Murayjat")
    assert m is None or m.matched != "head_base"


@pytest.mark.parametrize("phrase", ["Second Kuljibrin, Aleppo", "Second Kuljibreen, Aleppo"])
def test_ordinal_qualifier_unknown_is_the_base_village_beside_it(resolver, phrase):
    # "second X" (a second quarter or camp of X) that the gazetteer lacks: X, precision 2,
    # also when X itself is spelled a little differently
    m = resolver.resolve_phrase(phrase)
    assert (m.place_id, m.geo_precision, m.matched) == ("gn:169078", 2, "qualified_base")


def test_rough_spelling_far_from_the_document_governorates_is_dropped(resolver):
    # a fuzzy match 400 km from the only governorate the document is about is a guess
    assert resolver.resolve_phrase("Kuljabrin", PlaceContext(admin1_hints=("Dar'a",))) is None
    # beside the hinted governorate, or with no hint, the same spelling is kept
    assert resolver.resolve_phrase("Kuljabrin", PlaceContext(admin1_hints=("Idleb",))).place_id == "gn:169078"
    assert resolver.resolve_phrase("Kuljabrin").place_id == "gn:169078"
    # a name found as written is never dropped this way
    assert resolver.resolve_phrase("Qurdaha", PlaceContext(admin1_hints=("Dar'a",))).place_id == "gn:173364"
