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
