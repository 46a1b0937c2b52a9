"""Forces moved, sent or merged are a change to a group's activity (ACLED's Strategic
developments convention); forces massing where they stand stay "Other"."""
from __future__ import annotations

import pytest

CHANGE = "Change to group/activity"


def _only(events, sub_event_type):
    got = [e for e in events if e.sub_event_type == sub_event_type]
    assert got, [(e.sub_event_type, e.location) for e in events]
    return got[0]


@pytest.mark.parametrize("text, actor_word, place", [
    ("The army sent reinforcements to Saraqib on Monday.", "Syria", "Saraqib"),
    ("Hezbollah deployed dozens of fighters to Saraqib on Tuesday.", "Hezbollah", "Saraqib"),
    ("Government troops were deployed to Saraqib on Monday.", "Syria", "Saraqib"),
    ("Hezbollah fighters were deployed in Qusayr on Sunday.", "Hezbollah", "Qusayr"),
])
def test_forces_moved_somewhere_change_the_groups_activity(run, text, actor_word, place):
    events, _ = run(text)
    e = _only(events, CHANGE)
    assert e.event_type == "Strategic developments"
    assert actor_word in e.actor1
    assert place in e.location


def test_where_the_move_ends_is_the_place_not_where_it_started(run):
    events, _ = run("The army sent reinforcements from Homs to Qusayr on Monday.")
    assert "Qusayr" in _only(events, CHANGE).location


def test_massing_in_place_stays_other(run):
    events, _ = run("Government troops have been massing near Saraqib for a week.")
    e = _only(events, "Other")
    assert "Saraqib" in e.location
    assert not [x for x in events if x.sub_event_type == CHANGE]


def test_a_unit_joining_a_groups_ranks_changes_the_group(run):
    events, _ = run("The Hamza Division said on Monday that a local battalion had joined its ranks in Azaz.")
    e = _only(events, CHANGE)
    assert "Hamza" in e.actor1
