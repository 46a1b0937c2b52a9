"""Detentions between armed actors: ACLED codes one armed group taking members of another,
or of itself, as fighting; a detainee named as one person stays an arrest."""
from __future__ import annotations


def _subs(events):
    return [(e.sub_event_type, e.actor1, e.actor2) for e in events]


def test_an_armed_commander_taken_for_unknown_reasons_is_fighting_not_a_disappearance(run):
    events, _ = run("SDF intelligence arrested a Jaysh al-Islam commander in Raqqa city for unknown reasons.")
    assert _subs(events) == [("Armed clash", "Syrian Democratic Forces", "Jaysh al-Islam")]


def test_a_civilian_taken_for_unknown_reasons_is_still_a_disappearance(run):
    events, _ = run("SDF intelligence arrested a teacher in Raqqa city for unknown reasons.")
    assert [e.sub_event_type for e in events] == ["Abduction/forced disappearance"]


def test_a_group_detaining_its_own_commander_is_on_both_sides(run):
    events, _ = run("Jaysh al-Islam fighters detained a Jaysh al-Islam commander in Douma on Friday.")
    assert _subs(events) == [("Armed clash", "Jaysh al-Islam", "Jaysh al-Islam")]


def test_the_head_of_the_same_force_arrested_by_it(run):
    events, _ = run("In Tal Tamr on Monday, Asayish officers detained a senior Asayish officer on charges of graft.")
    assert _subs(events) == [("Armed clash", "Asayish", "Asayish")]


def test_one_named_chief_of_its_own_council_stays_an_arrest(run):
    events, _ = run("The SDF arrested the chief of its own Raqqa Military Council, Khalid Haddad, in Tabqa on Sunday.")
    assert [e.sub_event_type for e in events] == ["Arrests"]
