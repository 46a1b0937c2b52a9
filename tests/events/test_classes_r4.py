"""Round-4 failure classes (our own sentences; one test per rule class).

Datelines, conjoined sides, coordinated place prepositions, weapons as subjects,
volleys, "came under fire", expulsions, losers after "from", handovers with "leave X
to Y", pronouns inside claims, passive crowds, accusations describing a person,
disappearances, the report's own date vs the event's, governorate seats, trailing
attributions, quantity nouns before targets.
"""

from datetime import date

from sitrep.timex import load_timex_parser


def _one(events):
    assert len(events) == 1, [(e.sub_event_type, e.actor1, e.actor2, e.location) for e in events]
    return events[0]


def test_dateline_is_not_an_actor_and_places_the_report(run):
    events, _ = run("HOMS, Syria — Unknown gunmen shot dead a teacher in the village of Talbiseh on Tuesday.")
    e = _one(events)
    assert (e.sub_event_type, e.actor1) == ("Attack", "Unidentified Armed Group (Syria)")
    assert "Talbis" in e.location.replace("ll", "l")


def test_dateline_place_is_the_last_resort(run):
    events, _ = run("ALEPPO, March 3 (Levant Wire) - Gunmen kidnapped a merchant on Monday.")
    e = _one(events)
    assert e.sub_event_type == "Abduction/forced disappearance"
    assert e.location.lower().startswith("aleppo")


def test_conjoined_subject_of_a_clash_gives_both_sides(run):
    events, _ = run("Army troops and Islamic State fighters clashed near Palmyra on Sunday.")
    e = _one(events)
    assert e.sub_event_type == "Armed clash"
    assert {e.actor1, e.actor2} == {"Military Forces of Syria (2000-)", "Islamic State (Syria)"}


def test_coordinated_prepositions_share_the_place(run):
    events, _ = run("Rebel fighters stormed army checkpoints in and around Khan Shaykhun on Friday.")
    assert any("Khan" in e.location for e in events)


def test_weapon_as_subject_of_kill_is_the_attack(run):
    e = _one(run("An Israeli drone killed three men near Quneitra on Monday.")[0])
    assert (e.sub_event_type, e.actor1, e.fatalities) == ("Air/drone strike", "Military Forces of Israel (2022-)", 3) \
        or (e.sub_event_type, e.fatalities) == ("Air/drone strike", 3)


def test_weapon_subject_of_a_consequence_is_not_a_second_event(run):
    events, _ = run("Russian warplanes struck a market in Saraqib on Friday, killing six people.")
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]


def test_volley_named_by_what_it_fired(run):
    events, _ = run("Rebels answered with a salvo of rockets on the outskirts of Hama on Thursday.")
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]


def test_came_under_fire_makes_the_subject_the_target(run):
    e = _one(run("Russian forces came under rocket fire near Saraqib on Tuesday.")[0])
    assert e.sub_event_type == "Shelling/artillery/missile attack"
    assert e.actor2 == "Military Forces of Russia (2000-)"


def test_pronoun_inside_a_claim_is_the_speaker(run):
    e = _one(run("A Turkish military post near Saraqib said that it had come under mortar fire on Sunday.")[0])
    assert e.actor2 == "Military Forces of Turkey (2016-)"


def test_drove_out_of_town_is_a_capture_with_the_object_as_loser(run):
    e = _one(run("Islamic State fighters drove the SDF out of the village of Dhiban on Wednesday.")[0])
    assert (e.sub_event_type, e.actor1, e.actor2) == (
        "Non-state actor overtakes territory", "Islamic State (Syria)", "Syrian Democratic Forces")


def test_loser_after_from(run):
    events, _ = run("Government forces recaptured the hill from Hayat Tahrir al-Sham near Jisr al-Shughur on Monday.")
    e = _one(events)
    assert (e.sub_event_type, e.actor2) == ("Government regains territory", "Hayat Tahrir al-Sham")


def test_pronoun_object_takes_the_first_verbs_place(run):
    events, _ = run("Army units pushed into the orchards west of Saraqib and took them back from the rebels on Monday.")
    assert [e.sub_event_type for e in events] == ["Government regains territory"]


def test_leaving_a_town_to_someone_is_a_handover(run):
    e = _one(run("Kurdish fighters pulled back on Monday, leaving the town of Tal Tamr to government forces.")[0])
    assert (e.sub_event_type, e.actor1) == ("Non-violent transfer of territory", "Military Forces of Syria (2000-)")


def test_leaving_a_town_alone_is_not_a_handover(run):
    events, _ = run("Thousands of families left the town of Tal Tamr on Monday.")
    assert events == []


def test_passive_crowd_agent_is_mob_violence(run):
    e = _one(run("A suspected thief was beaten to death by a crowd of residents in Jableh on Sunday.")[0])
    assert (e.sub_event_type, e.actor1, e.fatalities) == ("Mob violence", "Rioters (Syria)", 1)


def test_accusation_describing_a_person_is_not_an_event(run):
    events, _ = run("Police arrested a man accused of kidnapping a boy in Homs on Monday.")
    assert [e.sub_event_type for e in events] == ["Arrests"]
    assert events[0].certainty == "reported"


def test_detention_to_an_undisclosed_place_is_a_disappearance(run):
    e = _one(run("Militiamen detained five farmers near Afrin on Friday and took them to an undisclosed location.")[0])
    assert e.sub_event_type == "Abduction/forced disappearance"


def test_weekend_is_the_saturday_before_publication():
    tx = load_timex_parser()
    assert tx.normalise("over the weekend", date(2021, 3, 15))[:2] == (date(2021, 3, 13), 2)


def test_report_date_gives_way_to_the_events_own(run):
    events, _ = run("Activists said on Monday that gunmen had abducted a doctor in Douma over the weekend.",
                    published=date(2021, 3, 15))
    e = _one(events)
    assert (e.event_date, e.time_precision) == (date(2021, 3, 13), 2)


def test_trigger_word_naming_a_kind_of_team_is_not_an_event(run):
    events, _ = run("An SDF bomb disposal unit dismantled an explosive device in Raqqa on Sunday.")
    assert [e.sub_event_type for e in events] == ["Disrupted weapons use"]


def test_bare_governorate_seat_beats_a_namesake_near_the_focus(run):
    events, _ = run("Turkish drones struck a car near Qamishli on Sunday.",
                    "Meanwhile in Suwayda, hundreds of people demonstrated on Monday against fuel prices.")
    prot = [e for e in events if e.sub_event_type == "Peaceful protest"]
    assert prot and abs(prot[0].latitude - 32.7) < 0.2


def test_trailing_attribution_by_a_party_is_a_claim(run):
    e = _one(run("A bomb exploded near a bakery in Azaz on Friday, killing four people, "
                 "the Turkish defence ministry said.")[0])
    assert e.certainty == "claimed"


def test_quantity_noun_before_the_target_places_it(run):
    e = _one(run("Turkish army howitzers shelled a string of villages west of Ain Issa on Monday.")[0])
    assert e.sub_event_type == "Shelling/artillery/missile attack"
    assert e.actor2 == "Civilians (Syria)"
    assert abs(e.latitude - 36.38) < 0.3


def test_gathering_to_object_is_a_protest(run):
    events, _ = run("Dozens of people gathered outside the governorate building in Daraa on Sunday "
                    "to object to rising bread prices.")
    assert [e.sub_event_type for e in events] == ["Peaceful protest"]


def test_driving_out_without_an_object_is_not_a_capture(run):
    events, _ = run("A convoy of buses drove out of the village of Dhiban on Wednesday.")
    assert [e.sub_event_type for e in events] == []


def test_same_paragraph_definite_description_points_back(run):
    events, _ = run("Fighters of the Hamza Division seized a village near Tal Abyad on Thursday. "
                    "Kurdish officials accused the same factions of looting homes in Tal Abyad on Friday.")
    loot = [e for e in events if e.sub_event_type == "Looting/property destruction"]
    assert loot and loot[0].actor1 == "Hamza Division" and loot[0].certainty == "alleged"


def test_military_convoy_entering_is_a_deployment(run):
    e = _one(run("A Turkish military convoy of forty vehicles entered Idlib province on Sunday.")[0])
    assert (e.sub_event_type, e.actor1) == ("Change to group/activity", "Military Forces of Turkey (2016-)")


def test_hyphenated_protest_noun_as_object(run):
    events, _ = run("Police broke up a sit-in outside the courthouse in Suwayda on Monday.")
    assert [e.sub_event_type for e in events] == ["Protest with intervention"]
