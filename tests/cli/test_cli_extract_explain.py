"""`sitrep extract --explain`: every trigger word with the stage that kept or stopped it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sitrep.cli import app


def test_explain_lists_kept_and_stopped_triggers(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("Government forces shelled the town of Saraqib on Monday. "
                 "The army did not shell the town of Kafranbel.\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(p), "--published", "2021-03-09", "--explain"])
    assert r.exit_code == 0, r.output
    lines = [ln for ln in r.output.splitlines() if ln.startswith("r.txt\t")]
    kept = [ln for ln in lines if "\tevent\t" in ln]
    stopped = [ln for ln in lines if "\tdrop:modality\t" in ln]
    assert len(kept) == 1 and "'shelled'" in kept[0] and "assemble" in kept[0]
    assert len(stopped) == 1 and "'shell'" in stopped[0]
    events = [json.loads(ln) for ln in r.output.splitlines() if ln.startswith("{")]
    assert [e["location"] for e in events] == ["Saraqib"]


def test_without_explain_nothing_is_traced(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("Government forces shelled the town of Saraqib on Monday.\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(p), "--published", "2021-03-09"])
    assert r.exit_code == 0 and "\tevent\t" not in r.output
