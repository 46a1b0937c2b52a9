"""`sitrep ingest` end to end: idempotent re-ingest, bad input reported, exit codes."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sitrep.cli import app

runner = CliRunner()


def test_reingesting_the_seeds_adds_nothing(seeds_dir, gold_dir, tmp_path):
    db = str(tmp_path / "s.db")
    args = ["ingest", str(seeds_dir), "--db", db, "--manifest", str(gold_dir / "manifest.csv"), "--no-events"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0 and "5 document(s) added, 0 already" in first.output
    second = runner.invoke(app, args)
    assert second.exit_code == 0 and "0 document(s) added, 5 already" in second.output


def test_bad_inputs_are_listed_and_the_rest_ingested(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.txt").write_text(
        "Council Reopens Bakery In Tafas\n\nThe local council reopened the town bakery on Sunday after repairs.\n"
        "\nResidents said bread prices would fall by the end of the month.\n",
        encoding="utf-8",
    )
    (pages / "empty.txt").write_text("", encoding="utf-8")
    (pages / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (pages / "broken.jsonl").write_text('{"id": "a", "text": "x"\nnot json at all\n', encoding="utf-8")
    r = runner.invoke(app, ["ingest", str(pages), "--db", str(tmp_path / "x.db"), "--no-events"])
    assert r.exit_code == 0, r.output
    assert "1 document(s) added" in r.output
    for reason in ("empty", "binary", "bad-json"):
        assert reason in r.output
    assert "Traceback" not in r.output


def test_nothing_ingestable_exits_nonzero(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    r = runner.invoke(app, ["ingest", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "x.db")])
    assert r.exit_code != 0


def test_segment_json_shape(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text(
        "Market Reopens In Jasim\n\nTraders in Jasim reopened the main market on Tuesday after a month of closure.\n\n"
        "The town council said electricity had been restored to most shops.\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["segment", str(page), "--format", "json"])
    data = json.loads(r.output)
    assert set(data) == {"title", "caption", "body", "boilerplate", "comments"}
    assert data["title"] == "Market Reopens In Jasim" and len(data["body"]) == 2 and data["comments"] == []
