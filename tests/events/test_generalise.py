"""Rules added for short wire-style reports (our own sentences, one per rule class)."""

import pytest


def _one(run, text):
    events, _ = run(text)
    return [(e.sub_event_type, e.actor1) for e in events]


@pytest.mark.parametrize("text, sub, actor1", [
    # a hit named by its weapon
    ("On June 20, government forces pounded the town of Ariha with rocket launchers.",
     "Shelling/artillery/missile attack", "Military Forces of Syria (2000-)"),
    ("On June 20, a Turkish drone hit a motorcycle near the town of Qamishli.",
     "Air/drone strike", "Military Forces of Turkey (2016-)"),
    # unlemmatised past forms and a modifier inside the phrase
    ("On June 20, the Syrian Arab Army retook the village of Kafr Zita.",
     "Government regains territory", "Military Forces of Syria (2000-)"),
    ("On June 20, Hayat Tahrir al-Sham took full control of the town of Saraqib.",
     "Non-state actor overtakes territory", "Hayat Tahrir al-Sham"),
    # the perpetrators blew themselves up
    ("On June 20, two Islamic State attackers blew themselves up at a checkpoint in the town of Azaz.",
     "Suicide bomb", "Islamic State (Syria)"),
    # downing drones
    ("On June 20, Russian forces downed two drones over the town of Jableh.",
     "Disrupted weapons use", "Military Forces of Russia (2000-)"),
    # heavy weapons fire at a target
    ("On June 20, Turkish tanks fired at a Syrian army post near the town of Manbij.",
     "Shelling/artillery/missile attack", "Military Forces of Turkey (2016-)"),
])
def test_trigger_classes(run, text, sub, actor1):
    assert _one(run, text)[:1] == [(sub, actor1)]


def test_cut_down_trees_is_property_destruction(run):
    events, _ = run("On June 20, fighters of Hayat Tahrir al-Sham cut down olive trees in the village of Maabatli.")
    assert [e.sub_event_type for e in events] == ["Looting/property destruction"]


def test_accused_of_dropping_chlorine_is_alleged_chemical_attack(run):
    events, _ = run("Rescue workers accused government helicopters of dropping a chlorine barrel on a clinic in "
                    "Kafr Zita on June 20.")
    assert [(e.sub_event_type, e.certainty) for e in events] == [("Chemical weapon", "alleged")]


def test_joint_patrol_is_other_strategic_development(run):
    events, _ = run("On June 20, Russian and Turkish troops conducted a joint patrol near the town of Ain Issa.")
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Strategic developments", "Other")]


def test_direction_word_places_the_event(run):
    from sitrep.geo.distance import haversine_km

    events, _ = run("Three shepherds were killed on June 20 when their truck ran over a landmine in the desert east "
                    "of Palmyra.")
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Remote explosive/landmine/IED", 3)]
    assert haversine_km(events[0].latitude, events[0].longitude, 34.56, 38.27) < 30


@pytest.mark.parametrize("source, level", [
    ("the Russian Defence Ministry said", "claimed"),
    ("the Syrian Democratic Forces said", "claimed"),
    ("state television reported", "claimed"),
    ("the Syrian Observatory for Human Rights said", "reported"),
    ("witnesses said", "reported"),
    ("a local rights group said", "reported"),
])
def test_claimant_class_sets_certainty(run, source, level):
    events, _ = run(f"Turkish warplanes struck the village of Tell Rifaat on June 20, {source}.")
    assert [e.certainty for e in events] == [level]


def test_rumour_scope_ends_at_a_named_source(run):
    events, _ = run("Unconfirmed reports said the Islamic State set up a base near the town of Sukhnah on June 18. "
                    "On June 20, US warplanes struck the town of Sukhnah, according to the Syrian Observatory "
                    "for Human Rights.")
    assert [e.certainty for e in events][-1] == "reported"


@pytest.mark.parametrize("text, n", [
    ("On June 20, government forces shelled the town of Ariha, killing a child and two women.", 3),
    ("On June 20, unidentified gunmen shot dead a teacher in the town of Tafas.", 1),
    ("On June 20, government forces shelled the town of Ariha; no one was hurt.", 0),
    ("On June 20, government forces shelled the town of Ariha, wounding four people.", None),
])
def test_fatality_counts(run, text, n):
    events, _ = run(text)
    assert [e.fatalities for e in events][:1] == [n]
