"""The bundled demo corpus (three invented outlets, text/HTML/JSONL/WARC), scored by the
segmentation scorer against src/sitrep/demo/gold.yaml. Always runs: the corpus ships
in the package. Targets are the project's segmentation targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.eval.gold import load_gold
from sitrep.eval.segmentation import score_segmentation
from sitrep.ingest import load_manifest
from sitrep.records import Document
from sitrep.runner import documents

DEMO = Path(__file__).resolve().parents[2] / "src" / "sitrep" / "demo"


@pytest.fixture(scope="module")
def demo_docs() -> dict[str, Document]:
    docs = documents([DEMO / "pages"], manifest=load_manifest(DEMO / "manifest.csv"))
    return {d.name: d for d in docs if isinstance(d, Document)}


@pytest.fixture(scope="module")
def report(demo_docs: dict[str, Document]) -> dict:
    gold = load_gold(DEMO / "gold.yaml")
    return score_segmentation(gold, {n: d.segmentation for n, d in demo_docs.items()})


def _failing(report: dict, key: str) -> list[str]:
    return [d["doc"] for d in report["documents"] if d.get(key) is False]


def test_every_container_is_scored(report: dict, demo_docs: dict[str, Document]) -> None:
    t = report["totals"]
    assert t["missing"] == 0
    # 6 text dumps, 2 HTML pages, 2 JSONL records, 1 WARC response.
    assert t["docs"] == 11
    assert {d.fmt for d in demo_docs.values()} == {"text", "html"}


def test_titles_exact(report: dict) -> None:
    assert _failing(report, "title_exact") == []
    assert report["totals"]["title_exact"]["rate"] == 1.0


def test_body_boundaries_exact(report: dict) -> None:
    assert _failing(report, "body_first_exact") == []
    assert _failing(report, "body_last_exact") == []
    assert report["totals"]["body_exact"]["rate"] == 1.0


def test_comment_counts_in_range(report: dict) -> None:
    assert _failing(report, "comments_in_range") == []
    assert report["totals"]["comments_in_range"]["rate"] == 1.0


def test_named_authors_found(report: dict) -> None:
    assert report["totals"]["named_authors_found"]["rate"] >= 0.9


def test_reply_depths_exact(report: dict) -> None:
    t = report["totals"]["depths_exact"]
    assert t["total"] >= 1
    assert _failing(report, "depths_exact") == []


def test_no_boilerplate_inside_body(report: dict) -> None:
    assert report["totals"]["boilerplate_in_body"] == 0
    assert report["totals"]["boilerplate_outside_body"] == 1.0


def test_captions_exact_where_annotated(report: dict) -> None:
    assert _failing(report, "caption_exact") == []
