"""Phrase reading: no-name phrases, dates, owners, facilities, coordination, hints, ASCII names."""

from __future__ import annotations

import pytest

from sitrep.errors import DataFileError
from sitrep.geo.normalise import ascii_name
from sitrep.geo.resolve import load_cues


@pytest.mark.parametrize("phrase", [
    "near the village of", "the town of", "in the area", "on the outskirts of the city",
    "the", "in", "at", "near", "town", "area", "north", "road", "the northern countryside",
    "along the road", "to the west of the town",
])
def test_phrase_without_a_name_is_none(resolver, phrase):
    assert resolver.resolve_phrase(phrase) is None


@pytest.mark.parametrize("phrase", [
    "in June", "on June 20", "June", "on Monday", "Friday", "yesterday", "today", "last week",
    "early on Sunday morning", "in mid-March", "this week",
])
def test_date_expression_is_never_a_place(resolver, phrase):
    assert resolver.resolve_phrase(phrase) is None


@pytest.mark.parametrize("word", ["Of", "of", "the", "June", "week", "near", "road", "Town", "North"])
def test_stop_words_are_never_looked_up(resolver, word):
    assert resolver.resolve(word) is None
    assert resolver.candidates(word) == []


@pytest.mark.parametrize("word", ["town", "monday", "state", "third", "strike", "regime", "idlb"])
def test_lowercase_words_get_no_approximate_match(resolver, word):
    assert resolver.resolve(word) is None


@pytest.mark.parametrize("word", ["State", "Third", "Still", "Fire", "Than", "Raid"])
def test_short_capitalised_words_get_no_approximate_match(resolver, word):
    m = resolver.resolve(word)
    assert m is None or m.matched in ("exact", "normalised")


def test_lowercase_known_name_still_resolves_exactly(resolver):
    assert resolver.resolve("saraqib").place_id == "gn:164816"


@pytest.mark.parametrize("phrase,place_id,precision", [
    ("Russia's Hmeimim Air Base", "sup:hmeimim-air-base", 1),
    ("near Russia's Hmeimim Air Base", "sup:hmeimim-air-base", 2),
    ("Russian Hmeimim base", "sup:hmeimim-air-base", 1),
    ("the Russian-run Hmeimim airbase", "sup:hmeimim-air-base", 1),
    ("the regime's Kuweires military airport", "sup:kuweires-air-base", 1),
    ("Kuweires base", "sup:kuweires-air-base", 1),
    ("Tishrin Dam", "sup:tishrin-dam", 1),
    ("the Bab al-Hawa border crossing", "sup:bab-al-hawa-crossing", 1),
    ("Saraqib hospital", "gn:164816", 1),
    ("a checkpoint in Sarmada", "gn:164786", 1),
    ("Idlib central prison", "gn:169389", 1),
    ("the main roundabout of Saraqib", "gn:164816", 1),
    ("Idlib airport", "gn:169389", 1),
    ("Aleppo's Bab al-Faraj square", "gn:170063", 1),  # not the namesake village in Hasakeh
    ("Aleppo's Saadallah al-Jabiri square", "gn:170063", 1),
])
def test_owners_and_facilities(resolver, phrase, place_id, precision):
    m = resolver.resolve_phrase(phrase)
    assert m is not None, phrase
    assert (m.place_id, m.geo_precision) == (place_id, precision), m.reason


@pytest.mark.parametrize("phrase", ["the Syrian army", "Turkish army's base", "the army's positions",
                                    "regime forces", "the rebels' checkpoint"])
def test_actor_without_a_place_is_none(resolver, phrase):
    assert resolver.resolve_phrase(phrase) is None


def test_name_made_of_owner_and_feature_words_still_resolves(resolver):
    assert resolver.resolve_phrase("the Syrian Desert").place_id == "sup:syrian-desert"
    m = resolver.resolve_phrase("near the Syrian Desert")
    assert (m.place_id, m.geo_precision) == ("sup:syrian-desert", 3)


def test_trailing_region_is_a_hint_not_the_place(resolver):
    m = resolver.resolve_phrase("the village of Tell Rifat in rural northern Aleppo")
    assert (m.place_id, m.geo_precision, m.admin1) == ("gn:163476", 1, "Aleppo")


def test_entrance_to_city(resolver):
    for phrase in ("the western entrance to Idlib city", "Idlib's western entrance",
                   "the southern entrance of Idlib"):
        m = resolver.resolve_phrase(phrase)
        assert (m.place_id, m.geo_precision) == ("gn:169389", 2), (phrase, m.reason)


@pytest.mark.parametrize("phrase,place_id,precision", [
    ("positions in the outskirts of the town of Jisr al-Shughur", "gn:169023", 2),
    ("military posts near Saraqib", "gn:164816", 2),
    ("the army's positions near Saraqib", "gn:164816", 2),
    ("al-Bukamal on the Iraqi border", "gn:174448", 1),
    ("Sarmada along the Turkish border", "gn:164786", 1),
])
def test_extra_words_around_the_place(resolver, phrase, place_id, precision):
    m = resolver.resolve_phrase(phrase)
    assert (m.place_id, m.geo_precision) == (place_id, precision), m.reason


def test_two_regions_return_the_first(resolver):
    m = resolver.resolve_phrase("southern Idlib and northern Hama")
    assert (m.place_id, m.geo_precision) == ("adm1:SY07", 3)
    m = resolver.resolve_phrase("Sarmada and Saraqib")
    assert m.place_id == "gn:164786"


@pytest.mark.parametrize("phrase", ["Deir Ezzor's eastern countryside",
                                    "the eastern countryside of Deir Ezzor", "the Deir Ezzor countryside"])
def test_countryside_of_a_governorate_seat_is_the_governorate(resolver, phrase):
    m = resolver.resolve_phrase(phrase)
    assert (m.place_id, m.geo_precision, m.admin1) == ("adm1:SY09", 3, "Deir-ez-Zor"), m.reason


def test_countryside_of_a_district_town_stays_the_town(resolver):
    m = resolver.resolve_phrase("the region of Afrin")
    assert (m.place_id, m.geo_precision) == ("gn:174186", 2)


def test_names_are_plain_ascii(resolver):
    m = resolver.resolve("Saraqib")
    assert (m.name, m.original_name) == ("Saraqib", "Sarāqib")
    m = resolver.resolve_phrase("near the town of Tell Rifat")
    assert m.name == "Tall Rifat" and m.name.isascii()
    for c in resolver.candidates("Marah", limit=10):
        assert c.name.isascii() and c.original_name


@pytest.mark.parametrize("text,expected", [
    ("Sarāqib", "Saraqib"), ("Tall Rif‘at", "Tall Rifat"), ("Ma‘arrat an Nu‘mān", "Maarrat an Numan"),
    ("Yıldızeli", "Yildizeli"), ("Qal'at al-Madiq", "Qalat al-Madiq"), ("Şaydnāyā", "Saydnaya"),
    ("Łódź", "Lodz"), ("Idlib", "Idlib"),
])
def test_ascii_name(text, expected):
    assert ascii_name(text) == expected


def test_cue_file_rejects_yaml_boolean_words(tmp_path):
    from importlib import resources

    text = resources.files("sitrep").joinpath("data", "gazetteer", "resolve.yaml").read_text("utf-8")
    bad = tmp_path / "resolve.yaml"
    bad.write_text(text.replace('"on", near,', "on, near,"), "utf-8")
    with pytest.raises(DataFileError, match="list of strings"):
        load_cues(bad)


def test_shipped_cue_lists_cover_the_reported_words():
    cues = load_cues()
    for w in ("the", "in", "at", "near", "of", "town", "village", "city", "area", "countryside",
              "north", "road", "june", "monday", "yesterday", "today", "week"):
        assert w in cues.stop, w
    assert {"june", "monday", "yesterday"} <= cues.dates
    assert cues.facilities[0].count(" ") >= 1  # longest first


def test_foreign_alias_does_not_beat_a_local_variant(resolver):
    # "Sousa" is an alias of Sousse (Tunisia) but also a spelling of as-Susah on the Euphrates
    m = resolver.resolve("Sousa")
    assert m is not None and m.country_code == "SY" and m.admin1 == "Deir-ez-Zor"


def test_foreign_capital_still_wins_by_exact_name(resolver):
    m = resolver.resolve("Ankara")
    assert m is not None and m.country_code == "TR"
