"""Foreign admin seats and capitals written exactly as their own name (our own examples)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("name, country", [
    ("Kano", "NG"),        # a state capital, not a Syrian village of a similar key
    ("Mandera", "KE"),     # a county seat under 100 000 people
    ("Tyre", "LB"),
    ("Kabul", "AF"),       # a far capital beats a small neighbour namesake
    ("Sanaa", "YE"),       # ... and a Syrian village that has the name only among its aliases
])
def test_a_foreign_seat_written_exactly_is_that_seat(resolver, name, country):
    assert resolver.resolve(name).country_code == country


def test_a_neighbour_city_still_beats_a_far_capital(resolver):
    assert resolver.resolve("Tripoli").country_code == "LB"


@pytest.mark.parametrize("phrase, country, admin1", [
    ("Zamfara State", "NG", "Zamfara"),
    ("Kayah state", "MM", "Kayah"),
    ("Ituri province", "CD", "Ituri"),
    ("Sagaing Region", "MM", "Sagain"),   # the GeoNames spelling; the seat's spelling reaches it
    ("Borno State", "NG", "Borno"),
    ("Garissa County", "KE", "Garissa"),
])
def test_a_division_abroad_named_with_its_admin_word_is_placed_at_its_seat(resolver, phrase, country, admin1):
    m = resolver.resolve_phrase(phrase)
    assert (m.country_code, m.admin1, m.geo_precision) == (country, admin1, 3)


@pytest.mark.parametrize("word", ["Plateau", "Delta", "Islamic State"])
def test_a_bare_word_or_a_group_name_is_no_division_abroad(resolver, word):
    m = resolver.resolve_phrase(word)
    assert m is None or m.feature_code != "ADM1"


def test_a_syrian_governorate_with_an_admin_word_stays_syrian(resolver):
    m = resolver.resolve_phrase("Idlib province")
    assert (m.country_code, m.admin1, m.geo_precision) == ("SY", "Idleb", 3)


def test_a_town_abroad_is_a_last_resort_by_its_own_name(resolver):
    assert resolver.resolve("Avdiivka").country_code == "UA"   # 35 000 people, no seat
    assert resolver.resolve("Roman").country_code == "SY"      # a loose Syrian spelling stays at home
