"""Format checks for the held-out evaluation set in tests/fixtures/heldout/.

The set (40 short reports + gold) was written blind to the event extractor, to measure
whether it generalises beyond the development pages. These tests only check that the
gold is well formed and consistent with the reports; they do not run the extractor.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.eval.gold import load_gold

HELDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "heldout"
GOLD = HELDOUT / "gold.yaml"
REPORTS = HELDOUT / "reports.jsonl"

# Syria's bounding box, as the brief for this set states it.
LAT_MIN, LAT_MAX = 32.3, 37.4
LON_MIN, LON_MAX = 35.6, 42.4

SUB_EVENT_TYPES: dict[str, set[str]] = {
    "Battles": {
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    },
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    },
    "Protests": {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    },
    "Riots": {
        "Violent demonstration",
        "Mob violence",
    },
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}

GOVERNORATES = {
    "Idlib", "Aleppo", "Hama", "Homs", "Latakia", "Tartus", "Damascus", "Rural Damascus",
    "Daraa", "Quneitra", "Suwayda", "Deir ez-Zor", "Raqqa", "Al-Hasakah",
}


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    out: dict[str, dict] = {}
    for n, line in enumerate(REPORTS.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        rec = json.loads(line)
        assert rec["id"] not in out, f"line {n}: duplicate id {rec['id']}"
        out[rec["id"]] = rec
    return out


@pytest.fixture(scope="module")
def gold():
    return load_gold(GOLD)


def _events(gold):
    return [(d, e) for d in gold for e in d.events]


def test_records_are_well_formed(records):
    assert len(records) == 40
    for rid, rec in records.items():
        assert set(rec) >= {"id", "published", "source", "language", "text"}, rid
        assert rec["language"] == "en", rid
        assert rec["source"].strip(), rid
        date.fromisoformat(rec["published"])
        assert 2017 <= int(rec["published"][:4]) <= 2022, rid
        assert rec["text"].strip(), rid


def test_every_gold_doc_has_a_record_and_vice_versa(gold, records):
    docs = [d.doc for d in gold]
    assert len(docs) == len(set(docs)), "duplicate doc in gold"
    assert set(docs) - set(records) == set(), "gold docs without a record"
    assert set(records) - set(docs) == set(), "records without gold"


def test_published_dates_agree(gold, records):
    for d in gold:
        assert d.published == date.fromisoformat(records[d.doc]["published"]), d.doc


def test_evidence_is_exact_substring(gold, records):
    for d, e in _events(gold):
        assert e.evidence, f"{e.id}: empty evidence"
        assert e.evidence in records[d.doc]["text"], f"{e.id}: evidence not in text: {e.evidence!r}"


def test_not_events_are_exact_substrings(gold, records):
    for d in gold:
        for s in d.not_events:
            assert s in records[d.doc]["text"], f"{d.doc}: not_event not in text: {s!r}"


def test_coordinates_inside_syria(gold):
    for _, e in _events(gold):
        assert LAT_MIN <= e.lat <= LAT_MAX, f"{e.id}: lat {e.lat}"
        assert LON_MIN <= e.lon <= LON_MAX, f"{e.id}: lon {e.lon}"
        assert e.km > 0, e.id


def test_event_fields_are_valid(gold):
    ids = [e.id for _, e in _events(gold)]
    assert len(ids) == len(set(ids)), "duplicate event id"
    for d, e in _events(gold):
        assert e.event_type in SUB_EVENT_TYPES, f"{e.id}: {e.event_type}"
        assert e.sub_event_type in SUB_EVENT_TYPES[e.event_type], f"{e.id}: {e.sub_event_type}"
        assert e.actor1, f"{e.id}: no actor1"
        assert e.admin1 in GOVERNORATES, f"{e.id}: {e.admin1}"
        assert e.time_precision in (1, 2, 3), e.id
        assert e.certainty in {"reported", "claimed", "alleged", "rumoured"}, e.id
        assert e.fatalities is None or e.fatalities >= 0, e.id
        assert e.date is not None and d.published is not None, e.id
        assert e.date <= d.published, f"{e.id}: event after publication"
        if e.time_precision == 3:
            assert e.date.day == 1, f"{e.id}: month precision should use the first of the month"


def test_every_sub_event_type_appears(gold):
    seen = {(e.event_type, e.sub_event_type) for _, e in _events(gold)}
    missing = sorted(
        (t, s) for t, subs in SUB_EVENT_TYPES.items() for s in subs if (t, s) not in seen
    )
    assert not missing, f"sub-event types without a gold event: {missing}"


def test_every_governorate_appears(gold):
    assert {e.admin1 for _, e in _events(gold)} == GOVERNORATES


def test_non_event_reports(gold):
    empty = [d for d in gold if not d.events]
    assert len(empty) >= 6, "expected several reports whose statements are not events"
    for d in empty:
        assert d.not_events, f"{d.doc}: no events and no not_events"
