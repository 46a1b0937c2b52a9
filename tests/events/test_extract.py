from datetime import date
from pathlib import Path

import pytest
import yaml

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "events" / "short_reports.yaml"
REPORTS = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("report", REPORTS, ids=[r["id"] for r in REPORTS])
def test_short_report(run, report):
    from sitrep.geo.distance import haversine_km

    events, _ = run(report["text"], published=report["published"])
    expected = report.get("expect", report.get("events", []))
    assert len(events) == len(expected)
    for ev, exp in zip(events, expected):
        for key in ("event_type", "sub_event_type", "actor1", "actor2", "fatalities", "certainty"):
            if key in exp:
                assert getattr(ev, key) == exp[key], key
        if "date" in exp:
            assert ev.event_date == exp["date"]
        if "lat" in exp:
            assert haversine_km(ev.latitude, ev.longitude, exp["lat"], exp["lon"]) <= exp["location_km"]


def test_plan_becomes_statement(run):
    events, statements = run("Rebel factions are preparing to storm the village of Kafr Zita next week.")
    assert (events, [s.kind for s in statements]) == ([], ["plan"])


def test_modal_prediction_becomes_statement(run):
    events, statements = run("Government troops could soon shell the town of Ariha.")
    assert (events, [s.kind for s in statements]) == ([], ["prediction"])


def test_conditional_is_hypothetical(run):
    events, statements = run("If the army shelled the town of Ariha, the truce would collapse.")
    assert events == [] and "hypothetical" in [s.kind for s in statements]


def test_negated_event_is_dropped(run):
    events, statements = run("The army did not shell the town of Ariha on Monday.")
    assert (events, statements) == ([], [])


def test_habitual_statement_is_dropped(run):
    events, _ = run("Turkish-backed factions regularly shell the town of Tell Rifaat.")
    assert events == []


def test_passive_by_agent_is_actor1(run):
    events, _ = run("On June 20, the town of Ariha was shelled by the Syrian Arab Army.")
    # place spelling follows the gazetteer pack; compare coordinates
    assert [(e.actor1, round(e.latitude, 1), round(e.longitude, 1)) for e in events] == [
        ("Military Forces of Syria (2000-)", 35.8, 36.6)]


def test_injured_are_not_fatalities(run):
    events, _ = run("On June 20, Turkish forces shelled the village of Tell Rifaat, wounding five civilians.")
    assert [e.fatalities for e in events] == [None]


def test_vague_death_toll_is_none(run):
    events, _ = run("On June 20, Turkish forces shelled the village of Tell Rifaat, killing several civilians.")
    assert [e.fatalities for e in events] == [None]


def test_number_word_fatalities(run):
    events, _ = run("On June 20, Turkish forces shelled the village of Tell Rifaat, killing three civilians.")
    assert [e.fatalities for e in events] == [3]


def test_according_to_scopes_forward_in_paragraph(run):
    events, _ = run("According to local activists, Russian warplanes bombed the town of Ariha on June 20. "
                    "Later that day, government troops shelled the town of Kafr Nabl.")
    assert [(e.certainty, e.claimed_by) for e in events] == [("reported", "local activists"), ("reported", "local activists")]


def test_allegedly_marks_alleged(run):
    events, _ = run("On June 20, the Syrian Arab Army allegedly shelled the town of Ariha.")
    assert [e.certainty for e in events] == ["alleged"]


def test_day_without_time_expression_defaults_to_day_before_published(run):
    events, _ = run("Turkish forces shelled the village of Tell Rifaat.", published=date(2020, 6, 25))
    assert [(e.event_date, e.time_precision) for e in events] == [(date(2020, 6, 24), 2)]


def test_relative_date_counts_from_previous_event(run):
    events, _ = run("On June 10, Russian warplanes bombed the town of Ariha.",
                    "Two days later, government troops shelled the town of Kafr Nabl.")
    assert [e.event_date for e in events] == [date(2020, 6, 10), date(2020, 6, 12)]


def test_evidence_offsets_point_into_document_text(run, extractor):
    from tests.events.conftest import make_doc

    doc = make_doc(["Intro without events here.", "On June 20, Turkish forces shelled the village of Tell Rifaat."])
    ((_, events, _),) = list(extractor.extract([doc]))
    ev = {e.field: e for e in events[0].evidence}
    assert doc.text[ev["trigger"].start:ev["trigger"].end] == "shelled"
    assert doc.text[ev["date"].start:ev["date"].end] == "On June 20"


def test_event_id_is_stable(run):
    first, _ = run("On June 20, Turkish forces shelled the village of Tell Rifaat.")
    again, _ = run("On June 20, Turkish forces shelled the village of Tell Rifaat.")
    assert [e.event_id for e in first] == [e.event_id for e in again] and len(first[0].event_id) == 16


def test_only_body_paragraphs_are_read(extractor):
    from tests.events.conftest import make_doc

    doc = make_doc(["Nothing happened today."])
    comment = " Reader: the army shelled the town of Ariha on June 20."
    doc.text += comment
    ((_, events, _),) = list(extractor.extract([doc]))
    assert events == []
