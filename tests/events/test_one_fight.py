"""One fight told with its support and its outcome is one event (ACLED), our own sentences."""

from __future__ import annotations

import pytest


def _types(run, *paragraphs):
    events, _ = run(*paragraphs)
    return sorted(e.sub_event_type for e in events)


@pytest.mark.parametrize("text", [
    "On June 20, clashes, accompanied by government shelling, took place between the army and HTS in Kansafra.",
    "On June 20, government troops, backed by Russian air strikes, attacked HTS positions in Kansafra.",
])
def test_fire_in_support_of_a_fight_in_the_same_sentence_is_part_of_it(run, text):
    assert _types(run, text) == ["Armed clash"]


def test_a_strike_alone_is_still_a_strike(run):
    assert _types(run, "On June 20, Russian warplanes struck Kansafra.") == ["Air/drone strike"]


CAPTURE = "On June 20, government troops captured Kansafra from HTS. "


@pytest.mark.parametrize("after, types", [
    # the fight over the place taken that day is the capture
    ("Fierce clashes between the army and HTS in Kansafra preceded the advance.", ["Government regains territory"]),
    # a fight at another named place the same day stays its own event
    ("Fierce clashes between the army and HTS went on in Kafr Nabl.", ["Armed clash", "Government regains territory"]),
    # strikes told only at the area around the capture are part of it
    ("The fighting was accompanied by Russian air strikes on the southern Idlib countryside.",
     ["Government regains territory"]),
    # a strike on a named place the same day stays
    ("Russian jets struck Kafr Nabl the same day.", ["Air/drone strike", "Government regains territory"]),
])
def test_what_a_capture_takes_in_and_what_stays_its_own(run, after, types):
    assert _types(run, CAPTURE + after) == types


def test_the_fight_placed_only_at_the_area_around_a_place_taken_is_the_capture(run):
    got = _types(run, "On June 20, rebel groups captured Tal Sultan in the southern Idlib countryside from government "
                      "troops. Fierce clashes between the army and rebel groups went on across the southern Idlib "
                      "countryside.")
    assert got == ["Non-state actor overtakes territory"]


def test_what_someone_is_charged_with_is_not_an_event(run):
    assert _types(run, "On June 20, HTS executed two men in Darat Izza on charges of killing HTS fighters.") == ["Attack"]


@pytest.mark.parametrize("text, sub", [
    ("On June 20, the army took control of Jayrud town after the withdrawal of rebel factions from the town.",
     "Non-violent transfer of territory"),
    # the withdrawal was forced by fire: taken by force
    ("On June 20, government forces captured Khuwayn after the withdrawal of rebel factions under heavy air strikes.",
     "Government regains territory"),
])
def test_ground_taken_after_the_other_side_withdrew(run, text, sub):
    assert _types(run, text)[:1] == [sub]


@pytest.mark.parametrize("text", [
    # the support told in its own sentence, the clause's verb a few words above the strikes
    "On June 20, government troops captured Kansafra in Idlib following clashes with HTS. The clashes were "
    "accompanied by exchange of bombardment and airstrikes by Russian jets.",
    # a toll line listing the fight's parts and the places it touched
    CAPTURE + "Clashes, shelling and air strikes on Kansafra, Kafr Nabl and Hass left nine fighters dead.",
])
def test_fire_told_as_part_of_the_paragraphs_fight_adds_no_event(run, text):
    assert _types(run, text) == ["Government regains territory"]


def test_a_toll_line_gives_its_dead_to_the_fight(run):
    events, _ = run(CAPTURE + "Clashes, shelling and air strikes on Kansafra, Kafr Nabl and Hass left nine fighters dead.")
    assert [e.fatalities for e in events] == [9]


@pytest.mark.parametrize("text, types", [
    # with no fight told before, fire listed with clashes is still news of its own
    ("Five fighters killed in shelling and clashes near Kansafra", ["Armed clash", "Shelling/artillery/missile attack"]),
    # an act told as a clause ("hit ... and killed") is not a list of a fight's parts
    ("On June 20, a drone hit a truck near Kansafra and killed two men.", ["Air/drone strike"]),
])
def test_fire_listed_with_a_fight_stays_when_no_fight_was_told(run, text, types):
    assert _types(run, text) == types


def test_the_doer_of_the_support_is_not_the_fights(run):
    # "accompanied by ... airstrikes by Russian jets": Russia struck in support, it did not clash
    events, _ = run("On June 20, government troops captured Kansafra in Idlib following clashes with HTS. Clashes "
                    "were accompanied by exchange of artillery and airstrikes by Russian jets.")
    assert "Military Forces of Russia (2000-)" not in [e.actor1 for e in events if e.sub_event_type == "Armed clash"]
