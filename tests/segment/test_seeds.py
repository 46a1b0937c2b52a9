"""The five development pages, scored by the segmentation scorer (skips without ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.eval.gold import load_gold
from sitrep.eval.segmentation import score_segmentation
from sitrep.segment import normalise_newlines, segment_text

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def report(seeds_dir: Path, gold_dir: Path) -> dict:
    gold = load_gold(gold_dir)
    segs = {
        g.doc: segment_text(normalise_newlines((seeds_dir / g.doc).read_text(encoding="utf-8")))
        for g in gold
    }
    return score_segmentation(gold, segs)


def test_titles_and_body_boundaries(report: dict) -> None:
    t = report["totals"]
    assert t["missing"] == 0
    assert (t["title_exact"]["passed"], t["title_exact"]["total"]) == (5, 5)
    assert (t["body_exact"]["passed"], t["body_exact"]["total"]) == (5, 5)


def test_comment_counts_in_range(report: dict) -> None:
    assert (report["totals"]["comments_in_range"]["passed"], report["totals"]["comments_in_range"]["total"]) == (5, 5)


def test_named_authors_found(report: dict) -> None:
    assert report["totals"]["named_authors_found"]["rate"] >= 0.9


def test_bulleted_reply_depths_exact(report: dict) -> None:
    assert report["totals"]["depths_exact"] == {"passed": 1, "total": 1, "rate": 1.0}


def test_no_boilerplate_inside_body(report: dict) -> None:
    assert report["totals"]["boilerplate_in_body"] == 0
    assert report["totals"]["boilerplate_outside_body"] == 1.0
