"""Issue 14: context first, qualifiers, "City - Part", alternative spellings, OCHA names.

Every spelling here is our own, for villages picked from the gazetteer itself."""

from __future__ import annotations

import pytest

from sitrep.geo.resolve import PlaceContext


def _where(m):
    return (m.place_id, m.admin1, m.geo_precision)


# --- context first: the governorate in the phrase restricts the namesakes ---------
@pytest.mark.parametrize("phrase, expected", [
    ("Umm Huweish village in Homs", ("gn:2400", "Homs", 1)),
    ("Umm Huweish village in Raqqa", ("gn:162904", "Ar-Raqqa", 1)),
    ("Um Hwaish in rural Homs", ("gn:2400", "Homs", 1)),  # approximate, but inside the area
    ("Tal Shehab town in Daraa", ("gn:163454", "Dar'a", 1)),
    ("Tal Shehab, Homs", ("gn:2452", "Homs", 1)),  # e/i: the closer skeleton wins over Tall Dhahab
])
def test_governorate_in_the_phrase_picks_the_namesake(resolver, phrase, expected):
    assert _where(resolver.resolve_phrase(phrase)) == expected


@pytest.mark.parametrize("hint, expected", [("Idlib", "gn:11556286"), ("Sweida", "gn:5106")])
def test_governorate_hint_picks_the_namesake(resolver, hint, expected):
    assert resolver.resolve_phrase("Kuwairis", PlaceContext(admin1_hints=(hint,))).place_id == expected


def test_unknown_village_in_a_governorate_falls_back_to_the_governorate(resolver):
    m = resolver.resolve_phrase("Zulqarbat village in southern Idleb")
    assert _where(m) == ("adm1:SY07", "Idleb", 3)


def test_unknown_village_in_a_town_is_the_town_area(resolver):
    assert _where(resolver.resolve_phrase("Zulqarbat in Harem")) == ("gn:169866", "Idleb", 2)


def test_strict_context_never_returns_a_far_namesake(resolver):
    ctx = PlaceContext(admin1_hints=("Quneitra",), strict=True)
    assert resolver.resolve_phrase("Kuwairis", ctx) is None


# --- qualifiers as data ------------------------------------------------------------
@pytest.mark.parametrize("phrase, expected", [
    ("Eastern Fanan", "ocha:C6882"),  # stored as "Fanan Sharqi"
    ("Fanan al-Sharqiya", "ocha:C6882"),
    ("Upper Maarudah", "ocha:C7031"),  # stored as "Ma'rudah Fawqani"
    ("Western Joubar", "ochan:N0030"),  # a Damascus quarter, "Joubar Gharbi"
])
def test_qualifier_words_match_in_any_language_and_position(resolver, phrase, expected):
    m = resolver.resolve_phrase(phrase)
    assert (m.place_id, m.matched, m.geo_precision) == (expected, m.matched, 1)
    assert m.matched in ("qualified", "normalised")


def test_qualifier_map_groups_spellings(resolver):
    q = resolver.cues.qualifiers
    assert q["kabir"] == q["big"] == "big"  # Kebir / Kabira share the key of Kabir
    assert q["sharki"] == q["astarn"] == "east"  # Sharqiyah, Eastern


# --- "City - Part" and alternative spellings --------------------------------------
def test_city_dash_neighbourhood(resolver):
    m = resolver.resolve_phrase("Damascus - Naqshbandi")
    assert (m.place_id, m.admin1, m.feature_code) == ("ochan:N0009", "Damascus", "PPLX")


def test_city_dash_unknown_part_is_the_city(resolver):
    assert resolver.resolve_phrase("Damascus - Qwertyabad").place_id == "gn:170654"


def test_city_dash_base_is_the_city(resolver):
    assert resolver.resolve_phrase("Harem - Military Base").place_id == "gn:169866"


@pytest.mark.parametrize("phrase", ["Zulqarbat / Harem", "Zulqarbat (Harem)", "Harem/Zulqarbat"])
def test_alternative_spellings_first_that_resolves(resolver, phrase):
    assert resolver.resolve_phrase(phrase).place_id == "gn:169866"


def test_facility_suffixes_hill_and_suburb(resolver):
    assert resolver.resolve_phrase("Umm Huweish hill", PlaceContext(admin1_hints=("Homs",))).place_id == "gn:2400"
    assert resolver.resolve_phrase("Harem suburb").place_id == "gn:169866"


# --- OCHA names in the gazetteer --------------------------------------------------
def test_arabic_names_are_searchable(resolver):
    assert resolver.resolve_phrase("النقشبندي").place_id == "ochan:N0009"
    assert resolver.resolve_phrase("أم حويش", PlaceContext(admin1_hints=("Homs",))).place_id == "gn:2400"


def test_ocha_names_merged_into_the_geonames_row(gazetteer):
    p = gazetteer.by_id("gn:2400")
    assert "ام حويش" in p.alternates  # OCHA's Arabic spelling joined the GeoNames row


def test_ocha_rows_have_admin1_and_neighbourhoods_their_city(gazetteer):
    ocha = [p for p in gazetteer.places if p.place_id.startswith("ocha:")]
    hoods = [p for p in gazetteer.places if p.place_id.startswith("ochan:")]
    assert len(ocha) > 2000 and len(hoods) > 300
    assert all(p.admin1 for p in ocha + hoods)
    assert {p.feature_code for p in hoods} == {"PPLX"}
    damascus = gazetteer.by_id("gn:170654")
    assert not any("دمشق" in p.alternates for p in hoods)  # the parent city's name is not a quarter's
    assert damascus.admin1 == "Damascus"
