"""Regression floors on ../shared/realdev (real ACLED notes and UCDP-cited headlines).

Runs the extractor on the three realdev sets and scores them with our own implementation of
the realdev pairing rule (`sitrep.eval.realdev`); a figure below its floor fails. Skips cleanly
when ../shared/realdev is not there (CI without it stays green). The files are read for
measurement only (../shared/realdev/README.md): nothing from them is copied here.

When score.py is present too, our figures must agree with it to the third decimal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Floors, a little below the figures reached (baseline at 9108db3: acled_battles 0.228 / 0.224,
# acled_2018 0.360 / 0.420, ucdp_headlines detect 0.485, located-when-named 0.463; after the
# event stages, real-text rules, actor conventions and gazetteer merge of session 3:
# acled_battles 0.432 / 0.374, acled_2018 0.445 / 0.458, ucdp detect 0.650, named 0.509;
# after session 4's real-wording rules: acled_battles 0.512 / 0.440, acled_2018 0.515 / 0.518,
# ucdp detect 0.700, named 0.565; after session 5's ACLED conventions and headline rules:
# acled_battles 0.588 / 0.479, acled_2018 0.565 / 0.527, ucdp detect 0.795, named 0.639; after
# session 6's armed-target conventions, one-fight merging and place phrases: acled_battles
# 0.665 / 0.568, acled_2018 0.610 / 0.565, ucdp detect 0.825, named 0.704; after session 7's
# ACLED typing conventions (movements, detentions, agreements, custody deaths), actor forms,
# headline forms and compass-checked place phrases: acled_battles 0.688 / 0.590, acled_2018
# 0.655 / 0.604, ucdp detect 0.873, named 0.778; after session 8's coder forms, place phrases
# and every country's actors: acled_battles 0.723 / 0.635, acled_2018 0.708 / 0.645, ucdp detect
# 0.885, named 0.806).
# RAISE THEM DELIBERATELY as the extractor improves (issue #13), never lower them to make a
# change pass: a figure under its floor is a regression.
FLOORS: dict[str, dict[str, float]] = {
    "acled_battles": {"recall": 0.71, "precision": 0.62},
    "acled_2018": {"recall": 0.69, "precision": 0.63},
    "ucdp_headlines": {"recall_detect": 0.875, "recall_located_named_in_text": 0.80},
}

# Same rule as tests/conftest.py: ../shared beside the checkout, or $SITREP_SHARED.
REALDEV = Path(os.environ.get("SITREP_SHARED", Path(__file__).resolve().parents[2].parent / "shared")) / "realdev"


@pytest.fixture(scope="module")
def realdev_dir():
    if not all((REALDEV / f"{name}.jsonl").is_file() for name in FLOORS):
        pytest.skip("../shared/realdev not present")
    return REALDEV


@pytest.fixture(scope="module")
def extractor(realdev_dir):
    from sitrep.runner import load_extractor

    return load_extractor()


@pytest.fixture(scope="module")
def runs(realdev_dir, extractor):
    """Per set: (predicted rows, our report); extraction runs once per set."""
    from sitrep.eval import realdev

    out = {}
    for name in FLOORS:
        gold = realdev_dir / f"{name}.jsonl"
        records = realdev.load_records(gold)
        rows, skipped = realdev.predict(gold, records, extractor)
        assert skipped == 0
        out[name] = (rows, realdev.score(records, rows))
    return out


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_realdev_floor(runs, name):
    report = runs[name][1]
    below = {k: (report[k], floor) for k, floor in FLOORS[name].items() if report[k] is None or report[k] < floor}
    assert not below, f"{name}: below floor (got, floor): {below}"


def test_ucdp_is_scored_as_loc_date(runs):
    assert runs["ucdp_headlines"][1]["metrics"] == "loc-date"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_agrees_with_realdev_score_py(runs, name, tmp_path):
    script = REALDEV / "score.py"
    if not script.is_file():
        pytest.skip("../shared/realdev/score.py not present")
    pytest.importorskip("yaml")
    rows, ours = runs[name]
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    args = ["--metrics", "loc-date"] if ours["metrics"] == "loc-date" else []
    cmd = [sys.executable, str(script), "--gold", str(REALDEV / f"{name}.jsonl"), "--pred", str(pred), *args]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    theirs = json.loads(done.stdout)
    differ = {
        k: (ours.get(k), v)
        for k, v in theirs.items()
        if isinstance(v, (int, float)) and not isinstance(v, bool) and (ours.get(k) is None or abs(ours[k] - v) > 5e-4)
    }
    assert not differ, f"{name}: ours vs score.py: {differ}"
