"""ACLED's Agreement: deals and truces, two named parties agreeing, prisoner releases and
surrenders (our own sentences)."""
from __future__ import annotations


def _subs(events):
    return [(e.sub_event_type, e.actor1, e.actor2) for e in events]


def test_two_named_parties_agreeing_is_an_agreement(run):
    events, _ = run("On Monday, government forces agreed with Faylaq al-Rahman to move the wounded out of Arbin.")
    agreed = [e for e in events if e.sub_event_type == "Agreement"]
    assert [(e.actor1, e.actor2) for e in agreed] == [("Military Forces of Syria (2000-)", "Faylaq al-Rahman")]
    assert "Irbin" in agreed[0].location


def test_agreeing_with_an_opinion_is_no_event(run):
    events, _ = run("Most analysts in Idlib agree with the assessment that the truce will not hold.")
    assert "Agreement" not in [e.sub_event_type for e in events]


def test_a_declared_ceasefire_is_an_agreement(run):
    events, _ = run("Russia and Turkey declared a ceasefire in Idlib on Friday.")
    assert [e.sub_event_type for e in events] == ["Agreement"]


def test_an_announced_deal_is_an_agreement(run):
    events, _ = run("Jaysh al-Islam announced a deal with Russian officers on Monday covering the wounded in Douma.")
    assert [e.sub_event_type for e in events] == ["Agreement"]


def test_detainees_released_under_a_deal_are_an_agreement(run):
    events, _ = run("Faylaq al-Rahman released 12 detainees in Arbin on Monday as part of a deal with Russian forces.")
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Agreement", "Faylaq al-Rahman")]


def test_a_statement_released_is_no_agreement(run):
    events, _ = run("The SDF released a statement in Raqqa on Monday.")
    assert events == []


def test_a_prisoner_freed_in_a_raid_is_part_of_the_raid(run):
    events, _ = run("On Monday, local gunmen stormed the jail of the hospital in Sweida city and released a detainee.")
    assert "Agreement" not in [e.sub_event_type for e in events]


def test_fighters_giving_themselves_up_is_an_agreement(run):
    events, _ = run("About 200 IS fighters surrendered to the SDF near Baghouz on Monday.")
    assert _subs(events) == [("Agreement", "Syrian Democratic Forces", "Islamic State (Syria)")]


def test_a_town_surrendered_to_a_side_is_still_a_transfer(run):
    events, _ = run("On Monday the rebels surrendered the town of Kafr Nabudah to the army.")
    assert [e.sub_event_type for e in events] == ["Non-violent transfer of territory"]
