"""A place named before its area or direction: "X town in Y", "X town east of Y" (our own
sentences). The phrase the parser finds starts at "in" / "east"; the place meant is the
named town before it, and Y only says which X."""

from __future__ import annotations

import pytest


def _places(run, text):
    events, _ = run(text)
    return [(e.location, e.geo_precision) for e in events]


@pytest.mark.parametrize("text, place", [
    # the object "X town" is read, but "in Hama" (the governorate's seat, precision 1) came first
    ("Pro-government militias shelled Kafr Zita town in Hama on Tuesday.", "Kafr Zayta"),
    # "Farmers of X village": no object at all, only the area phrase after the name
    ("Farmers of Habit village in Idlib countryside protested against the closure of the road to the village.",
     "Al Habit"),
    # the parser hangs "east of Idlib" on the verb; the town before it is the place
    ("A mood of fear prevails Sarmin town east of Idlib among locals after killing and wounding 3 civilians "
     "during a quarrel.", "Sarmin"),
])
def test_the_named_town_before_its_area_is_the_place(run, text, place):
    got = _places(run, text)
    assert got[:1] == [(place, 1)]


def test_a_second_place_before_at_keeps_its_own_phrase(run):
    # "over X at Y": two places, each its own phrase; the target Y stays the place
    got = _places(run, "Israeli jets fired missiles from over Lebanon at Damascus International Airport early on "
                       "Friday, putting the runway out of service.")
    assert got[:1] == [("Damascus International Airport", 1)]


def test_a_street_named_after_a_town_lies_in_the_city_the_phrase_names(run):
    # "X street in <town> city": the street is in the town; the town X names lies 90 km off
    got = _places(run, "Two families fought with rifles in Tal Abyad street in Raqqa city on Sunday, "
                       "wounding three men.")
    assert got[:1] == [("Ar Raqqah", 1)]


def test_a_place_phrase_ends_where_an_actor_is_joined_on(run):
    # "on one side and <group> - <branch town>": the group's branch name is no place of the act
    got = _places(run, "Members of the Levant Front on one side and Ahrar al-Sham - Hama and a tribe clashed in "
                       "Sarmada over a checkpoint.")
    assert got[:1] == [("Sarmada", 1)]


def test_a_hyphenated_holder_does_not_cut_the_town_of_y(run):
    # "the X-controlled town of Y": the participle joined by a hyphen is no verb ending the phrase
    got = _places(run, "A car bomb went off in the National Army-controlled town of Azaz, wounding five people.")
    assert got[:1] == [("Izaz", 1)]


def test_the_place_that_witnesses_an_act_is_its_place(run):
    # the small parser reads "witnesses" as a noun with the town as its compound
    got = _places(run, "Kafr Nabl witnesses violent clashes between HTS and the regime forces.")
    assert got[:1] == [("Kafranbel", 1)]


def test_the_battles_of_a_known_place_are_there(run):
    got = _places(run, "Fierce clashes of Tall Salhab go on for a third day and raise the toll to 40.")
    assert got[:1] == [("Tall Salhab", 1)]


def test_guard_the_clashes_of_an_actor_name_no_place(run):
    got = _places(run, "The clashes of HTS go on with the regime forces and raise the toll to 40.")
    assert [p for p, _ in got] in ([], [None])


def test_a_road_leading_to_a_town_is_placed_at_the_town(run):
    got = _places(run, "Gunmen shot and wounded a police officer on a road leading to Saraqib in eastern Idlib "
                       "countryside on Monday.")
    assert got[:1] == [("Saraqib", 1)]


def test_a_governorate_in_brackets_says_which_namesake(run):
    # a Basirah elsewhere and Al Busayrah in Deir ez-Zor share the name's key
    got = _places(run, "Unknown gunmen shot dead a teacher in Basirah (Deir ez-Zor) on Monday.")
    assert got[:1] == [("Al Busayrah", 1)]


def _where_last(run, text):
    events, _ = run(text)
    return (events[-1].location, events[-1].admin1) if events else None


@pytest.mark.parametrize("text, place", [
    # the document is about Idlib; the name as written is an Idlib village near Aleppo's line,
    # but "in Aleppo" says which: Aleppo's namesake by the same key
    ("Regime jets struck Saraqib in Idlib on Sunday. On Monday, HTS fought the National Front in Mashrafah "
     "in Aleppo after a raid by the latter.", ("Mashrafah", "Aleppo")),
    ("Regime jets struck Hama city on Sunday. On Monday, HTS fought the National Front in Al Qalbiyah in Homs "
     "after a raid by the latter.", ("Al Qulaybah", "Homs")),
])
def test_a_namesake_inside_the_governorate_named_beats_one_over_its_line(run, text, place):
    assert _where_last(run, text) == place


def test_a_site_near_a_town_is_placed_by_the_town_not_a_far_namesake_of_the_site(run):
    # "Sabura checkpoint": a Sabburah lies ~60 km off; "near Kafr Zita town" says where
    got = _places(run, "Rebels shelled army positions in Sabura checkpoint near Kafr Zita town in the Hama "
                       "countryside on Monday.")
    assert got[:1] == [("Kafr Zayta", 2)]


def test_the_area_a_place_was_said_to_lie_in_is_not_the_next_sentences_place(run):
    # "on X in Hama": Hama only says where X is; "in the area" in the next sentence is X's
    events, _ = run("Government jets dropped bombs on Kafr Zita in Hama on Monday. Fighting also broke out "
                    "between the army and rebels in the area.")
    assert [(e.sub_event_type, e.location) for e in events] == [
        ("Air/drone strike", "Kafr Zayta"), ("Armed clash", "Kafr Zayta")]


def test_a_village_which_lies_in_a_district_is_placed_in_that_district(run):
    # guard: an unknown name, then "which lies in" a district: the district seat, precision 2
    got = _places(run, "Government artillery shelled rebel positions in Jabal Zawrak which lies in Afrin sub-district "
                       "on Monday.")
    assert got[:1] == [("Afrin", 2)]
