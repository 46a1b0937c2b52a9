"""Reviews as an append-only overlay: stored, folded, applied to exports, kept across ingests."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from sitrep.errors import InputError, NotFound
from sitrep.export import export_events
from sitrep.review.ledger import add_review, current_states, state_of
from sitrep.store import Store


def _rows(path, **kw) -> dict[str, dict[str, str]]:
    with Store(path, read_only=True) as s:
        buf = io.StringIO()
        export_events(s, "acled-csv", buf, **kw)
    return {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(buf.getvalue()))}


def test_reject_leaves_export_and_raw_keeps_it(kit, db):
    mid = kit.merged_id_of(db, "rv1-protest")
    with Store(db) as s:
        add_review(s.conn, mid, "reject", "ana", note="a strike by traders, not a protest event")
    assert mid not in _rows(db)
    raw = _rows(db, reviews=False)
    assert mid in raw and raw[mid]["reviewed"] == ""


def test_correction_replaces_fields_and_says_who(kit, db, lookups):
    mid = kit.merged_id_of(db, "rv1-clash")
    with Store(db) as s:
        add_review(s.conn, mid, "correct", "ana", {"fatalities": "3", "actor2": "Civilians (Syria)"}, lookups=lookups)
    row = _rows(db)[mid]
    assert (row["fatalities"], row["actor2"], row["reviewed"]) == ("3", "Civilians (Syria)", "correct by ana")
    assert row["inter2"] == "7"  # the ontology's inter code for the corrected actor
    assert _rows(db, reviews=False)[mid]["fatalities"] == "4"


def test_history_is_append_only_and_folds_in_order(kit, db):
    mid = kit.merged_id_of(db, "rv1-clash")
    with Store(db) as s:
        add_review(s.conn, mid, "reject", "ana")
        add_review(s.conn, mid, "correct", "ben", {"fatalities": "5"}, note="seen on video")
        add_review(s.conn, mid, "correct", "ana", {"fatalities": "6"})
        st = state_of(s.conn, mid)
        assert (st.action, st.fields["fatalities"], st.reviewer, len(st.history)) == ("correct", 6, "ana", 3)
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            s.conn.execute("UPDATE reviews SET reviewer = 'eve'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            s.conn.execute("DELETE FROM reviews")


def test_bad_values_store_nothing(kit, db, lookups):
    mid = kit.merged_id_of(db, "rv1-clash")
    with Store(db) as s:
        for fields, msg in [({"fatalities": "many"}, "whole number"), ({"inter1": "9"}, "outside 0..8"),
                            ({"sub_event_type": "Parade"}, "not an ACLED sub-event type"),
                            ({"event_type": "Riots"}, "give sub_event_type too"),
                            ({"location": "nowhere-id"}, "neither a gazetteer id"), ({"colour": "red"}, "not a field")]:  # fmt: skip
            with pytest.raises(InputError, match=msg):
                add_review(s.conn, mid, "correct", "ana", fields, lookups=lookups)
        with pytest.raises(NotFound):
            add_review(s.conn, "m-no-such-event", "reject", "ana")
        with pytest.raises(InputError, match="reviewer"):
            add_review(s.conn, mid, "reject", "  ")
        assert s.conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0


def test_location_by_gazetteer_id_and_by_coordinates(kit, db, lookups):
    clash, protest = kit.merged_id_of(db, "rv1-clash"), kit.merged_id_of(db, "rv1-protest")
    with Store(db) as s:
        add_review(s.conn, clash, "correct", "ana", {"location": "gn:170876"}, lookups=lookups)
        add_review(s.conn, protest, "correct", "ana", {"location": "35.2,40.5"}, lookups=lookups)
    rows = _rows(db)
    assert (rows[clash]["location"], rows[clash]["admin1"], rows[clash]["latitude"]) == ("Darbul", "Rural Damascus", "33.35486")
    assert (rows[protest]["latitude"], rows[protest]["longitude"], rows[protest]["location"]) == ("35.2", "40.5", "Old Mill")


def test_correction_survives_reingest_and_a_merging_second_ingest(kit, db):
    mid = kit.merged_id_of(db, "rv1-clash")
    with Store(db) as s:
        add_review(s.conn, mid, "correct", "ana", {"fatalities": "2"})
    kit.ingest(db, kit.first_batch())  # the same pages again: nothing new
    assert _rows(db)[mid]["fatalities"] == "2"
    kit.ingest(db, kit.second_batch())  # another outlet's report of the clash joins the event
    now = kit.merged_id_of(db, "rv2-clash")
    assert kit.merged_id_of(db, "rv1-clash") == now
    row = _rows(db)[now]
    assert (row["n_sources"], row["fatalities"], row["reviewed"]) == ("2", "2", "correct by ana")
    with Store(db, read_only=True) as s:
        states, orphans = current_states(s.conn)
    assert list(states) == [("merged", now)] and orphans == []


def test_review_follows_an_alias_after_refusion(kit, db):
    """A review made on an id that fusion later retires resolves to the event that replaced it."""
    mid = kit.merged_id_of(db, "rv1-clash")
    with Store(db) as s:
        add_review(s.conn, mid, "reject", "ana")
        s.conn.execute("INSERT INTO merged_events SELECT 'mNEW', lead_event_id, 'mNEW', event_date, year, time_precision,"
                       " disorder_type, event_type, sub_event_type, plover_type, actor1, assoc_actor_1, inter1, actor2,"
                       " assoc_actor_2, inter2, interaction, civilian_targeting, iso, region, country, admin1, admin2,"
                       " admin3, location, latitude, longitude, geo_precision, source, source_scale, notes, fatalities,"
                       " tags, timestamp, n_sources, n_outlets, fusion_certainty, fatalities_min, fatalities_max,"
                       f" updated_at FROM merged_events WHERE merged_id = '{mid}'")  # fmt: skip
        s.conn.execute("UPDATE event_sources SET merged_id = 'mNEW' WHERE merged_id = ?", (mid,))
        s.conn.execute("DELETE FROM merged_events WHERE merged_id = ?", (mid,))
        s.conn.execute("INSERT INTO event_aliases VALUES (?, 'mNEW', 'fused', '2024-01-01')", (mid,))
        assert state_of(s.conn, "mNEW").action == "reject"
    assert "mNEW" not in _rows(db) and "mNEW" in _rows(db, reviews=False)


def test_now_agrees_when_the_machine_already_has_the_value(kit, db):
    mid = kit.merged_id_of(db, "rv1-clash")
    with Store(db) as s:
        add_review(s.conn, mid, "correct", "ana", {"fatalities": "4", "location": "35.1,40.4"})
    assert _rows(db)[mid]["reviewed"] == "correct by ana; now agrees"


def test_report_level_review_applies_to_report_rows(kit, db):
    with Store(db) as s:
        add_review(s.conn, "rv1-protest", "correct", "ana", {"sub_event_type": "Protest with intervention"})
    reports = _rows(db, merged=False)
    assert reports["rv1-protest"]["sub_event_type"] == "Protest with intervention"
    assert reports["rv1-protest"]["event_type"] == "Protests"
    assert reports["rv1-clash"]["reviewed"] == ""


def test_jsonl_export_carries_reviewed(kit, db):
    mid = kit.merged_id_of(db, "rv1-clash")
    with Store(db) as s:
        add_review(s.conn, mid, "confirm", "ana")
        buf = io.StringIO()
        export_events(s, "jsonl", buf)
    got = {d["event_id_cnty"]: d["reviewed"] for d in map(json.loads, buf.getvalue().splitlines())}
    assert got[mid] == "confirm by ana" and list(got.values()).count(None) == len(got) - 1
