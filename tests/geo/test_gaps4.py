"""Issue 14, round 4: context before seats, the diminutive spelling, names writers
shorten or pair, sites named with an owner, a number or the town after them.

Every spelling is our own. The mechanism tests at the end run on a tiny made-up
gazetteer, so that each ordering rule is seen alone."""

from __future__ import annotations

import gzip

import pytest

from sitrep.geo.gazetteer import REQUIRED_COLUMNS, load_gazetteer
from sitrep.geo.normalise import default_translit, name_key
from sitrep.geo.resolve import PlaceContext, PlaceResolver


def _at(phrase: str, *hints: str, resolver):
    return resolver.resolve_phrase(phrase, PlaceContext(admin1_hints=hints))


def _where(m):
    return None if m is None else (m.place_id, m.admin1, m.geo_precision)


# --- governorates given, no earlier place: the namesake there, not a seat elsewhere --------
def test_governorate_hint_without_focus_keeps_its_namesake(resolver):
    assert _where(_at("Shahba", "Hama", resolver=resolver)) == ("gn:172832", "Hama", 1)


def test_bare_name_is_still_the_seat(resolver):
    assert _at("Shahba", resolver=resolver).place_id == "gn:164626"  # As-Sweida district seat


def test_with_an_earlier_place_the_seat_still_wins(resolver):
    ctx = PlaceContext(admin1_hints=("Hama",), focus=(35.13, 36.75))
    assert resolver.resolve_phrase("in Shahba", ctx).place_id == "gn:164626"


# --- the diminutive CuCayC written "Cwei" ----------------------------------------------------
@pytest.mark.parametrize("press, gazetteer", [
    ("Hweijeh", "Huwayjah"), ("Sweida", "Suwayda"), ("Dweir", "Duwayr"), ("Shweikh", "Shuwaykh"),
    ("Al-Bweida", "Al Buwaydah"), ("Kweitah", "Kuwaytah"), ("Jweikhat", "Juwaykhat"),
])
def test_cwei_is_the_diminutive(press, gazetteer):
    assert name_key(press) == name_key(gazetteer)


@pytest.mark.parametrize("word", ["Twal", "Swaydan", "Kuwayris", "Qanawat"])
def test_diminutive_rule_leaves_other_spellings(word):
    k = name_key(word)
    assert k == name_key(k)  # a key is a fixed point of the rules


@pytest.mark.parametrize("phrase, hint, place_id", [
    ("Sweidiyah", "Al-Hasakeh", "gn:383651"),  # Suwaydiyah, not Suwaydik
    ("Mweilih", "Deir-ez-Zor", "gn:166532"),  # Muwaylih
    ("Al-Khweitilah", "Al-Hasakeh", "gn:383657"),
])
def test_diminutive_spelling_finds_the_village(resolver, phrase, hint, place_id):
    m = _at(phrase, hint, resolver=resolver)
    assert (m.place_id, m.matched) == (place_id, "normalised")


# --- "A - B" after a plain village, "A / B" alternatives --------------------------------------
def test_second_name_after_a_far_village(resolver):
    # a village has no quarters: B not near A is a second name, found in the governorate
    m = _at("Tall Mardikh - Kafr Takharim", "Idleb", resolver=resolver)
    assert (m.place_id, m.matched) == ("gn:168629", "exact")


@pytest.mark.parametrize("phrase, hint, place_id", [
    ("Saraqib - Zulqarbat", "Idleb", "gn:164816"),  # a town: an unknown quarter is in it
    ("Aleppo - Zulqarbat", "Aleppo", "gn:170063"),
])
def test_unknown_part_of_a_town_is_still_the_town(resolver, phrase, hint, place_id):
    assert _at(phrase, hint, resolver=resolver).place_id == place_id


def test_alternative_spelled_as_written_beats_a_key_match(resolver):
    m = _at("Maarat Misreen / Kafr Sajnah", "Idleb", resolver=resolver)
    assert (m.place_id, m.matched) == ("gn:168639", "exact")


# --- sites: an owner before the facility word, a town after it, a number for a name ---------
@pytest.mark.parametrize("phrase, place_id", [
    ("Hmeimim Russian airbase", "sup:hmeimim-air-base"),
    ("Kuweires Syrian airbase", "sup:kuweires-air-base"),
    ("the Tishrin Turkish dam", "sup:tishrin-dam"),
])
def test_owner_word_before_the_facility_is_dropped(resolver, phrase, place_id):
    m = resolver.resolve_phrase(phrase)
    assert (m.place_id, m.geo_precision) == (place_id, 1)


@pytest.mark.parametrize("phrase, place_id, precision", [
    ("the Ammunition Depot Base Khan Shaykhun", "gn:168325", 2),  # a base beside the town
    ("the Tank Battalion base Saraqib", "gn:164816", 2),
])
def test_facility_followed_by_its_town(resolver, phrase, place_id, precision):
    assert _where(resolver.resolve_phrase(phrase))[::2] == (place_id, precision)


@pytest.mark.parametrize("phrase", ["Base 46", "Regiment 46", "the Regiment 46 base"])
def test_a_site_named_by_its_number(resolver, phrase):
    assert resolver.resolve_phrase(phrase).place_id == "sup:base-46"


@pytest.mark.parametrize("phrase", ["46", "base", "the base"])
def test_numbers_and_generic_words_alone_stay_unresolved(resolver, phrase):
    assert resolver.resolve_phrase(phrase) is None


@pytest.mark.parametrize("phrase, place_id, precision", [
    ("Brigade 47", "sup:47th-brigade-base", 2),
    ("Liwa 47", "sup:47th-brigade-base", 2),
    ("Nebi Huri", "sup:cyrrhus", 1),
    ("Seen airbase", "sup:al-seen-air-base", 1),
    ("Tlul al-Safa", "sup:tulul-al-safa", 2),
    ("Jabal al-Hoss", "sup:jabal-al-hass", 2),
    ("the Yarmouk pocket", "sup:yarmouk-basin", 2),
])
def test_new_supplement_sites(resolver, phrase, place_id, precision):
    assert _where(resolver.resolve_phrase(phrase))[::2] == (place_id, precision)


def test_field_named_like_a_far_town_is_left_unresolved(resolver):
    # only a Tartous village shares the key: no point beats one 400 km from the document's area
    assert _at("Tanak gas field", "Deir-ez-Zor", resolver=resolver) is None


def test_camp_in_the_neighbouring_governorate_is_kept(resolver):
    m = _at("Mabrouka camp", "Deir-ez-Zor", resolver=resolver)
    assert (m.name, m.admin1) == ("Mabruka", "Al-Hasakeh")


# --- qualifiers and heads -----------------------------------------------------------------
def test_roman_ordinal_after_village_is_a_qualifier(resolver):
    m = resolver.resolve_phrase("Binnish village II")
    assert (m.place_id, m.matched, m.geo_precision) == ("gn:171451", "qualified_base", 2)


def test_name_without_its_farmstead_head_inside_the_area(resolver):
    m = _at("Al-Barudi", "Rural Damascus", resolver=resolver)
    assert (m.place_id, m.matched) == ("gn:8411766", "headed")  # Hawsh al Barudi


def test_farmstead_head_is_never_dropped_without_an_area(resolver):
    assert _at("Al-Barudi", resolver=resolver).place_id != "gn:8411766"


# --- ordering rules on a made-up gazetteer -----------------------------------------------------
def _row(pid, name, lat, lon, admin1, code="PPL"):
    t = default_translit()
    key = t.key(name)
    return [pid, name, "", str(lat), str(lon), "SY", admin1, "", code, "0",
            "3" if code == "ADM1" else "1", key, t.skeleton_of_key(key)]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    rows = [
        _row("a1", "Alpha", 35.0, 36.0, "Alpha", "ADM1"),
        _row("b1", "Beta", 35.0, 36.8, "Beta", "ADM1"),
        _row("v1", "Ras Hussun", 35.0, 36.45, "Beta"),  # just over the governorate line
        _row("v2", "Rasin", 35.2, 36.0, "Alpha"),  # inside, shares only the consonant skeleton
        _row("v3", "Hamaymah", 34.6, 36.1, "Alpha"),  # a village; "Bir Hmaymeh" is a well by it
        _row("v4", "Abar Hamam", 34.8, 35.9, "Alpha"),  # the whole phrase's skeleton look-alike
        ["sy", "Syria", "", "35.0", "38.0", "SY", "", "", "PCLI", "0", "3", "syria", "sr"],
    ]
    p = tmp_path_factory.mktemp("gaz") / "places.tsv.gz"
    text = "\t".join(REQUIRED_COLUMNS) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    p.write_bytes(gzip.compress(text.encode("utf-8")))
    return PlaceResolver(load_gazetteer(p))


def test_close_spelling_over_the_line_beats_a_skeleton_guess_inside(tiny):
    m = tiny.resolve_phrase("Ras Hosn", PlaceContext(admin1_hints=("Alpha",)))
    assert (m.place_id, m.matched) == ("v1", "fuzzy")


def test_village_after_a_head_word_beats_a_skeleton_guess(tiny):
    m = tiny.resolve_phrase("Bir Hmaymeh", PlaceContext(admin1_hints=("Alpha",)))
    assert (m.place_id, m.matched, m.geo_precision) == ("v3", "head_base", 2)


def test_head_word_needs_an_area(tiny):
    assert tiny.resolve_phrase("Bir Hmaymeh").place_id == "v4"


def test_a_part_that_is_only_the_whole_misspelt_is_not_a_part(tiny):
    m = tiny.resolve_phrase("Rasin - Ras Hosn", PlaceContext(admin1_hints=("Alpha",)))
    assert m.place_id == "v1"
