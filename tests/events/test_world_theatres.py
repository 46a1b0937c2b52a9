"""Reports from theatres outside Syria (our own sentences): the event's place picks the
country of the generic and state actors, foreign seats beat local look-alikes, and the
main armed groups of those theatres are known by their ACLED names."""

from __future__ import annotations

from datetime import date

import pytest


def _first(run, text):
    events, _ = run(text, published=date(2024, 3, 5))
    assert events, text
    e = events[0]
    return e.sub_event_type, e.actor1, e.actor2, e.location, e.country


@pytest.mark.parametrize("text, actor1, actor2, place", [
    # bare state nouns and generic victims take the place's country, not the document default
    ("Soldiers clashed with gunmen on the outskirts of Kano on Monday.",
     "Military Forces of Nigeria (2023-)", "Unidentified Armed Group (Nigeria)", "Kano"),
    ("Russian artillery shelled Kherson on Monday, killing two civilians.",
     "Military Forces of Russia (2000-)", "Civilians (Ukraine)", "Kherson"),
    ("Al-Shabaab militants attacked a police post in Mandera on Monday, killing two officers.",
     "Al Shabaab", "Police Forces of Kenya (2022-)", "Mandera"),
])
def test_generic_and_state_actors_follow_the_place(run, text, actor1, actor2, place):
    _, a1, a2, loc, _ = _first(run, text)
    assert (a1, a2, loc) == (actor1, actor2, place)


def test_a_state_force_takes_the_name_of_the_government_of_the_day(run):
    events, _ = run("Soldiers clashed with gunmen on the outskirts of Kano on Monday.", published=date(2020, 6, 25))
    assert events[0].actor1 == "Military Forces of Nigeria (2015-2023)"


def test_a_syrian_place_keeps_syrian_generic_actors(run):
    _, a1, a2, loc, _ = _first(run, "Soldiers clashed with gunmen near Saraqib on Monday.")
    assert (a1, a2) == ("Military Forces of Syria (2000-)", "Unidentified Armed Group (Syria)")


@pytest.mark.parametrize("text, actor", [
    ("Fighting broke out between the Sudanese Armed Forces and the RSF in Omdurman on Monday.",
     "RSF: Rapid Support Forces"),
    ("JNIM militants attacked a military camp near Dori on Monday.", "JNIM: Group for Support of Islam and Muslims"),
    ("M23 rebels clashed with Wazalendo fighters near Goma on Monday.", "M23: March 23 Movement"),
])
def test_armed_groups_of_other_theatres_are_known(run, text, actor):
    _, a1, a2, _, _ = _first(run, text)
    assert actor in (a1, a2)


def test_the_islamic_state_takes_the_country_of_the_place(run):
    _, a1, _, _, _ = _first(run, "Islamic State militants attacked an army post near Kirkuk on Monday.")
    assert a1 == "Islamic State (Iraq)"


def test_a_village_in_a_nigerian_state_is_placed_in_that_state(run):
    events, _ = run("Bandits killed 11 villagers in a village of Zamfara State on Sunday.", published=date(2024, 3, 5))
    e = events[0]
    assert (e.sub_event_type, e.actor1, e.actor2, e.admin1, e.geo_precision) == (
        "Attack", "Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)", "Zamfara", 3)


@pytest.mark.parametrize("text, sub_event_type", [
    # the small tagger lemmatises "raped" as "rap": the written form is listed too
    ("Soldiers raped a woman in Kano on Monday.", "Sexual violence"),
    # the chemical agent named in a munition; one chemical attack, not also a grenade or a drone strike
    ("Russian forces dropped grenades containing chloropicrin on Ukrainian positions near Bakhmut on Monday.",
     "Chemical weapon"),
    # a mass grave found: Strategic developments / Other
    ("Police discovered a mass grave with 20 bodies near Reynosa on Monday.", "Other"),
    # the people fired on are named by the protest they were holding
    ("Police opened fire on students protesting against fuel prices in Kano on Monday, killing two.",
     "Excessive force against protesters"),
])
def test_sub_event_types_of_other_theatres(run, text, sub_event_type):
    events, _ = run(text, published=date(2024, 3, 5))
    assert [e.sub_event_type for e in events] == [sub_event_type]


def test_unnamed_gangs_are_an_unidentified_armed_group(run):
    events, _ = run("Gangs set fire to a police station in Port-au-Prince on Monday.", published=date(2024, 3, 5))
    assert (events[0].sub_event_type, events[0].actor1) == (
        "Looting/property destruction", "Unidentified Armed Group (Haiti)")


def test_a_state_retaking_ground_at_home_is_the_government_regaining_it(run):
    # read before the place is known, the Sudanese army is a force abroad (8); in Sudan it is at
    # home (1), and the town it takes back is the government regaining territory
    events, _ = run("The Sudanese army regained control of Omdurman from the RSF on Monday after weeks of fighting.",
                    published=date(2024, 3, 5))
    e = events[0]
    assert (e.sub_event_type, e.actor1, e.inter1) == ("Government regains territory", "Military Forces of Sudan (2019-)", 1)


def test_an_anniversary_of_a_massacre_is_no_event(run):
    events, _ = run("Residents of Kano marked the tenth anniversary of the 2014 market massacre with prayers on Tuesday.",
                    published=date(2024, 3, 5))
    assert events == []


def test_a_declaration_signed_by_two_sides_is_an_agreement(run):
    events, _ = run("The Congolese government and M23 rebels signed a declaration of principles in Doha on Saturday.",
                    published=date(2025, 7, 20))
    e = events[0]
    assert e.sub_event_type == "Agreement"
    assert {e.actor1, e.actor2} & {"Government of the Democratic Republic of Congo (2019-)", "M23: March 23 Movement"}
