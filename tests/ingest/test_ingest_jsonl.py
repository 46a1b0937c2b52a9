"""JSONL exports: per-line records, names, metadata and per-line failures."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

from sitrep.errors import SKIP_BAD_JSON, SKIP_BAD_RECORD, SKIP_EMPTY, SKIP_TRUNCATED
from sitrep.ingest import read_inputs
from sitrep.records import DocMeta, RawDoc, Skip


def test_fixture_lines(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ingest" / "records.jsonl"
    items = list(read_inputs([path]))
    summary = [
        (i.name, i.origin) if isinstance(i, RawDoc) else (i.reason, i.origin) for i in items
    ]
    assert summary == [
        ("wire-001", f"{path}#1"),
        ("records.jsonl#3", f"{path}#3"),  # line 2 is blank and ignored
        (SKIP_BAD_JSON, f"{path}#4"),
        (SKIP_BAD_RECORD, f"{path}#5"),
        ("4", f"{path}#6"),
        (SKIP_BAD_RECORD, f"{path}#7"),
    ]
    first, second, bad_json, no_text, html_doc, bad_date = items
    assert isinstance(first, RawDoc) and first.meta == DocMeta(
        url="https://wire.example.com/a/1",
        source="Example Wire",
        published=date(2022, 5, 6),
        language="en",
        title="Drones downed",
        published_source="meta",
    )
    assert first.text == "Two drones were shot down over Lake Port on Friday, the coastal command said."
    assert isinstance(second, RawDoc) and second.meta == DocMeta(published=date(2022, 5, 7), published_source="meta")
    assert isinstance(bad_json, Skip) and "line 4" in bad_json.message
    assert isinstance(no_text, Skip) and "neither 'text' nor 'html'" in no_text.message
    # The record's own field beats what its HTML says; HTML fills the rest.
    assert isinstance(html_doc, RawDoc) and html_doc.text is None
    assert html_doc.meta == DocMeta(
        source="Record Outlet", published=date(2020, 2, 2), language="de", title="Page title",
        published_source="meta",
    )
    assert isinstance(bad_date, Skip) and "'last Tuesday'" in bad_date.message


def _write_lines(path: Path, lines: list[object]) -> None:
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")


def test_wrong_types_are_bad_records_and_empty_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    _write_lines(
        path,
        [
            [1, 2],
            {"text": 5},
            {"text": "ok", "source": ["a"]},
            {"text": "ok", "id": {"x": 1}},
            {"text": "   "},
            {"text": "Fine record.", "id": 0},
        ],
    )
    items = list(read_inputs([path]))
    assert [getattr(i, "reason", None) for i in items] == [
        SKIP_BAD_RECORD,
        SKIP_BAD_RECORD,
        SKIP_BAD_RECORD,
        SKIP_BAD_RECORD,
        SKIP_EMPTY,
        None,
    ]
    assert isinstance(items[-1], RawDoc) and items[-1].name == "0"


def test_text_wins_over_html_and_crlf_text_is_normalised(tmp_path: Path) -> None:
    path = tmp_path / "both.jsonl"
    _write_lines(path, [{"id": "b", "text": "Line one.\r\nLine two.", "html": "<p>ignored</p>"}])
    (doc,) = read_inputs([path])
    assert isinstance(doc, RawDoc)
    assert (doc.text, doc.html) == ("Line one.\nLine two.", None)


def test_invalid_utf8_line_is_skipped_and_others_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\n{"text": "good"}\n')
    first, second = read_inputs([path])
    assert isinstance(first, Skip) and first.origin == f"{path}#1"
    assert isinstance(second, RawDoc) and second.text == "good"


def test_json_array_file_and_pretty_printed_object(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps([{"text": "One."}, {"id": "k", "text": "Two."}], indent=2))
    (tmp_path / "b.json").write_text(json.dumps({"text": "Three."}, indent=2))
    (tmp_path / "c.json").write_text('{"text": "Four."}\n{"text": "Five."}\n')
    items = list(read_inputs([tmp_path]))
    assert [(i.name, i.text) for i in items if isinstance(i, RawDoc)] == [
        ("a.json#1", "One."),
        ("k", "Two."),
        ("b.json#1", "Three."),
        ("c.json#1", "Four."),
        ("c.json#2", "Five."),
    ]
    assert len(items) == 5


def test_gzipped_jsonl_streams_and_reports_truncation(tmp_path: Path) -> None:
    payload = "".join(json.dumps({"text": f"Report {n}." + " pad" * 400}) + "\n" for n in range(50))
    whole = gzip.compress(payload.encode("utf-8"))
    good = tmp_path / "a.jsonl.gz"
    good.write_bytes(whole)
    cut = tmp_path / "b.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    items = list(read_inputs([good, cut]))
    from_good = [i for i in items if isinstance(i, RawDoc) and i.name.startswith("a.jsonl.gz#")]
    from_cut = [i for i in items if isinstance(i, RawDoc) and i.name.startswith("b.jsonl.gz#")]
    assert len(from_good) == 50
    assert 0 < len(from_cut) < 50
    assert isinstance(items[-1], Skip) and items[-1].reason == SKIP_TRUNCATED
    assert [i for i in items if isinstance(i, Skip)] == [items[-1]]
