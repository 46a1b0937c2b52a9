"""Rules for how coders and wires really write (our own sentences, one or more per rule).

Each rule here was found by measuring on real text; the sentences are ours.
"""

from __future__ import annotations

import pytest


def _places(run, text):
    events, _ = run(text)
    return [(e.sub_event_type, e.location, e.geo_precision) for e in events]


@pytest.mark.parametrize("text, place", [
    # the small tagger reads an unknown-looking village name before "town" as an adjective
    ("Government aircraft struck Sarmin town in the Idleb countryside on June 20.", "Sarmin"),
    ("On June 20, rebel fighters shelled Hish village in southern Idleb.", "Hish"),
])
def test_a_name_the_tagger_calls_an_adjective_still_places_the_event(run, text, place):
    assert [p[1] for p in _places(run, text)][:1] == [place]


@pytest.mark.parametrize("text, place", [
    # "in the Y countryside" hung on the verb: the area locates the town left, not the event
    ("On June 20, HTS fighters withdrew from Hish town in the Idleb countryside.", "Hish"),
    # the area inside the origin phrase itself, with a parenthetical between
    ("On June 20, HTS fighters pulled out, for unknown reasons, from Kafr Nabl town in the Idleb countryside.",
     "Kafranbel"),
])
def test_a_withdrawal_is_placed_at_the_town_left_not_its_governorate(run, text, place):
    assert _places(run, text)[:1] == [("Non-violent transfer of territory", place, 1)]


def test_an_area_alone_still_places_a_withdrawal_at_area_level(run):
    got = _places(run, "On June 20, HTS fighters withdrew from positions in the Idleb countryside.")
    assert got[:1] == [("Non-violent transfer of territory", "Idleb", 3)]
