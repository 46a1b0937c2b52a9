"""Deir ez-Zor spellings and phrases reported by the event-extraction team (our own phrases)."""

from __future__ import annotations

import pytest

from sitrep.geo.normalise import name_key
from sitrep.geo.resolve import PlaceContext

DZ = PlaceContext(admin1_hints=("Deir-ez-Zor",), focus=(35.3, 40.1))


def test_dh_and_th_write_one_letter():
    assert name_key("Thiban") == name_key("Dhiban") == "thiban"


@pytest.mark.parametrize("ctx", [PlaceContext(), DZ])
def test_thiban_is_dhiban_on_the_euphrates(resolver, ctx):
    m = resolver.resolve_phrase("the town of Thiban", ctx)
    assert (m.name, m.admin1, m.geo_precision) == ("Dhiban", "Deir-ez-Zor", 1)


@pytest.mark.parametrize("phrase", ["al-Joura", "the al-Jorah district", "al-Jourah"])
def test_joura_is_the_deir_ez_zor_city_district(resolver, phrase):
    m = resolver.resolve_phrase(phrase, DZ)
    assert (m.place_id, m.admin1) == ("sup:al-joura", "Deir-ez-Zor")


def test_bare_jura_follows_the_document(resolver):
    assert resolver.resolve("Jura", DZ).place_id == "sup:al-joura"
    assert resolver.resolve("Jura").admin1 == "Ar-Raqqa"


def test_sour_is_the_khabur_town(resolver):
    m = resolver.resolve_phrase("in al-Sour", DZ)
    assert (m.place_id, m.feature_code, m.admin2) == ("sup:al-sour", "PPLA3", "Deir-ez-Zor")


def test_namesake_in_the_documents_governorate_beats_an_exact_spelling(resolver):
    # "al-Sour" is spelled exactly only by the Deir ez-Zor town; a Tartous report means its own As Sur
    m = resolver.resolve("al-Sour", PlaceContext(admin1_hints=("Tartous",)))
    assert (m.name, m.admin1, m.matched) == ("As Sur", "Tartous", "normalised")


def test_in_and_around_the_border_city(resolver):
    m = resolver.resolve_phrase("in and around the border city of al-Bukamal", DZ)
    assert (m.name, m.geo_precision, m.reason) == ("Albu Kamal", 1, "exact; admin1 hint Deir-ez-Zor")


def test_on_the_edge_of(resolver):
    m = resolver.resolve_phrase("on the edge of Mayadin", DZ)
    assert (m.name, m.geo_precision) == ("Al Mayadin", 2)


@pytest.mark.parametrize("phrase", ["east of the Euphrates", "west of the Euphrates", "the Euphrates",
                                    "the Khabur river", "Euphrates"])
def test_a_river_without_document_governorate_is_nothing(resolver, phrase):
    assert resolver.resolve_phrase(phrase) is None


@pytest.mark.parametrize("phrase", ["east of the Euphrates", "on the Euphrates valley", "the river Orontes"])
def test_a_river_with_document_governorate_is_that_governorate(resolver, phrase):
    m = resolver.resolve_phrase(phrase, DZ)
    assert (m.name, m.feature_code, m.geo_precision) == ("Deir-ez-Zor", "ADM1", 3)


def test_a_dam_named_after_the_river_is_still_the_dam(resolver):
    assert resolver.resolve_phrase("the Euphrates Dam").name == "Tabqa Dam"


def test_desert_east_of_a_town(resolver):
    m = resolver.resolve_phrase("the desert east of Salamiyeh", DZ)
    assert (m.name, m.geo_precision) == ("As Salamiyah", 2)
