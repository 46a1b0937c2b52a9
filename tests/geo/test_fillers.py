""""the capital X", "the centre of X", "downtown X": the place itself, precision 1."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("phrase", ["the Capital Damascus", "Capital Damascus", "in the capital Damascus",
                                    "the centre of the capital Damascus", "Center of Damascus"])
def test_capital_and_centre_words_name_the_city(resolver, phrase):
    m = resolver.resolve_phrase(phrase)
    assert (m.place_id, m.geo_precision) == ("gn:170654", 1)


def test_downtown_is_the_city(resolver):
    assert resolver.resolve_phrase("downtown Aleppo").place_id == "gn:170063"


@pytest.mark.parametrize("phrase", ["the capital", "Capital", "the centre of"])
def test_the_words_alone_name_nothing(resolver, phrase):
    assert resolver.resolve_phrase(phrase) is None
