"""Roles, places and merging across sentences: one behaviour per test, our own sentences."""


def test_dispersal_in_next_sentence_upgrades_the_protest(run):
    events, _ = run("On June 22, hundreds of residents protested in the town of Tafas. "
                    "Police fired tear gas to disperse the protesters.")
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Protest with intervention", "Protesters (Syria)")]


def test_the_two_sides_are_the_last_named_actors(run):
    events, _ = run("On June 22, the Syrian Democratic Forces clashed with tribal fighters in the town of Hajin.",
                    "A day later, a truce between the two sides was signed in the town of Hajin.")
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Armed clash", "Syrian Democratic Forces"), ("Agreement", "Syrian Democratic Forces")]


def test_definite_group_description_corefers(run):
    events, _ = run("On June 20, the Syrian Democratic Forces entered the town of Hajin.",
                    "On June 22, the Kurdish-led group set up a new base near the town of Hajin.")
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Headquarters or base established", "Syrian Democratic Forces")]


def test_residents_of_a_place_locate_the_protest(run):
    events, _ = run("On June 22, residents of Tafas staged a quiet sit-in.")
    assert [(e.sub_event_type, round(e.latitude, 1)) for e in events] == [("Peaceful protest", 32.7)]


def test_the_town_refers_to_the_first_place(run):
    events, _ = run("On June 21, a car bomb exploded in the town of Azaz. "
                    "On June 22, gunmen looted shops in the town's market.")
    assert [(e.sub_event_type, round(e.latitude, 1)) for e in events] == [
        ("Remote explosive/landmine/IED", 36.6), ("Looting/property destruction", 36.6)]


def test_unknown_shooter_without_anchor_is_no_event(run):
    # inside a longer report an unnamed shooter with no weapon or target named is not an event;
    # told alone (a headline-length report, see test_real_style) it is kept with no actor
    events, _ = run("Army patrols returned to Daraa al-Balad on Monday. Residents stayed indoors. "
                    "On June 22, one man was hurt when guards opened fire in the town of Tafas.")
    assert events == []


def test_recalled_plural_battles_are_not_an_event(run):
    events, _ = run("On June 22, a mine left over from the battles against ISIS exploded near the town of Hajin, "
                    "killing a farmer.")
    assert [(e.sub_event_type, e.actor2) for e in events] == [("Remote explosive/landmine/IED", "Civilians (Syria)")]


def test_anaphoric_trigger_noun_adds_no_event(run):
    events, _ = run("On June 22, the Syrian Arab Army shelled the town of Tafas. The shelling was the heaviest in months.")
    assert len(events) == 1


def test_claim_of_responsibility_names_the_perpetrator(run):
    events, _ = run("On June 21, a car bomb exploded in the town of Azaz. The Islamic State later claimed the attack.")
    assert [e.actor1 for e in events] == ["Islamic State (Syria)"]


def test_nobody_claimed_keeps_the_stand_in(run):
    events, _ = run("On June 21, a car bomb exploded in the town of Azaz. No group claimed the attack.")
    assert [e.actor1 for e in events] == ["Unidentified Armed Group (Syria)"]
