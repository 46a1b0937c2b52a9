""""Western X, <governorate>": a direction word that is part of a village's own name.

"Western X" read as "the western part of X" (precision 2) lost the village X
al-Gharbi, which the gazetteer knows under that name or as a qualified
variant. The whole name is looked up first. Spellings are ours.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("phrase, place_id", [
    ("Western Mafkar, Hama", "gn:166794"),  # Mafkar al-Gharbi
    ("Western Smaqiyat in Homs", "gn:163930"),  # Summaqiyat al-Gharbiyah, not the eastern one
    ("Western Salam, Homs", "gn:164950"),  # Salam al-Gharbi (qualified variant)
])
def test_direction_word_in_a_village_name(resolver, phrase, place_id):
    m = resolver.resolve_phrase(phrase)
    assert (m.place_id, m.geo_precision) == (place_id, 1)


def test_direction_of_a_governorate_is_still_its_area(resolver):
    m = resolver.resolve_phrase("western Homs")
    assert (m.feature_code, m.geo_precision) == ("ADM1", 3)
