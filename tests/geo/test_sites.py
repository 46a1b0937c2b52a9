"""Issue 14, second round: military sites, fields and crossings from the supplement,
facility words beside a town, district names as their seat, and a governorate
written after the phrase. Spellings are our own."""

from __future__ import annotations

import pytest


def _hit(m):
    return (m.place_id, m.feature_code, m.geo_precision) if m is not None else None


@pytest.mark.parametrize("phrase,place_id,code,precision", [
    ("the Wadi Deif military camp", "sup:wadi-al-deif-military-base", "MILB", 1),
    ("Wadi al-Daif barracks", "sup:wadi-al-deif-military-base", "MILB", 1),
    ("the Imam Ali compound", "sup:imam-ali-military-base", "MILB", 1),
    ("al-Omar oilfield", "sup:al-omar-oil-field", "OILF", 2),
    ("the T-2 oil station", "sup:t-2-pumping-station", "PMPO", 2),
    ("the Nusaybin border gate", "sup:qamishli-crossing", "PSTB", 1),
    ("al-Bukamal border crossing", "sup:albu-kamal-crossing", "PSTB", 1),
    ("Jarabulus crossing", "sup:jarablus-crossing", "PSTB", 1),
])
def test_supplement_sites(resolver, phrase, place_id, code, precision):
    assert _hit(resolver.resolve_phrase(phrase)) == (place_id, code, precision)


def test_a_dam_known_only_by_its_town_is_beside_the_town(resolver):
    m = resolver.resolve_phrase("the Mhardeh dam")
    assert _hit(m) == ("gn:166742", "PPLA2", 2)


def test_an_air_base_known_only_by_its_town_is_beside_the_town(resolver):
    assert _hit(resolver.resolve_phrase("Saraqeb air base")) == ("gn:164816", "PPLA3", 2)


def test_a_hospital_stays_in_its_town(resolver):
    assert _hit(resolver.resolve_phrase("Saraqeb hospital")) == ("gn:164816", "PPLA3", 1)


def test_a_site_named_as_written_beats_an_approximate_name_near_the_seat(resolver):
    # "X, Deir ez-Zor": the field 45 km from the city, not a village near it spelled like "Omar"
    assert resolver.resolve_phrase("Omar oil field, Deir ez-Zor").place_id == "sup:al-omar-oil-field"


@pytest.mark.parametrize("phrase,place_id", [
    ("Tal Abyad", "gn:163750"),  # only the ADM2 record spells it so: the town
    ("Ash-Shaykh Badr", "gn:172743"),
    ("Jebel Saman", "adm2:SY.HL.JS"),  # not the seat's name (Aleppo): the district
    ("Jebel Saman district", "gn:170063"),  # "district" said: its seat (Aleppo), precision 2
])
def test_district_name_means_its_seat_when_it_spells_the_seat(resolver, phrase, place_id):
    assert resolver.resolve_phrase(phrase).place_id == place_id


@pytest.mark.parametrize("phrase,place_id", [
    ("Homs - Akrama, Homs", "sup:akrama"),
    ("Saraqeb / Sarakib, Idlib", "gn:164816"),
    ("Saraqeb and Binnish in Idlib", "gn:164816"),
])
def test_governorate_after_a_compound_phrase_is_its_area(resolver, phrase, place_id):
    m = resolver.resolve_phrase(phrase)
    assert m.place_id == place_id, m.reason


def test_governorate_after_a_name_found_nowhere_in_it_is_the_governorate(resolver):
    m = resolver.resolve_phrase("Qzzwertal, Idlib")
    assert m.admin1 == "Idleb" and m.geo_precision >= 2
