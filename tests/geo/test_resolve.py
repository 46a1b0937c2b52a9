"""Resolver behaviour: cascade, context, relative expressions."""

from __future__ import annotations

import gzip

import pytest

from sitrep.errors import DataFileError
from sitrep.geo.gazetteer import load_gazetteer
from sitrep.geo.resolve import PlaceContext


def test_exact_name(resolver):
    m = resolver.resolve("Sarmada")
    assert (m.place_id, m.admin1, m.geo_precision, m.matched) == ("gn:164786", "Idleb", 1, "exact")
    assert m.country == "Syria" and m.country_code == "SY"


def test_normalised_stage(resolver):
    m = resolver.resolve("Khan Sheikhoun")
    assert m.name == "Khan Shaykhun" and m.matched in ("exact", "normalised")
    assert m.original_name == "Khān Shaykhūn"


def test_skeleton_stage_for_press_spelling(resolver):
    m = resolver.resolve("Mahardah")
    assert m.name == "Muhradah" and m.admin1 == "Hama"


def test_unknown_returns_none(resolver):
    assert resolver.resolve("Xqzzv") is None


def test_supplement_places(resolver):
    assert resolver.resolve("al-Zawiya Mount").place_id == "sup:jabal-al-zawiya"
    assert resolver.resolve("Bab al-Hawa crossing").feature_code == "PSTB"
    assert resolver.resolve("M4").place_id == "sup:m4-highway"
    assert resolver.resolve("Greater Idlib").geo_precision == 3


def test_world_cities_only_by_clear_name(resolver):
    assert resolver.resolve("Moscow").country == "Russia"
    assert resolver.resolve("Ankara").country == "Turkey"
    assert resolver.resolve("Washington").country_code == "US"


def test_neighbour_town_beats_far_namesake(resolver):
    assert resolver.resolve("Tripoli").country_code == "LB"


def test_country_name(resolver):
    m = resolver.resolve("Russia")
    assert (m.feature_code, m.geo_precision, m.name) == ("PCLI", 3, "Russia")


def test_same_name_disambiguated_by_admin1_hint(resolver):
    names = [c.admin1 for c in resolver.candidates("Marah", limit=10)]
    assert len(set(names)) >= 2
    tartus = resolver.resolve("Marah", PlaceContext(admin1_hints=("Tartus",)))
    idlib = resolver.resolve("Marah", PlaceContext(admin1_hints=("Idlib",)))
    assert (tartus.place_id, tartus.admin1) == ("gn:173507", "Tartous")
    assert idlib.admin1 == "Idleb"
    assert "admin1 hint" in idlib.reason


def test_focus_prefers_nearest(resolver):
    cands = [c for c in resolver.candidates("Marah", limit=10) if c.admin1 == "Idleb"]
    assert len(cands) >= 2
    for c in cands[:2]:
        m = resolver.resolve("Marah", PlaceContext(admin1_hints=("Idlib",), focus=(c.latitude, c.longitude)))
        assert m.place_id == c.place_id


def test_context_relation_raises_precision(resolver):
    assert resolver.resolve("Sarmada", PlaceContext(relation="near")).geo_precision == 2


@pytest.mark.parametrize("phrase,place_id,precision", [
    ("near the town of Binnish", "gn:171451", 2),
    ("in the outskirts of Jisr al-Shughur", "gn:169023", 2),
    ("west of Idlib city", "gn:169389", 2),
    ("Idlib city", "gn:169389", 1),
    ("in Idlib province", "adm1:SY07", 3),
    ("Idlib governorate", "adm1:SY07", 3),
    ("southern Idlib", "adm1:SY07", 3),
    ("the western countryside of Idlib", "sup:western-idlib-countryside", 3),
    ("northern Hama", "sup:northern-hama-countryside", 3),
    ("Greater Idlib", "sup:greater-idlib", 3),
    ("Arab Said, a small town west of Idlib city", "sup:arab-said", 1),
    ("the air base Hmeimim", "sup:hmeimim-air-base", 1),
    ("the region of Afrin", "gn:174186", 2),
])
def test_relative_expressions(resolver, phrase, place_id, precision):
    m = resolver.resolve_phrase(phrase)
    assert (m.place_id, m.geo_precision) == (place_id, precision), m.reason


def test_phrase_tail_gives_admin1_hint(resolver):
    m = resolver.resolve_phrase("the village of Tell Rifat in rural northern Aleppo")
    assert m.admin1 == "Aleppo" and "admin1 hint Aleppo" in m.reason


def test_resolve_returns_independent_copies(resolver):
    a = resolver.resolve("Sarmada")
    a.geo_precision = 3
    assert resolver.resolve("Sarmada").geo_precision == 1


def test_bad_gazetteer_file(tmp_path):
    p = tmp_path / "places.tsv.gz"
    p.write_bytes(gzip.compress(b"a\tb\n"))
    with pytest.raises(DataFileError, match="header"):
        load_gazetteer(p)


def test_governorate_aliases(gazetteer):
    assert gazetteer.admin1_of("Idlib") == "Idleb"
    assert gazetteer.admin1_of("Latakia") == "Lattakia"
    assert gazetteer.admin1_of("Deir ez-Zor") == "Deir-ez-Zor"
