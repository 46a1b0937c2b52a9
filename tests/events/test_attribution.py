"""Who says so, and how many died: claimants that point back, tolls over conjoined victims
(issue "Data an analyst can cite", ACLED conventions). Our own sentences."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "On June 20, the SDF seized a truck carrying weapons near the town of Hajin, the group's media centre said. "
    "It said the truck belonged to Kataib Hezbollah.",
    "On June 20, the SDF seized a truck carrying weapons near the town of Hajin, its media office said.",
])
def test_a_claimant_that_points_back_is_the_group_just_named(run, text):
    events, _ = run(text)
    assert [(e.actor1, e.certainty, e.claimed_by) for e in events][:1] == [
        ("Syrian Democratic Forces", "claimed", "Syrian Democratic Forces")]


def test_a_named_spokesman_keeps_his_own_group(run):
    events, _ = run("On June 20, the SDF seized a truck carrying weapons near the town of Hajin, a spokesman for "
                    "Kataib Hezbollah said.")
    assert [e.claimed_by for e in events][:1] == ["Kataib Hezbollah"]


@pytest.mark.parametrize("text, n", [
    ("On June 20, an airstrike hit a checkpoint in the town of Albu Kamal, killing four militiamen and a civilian.", 5),
    ("On June 20, government shelling on the town of Ariha killed two women and three children.", 5),
    ("On June 20, a drone strike near the town of Sarmada killed three fighters and wounded two civilians.", 3),
])
def test_fatalities_sum_conjoined_victims_but_not_the_wounded(run, text, n):
    events, _ = run(text)
    assert [e.fatalities for e in events][:1] == [n]
