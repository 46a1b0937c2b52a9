"""Exports read back with pandas and duckdb: same rows, same types, filters, no comment text."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from importlib import resources

import duckdb
import jsonschema
import pandas as pd
import pytest

from sitrep.errors import InputError
from sitrep.fuse import founding_id
from sitrep.export import ACLED_COLUMNS, COLUMNS, PANDAS_DTYPES, export_events
from sitrep.records import DocMeta, Document, Event, Segmentation, TextSpan

COMMENT_MARK = "ZZCOMMENTZZ"
EXT = {"acled-csv": "csv", "parquet": "parquet", "jsonl": "jsonl", "geojson": "geojson"}
EXPECTED_ACLED = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip


def read_pandas(path, fmt) -> pd.DataFrame:
    if fmt == "acled-csv":
        return pd.read_csv(path, dtype=PANDAS_DTYPES, parse_dates=["event_date"], keep_default_na=False, na_values=[""])
    if fmt == "parquet":
        df = pd.read_parquet(path, dtype_backend="numpy_nullable")
        df["event_date"] = pd.to_datetime(df["event_date"])
        return df
    if fmt == "jsonl":
        df = pd.read_json(path, lines=True, dtype={c: t for c, t in PANDAS_DTYPES.items() if c != "evidence"})
    else:
        feats = json.loads(path.read_text())["features"]
        df = pd.DataFrame([f["properties"] for f in feats]).astype(
            {c: t for c, t in PANDAS_DTYPES.items() if c != "evidence"}
        )
    df["event_date"] = pd.to_datetime(df["event_date"])
    return df


def read_duckdb(path, fmt) -> list[tuple]:
    sql = {
        "acled-csv": f"SELECT event_id_cnty, event_date, fatalities, latitude FROM read_csv('{path}')",
        "parquet": f"SELECT event_id_cnty, event_date, fatalities, latitude FROM read_parquet('{path}')",
        "jsonl": f"SELECT event_id_cnty, event_date, fatalities, latitude FROM read_json('{path}')",
        "geojson": "SELECT f.properties.event_id_cnty, f.properties.event_date, f.properties.fatalities,"
        f" f.properties.latitude FROM (SELECT unnest(features) AS f FROM read_json('{path}', format='unstructured'))",
    }[fmt]
    rel = duckdb.sql(sql)
    assert [str(t) for t in rel.types] == ["VARCHAR", "DATE", "BIGINT", "DOUBLE"]
    return sorted(rel.fetchall())


@pytest.mark.parametrize("fmt", sorted(EXT))
def test_every_format_reads_back_with_pandas_and_duckdb(store, export_cfg, tmp_path, fmt):
    path = tmp_path / f"events.{EXT[fmt]}"
    assert export_events(store, fmt, path, cfg=export_cfg) == 13
    df = read_pandas(path, fmt)
    assert len(df) == 13
    assert str(df["event_date"].dtype).startswith("datetime64")
    assert str(df["fatalities"].dtype) == "Int64" and str(df["time_precision"].dtype) == "Int64"
    assert str(df["latitude"].dtype).lower() == "float64"
    assert int(df["fatalities"].isna().sum()) == 3  # protest, arrests, lone abduction: no figure stated
    row = df[df["n_outlets"] == 3].sort_values("event_date").iloc[0]
    assert (row["event_date"].date(), row["fatalities"], row["fatalities_min"], row["fatalities_max"]) == (
        date(2023, 5, 11), 6, 4, 9,
    )  # fmt: skip
    expected = sorted(
        (r.event_id_cnty, r.event_date.date(), None if pd.isna(r.fatalities) else int(r.fatalities), r.latitude)
        for r in df.itertuples()
    )
    assert read_duckdb(path, fmt) == expected


def test_acled_csv_columns_in_acled_order(store, export_cfg):
    out = io.StringIO()
    export_events(store, "acled-csv", out, cfg=export_cfg)
    header = next(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(header[: len(EXPECTED_ACLED)]) == EXPECTED_ACLED == ACLED_COLUMNS
    assert header[len(EXPECTED_ACLED) :] == [
        "merged_id", "doc_ids", "document", "outlet", "n_sources", "n_outlets", "certainty", "corroboration",
        "claimed_by", "plover_type", "evidence", "fatalities_min", "fatalities_max", "confidence", "fallbacks",
        "reviewed",
    ]  # fmt: skip


def test_geojson_is_valid_and_lon_lat(store, export_cfg):
    out = io.StringIO()
    export_events(store, "geojson", out, cfg=export_cfg)
    doc = json.loads(out.getvalue())
    schema = json.loads(resources.files("sitrep").joinpath("data/export/geojson.schema.json").read_text())
    jsonschema.validate(doc, schema)
    f = next(f for f in doc["features"] if f["properties"]["location"] == "Kafr Tal village")
    assert f["geometry"]["coordinates"] == [36.585, 35.89]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [36.6, 95.0]}}]}, schema)  # fmt: skip


def test_jsonl_keeps_every_source_with_evidence(store, export_cfg):
    out = io.StringIO()
    export_events(store, "jsonl", out, cfg=export_cfg)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    clash = next(r for r in rows if r["n_outlets"] == 3 and r["sub_event_type"] == "Armed clash")
    assert [(s["event_id"], s["outlet"], s["document"], s["fatalities"]) for s in clash["sources"]] == [
        ("fm-001-a", "Field Monitor Network", "fm-001.html", 6),
        ("nw-001-a", "Northern Wire", "nw-001.html", 9),
        ("vc-001-a", "Valley Courier", "vc-001.html", 4),
    ]
    ev = clash["sources"][0]["evidence"]
    assert [(e["field"], e["text"]) for e in ev] == [
        ("location", "Kafr Tal village"), ("sentence", "Kafr Tal village saw a armed clash."),
    ]  # fmt: skip
    assert all(s["certainty"] == "reported" and s["claimed_by"] is None for s in clash["sources"])
    assert clash["corroboration"] == "contested" and clash["certainty"] == "reported"
    assert clash["doc_ids"] == "fm-001; nw-001; vc-001"


@pytest.mark.parametrize("fmt", sorted(EXT))
def test_no_comment_text_in_any_export(store, export_cfg, tmp_path, fmt):
    assert store.conn.execute("SELECT count(*) FROM comments").fetchone()[0] == 14
    path = tmp_path / f"all.{EXT[fmt]}"
    export_events(store, fmt, path, cfg=export_cfg, merged=True)
    export_events(store, fmt, tmp_path / f"reports.{EXT[fmt]}", cfg=export_cfg, merged=False)
    for p in (path, tmp_path / f"reports.{EXT[fmt]}"):
        assert COMMENT_MARK.encode() not in p.read_bytes()
        assert b"was staged" not in p.read_bytes()


def test_filters(store, export_cfg):
    def ids(**kw):
        out = io.StringIO()
        export_events(store, "jsonl", out, cfg=export_cfg, **kw)
        return sorted(r["event_date"] for r in map(json.loads, out.getvalue().splitlines()))

    assert ids(since="2023-05-18") == ["2023-05-18", "2023-05-18", "2023-05-18", "2023-05-19", "2023-05-20",
                                       "2023-05-21", "2023-05-24"]  # fmt: skip
    assert ids(until=date(2023, 5, 10)) == ["2023-05-10", "2023-05-10"]
    assert ids(since="2023-05-12", until="2023-05-15") == ["2023-05-12", "2023-05-15"]
    assert len(ids(actor="russia")) == 3
    assert len(ids(event_type="Armed clash")) == 3
    assert len(ids(event_type="battles")) == 3
    assert ids(event_type="Arrests", actor="Military Forces of Syria") == ["2023-05-18"]
    with pytest.raises(InputError, match="since: 'last week' is not a date"):
        ids(since="last week")


def test_unfused_reports_export_as_single_source(store, export_cfg):
    text = "Harem saw a new clash."
    doc = Document("late", "late.txt", "/late.txt", text, DocMeta(source="Northern Wire"),
                   Segmentation(body=[TextSpan(0, len(text), text)]))  # fmt: skip
    e = Event("late-a", "late", date(2023, 6, 1), 1, "Battles", "Armed clash", "Hayat Tahrir al-Sham",
              location="Harem", latitude=36.2, longitude=36.5, geo_precision=1)  # fmt: skip
    store.write_batch([(doc, [e], [])])
    out = io.StringIO()
    assert export_events(store, "jsonl", out, cfg=export_cfg) == 14
    last = json.loads(out.getvalue().splitlines()[-1])
    assert (last["event_id_cnty"], last["corroboration"], last["n_outlets"], last["source"]) == (
        founding_id("late-a"), "single-source", 1, "Northern Wire",
    )  # fmt: skip


def test_report_level_export_has_one_row_per_report(store, export_cfg):
    assert export_events(store, "jsonl", io.StringIO(), cfg=export_cfg, merged=False) == 24


def test_unknown_format_is_an_input_error(store):
    with pytest.raises(InputError, match="unknown export format 'xlsx'"):
        export_events(store, "xlsx", io.StringIO())


def test_columns_constant_matches_writer(store, export_cfg):
    rows = list(csv.DictReader(io.StringIO(_csv(store, export_cfg))))
    assert tuple(rows[0]) == COLUMNS


def _csv(store, cfg) -> str:
    out = io.StringIO()
    export_events(store, "acled-csv", out, cfg=cfg)
    return out.getvalue()
