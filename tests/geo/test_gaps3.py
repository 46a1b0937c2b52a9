"""Third batch of geocoder gaps: airports, border villages, city quarters, seats over namesakes."""

from __future__ import annotations

import pytest

from sitrep.geo.gazetteer import load_gazetteer
from sitrep.geo.resolve import PlaceContext, PlaceResolver

HAMA_DOC = PlaceContext(admin1_hints=("Hama",), focus=(35.13, 36.75))


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver(load_gazetteer())


def _where(m):
    return (m.name, m.admin1, round(m.latitude, 2), round(m.longitude, 2), m.geo_precision)


@pytest.mark.parametrize("phrase, expected", [
    ("Damascus International Airport", ("Damascus International Airport", "Rural Damascus", 33.41, 36.52, 1)),
    ("the Aleppo airport", ("Aleppo International Airport", "Aleppo", 36.18, 37.22, 1)),
    ("Deir ez-Zor military airport", ("Deir ez-Zor Air Base", "Deir-ez-Zor", 35.29, 40.18, 1)),
    ("Mezzeh military airport", ("Mezzeh Military Airport", "Damascus", 33.48, 36.22, 1)),
    ("Hama military airport", ("Hama Military Airport", "Hama", 35.12, 36.71, 1)),
    ("Qamishli airport", ("Kamishly Airport", "Al-Hasakeh", 37.02, 41.19, 1)),
])
def test_airports_are_their_own_points(resolver, phrase, expected):
    assert _where(resolver.resolve_phrase(phrase)) == expected


def test_city_alone_is_still_the_city_not_its_airport(resolver):
    assert resolver.resolve_phrase("in Damascus").place_id == "gn:170654"


def test_kafr_lusin_crossing_is_the_border_village(resolver):
    assert _where(resolver.resolve_phrase("the Kafr Lusin crossing")) == ("Kafr Lusin", "Idleb", 36.23, 36.7, 1)


def test_quarter_named_as_district_of_its_city(resolver):
    m = resolver.resolve_phrase("the Akrama district of Homs")
    assert (m.place_id, m.admin1, m.feature_code) == ("sup:akrama", "Homs", "PPLX")


def test_unknown_quarter_of_a_city_is_the_city(resolver):
    assert resolver.resolve_phrase("the Mazloumiyeh quarter of Homs").place_id == "gn:169577"


def test_district_of_governorate_is_the_district_seat(resolver):
    m = resolver.resolve_phrase("the Tal Abyad district of Raqqa")
    assert (m.place_id, m.geo_precision) == ("gn:163750", 2)  # the seat town, as ACLED codes a district


def test_saida_near_ain_issa_in_raqqa(resolver):
    m = resolver.resolve_phrase("the village of Saida north of Ain Issa")
    assert (m.place_id, m.admin1) == ("sup:saida", "Ar-Raqqa")


def test_saida_in_a_daraa_document_is_the_daraa_village(resolver):
    ctx = PlaceContext(admin1_hints=("Dar'a",), focus=(32.62, 36.10))
    assert resolver.resolve_phrase("Saida", ctx).place_id == "gn:164719"


def test_far_namesake_north_of_an_anchor_gives_the_anchor_area(resolver):
    # no "Sayda" lies in or near Hama governorate: the area north of Hama city
    m = resolver.resolve_phrase("Sayda north of Hama")
    assert (m.name, m.geo_precision) == ("Hamah", 2)


def test_district_seat_beats_a_namesake_near_the_focus(resolver):
    assert resolver.resolve_phrase("in Shahba", HAMA_DOC).place_id == "gn:164626"  # As-Sweida seat


def test_village_cue_keeps_the_namesake(resolver):
    assert resolver.resolve_phrase("the village of Shahba", HAMA_DOC).place_id == "gn:172832"


def test_namesake_much_closer_to_the_phrase_anchor_wins(resolver):
    assert resolver.resolve_phrase("Shahba east of Hama").place_id == "gn:172832"
