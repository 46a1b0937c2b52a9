"""`sitrep eval --reviews` on demo pages with three scripted corrections and one rejection.

The real extractor runs twice over the same pages (ingest, then the evaluation), so it
reproduces its own output: a correction to a value it already gives is agreed with, a
changed toll is paired but disagrees, a changed sub-event type is not reproduced, and
the rejected event is still extracted. The extractor is loaded once for the module.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sitrep.demo_run import demo_dir
from sitrep.ingest import load_manifest
from sitrep.review.ledger import add_review
from sitrep.store import Store

PAGES = ("001_dhiban_roadside_bomb.txt", "002_bukamal_strikes.txt")


@pytest.fixture(scope="module")
def extractor():
    from sitrep.runner import load_extractor

    return load_extractor()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, extractor):
    from sitrep.runner import ingest

    base = demo_dir()
    path = tmp_path_factory.mktemp("review-eval") / "demo.db"
    with Store(path) as store:
        ingest([str(base / "pages" / p) for p in PAGES], store, manifest=load_manifest(base / "manifest.csv"),
               extractor=extractor)  # fmt: skip
    return path


def _merged(store: Store) -> list[dict]:
    rows = store.conn.execute("SELECT merged_id, sub_event_type, fatalities, actor1 FROM merged_events"
                              " WHERE n_sources = 1 ORDER BY merged_id").fetchall()  # fmt: skip
    return [dict(r) for r in rows]


def test_eval_reviews_reports_agreement_with_scripted_corrections(demo_db, extractor, monkeypatch):
    from sitrep.cli import app

    with Store(demo_db) as store:
        events = _merged(store)
        assert len(events) >= 4, events
        same, toll, retype, wrong = events[:4]
        add_review(store.conn, same["merged_id"], "correct", "ana", {"actor1": same["actor1"]}, note="checked the actor")
        add_review(store.conn, toll["merged_id"], "correct", "ana", {"fatalities": str((toll["fatalities"] or 0) + 5)})
        other = "Agreement" if retype["sub_event_type"] != "Agreement" else "Arrests"
        add_review(store.conn, retype["merged_id"], "correct", "ana", {"sub_event_type": other})
        add_review(store.conn, wrong["merged_id"], "reject", "ana", note="not an event")

    monkeypatch.setattr("sitrep.runner.load_extractor", lambda: extractor)
    res = CliRunner().invoke(app, ["eval", "--reviews", "--json", "--db", str(demo_db)])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert (report["reviewed_events"], report["corrected"], report["rejected"]) == (4, 3, 1)
    assert (report["required_events"], report["paired"]) == (3, 2)
    assert report["recall"] == pytest.approx(0.667)
    assert report["acc_fatalities"] == 0.5  # the raised toll is paired but not reproduced
    assert report["acc_actor1"] == 1.0
    assert [m["id"] for m in report["missed"]] == [retype["merged_id"]]
    assert report["rejected_still_extracted"] == 1


def test_eval_without_gold_or_reviews_is_one_clear_error(demo_db):
    from sitrep.cli import app
    from sitrep.errors import InputError

    res = CliRunner().invoke(app, ["eval", "--db", str(demo_db)])
    assert isinstance(res.exception, InputError) and "--reviews" in str(res.exception)
