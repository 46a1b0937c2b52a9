"""Ways coders and monitors write a fight without the word "clash" (our own sentences)."""

from __future__ import annotations

import pytest


def _codes(run, text):
    events, _ = run(text)
    return [(e.sub_event_type, e.actor1, e.location) for e in events]


@pytest.mark.parametrize("text", [
    "On June 20, an exchange of shelling took place between government troops and rebel groups near Kansafra.",
    "On June 20, government troops and rebel groups traded shelling near Kansafra.",
    "Mutual shelling between the army and HTS went on near Kansafra on June 20.",
])
def test_an_exchange_of_shelling_is_an_armed_clash(run, text):
    got = _codes(run, text)
    assert [g[0] for g in got] == ["Armed clash"]


def test_an_exchange_with_no_side_named_has_a_stand_in_side(run):
    got = _codes(run, "An exchange of artillery fire hit the outskirts of Kansafra on June 20, wounding two men.")
    assert got[:1] == [("Armed clash", "Unidentified Armed Group (Syria)", "Kansafrah")]


def test_clashes_accompanied_by_an_exchange_of_shelling_are_one_event(run):
    got = _codes(run, "On June 20, clashes between the army and HTS near Kansafra were accompanied by an exchange "
                      "of shelling.")
    assert [g[0] for g in got] == ["Armed clash"]


@pytest.mark.parametrize("text, sub, place", [
    ("On June 20, government troops advanced against rebel groups in Beit Sawa in eastern Ghouta.",
     "Government regains territory", "Bayt Siwa"),
    ("On June 20, HTS fighters advanced against army units after clashes in the village of Kansafra.",
     "Non-state actor overtakes territory", "Kansafrah"),
])
def test_advancing_against_a_side_at_a_named_place_is_ground_taken(run, text, sub, place):
    got = _codes(run, text)
    assert got[:1] and got[0][0] == sub and got[0][2] == place


def test_advancing_against_a_side_with_no_place_is_no_event(run):
    assert _codes(run, "On June 20, government troops advanced against rebel positions.") == []


@pytest.mark.parametrize("text, place", [
    ("On June 20, rebel fighters foiled an attempt by the army to storm Kafr Nabuda.", "Kafr Nabudah"),
    ("On June 20, rebel fighters repelled a YPG attempt to infiltrate the village of Kaljibrin.", "Kuljibrin"),
])
def test_a_ground_attack_turned_back_is_a_clash_at_the_place_it_aimed_at(run, text, place):
    got = _codes(run, text)
    assert got[:1] and got[0][0] == "Armed clash" and got[0][2] == place


def test_a_foiled_bombing_is_not_a_clash(run):
    got = _codes(run, "On June 20, police foiled a car bomb attack in Azaz.")
    assert "Armed clash" not in [g[0] for g in got] and "Disrupted weapons use" in [g[0] for g in got]


def test_a_withdrawal_from_the_rest_of_its_areas_is_read_through_the_quantity_word(run):
    got = _codes(run, "HTS fighters withdrew, for unknown reasons, from the rest of its controlled areas in "
                      "southern Idleb, including Kafr Sajna.")
    assert got[:1] == [("Non-violent transfer of territory", "Hayat Tahrir al-Sham", "Kafr Sajnah")]


@pytest.mark.parametrize("text", [
    "The head of the local council, Ahmad Khalil, was assassinated in his home in Tal Abyad.",
    "A council member was murdered in Tal Abyad on June 20.",
])
def test_a_person_assassinated_by_nobody_named_has_a_stand_in_killer(run, text):
    got = _codes(run, text)
    assert got[:1] == [("Attack", "Unidentified Armed Group (Syria)", "Tall Abyad")]


def test_a_thing_executed_is_no_killing(run):
    assert _codes(run, "The operation was executed in Tal Abyad on June 20.") == []


@pytest.mark.parametrize("text, side", [
    ("On June 20, clashes took place among Jaysh al-Sharqiya members in Suluk.", "Jaysh al-Sharqiya"),
    ("On June 20, clashes broke out among members of a Druze militia near Shahba.", "Druze Militia (Syria)"),
    ("On June 20, NDF militiamen fought among themselves in Salamiyah.", "National Defence Forces"),
])
def test_a_group_fighting_itself_is_on_both_sides(run, text, side):
    events, _ = run(text)
    assert [(e.actor1, e.actor2) for e in events][:1] == [(side, side)]


@pytest.mark.parametrize("text, actor", [
    ("On June 20, HTS announced the capture of Kafr Halab village from the army.", "Hayat Tahrir al-Sham"),
    ("On June 20, rebel forces announced the capture of Kafr Halab village from YPG forces.", "Opposition Rebels (Syria)"),
])
def test_an_armed_group_announcing_its_capture_is_its_doer(run, text, actor):
    assert _codes(run, text)[:1] == [("Non-state actor overtakes territory", actor, "Kafr Halab")]


def test_a_monitor_announcing_a_killing_is_not_the_killer(run):
    events, _ = run("On June 20, the Observatory announced the killing of five SDF fighters in Hajin.")
    assert all(e.actor1 != "Syrian Observatory for Human Rights" for e in events)


def test_a_hedge_on_the_place_does_not_make_the_act_a_prediction(run):
    got = _codes(run, "On June 20, rebel fighters fired TOW missiles near Kinsabba, likely in the Jabal al-Akrad "
                      "area.")
    assert got[:1] and got[0][:2] == ("Shelling/artillery/missile attack", "Opposition Rebels (Syria)")


def test_a_hedge_on_the_act_is_still_a_prediction(run):
    assert _codes(run, "Government troops are likely to attack Kansafra in the coming days.") == []


def test_the_state_among_the_takers_regains_the_place(run):
    got = _codes(run, "On June 20, pro-government militias and army troops captured Khuwayn from rebel groups.")
    assert got[:1] == [("Government regains territory", "Military Forces of Syria (2000-)", "Khuwayn")]


def test_a_list_of_places_taken_from_a_loser_is_a_capture(run):
    # the parser reads the second "Tell" of the list as a verb; the "from" phrase hangs on it
    events, _ = run("Government forces took Tell Sukkar, Tell Nasir and the Sen farms in Hama province from HTS.")
    assert [e.sub_event_type for e in events] == ["Government regains territory"]


def test_a_person_taken_at_a_checkpoint_is_no_capture(run):
    events, _ = run("In Inkhil, a nurse was taken at a checkpoint on Friday, and her family has not been told "
                    "where she is.")
    assert "Non-state actor overtakes territory" not in [e.sub_event_type for e in events]


def test_grenades_a_fight_was_fought_with_are_part_of_it(run):
    events, _ = run("On 4 April 2019, the Hamza Division clashed with regime forces at a checkpoint in Salamiyah "
                    "using small arms fire and grenades.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_a_grenade_thrown_on_its_own_is_still_a_grenade_attack(run):
    events, _ = run("Gunmen threw a grenade at a checkpoint in Salamiyah on Monday.")
    assert [e.sub_event_type for e in events] == ["Grenade"]


def test_a_list_ending_in_farms_taken_from_a_loser_is_a_capture(run):
    events, _ = run("Government forces and allied militias took al-Hamra, Tell Sukkar, and the Jdeideh farms near "
                    "Suran from HTS and other groups on Monday.")
    assert [e.sub_event_type for e in events] == ["Government regains territory"]


def test_shelling_between_two_armed_sides_is_an_exchange(run):
    events, _ = run("Two children were wounded by shelling between HTS and the Zenki Movement in Kafr Naha on Monday.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Armed clash", "Hayat Tahrir al-Sham", "Nour al-Din al-Zenki Movement")]


def test_shelling_on_a_road_between_two_towns_stays_shelling(run):
    events, _ = run("Shelling on the road between Saraqib and Idlib killed two people on Monday.")
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]


def test_a_town_captured_amid_rocket_fire_is_a_capture_not_weapons_seized(run):
    events, _ = run("Turkish forces captured the town of Raju from YPG forces amid intense Turkish rocket and "
                    "artillery fire on the town.")
    assert [e.sub_event_type for e in events] == ["Non-state actor overtakes territory"]


def test_a_cache_of_weapons_seized_is_still_disrupted_weapons_use(run):
    events, _ = run("HTS seized a large cache of weapons in Sarmada on Monday.")
    assert [e.sub_event_type for e in events] == ["Disrupted weapons use"]


@pytest.mark.parametrize("text, sides", [
    ("Clashes raged on Monday in the western part of Aleppo countryside between HTS and Jaysh al-Izza.",
     ("Hayat Tahrir al-Sham", "Jaysh al-Izza")),
    ("Fighting goes on in a number of villages in the Idlib countryside between HTS and the National Front.",
     ("Hayat Tahrir al-Sham", "National Front")),
])
def test_the_sides_of_a_fight_hung_on_its_place_phrase_are_its_sides(run, text, sides):
    events, _ = run(text)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events][:1] == [("Armed clash", *sides)]
