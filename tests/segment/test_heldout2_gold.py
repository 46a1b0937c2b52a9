"""The second held-out set (tests/fixtures/heldout2: six pages of three invented
outlets the segmenter was not built on), scored against its gold segments.

Pinned at what the segmenter reaches: every title, caption and body boundary exact,
every comment count in range, every named author and reply depth found, and no
boilerplate inside the body."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.eval.run import evaluate

HELDOUT2 = Path(__file__).resolve().parents[1] / "fixtures" / "heldout2"


@pytest.fixture(scope="module")
def totals() -> dict:
    r = evaluate(str(HELDOUT2 / "gold.yaml"), str(HELDOUT2 / "pages"), events=False)
    return r["segmentation"]["totals"]


@pytest.mark.parametrize("key", ["title_exact", "caption_exact", "body_first_exact", "body_last_exact",
                                 "body_exact", "comments_in_range", "depths_exact"])
def test_rate_is_full(totals: dict, key: str) -> None:
    assert totals[key]["total"] > 0
    assert totals[key]["rate"] == 1.0, key


def test_pages_scored(totals: dict) -> None:
    assert totals["docs"] == 6 and totals["missing"] == 0


def test_named_authors(totals: dict) -> None:
    assert totals["named_authors_found"]["found"] == totals["named_authors_found"]["total"] == 25


def test_no_boilerplate_in_body(totals: dict) -> None:
    assert totals["boilerplate_in_body"] == 0
    assert totals["boilerplate_outside_body"] == 1.0
