"""Places in headline and wire grammar (our own sentences)."""

from __future__ import annotations

import pytest


def _where(run, text):
    events, _ = run(text)
    return [(e.sub_event_type, e.actor2, e.location) for e in events]


@pytest.mark.parametrize("text, place", [
    ("Israeli jets struck Damascus airport on June 20.", "Damascus International Airport"),
    ("On June 20, rebel groups shelled the capital Damascus, killing two people.", "Damascus"),
])
def test_a_capital_named_as_the_place_hit_is_a_place_not_the_government(run, text, place):
    got = _where(run, text)
    assert got[:1] and got[0][2] == place and got[0][1] != "Government of Syria (2000-)"


def test_a_capital_standing_for_its_government_is_still_an_actor(run):
    events, _ = run("On June 20, Damascus forces shelled Kafr Nabl.")
    assert [e.actor1 for e in events][:1] == ["Military Forces of Syria (2000-)"]


def test_a_headline_the_parser_misreads_still_finds_the_city_of_x(run):
    # the small parser reads "shelling" as the verb and "targets" as its object noun
    got = _where(run, "Intense shelling targets the city of Douma and kills several people.")
    assert got[:1] and got[0][2] == "Duma"


def test_aerial_shelling_is_an_air_strike(run):
    events, _ = run("On June 20, Syrian warplanes carried out aerial shelling on Kansafra, killing a man.")
    assert [e.sub_event_type for e in events][:1] == ["Air/drone strike"]


@pytest.mark.parametrize("text, sub", [
    ("A violent bombing hit Azaz city on June 20, causing heavy damage.", "Remote explosive/landmine/IED"),
    ("On June 20, an aerial bombing hit Kafr Nabl, killing two people.", "Air/drone strike"),
])
def test_a_bombing_is_an_explosion_unless_from_the_air(run, text, sub):
    events, _ = run(text)
    assert [e.sub_event_type for e in events][:1] == [sub]


def test_similar_bombings_blamed_on_a_group_recall_no_event(run):
    events, _ = run("No group has claimed the blast in Azaz so far, but similar bombings in the area have been "
                    "blamed on IS cells.")
    assert [e.sub_event_type for e in events].count("Remote explosive/landmine/IED") <= 1


def test_a_headline_ied_the_tagger_reads_as_a_pronoun_is_still_a_bomb(run):
    events, _ = run("IED explodes in a civilian car in Hasakah province.")
    assert [e.sub_event_type for e in events][:1] == ["Remote explosive/landmine/IED"]


def test_a_participle_act_hung_on_a_strike_noun_gives_its_place(run):
    # the parser reads "and regime shelling of the town of X" as a participle on "airstrikes"
    events, _ = run("Five people died as a result of Turkish airstrikes and regime shelling of the village of "
                    "Kafr Zita.")
    assert events and all("Kafr" in e.location for e in events)


def test_strikes_targeting_a_place_are_one_strike(run):
    events, _ = run("Russian air strikes targeting a hospital in Kafr Nabl killed four people on Monday.")
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]
