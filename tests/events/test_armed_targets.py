"""ACLED's codebook: violence between armed actors is fighting, whatever the verb.

Bodies of fighters found, fighters found killed, fighters captured or abducted by an
armed group are Armed clashes; the same acts against unarmed people stay what they were.
Our own sentences, one or more per rule.
"""

from __future__ import annotations

import pytest


def _codes(run, text):
    events, _ = run(text)
    return [(e.sub_event_type, e.actor2) for e in events]


@pytest.mark.parametrize("text", [
    "The bodies of four SDF fighters were found on a farm road outside Tal Tamr on June 20.",
    "On June 20, residents found the bodies of two members of the Hamza Division near Azaz.",
])
def test_bodies_of_fighters_found_are_a_clash_with_their_group_as_the_other_side(run, text):
    got = _codes(run, text)
    assert got and got[0][0] == "Armed clash" and got[0][1] in ("Syrian Democratic Forces", "Hamza Division")


def test_bodies_of_civilians_found_with_no_killing_mark_are_no_event(run):
    assert _codes(run, "The bodies of two shepherds were found on a farm road outside Tal Tamr on June 20.") == []


@pytest.mark.parametrize("text, sub", [
    ("An SDF fighter was found killed near Hajin on June 20.", "Armed clash"),
    ("A pharmacist was found shot dead in his car in Dael on June 20.", "Attack"),
])
def test_found_killed_is_a_killing_typed_by_who_was_found(run, text, sub):
    got = _codes(run, text)
    assert got and got[0][0] == sub


@pytest.mark.parametrize("text", [
    "A shepherd was found dead with gunshot wounds near Kafr Nabl.",
    "A young man was found dead bearing marks of torture in Jasim city.",
])
def test_found_dead_with_a_killing_mark_is_a_killing(run, text):
    got = _codes(run, text)
    assert got[:1] == [("Attack", "Civilians (Syria)")]


def test_found_dead_with_no_killing_mark_is_no_event(run):
    assert _codes(run, "A shepherd was found dead near Kafr Nabl after a storm.") == []


@pytest.mark.parametrize("text, sub", [
    ("On June 20, rebel fighters captured two members of the Islamic State group near Akhtarin.", "Armed clash"),
    ("On June 20, the Hamza Division abducted a Republican Guard soldier on the al-Bab front line.", "Armed clash"),
    ("On June 20, unidentified gunmen abducted a schoolteacher in Dael.", "Abduction/forced disappearance"),
])
def test_armed_men_seized_by_an_armed_group_are_a_clash(run, text, sub):
    got = _codes(run, text)
    assert got and got[0][0] == sub


@pytest.mark.parametrize("text, sub", [
    ("On June 20, government troops took the Tal Sukkar farms in Hama province from HTS.",
     "Government regains territory"),
    ("On June 20, rebel groups took the hill of Tal Sultan from the army.", "Non-state actor overtakes territory"),
])
def test_took_a_place_from_a_named_side_is_a_capture(run, text, sub):
    got = _codes(run, text)
    assert got and got[0][0] == sub


@pytest.mark.parametrize("text", [
    "On June 20, army medics took the wounded to a hospital in Hama.",
    "On June 20, the delegation took part in talks in Hama.",
])
def test_took_without_a_losing_side_is_no_capture(run, text):
    assert _codes(run, text) == []


def test_clashes_took_place_is_not_a_trigger_that_hides_the_place(run):
    events, _ = run("On June 20, clashes took place between gunmen from Kafr Kalbin village and Hamza Division "
                    "members in Qurayriyah town in the northern Aleppo countryside, over a land dispute.")
    assert [e.location for e in events if e.sub_event_type == "Armed clash"][:1] == ["Qurayriyah"]


def test_fighters_the_place_was_taken_from_do_not_make_a_capture_of_fighters(run):
    got = _codes(run, "On June 20, government troops captured the village of Tal Sultan from rebel fighters.")
    assert got and got[0][0] == "Government regains territory"


@pytest.mark.parametrize("text, sub", [
    # small arms at a town, at cars, at people: an attack on civilians
    ("On June 20, government troops targeted Dael town with heavy machine guns, killing one man.", "Attack"),
    ("On June 20, gunmen targeted two cars on the Daraa road with machine guns, wounding a driver.", "Attack"),
    # small arms at an armed side: a clash
    ("On June 20, government troops targeted rebel positions in Kansafra with heavy machine guns.", "Armed clash"),
])
def test_small_arms_targeting_is_typed_by_who_was_targeted(run, text, sub):
    got = _codes(run, text)
    assert got and got[0][0] == sub


def test_members_of_an_unarmed_body_hurt_are_no_clash(run):
    got = _codes(run, "On June 20, two members of a television crew were hurt by Turkish shelling near Raju.")
    assert "Armed clash" not in [g[0] for g in got]


def test_who_holds_a_place_now_is_no_capture(run):
    assert _codes(run, "The town of Sarmin is controlled by HTS.") == []


def test_an_armed_groups_unarmed_office_holder_killed_is_violence_against_civilians(run):
    events, _ = run("Unknown gunmen assassinated a religious judge of HTS in Tafas town on Monday.")
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Violence against civilians", "Attack")]


def test_a_councils_spokesman_shot_is_violence_against_civilians(run):
    events, _ = run("Unknown gunmen tried to assassinate the spokesman of the Manbij Military Council near Manbij "
                    "on Monday.")
    assert [e.event_type for e in events] == ["Violence against civilians"]


def test_the_same_groups_commander_killed_is_still_fighting(run):
    events, _ = run("Unknown gunmen assassinated an HTS commander in Tafas on Monday.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]
