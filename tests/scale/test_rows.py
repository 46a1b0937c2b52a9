"""Spark-free pieces of sitrep.scale: row shapes, records back from rows, work units."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.records import Comment, DocMeta, Document, Event, Evidence, Segmentation, Statement, TextSpan
from sitrep.scale.rows import document_from_rows, document_rows, event_from_row, event_row, result_rows
from sitrep.scale.schema import DATASETS, columns
from sitrep.scale.units import Unit, list_units

TEXT = "Title here\n\nBody one.\n\nBody two.\n\nnice post"


def _doc(title_span: bool = True) -> Document:
    seg = Segmentation(
        title=TextSpan(0, 10, "Title here") if title_span else None,
        body=[TextSpan(12, 21, "Body one."), TextSpan(23, 32, "Body two.")],
        comments=[Comment(0, "anon", 0, "nice post", 34, 43, None)],
    )
    meta = DocMeta(url="u", source="S", published=date(2021, 5, 1), language="en", title="Meta title")
    return Document("d1", "n.txt", "/x/n.txt", TEXT, meta, seg)


def test_every_dataset_has_columns_from_the_store_schema():
    for table in DATASETS:
        assert columns(table), table
    assert "ingested_at" not in columns("documents") and "seen_at" not in columns("skips")


def test_row_widths_match_the_schema():
    ev = Event("e1", "d1", date(2021, 5, 1), 1, "Battles", "Armed clash", "A", latitude=35, longitude=40,
               evidence=[Evidence("trigger", 12, 16, "Body")])  # fmt: skip
    rows = list(result_rows(_doc(), [ev], [Statement("d1", "threat", "Body two.", 23, 32)]))
    for table, row in rows:
        assert len(row) == len(columns(table)), table
    assert {t for t, _ in rows} == {"documents", "segments", "comments", "events", "evidence", "statements"}


@pytest.mark.parametrize("title_span", [True, False])
def test_document_round_trips_through_rows(title_span):
    doc = _doc(title_span)
    rows = document_rows(doc)
    d = dict(zip(columns("documents"), rows["documents"][0]))
    segs = [dict(zip(columns("segments"), r)) for r in rows["segments"]]
    coms = [dict(zip(columns("comments"), r)) for r in rows["comments"]]
    back = document_from_rows(d, segs, coms)
    assert document_rows(back) == rows
    assert back.segmentation == doc.segmentation


def test_event_round_trips_through_its_row():
    ev = Event("e1", "d1", date(2021, 5, 1), 1, "Battles", "Armed clash", "A", inter1=2, fatalities=None,
               latitude=35.5, longitude=40.25, date_inferred=True, evidence=[Evidence("trigger", 1, 2, "x")])  # fmt: skip
    row = dict(zip(columns("events"), event_row(ev)))
    back = event_from_row(row, [{"field": "trigger", "start": 1, "end": 2, "text": "x"}])
    assert back == ev


def test_units_follow_reading_order_and_split_parquet_by_row_group(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text("{}", encoding="utf-8")
    pq.write_table(pa.table({"text": ["x", "y", "z"]}), tmp_path / "c.parquet", row_group_size=2)
    units = list_units([tmp_path])
    assert [(u.path.rsplit("/", 1)[-1], u.row_group, u.first_row) for u in units] == [
        ("a.jsonl", -1, 0), ("b.txt", -1, 0), ("c.parquet", 0, 0), ("c.parquet", 1, 2),
    ]  # fmt: skip
    assert [u.index for u in units] == [0, 1, 2, 2]
    assert isinstance(units[0], Unit)
