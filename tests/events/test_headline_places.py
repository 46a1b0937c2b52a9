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


def test_the_first_sentence_of_a_longer_report_is_news_not_a_recall(run):
    # headlines of several outlets run together: "the explosion" in the opening sentence is
    # the news itself, not an explosion told before
    events, _ = run("The explosion of a booby-trapped car near the hospital of Azaz town leaves several casualties. "
                    "Local sources said the toll may rise. Ambulances reached the area. "
                    "Shops were closed for the day. Residents gathered near the square.")
    assert [(e.sub_event_type, e.location) for e in events][:1] == [("Remote explosive/landmine/IED", "Izaz")]


@pytest.mark.parametrize("text, place", [
    ("Gunmen killed two men in “Kafr Takharim” village.", "Kafr Takharim"),
    ('Gunmen killed two men in "Kafr Takharim" village.', "Kafr Takharim"),
])
def test_a_village_name_in_quotation_marks_is_still_the_place(run, text, place):
    assert [x[2] for x in _where(run, text)][:1] == [place]


def test_a_city_placed_by_its_country_is_the_place_not_the_country(run):
    got = _where(run, "A car bomb in the outskirts of Manbij city north of Syria leaves five dead.")
    assert [x[2] for x in got][:1] == ["Manbij"]


def test_a_part_of_the_capital_hit_is_a_place_not_the_government(run):
    got = _where(run, "Airstrikes target the south of Damascus.")
    assert got[:1] and got[0][2] == "Damascus" and got[0][1] != "Government of Syria (2000-)"


def test_fire_named_as_the_subject_of_a_hitting_verb_is_a_strike(run):
    events, _ = run("New targeting hits the northern countryside of Homs.")
    assert [e.event_type for e in events][:1] == ["Explosions/Remote violence"]


def test_a_manner_word_before_a_gerund_the_tagger_hangs_it_on_still_leaves_the_act(run):
    # read as "Continuous" (the subject) with "shelling" hung on it as a participle
    events, _ = run("Continuous shelling by the army targets “Jabal al-Zawiya” mountain area in Idlib.")
    assert [(e.sub_event_type, e.actor1) for e in events][:1] == [
        ("Shelling/artillery/missile attack", "Military Forces of Syria (2000-)")]


def test_two_adjectives_on_one_place_noun_do_not_end_the_phrase(run):
    got = _where(run, "Government forces shelled villages in the eastern and southern countryside of Idlib.")
    assert got[:1] and got[0][2] is not None and "Idlib" in got[0][2]


def test_a_capital_as_the_place_hit_names_no_actor_in_an_actorless_headline(run):
    got = _where(run, "Losses in targeting the capital Damascus overnight.")
    assert [(x[0], x[2]) for x in got][:1] == [("Shelling/artillery/missile attack", "Damascus")]


@pytest.mark.parametrize("text", [
    "Rockets hit Kafranbel.",
    "Rockets hit the town of Kafranbel, wounding two.",
])
def test_a_weapon_hitting_a_place_in_the_first_news_is_a_strike_of_its_own(run, text):
    # no earlier strike to continue: the weapon-named hit is the event
    got = _where(run, text)
    assert [(x[0], x[2]) for x in got][:1] == [("Shelling/artillery/missile attack", "Kafranbel")]


def test_a_definite_strike_after_an_earlier_one_still_continues_it(run):
    events, _ = run("Russian jets bombed Kafranbel on Monday. The strikes also hit a school in Hass.")
    assert [e.actor1 for e in events] == ["Military Forces of Russia (2000-)"] * 2


@pytest.mark.parametrize("text", [
    "Two IS members were killed in Azaz city and two rebel commanders were killed in Jarabulus city.",
    "Two IS members were killed while being chased in Azaz city and two rebel commanders were killed in "
    "Jarabulus city.",
])
def test_two_passive_clauses_joined_by_and_keep_their_own_places(run, text):
    assert [x[2] for x in _where(run, text)] == ["Izaz", "Jarabulus"]


@pytest.mark.parametrize("text, sub", [
    ("Warplanes Bomb A Village In The Countryside Of Kafranbel, Killing Two Children.", "Air/drone strike"),
    ("Rebels Repel An Attack By Government Forces On The Town Of Kafranbel.", "Armed clash"),
])
def test_a_title_case_headline_is_read_as_running_text(run, text, sub):
    got = _where(run, text)
    assert [(x[0], x[2]) for x in got][:1] == [(sub, "Kafranbel")]
