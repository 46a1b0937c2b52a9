"""Place phrases read in the document's context (our own phrases, names from the gazetteer):
a village written exactly as its name just over a hinted governorate's line, "X in <town>
city", and "the <holder>-controlled town of Y". Each case failed before its rule, except
those marked as guards."""

from __future__ import annotations

from sitrep.geo.records import PlaceContext


def _where(m):
    return None if m is None else (m.name, m.admin1, m.geo_precision)


def test_an_exact_name_just_over_a_hinted_line_beats_an_in_area_look_alike(resolver):
    # Kafr Hamim lies in Idleb a few km from Aleppo's line; Aleppo has a "Kafr Hani"
    m = resolver.resolve_phrase("Kafr Hamim", PlaceContext(country="SY", admin1_hints=("Aleppo",)))
    assert _where(m)[:2] == ("Kafr Hamim", "Idleb")


def test_guard_a_far_exact_namesake_still_yields_to_the_hinted_area(resolver):
    # an exact spelling found only far from every hinted governorate keeps the old rule
    far = resolver.resolve_phrase("Kafr Hamim", PlaceContext(country="SY", admin1_hints=("Dar'a",)))
    assert far is None or far.admin1 in ("Idleb", "Dar'a")


def test_a_place_in_a_district_seat_city_lies_in_the_town(resolver):
    # Raju is ~20 km from Afrin: "in Afrin city" says the town itself, not its district
    m = resolver.resolve_phrase("near the bakery road to Raju in Afrin city")
    assert _where(m) == ("Afrin", "Aleppo", 1)


def test_guard_a_place_in_a_district_seat_countryside_is_still_found(resolver):
    m = resolver.resolve_phrase("Raju in the countryside of Afrin")
    assert _where(m)[:2] == ("Raju", "Aleppo")


def test_the_holder_controlled_town_of_y_is_y(resolver):
    m = resolver.resolve_phrase("the Army of Islam-controlled town of Douma")
    assert _where(m) == ("Duma", "Rural Damascus", 1)


def test_a_direction_and_a_governorate_name_the_governorates_part(resolver):
    # the gazetteer has a village "Western Sweida" in Hama; "in western Sweida" is As-Sweida's west
    m = resolver.resolve_phrase("in western Sweida")
    assert (m.feature_code, m.admin1, m.geo_precision) == ("ADM1", "As-Sweida", 3)


def test_guard_a_village_named_with_a_direction_is_still_found_as_a_village(resolver):
    m = resolver.resolve_phrase("Western Sweida village")
    assert (m.name, m.admin1) == ("Western Sweida", "Hama")


def test_a_road_between_a_governorate_seat_and_a_town_is_placed_at_the_town(resolver):
    m = resolver.resolve_phrase("on the highway between Homs and Talbiseh")
    assert (m.name, m.admin1) == ("Tallbisah", "Homs")


def test_guard_a_road_between_two_towns_keeps_the_first(resolver):
    m = resolver.resolve_phrase("on the road between Saraqib and Sarmin")
    assert m.name == "Saraqib"


def test_guard_two_places_without_a_road_keep_the_first(resolver):
    m = resolver.resolve_phrase("in Homs and Talbiseh")
    assert m.name == "Homs"
