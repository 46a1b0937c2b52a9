"""The realdev-format scorer (`sitrep.eval.realdev`) on tiny hand-written gold and predictions.

Every name, place and coordinate here is invented for the test. Offsets in latitude are
used for distances: 0.1 degree of latitude is about 11.1 km.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.errors import GoldError
from sitrep.eval import realdev
from sitrep.eval.realdev import (
    detect_metrics,
    input_path,
    name_forms,
    names_match,
    normalise,
    score,
    translit_key,
)

LAT, LON = 35.0, 37.0


def gold(rid: str = "r1", **over) -> dict:
    g = {
        "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Examplestan (2001-)", "assoc_actor_1": None,
        "actor2": "KDL: Koura Defence League", "assoc_actor_2": None,
        "inter1": 1, "inter2": 2, "admin1": "North Plain", "admin2": None, "location": "Tell Omar",
        "latitude": LAT, "longitude": LON, "geo_precision": 1,
        "event_date": "2019-05-10", "time_precision": 1, "fatalities": 0, "source": None,
    }  # fmt: skip
    g.update(over)
    return {"id": rid, "text": "invented", "published": "2019-05-11", "gold": g, "extra": {}, "flags": []}


def pred(doc: str = "r1", **over) -> dict:
    p = {
        "doc": doc, "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Examplestan (2001-)", "assoc_actor_1": None,
        "actor2": None, "assoc_actor_2": None, "location": "Tell Omar", "admin1": "North Plain",
        "latitude": LAT, "longitude": LON, "event_date": "2019-05-10", "fatalities": None,
    }  # fmt: skip
    p.update(over)
    return p


# --------------------------------------------------------------------------- names
def test_normalise_drops_parentheses_accents_apostrophes_and_punctuation():
    assert normalise("Military Forces of Examplestan (2001-)") == "military forces of examplestan"
    assert normalise("Ḥizb al-Ṣaʿīd") == "hizb al said"
    assert normalise("Sons' of  the-Hill") == "sons of the hill"
    assert normalise(None) == ""


def test_acronym_name_counts_as_acronym_and_as_name():
    assert name_forms("KDL: Koura Defence League") == ["kdl koura defence league", "kdl", "koura defence league"]
    assert names_match("KDL", "KDL: Koura Defence League")
    assert names_match("Koura Defence League", "KDL: Koura Defence League")
    assert names_match("KDL: Koura Defence League", "Koura Defence League")
    assert not names_match("KDX", "KDL: Koura Defence League")


def test_generic_words_are_left_out_and_predicted_words_must_all_be_in_gold():
    assert names_match("the Hill Guards", "Hill Guards Brigade")
    assert names_match("Hill Guards Brigade", "Liwa Hill Guards")
    assert names_match("Examplestan", "Military Forces of Examplestan (2001-)")
    # the predicted name has a word the gold lacks
    assert not names_match("Hill Guards of the North", "Hill Guards")
    # only generic words: no subset match ("Army" would match every army)
    assert not names_match("Syrian Army", "Valley Syrian Army")
    assert not names_match("the Brigade", "Hill Guards Brigade")


def test_transliteration_key():
    assert translit_key(normalise("Jabhat al-Nasr al-Kabir")) == "jbht nsr kbr"
    assert translit_key(normalise("Jebhet Nassr Kabeer")) == "jbht nsr kbr"
    assert names_match("Kataib al-Wadiyyah", "Kataib Wadiya")  # doubled letters, final h, article
    assert names_match("Jebhet Nassr Kabeer", "Jabhat al-Nasr al-Kabir")
    assert not names_match("Jabhat Nimr", "Jabhat Nasr")


def test_actor_matches_in_either_role_and_in_associated_lists():
    # gold actor2 predicted as actor1
    assert score([gold()], [pred(actor1="KDL")])["recall"] == 1.0
    # associated actors as a list or as a ';'-joined string
    assert score([gold()], [pred(actor1="Nobody Known", assoc_actor_1=["Someone", "KDL"])])["recall"] == 1.0
    joined = pred(actor1="Nobody Known", assoc_actor_2="Someone; Koura Defence League")
    assert score([gold()], [joined])["recall"] == 1.0
    assert score([gold()], [pred(actor1="Nobody Known")])["recall"] == 0.0


# --------------------------------------------------------------------------- type and place
def test_type_uses_sub_event_type_or_event_type_when_gold_has_none():
    assert score([gold()], [pred(sub_event_type="Government regains territory")])["recall"] == 0.0
    g = gold(event_type="Explosions/Remote violence", sub_event_type=None)
    strike = pred(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")
    assert score([g], [strike])["recall"] == 1.0
    assert score([g], [pred(event_type="Battles")])["recall"] == 0.0


@pytest.mark.parametrize(
    "precision, dlat, paired",
    [(1, 0.12, True), (1, 0.15, False), (2, 0.15, True), (2, 0.3, False), (3, 0.3, True), (3, 0.6, False)],
)
def test_distance_threshold_by_geo_precision(precision, dlat, paired):
    r = score([gold(geo_precision=precision)], [pred(latitude=LAT + dlat)])
    assert r["recall"] == (1.0 if paired else 0.0)


def test_prediction_without_coordinates_needs_the_same_place_name():
    assert score([gold()], [pred(latitude=None, longitude=None, location="tell-omar")])["recall"] == 1.0
    assert score([gold()], [pred(latitude=None, longitude=None, location="Tell Omari")])["recall"] == 0.0


def test_nearest_candidate_is_paired_and_counted_once():
    far = pred(latitude=LAT + 0.1, event_date="2019-01-01")
    near = pred(latitude=LAT + 0.01, event_date="2019-05-10")
    r = score([gold()], [far, near])
    assert (r["recall"], r["precision"], r["acc_date"]) == (1.0, 0.5, 1.0)
    assert len(r["unmatched_predictions"]) == 1 and r["unmatched_predictions"][0]["event_date"] == "2019-01-01"


def test_only_predictions_of_gold_records_count_by_base_name():
    r = score([gold("r1")], [pred("some/dir/r1"), pred("r9")])
    assert (r["recall"], r["precision"], r["predicted_events"]) == (1.0, 1.0, 1)


# --------------------------------------------------------------------------- field accuracies
def test_gold_zero_fatalities_means_unknown():
    for f, ok in ((None, 1.0), (0, 1.0), ("", 1.0), (4, 0.0)):
        assert score([gold(fatalities=0)], [pred(fatalities=f)])["acc_fatalities"] == ok
    assert score([gold(fatalities=3)], [pred(fatalities=None)])["acc_fatalities"] == 0.0
    assert score([gold(fatalities=3)], [pred(fatalities=3)])["acc_fatalities"] == 1.0


@pytest.mark.parametrize(
    "tp, pdate, ok",
    [(1, "2019-05-10", 1.0), (1, "2019-05-11", 0.0), (2, "2019-05-16", 1.0), (2, "2019-05-17", 0.0),
     (3, "2019-05-31", 1.0), (3, "2019-06-01", 0.0)],
)  # fmt: skip
def test_date_by_time_precision(tp, pdate, ok):
    assert score([gold(time_precision=tp)], [pred(event_date=pdate)])["acc_date"] == ok


def test_actor_field_accuracies():
    r = score([gold()], [pred(actor1="KDL", actor2="Examplestan")])
    assert (r["acc_actor1"], r["acc_actor2"]) == (0.0, 0.0)
    r = score([gold()], [pred(actor2="Koura Defence League")])
    assert (r["acc_actor1"], r["acc_actor2"]) == (1.0, 1.0)
    r = score([gold(actor2=None, inter2=None)], [pred()])
    assert r["acc_actor2"] is None  # no gold actor2: not counted


def test_missed_events_say_which_test_failed():
    recs = [gold("a"), gold("b"), gold("c"), gold("d")]
    preds = [pred("b", sub_event_type="Attack"), pred("c", actor1="Nobody Known"), pred("d", latitude=LAT + 1)]
    why = {m["id"]: m["why"] for m in score(recs, preds)["missed"]}
    assert why == {"a": "no event", "b": "type", "c": "actor", "d": "place"}


# --------------------------------------------------------------------------- loc-date
def ucdp(rid: str = "u1", flags: tuple[str, ...] = (), **extra) -> dict:
    rec = gold(rid, event_type=None, sub_event_type=None, actor1="Side A", actor2="Side B", fatalities=4,
               geo_precision=2, time_precision=1)  # fmt: skip
    rec["extra"] = {"date_start": "2019-05-10", "date_end": None, "low": 3, "high": 6, "best": 4, **extra}
    rec["flags"] = list(flags)
    return rec


def test_loc_date_is_detected_automatically_and_scores_detection_and_location():
    recs = [ucdp("u1"), ucdp("u2", flags=("location_not_in_text",)), ucdp("u3")]
    preds = [pred("u1", latitude=LAT + 0.2, fatalities=5), pred("u2", latitude=LAT + 1.0, event_date="2019-05-11")]
    assert detect_metrics(recs) == "loc-date"
    r = score(recs, preds)
    assert r["metrics"] == "loc-date"
    assert (r["recall_detect"], r["recall_located"], r["acc_location_given_detect"]) == (0.667, 0.333, 0.5)
    assert (r["recall_located_named_in_text"], r["named_in_text_events"]) == (0.5, 2)
    assert (r["acc_date_given_detect"], r["acc_date_pm1_given_detect"]) == (0.5, 1.0)
    assert r["acc_fatalities_in_low_high_given_detect"] == 0.5 and r["acc_fatalities_exact_given_detect"] == 0.0
    assert r["acc_admin1_given_detect"] == 1.0
    assert r["predicted_events_per_doc"] == 0.667
    assert [m["id"] for m in r["missed"]] == ["u3"] and [m["id"] for m in r["mislocated"]] == ["u2"]


def test_loc_date_uses_the_nearest_located_prediction_and_the_date_range():
    rec = ucdp(date_end="2019-05-14")
    preds = [pred("u1", latitude=LAT + 1.0, event_date="2019-05-12", fatalities=None),
             pred("u1", latitude=LAT + 0.1, event_date="2019-05-13", fatalities=4)]  # fmt: skip
    r = score([rec], preds)
    assert (r["recall_located"], r["acc_date_given_detect"], r["acc_fatalities_exact_given_detect"]) == (1.0, 1.0, 1.0)
    # no located one: the record's first prediction is used (and a null toll is wrong here)
    r = score([rec], [pred("u1", latitude=LAT + 1.0, event_date="2019-05-20", fatalities=None)])
    assert (r["recall_located"], r["acc_date_given_detect"]) == (0.0, 0.0)
    assert r["acc_fatalities_in_low_high_given_detect"] == 0.0


def test_explicit_metrics_and_unknown_metrics():
    assert detect_metrics([gold()]) == "all"
    assert score([gold()], [pred()], "loc-date")["metrics"] == "loc-date"
    with pytest.raises(GoldError):
        score([gold()], [], "bogus")


# --------------------------------------------------------------------------- files and the command
def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_input_file_beside_the_gold_is_preferred(tmp_path):
    g = _write(tmp_path / "set.jsonl", [gold()])
    assert input_path(g) == g
    beside = _write(tmp_path / "set.input.jsonl", [{"id": "r1", "text": "invented", "published": "2019-05-11"}])
    assert input_path(g) == beside


def test_load_records_rejects_files_without_gold(tmp_path):
    bad = _write(tmp_path / "x.jsonl", [{"id": "r1", "text": "no gold here"}])
    with pytest.raises(GoldError):
        realdev.load_records(bad)
    assert not realdev.is_realdev_gold(bad)
    assert realdev.is_realdev_gold(_write(tmp_path / "y.jsonl", [gold()]))


def test_eval_command_scores_a_jsonl_gold_without_pages(tmp_path, monkeypatch):
    from sitrep.cli import app

    g = _write(tmp_path / "set.jsonl", [gold("r1"), gold("r2")])
    monkeypatch.setattr(realdev, "predict", lambda path, records, extractor=None: ([pred("r1")], 0))
    runner = CliRunner()
    r = runner.invoke(app, ["eval", str(g), "--json"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.output)
    assert (report["metrics"], report["recall"], report["precision"]) == ("all", 0.5, 1.0)
    r = runner.invoke(app, ["eval", str(g), "--metrics", "loc-date", "--json"])
    assert json.loads(r.output)["recall_detect"] == 0.5
    r = runner.invoke(app, ["eval", str(g)])
    assert r.exit_code == 0 and "recall" in r.output
