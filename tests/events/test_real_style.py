"""Rules for how coders and wires really write (our own sentences, one or more per rule).

Each rule here was found by measuring on real text; the sentences are ours.
"""

from __future__ import annotations

import pytest


def _places(run, text):
    events, _ = run(text)
    return [(e.sub_event_type, e.location, e.geo_precision) for e in events]


@pytest.mark.parametrize("text, place", [
    # the small tagger reads an unknown-looking village name before "town" as an adjective
    ("Government aircraft struck Sarmin town in the Idleb countryside on June 20.", "Sarmin"),
    ("On June 20, rebel fighters shelled Hish village in southern Idleb.", "Hish"),
])
def test_a_name_the_tagger_calls_an_adjective_still_places_the_event(run, text, place):
    assert [p[1] for p in _places(run, text)][:1] == [place]


@pytest.mark.parametrize("text, place", [
    # "in the Y countryside" hung on the verb: the area locates the town left, not the event
    ("On June 20, HTS fighters withdrew from Hish town in the Idleb countryside.", "Hish"),
    # the area inside the origin phrase itself, with a parenthetical between
    ("On June 20, HTS fighters pulled out, for unknown reasons, from Kafr Nabl town in the Idleb countryside.",
     "Kafranbel"),
])
def test_a_withdrawal_is_placed_at_the_town_left_not_its_governorate(run, text, place):
    assert _places(run, text)[:1] == [("Non-violent transfer of territory", place, 1)]


def test_an_area_alone_still_places_a_withdrawal_at_area_level(run):
    got = _places(run, "On June 20, HTS fighters withdrew from positions in the Idleb countryside.")
    assert got[:1] == [("Non-violent transfer of territory", "Idleb", 3)]


def _events(run, text):
    events, _ = run(text)
    return [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in events]


def test_armed_families_are_an_unidentified_clan_militia(run):
    got = _events(run, "On June 20, clashes took place between two armed families in the town of Mayadin.")
    assert got == [("Armed clash", "Unidentified Clan Militia (Syria)", None, None)]


@pytest.mark.parametrize("text", [
    "On June 20, displaced families fled the town of Mayadin.",
    "On June 20, the families of the victims gathered in the town of Mayadin.",
])
def test_families_alone_are_no_armed_actor(run, text):
    assert all(e[1] != "Unidentified Clan Militia (Syria)" for e in _events(run, text))


def test_a_bare_toll_sentence_is_the_toll_of_the_event_before_it(run):
    got = _events(run, "On June 20, clashes broke out between the Hassoun and Kheder clans in the town of Mayadin. "
                       "Three people were killed.")
    assert got == [("Armed clash", "Hassoun Tribal Militia (Syria)", None, 3)]


def test_a_toll_sentence_with_its_own_perpetrator_stays_an_event(run):
    got = _events(run, "On June 20, clashes broke out between the Hassoun and Kheder clans in the town of Mayadin. "
                       "Government forces killed three civilians in the town of Mayadin.")
    assert len(got) == 2 and got[1][0] == "Attack" and got[1][1] == "Military Forces of Syria (2000-)"


@pytest.mark.parametrize("text", [
    "On June 20, clashes took place among members of the Hamza Division in the city of Afrin.",
    "On June 20, clashes broke out among Ahrar al-Sham fighters in the town of Sarmada.",
])
def test_fighting_inside_one_group_names_that_group(run, text):
    got = _events(run, text)
    assert len(got) == 1 and got[0][0] == "Armed clash" and got[0][1] in ("Hamza Division", "Ahrar al-Sham")
