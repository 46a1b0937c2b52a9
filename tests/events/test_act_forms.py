"""Acts written in forms the rules once missed or over-read, our own sentences."""

from __future__ import annotations

import pytest


def _got(run, text):
    events, _ = run(text)
    return [(e.sub_event_type, e.location, e.fatalities) for e in events]


def test_a_second_participle_shares_the_passive_subject(run):
    # "robbed" is no trigger: the killing is told by "killed", whose victim is "A shepherd"
    assert _got(run, "On June 20, a shepherd was robbed and killed near Saraqib.") == [("Attack", "Saraqib", 1)]


def test_looting_as_a_noun_is_looting(run):
    assert [g[0] for g in _got(run, "On June 20, militia fighters carried out widespread looting in homes in Tall "
                                    "Rifaat.")] == ["Looting/property destruction"]


@pytest.mark.parametrize("text, types", [
    # a weapon brought to a done act
    ("On June 20, Turkish troops used rocket launchers to target villages near Tall Rifaat.",
     ["Shelling/artillery/missile attack"]),
    # a habit, and a plan, are not acts
    ("Turkish troops used to shell villages near Tall Rifaat.", []),
    ("On June 20, Turkish troops will use rocket launchers to target villages near Tall Rifaat.", []),
])
def test_used_a_weapon_to_strike(run, text, types):
    assert [g[0] for g in _got(run, text)] == types


def test_a_thing_made_ready_for_an_attack_is_no_attack(run):
    got = _got(run, "On June 20, police in Al-Hasakah found a truck rigged for a suicide bombing and defused the "
                    "explosives.")
    assert [g[0] for g in got] == ["Disrupted weapons use"]


@pytest.mark.parametrize("text", [
    "On June 20, regime shelling of Maarat al-Numan killed three men.",
    "On June 20, regime shelling of the town of Maarat al-Numan killed three men.",
])
def test_the_act_of_x_is_at_x(run, text):
    assert _got(run, text) == [("Shelling/artillery/missile attack", "Maarrat an Numan", 3)]


def test_the_attack_of_x_on_y_is_done_by_x(run):
    events, _ = run("The toll of the army's dead rose to four in the attack of HTS and its allies on their "
                    "positions near Kafr Nabl.")
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Armed clash", "Hayat Tahrir al-Sham")]


def test_without_a_target_the_of_phrase_is_not_the_doer(run):
    events, _ = run("On June 20, the attack of the convoy near Kafr Nabl left four soldiers dead.")
    assert "Hayat Tahrir al-Sham" not in [e.actor1 for e in events]


def test_the_people_of_a_town_place_an_act_the_sentence_does_not_place(run):
    events, _ = run("On June 20, the people of Kobani began to flee the city as the Turkish army stepped up its "
                    "bombardment.")
    assert [(e.actor1, e.location) for e in events] == [("Military Forces of Turkey (2016-)", "Ayn al Arab")]


def test_people_of_a_deed_are_no_place(run):
    events, _ = run("On June 20, YPG forces launched a campaign of arrests in the Hol camp, accusing residents of "
                    "working with IS.")
    assert [e.location for e in events] == ["Al Hawl"]


@pytest.mark.parametrize("text, types", [
    # a body dumped was disposed of by someone: a killing
    ("On June 20, a body was found dumped near an army checkpoint in Daraa province.", ["Attack"]),
    # a body with no mark of a killing is not an event
    ("On June 20, the body of a shepherd was found in a well near Tafas; he had drowned.", []),
])
def test_a_body_found_dumped(run, text, types):
    assert [g[0] for g in _got(run, text)] == types


@pytest.mark.parametrize("text, types", [
    ("On 3 May 2019, unidentified gunmen opened small arms fire at an HTS commander in Sarmada.", ["Armed clash"]),
    ("On 3 May 2019, army units opened heavy machine gun fire at HTS posts near Kafr Nabl.", ["Armed clash"]),
])
def test_fire_opened_with_its_weapon_named(run, text, types):
    assert [g[0] for g in _got(run, text)] == types


@pytest.mark.parametrize("text, types", [
    ("On 3 May 2019, the Southern Front captured a headquarters of Jaysh Khalid on the outskirts of Nawa.",
     ["Non-state actor overtakes territory"]),
    # the unit's commander taken is a fighter captured, not ground
    ("On 3 May 2019, HTS captured the battalion commander of a rival faction near Sarmada.", ["Armed clash"]),
])
def test_a_units_seat_taken_is_ground(run, text, types):
    assert [g[0] for g in _got(run, text)] == types


def test_a_device_exploding_told_as_its_participle_is_one_event(run):
    # the parser reads "A grenade detonated in X" as a participle on "grenade": one grenade event
    assert [g[0] for g in _got(run, "On June 20, a grenade detonated in Tafas town in western Daraa, wounding a "
                                    "child.")] == ["Grenade"]


def test_a_gerund_read_as_an_adjective_on_its_doer_is_the_act(run):
    # the parser hangs "shelling" on "RSF" as an adjective: it is still the act, RSF its doer
    events, _ = run("RSF shelling of the Otash camp outside Nyala killed 7 displaced people on Friday.")
    assert [(e.sub_event_type, e.actor1, e.fatalities) for e in events] == [
        ("Shelling/artillery/missile attack", "RSF: Rapid Support Forces", 7)]


def test_two_verbs_share_the_object_written_after_the_second(run):
    events, _ = run("On 7 July 2023, police shot and wounded four protesters in Nakuru.")
    assert [(e.sub_event_type, e.actor2) for e in events] == [
        ("Excessive force against protesters", "Police Forces of Kenya (2022-)")]
