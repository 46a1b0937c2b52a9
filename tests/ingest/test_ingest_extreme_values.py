"""Extreme publication dates and lone surrogates never drop a document (#15)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.ingest import read_inputs
from sitrep.ingest.dates import parse_iso_date
from sitrep.ingest.hashing import content_hash
from sitrep.records import DocMeta, Document, RawDoc, Skip
from sitrep.runner import documents

TEXT = (
    "Bridge Reopens Over The Invented River Tarn\n\n"
    "Engineers reopened the old bridge over the invented river Tarn on Monday after two months of repairs.\n"
)


@pytest.mark.parametrize(
    "value",
    ["0000-01-01", "0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31", "99999-01-01",
     "9" * 40 + "-01-01", "-0044-03-15", "2020-02-30"],
)
def test_out_of_range_or_impossible_dates_are_undated(value: str) -> None:
    assert parse_iso_date(value) is None


def test_range_edges_parse() -> None:
    assert parse_iso_date("1900-01-01") == date(1900, 1, 1)
    assert parse_iso_date("2100-12-31T23:59:59Z") == date(2100, 12, 31)
    assert parse_iso_date(date(1, 1, 1)) is None


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("published", ["0000-01-01", "0001-01-03", "9999-12-30", "99999-01-01", "9" * 40 + "-01-01"])
def test_jsonl_record_with_extreme_date_is_kept_undated(tmp_path: Path, published: str) -> None:
    # Before: year 0/99999 was a bad-record skip, and year 1 or 9999 crashed event
    # dating later (OverflowError) and dropped the document.
    items = list(read_inputs([_jsonl(tmp_path / "r.jsonl", [{"id": "r1", "published": published, "text": TEXT}])]))
    assert len(items) == 1 and isinstance(items[0], RawDoc)
    assert items[0].meta.published is None


def test_jsonl_date_that_is_not_a_date_is_still_a_skip(tmp_path: Path) -> None:
    items = list(read_inputs([_jsonl(tmp_path / "r.jsonl", [{"id": "r1", "published": "last Tuesday", "text": TEXT}])]))
    assert isinstance(items[0], Skip) and items[0].message == "'published' is not an ISO date: 'last Tuesday'"


def test_out_of_range_default_date_is_dropped(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text(TEXT, encoding="utf-8")
    (doc,) = read_inputs([page], defaults=DocMeta(published=date(1, 1, 1), source="Outlet"))
    assert isinstance(doc, RawDoc) and doc.meta == DocMeta(published=None, source="Outlet")


def test_lone_surrogates_are_replaced_at_read_time(tmp_path: Path) -> None:
    # json.dumps writes a lone surrogate as the escape \ud800, which json.loads
    # turns back into a str that cannot be encoded as UTF-8.
    record = {"id": "s1", "title": "Bridge \udc80 reopens", "text": TEXT.replace("old bridge", "old \ud800 bridge")}
    path = _jsonl(tmp_path / "s.jsonl", [record])
    (doc,) = read_inputs([path])
    assert isinstance(doc, RawDoc)
    assert doc.meta.title == "Bridge \ufffd reopens"
    assert doc.text is not None and "old \ufffd bridge" in doc.text
    assert len(content_hash(doc.text)) > 0  # encodable now
    (segmented,) = documents([path])
    assert isinstance(segmented, Document), segmented
    assert [sp.text for sp in segmented.segmentation.body] == [
        "Engineers reopened the old \ufffd bridge over the invented river Tarn on Monday after two months of repairs."
    ]


def test_surrogate_pair_escapes_are_one_character(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"id": "p1", "text": "' + TEXT.replace("\n", "\\n").replace("Monday", "Monday \\ud83d\\ude00") + '"}\n')
    (doc,) = read_inputs([path])
    assert isinstance(doc, RawDoc) and "Monday \U0001f600" in (doc.text or "")
