from datetime import date

from sitrep.eval.events import norm_actor, score_events
from sitrep.eval.gold import GoldDoc, GoldEvent
from sitrep.records import Event, Evidence


def gold_event(**kw):
    base = dict(id="g1", event_type="Battles", sub_event_type="Armed clash", actor1=["Hayat Tahrir al-Sham", "HTS"],
                actor2=[], location="Sarmada", admin1="Idlib", lat=36.18, lon=36.72, km=15, date=date(2020, 6, 24),
                time_precision=1, fatalities=None, claimed_by=[], certainty="reported", evidence="")
    base.update(kw)
    return GoldEvent(**base)


def event(**kw):
    base = dict(event_id="e1", doc_id="d", event_date=date(2020, 6, 24), time_precision=1, event_type="Battles",
                sub_event_type="Armed clash", actor1="Hayat Tahrir al-Sham", latitude=36.19, longitude=36.72,
                notes="Some sentence.", evidence=[Evidence("sentence", 0, 14, "Some sentence.")])
    base.update(kw)
    return Event(**base)


def test_norm_actor_drops_date_and_country_suffix():
    assert norm_actor("Military Forces of Syria (2000-)") == norm_actor("military forces of syria")
    assert norm_actor("Unidentified Armed Group (Syria)") == "unidentified armed group"


def test_matching_event_counts_for_recall_and_precision():
    r = score_events([GoldDoc("d", None, None, [gold_event()])], {"d": [event()]})
    assert (r["recall"], r["precision"], r["fields"]["date"]) == (1.0, 1.0, 1.0)


def test_far_location_does_not_match():
    r = score_events([GoldDoc("d", None, None, [gold_event()])], {"d": [event(latitude=35.0)]})
    assert (r["recall"], r["precision"]) == (0.0, 0.0)


def test_actor_may_match_gold_actor2():
    g = gold_event(actor1=["Military Forces of Syria"], actor2=["HTS"])
    r = score_events([GoldDoc("d", None, None, [g])], {"d": [event(actor1="HTS")]})
    assert r["totals"]["required_found"] == 1 and r["fields"]["actor1"] == 0.0


def test_optional_match_is_true_positive_not_required():
    r = score_events([GoldDoc("d", None, None, [gold_event(required=False)])], {"d": [event()]})
    assert (r["recall"], r["precision"]) == (None, 1.0)


def test_week_precision_allows_three_days():
    g = gold_event(time_precision=2)
    r = score_events([GoldDoc("d", None, None, [g])], {"d": [event(event_date=date(2020, 6, 27))]})
    assert r["fields"]["date"] == 1.0


def test_not_event_overlap_is_counted():
    d = GoldDoc("d", None, None, [], not_events=["some sentence"])
    r = score_events([d], {"d": [event()]})
    assert r["totals"]["false_from_not_events"] == 1


def test_matched_event_in_a_sentence_with_a_not_event_is_not_false():
    # one sentence may report a real event and also a threat listed in not_events
    d = GoldDoc("d", None, None, [gold_event()], not_events=["some sentence"])
    r = score_events([d], {"d": [event()]})
    assert r["totals"]["false_from_not_events"] == 0 and r["precision"] == 1.0
