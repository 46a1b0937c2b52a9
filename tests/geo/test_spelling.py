"""Same-key namesakes told apart by how the mention is written (sitrep.geo.spelling).

Spellings are ours; the gazetteer holds two villages of one governorate whose
names share a normalised key and differ only in the article or the final -ah.
"""

from __future__ import annotations

import pytest

from sitrep.geo.resolve import PlaceContext
from sitrep.geo.spelling import written_form, written_similarity


def test_written_form_keeps_article_and_final_letters():
    assert written_form("Al-Manşūrah") == "al mansurah"
    assert written_form("ابو") == ""


def test_written_similarity_is_the_best_of_the_names():
    assert written_similarity("al-Mansoura", ("Manşūr", "Al Manşūrah")) > written_similarity(
        "al-Mansoura", ("Manşūr",))
    assert written_similarity("", ("X",)) == 0.0


@pytest.mark.parametrize("phrase, admin1, place_id", [
    ("al-Murayjat", "Lattakia", "gn:9073374"),  # Al Murayjāt, not Murayjāt
    ("Murayjat", "Lattakia", "gn:166625"),
    ("al-Mujaydil", "Tartous", "gn:11444708"),  # Al Mujaydil, not Mujaydil
    ("al-Mansoura", "Al-Hasakeh", "gn:171164"),  # Al Manşūrah, not Manşūr
    ("Mansour", "Al-Hasakeh", "gn:167330"),
    ("al-Qudaymisa", "Tartous", "gn:11556236"),  # Al Qudaymisah, not Qudaymisah
])
def test_same_key_namesakes_follow_the_written_article(resolver, phrase, admin1, place_id):
    assert resolver.resolve_phrase(phrase, PlaceContext(admin1_hints=(admin1,))).place_id == place_id


@pytest.mark.parametrize("phrase, place_id", [
    ("Karkamış / Jarablus", "gn:169179"),  # the Turkish twin town first: the Syrian one is meant
    ("Ceylanpınar / Ras al-Ain", "gn:165509"),
    ("Jarablus / Karkamis", "gn:169179"),
])
def test_two_spellings_prefer_the_one_in_the_country(resolver, phrase, place_id):
    assert resolver.resolve_phrase(phrase).place_id == place_id


def test_two_spellings_prefer_the_one_in_the_document_governorate(resolver):
    # both resolve; only the second lies in the governorate the document is about
    ctx = PlaceContext(admin1_hints=("Aleppo",))
    assert resolver.resolve_phrase("Qardaha / Kuljibrin", ctx).place_id == "gn:169078"
    assert resolver.resolve_phrase("Qardaha / Kuljibrin").place_id == "gn:173364"  # no hint: the first


@pytest.mark.parametrize("phrase, place_id", [
    ("Duma (Hama)", "gn:170591"),  # the Hama village, not the Rural Damascus city
    ("Shahba (Hama)", "gn:172832"),  # the Hama village, not the As-Sweida town
    ("Shahba (Jebel Saman, Aleppo)", None),  # no Shahba in Aleppo: not the far namesake
])
def test_governorate_in_brackets_is_the_area(resolver, phrase, place_id):
    m = resolver.resolve_phrase(phrase)
    if place_id is None:
        assert m is None or m.admin1 == "Aleppo"
    else:
        assert m.place_id == place_id


def test_place_district_governorate_is_read_inside_the_governorate(resolver):
    # "X, <district>, <governorate>": never the far namesake (As-Sweida's Shahba)
    assert resolver.resolve_phrase("Shahba, Jebel Saman, Aleppo").admin1 == "Aleppo"
    m = resolver.resolve_phrase("Kafr Zita, Muhradah, Hama")
    assert (m.place_id, m.admin1) == ("gn:168620", "Hama")
