"""`sitrep review`, `sitrep export --raw` and the gold JSONL export, through the command line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.errors import InputError
from sitrep.eval.realdev import load_records

runner = CliRunner()


def _sitrep(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitrep", *args], capture_output=True, text=True, timeout=120)


def _ids(text: str) -> set[str]:
    return {r["event_id_cnty"] for r in csv.DictReader(io.StringIO(text))}


def test_reject_then_export_and_raw(kit, db):
    mid = kit.merged_id_of(db, "rv1-protest")
    res = runner.invoke(app, ["review", mid, "--reject", "--note", "no protest took place", "--reviewer", "ana", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert f"reject {mid} by ana" in res.output
    assert mid not in _ids(runner.invoke(app, ["export", "--db", str(db)]).output)
    assert mid in _ids(runner.invoke(app, ["export", "--raw", "--db", str(db)]).output)


def test_set_list_history_and_gold_export(kit, db, tmp_path, monkeypatch):
    monkeypatch.setenv("SITREP_REVIEWER", "ben")
    mid = kit.merged_id_of(db, "rv1-clash")
    res = runner.invoke(app, ["review", mid, "--set", "fatalities=3", "--set", "event_date=2023-04-30", "--db", str(db)])
    assert res.exit_code == 0, res.output
    listed = runner.invoke(app, ["review", "--list", "--format", "jsonl", "--db", str(db)])
    (item,) = [json.loads(x) for x in listed.output.splitlines()]
    assert (item["event_id"], item["action"], item["reviewer"], item["fields"]) == (
        mid, "correct", "ben", {"fatalities": 3, "event_date": "2023-04-30"})
    assert item["agreement"] == "differs"
    history = runner.invoke(app, ["review", mid, "--db", str(db)])
    assert "correct by ben" in history.output and "fatalities=4" in history.output  # what the machine had
    out = tmp_path / "gold" / "reviews.jsonl"
    assert runner.invoke(app, ["review", "--export", str(out), "--db", str(db)]).exit_code == 0
    (rec,) = load_records(out)
    assert rec["id"] == mid and rec["gold"]["fatalities"] == 3 and rec["gold"]["event_date"] == "2023-04-30"
    assert rec["gold"]["actor1"] == "Red Hill Brigade" and "Old Mill village" in rec["text"]
    assert rec["published"] == "2023-05-02" and rec["flags"] == ["sitrep_review", "correct"]


def test_bad_input_is_one_line_and_stores_nothing(kit, db):
    mid = kit.merged_id_of(db, "rv1-clash")
    for args, msg in [(["--set", "fatalities"], "expected FIELD=VALUE"), (["--reject", "--confirm"], "give one of"),
                      (["--set", "inter1=12"], "outside 0..8")]:  # fmt: skip
        res = runner.invoke(app, ["review", mid, *args, "--reviewer", "ana", "--db", str(db)])
        assert isinstance(res.exception, InputError) and msg in str(res.exception), res.output
    res = _sitrep("review", "m-unknown", "--reject", "--reviewer", "ana", "--db", str(db))
    assert res.returncode == 1 and res.stderr.startswith("error[E005]") and res.stderr.count("\n") == 1
    listed = runner.invoke(app, ["review", "--list", "--db", str(db)])
    assert "0 reviewed event(s)" in listed.output
