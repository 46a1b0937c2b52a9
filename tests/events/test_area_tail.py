"""A place name followed by the area it lies in ("X in Y", "X in the Y countryside").

The village names used here each name two places of the gazetteer in different
governorates; the area written after the name says which one is meant.
"""

from __future__ import annotations

import pytest


def _where(run, text):
    events, _ = run(text)
    return [(e.location, e.admin1, e.geo_precision) for e in events]


@pytest.mark.parametrize("text, admin1", [
    ("On June 20, government troops captured Zayzun in Hama after fighting with rebel groups.", "Hama"),
    ("On June 20, government troops captured Zayzun in Daraa after fighting with rebel groups.", "Dar'a"),
    ("Rebel artillery shelled Yahmul in the northern Idleb countryside on June 20.", "Idleb"),
    ("Rebel artillery shelled Yahmul in northern Aleppo on June 20.", "Aleppo"),
])
def test_the_area_after_a_name_picks_the_namesake_inside_it(run, text, admin1):
    got = _where(run, text)
    assert got and got[0][1] == admin1 and got[0][2] == 1


def test_a_far_namesake_gives_way_to_the_area_itself(run):
    # a village the data lacks in Deir ez-Zor, but whose spelling names a place far
    # away: the event is placed in the governorate the phrase names, not at the namesake
    got = _where(run, "On June 20, SDF fighters captured Rusafah in the Deir ez-Zor countryside after clashes with IS.")
    assert got and got[0][1] == "Deir-ez-Zor"


def test_a_place_just_across_the_line_of_the_named_area_stands(run, extractor):
    # writers' governorate lines are not the data's: a name found alone within a few
    # kilometres of the named area is the place meant, not a reason to fall back
    from sitrep.events.places import AREA_NEAR_KM
    from sitrep.geo.borders import near_area
    from sitrep.geo.resolve import PlaceContext
    town = extractor.places.resolve_phrase("Khan Sheikhoun", PlaceContext(country="SY"))
    assert town.admin1 == "Idleb"  # a town of southern Idleb, close to the Hama line
    gaz = extractor.places.gaz
    assert near_area(gaz, town.latitude, town.longitude, "Hama", AREA_NEAR_KM)
    assert not near_area(gaz, town.latitude, town.longitude, "Al-Hasakeh", AREA_NEAR_KM)


def test_a_time_after_the_name_is_not_an_area(run):
    got = _where(run, "Rebel artillery shelled Binnish in the morning of June 20.")
    assert got and got[0][0] == "Binnish"


def test_the_area_after_a_name_beats_the_governorate_the_article_opened_with(run):
    events, _ = run("Rebel groups shelled army positions in Daraa city on June 19.",
                    "On June 20, government troops captured Zayzun in Hama after fighting with rebel groups.")
    capture = [e for e in events if e.sub_event_type == "Government regains territory"]
    assert capture and capture[0].location == "Zayzun" and capture[0].admin1 == "Hama"


def test_a_captured_name_the_tagger_reads_as_a_person_is_still_the_place(run):
    # the small tagger reads this village name as a person; "captured X" takes ground,
    # so the name is looked up as a place (and kept by name when the data lacks it)
    events, _ = run("On June 20, government troops seized Maaret Harma following a fight with rebel units.")
    got = [(e.sub_event_type, e.location) for e in events]
    assert got[:1] == [("Government regains territory", "Maarrat Hurmah")]


def test_a_namesake_far_from_the_town_whose_countryside_is_named_gives_way(run):
    # a village name the data knows elsewhere in the governorate, but far from the town
    got = _where(run, "On June 20, SNA factions took control of Humayd village in the Ras al-Ain countryside "
                      "after a fight with SDF units.")
    assert got and got[0][0] == "Ras al Ayn" and got[0][2] >= 2


def test_the_area_is_kept_when_the_resolver_reads_past_it(run):
    got = _where(run, "On June 20, SNA factions seized Dimu village in the rural west of Tell Abiad during a fight "
                      "with SDF units.")
    assert got and got[0][0] == "Tall Abyad"


def test_the_area_phrase_ends_where_the_losing_side_starts(run):
    # "in Aleppo province from YPG fighters ...": only "in Aleppo province" names the area
    got = _where(run, "On June 20, Turkish forces captured the town of Yahmul in Aleppo province from YPG fighters "
                      "with no casualties reported.")
    assert got and got[0][1] == "Aleppo"
