"""Regression floor on tests/fixtures/world: short reports of every ACLED sub-event type from
theatres outside Syria (our own invented sentences; gold written before the extractor ran on
them), plus hard negatives with an all-null gold. The fixture ships with the repository, so this
test never skips. RAISE THE FLOOR DELIBERATELY as the extractor improves; never lower it to
make a change pass."""

from __future__ import annotations

from pathlib import Path

import pytest

WORLD = Path(__file__).resolve().parents[1] / "fixtures" / "world" / "snippets.jsonl"

FLOOR = {"recall": 0.83, "precision": 0.84}  # reached: 0.731 / 0.806 (session of the world fixture); 0.849 / 0.856 (session 8)
MAX_FALSE_FROM_NOT_EVENTS = 2


@pytest.fixture(scope="module")
def report():
    from sitrep.eval import realdev

    return realdev.evaluate_realdev(WORLD)


def test_world_floor(report):
    below = {k: (report[k], f) for k, f in FLOOR.items() if report[k] is None or report[k] < f}
    assert not below, f"world: below floor (got, floor): {below}"


def test_world_hard_negatives(report):
    assert report["false_from_not_events"] <= MAX_FALSE_FROM_NOT_EVENTS, report["not_event_hits"]


def test_a_non_event_record_counts_against_precision_only():
    from sitrep.eval import realdev

    null = {k: None for k in ("event_type", "sub_event_type", "actor1", "actor2", "latitude", "longitude")}
    gold = {"event_type": "Protests", "sub_event_type": "Peaceful protest", "actor1": "Protesters (Kenya)",
            "latitude": -1.28, "longitude": 36.82, "geo_precision": 1, "event_date": "2024-10-01"}
    records = [{"id": "a", "gold": gold}, {"id": "n", "gold": null}]
    preds = [{"doc": "a", "event_type": "Protests", "sub_event_type": "Peaceful protest",
              "actor1": "Protesters (Kenya)", "latitude": -1.28, "longitude": 36.82, "event_date": "2024-10-01"},
             {"doc": "n", "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "X",
              "latitude": 0.0, "longitude": 0.0}]
    r = realdev.score(records, preds, metrics="all")
    assert (r["required_events"], r["recall"], r["precision"], r["false_from_not_events"]) == (1, 1.0, 0.5, 1)
    assert r["unmatched_predictions"] == []
