"""A death in a state's unnamed prison is placed at the prison the data names for that
jailer (ACLED codes the Syrian government's undisclosed prisons at Saydnaya), not at the
victim's home town; a prison the text places stays where the text puts it."""
from __future__ import annotations

from sitrep.geo.distance import haversine_km

SAYDNAYA = (33.70, 36.37)


def _one(events):
    assert len(events) == 1, [(e.sub_event_type, e.location) for e in events]
    return events[0]


def test_unnamed_government_prison_is_placed_at_saydnaya(run):
    e = _one(run("A man from Inkhil in Daraa died under torture in an unnamed government prison.")[0])
    assert e.actor1 == "Military Forces of Syria (2000-)"
    assert haversine_km(e.latitude, e.longitude, *SAYDNAYA) < 10
    assert e.geo_precision == 3


def test_a_prison_the_text_places_keeps_its_place(run):
    e = _one(run("A teacher from Saraqib was tortured to death in a government jail in Homs city.")[0])
    assert e.location == "Homs"


def test_an_unnamed_prison_of_no_named_jailer_stays_at_the_home_town(run):
    e = _one(run("A man from Inkhil in Daraa died under torture in an unnamed prison.")[0])
    assert "Unidentified" in e.actor1
    assert haversine_km(e.latitude, e.longitude, *SAYDNAYA) > 50


def test_another_jailers_prison_has_no_such_site(run):
    e = _one(run("A man from Marea died under torture in an HTS prison.")[0])
    assert e.actor1 == "Hayat Tahrir al-Sham"
    assert haversine_km(e.latitude, e.longitude, *SAYDNAYA) > 50


def test_the_prison_phrase_is_the_places_evidence(run):
    e = _one(run("A man from Inkhil in Daraa died under torture in an unnamed government prison.")[0])
    where = [ev.text for ev in e.evidence if ev.field == "location"]
    assert where == ["an unnamed government prison"]
