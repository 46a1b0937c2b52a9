"""Same answers: the demo corpus through `sitrep ingest` + fusion and through `spark_run`.

Every table is compared row for row as a multiset (row order and run timestamps
ignored): documents, segments, comments, events, evidence, statements, skips,
and fusion's merged_events, event_sources and event_blocks. Then the Spark output
is imported into a fresh store and must equal the local store table by table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import DERIVED, TABLES, parquet_rows, store_rows

from sitrep.demo_run import demo_dir
from sitrep.ingest import load_manifest
from sitrep.runner import ingest
from sitrep.store import Store


@pytest.fixture(scope="module")
def demo() -> tuple[list[str], dict]:
    base = demo_dir()
    return [str(base / "pages")], load_manifest(base / "manifest.csv")


@pytest.fixture(scope="module")
def local(tmp_path_factory, demo, extractor_spec):
    from sitrep.fuse import fuse_all

    paths, manifest = demo
    store = Store(tmp_path_factory.mktemp("local") / "local.db")
    factory = extractor_spec if callable(extractor_spec) else None
    if factory is None:
        from sitrep.runner import load_extractor as factory
    report = ingest(paths, store, manifest=manifest, extractor=factory)
    fuse_all(store)
    yield store, report
    store.close()


@pytest.fixture(scope="module")
def spark_out(tmp_path_factory, spark, demo, extractor_spec):
    from sitrep.scale import spark_run

    paths, manifest = demo
    out = tmp_path_factory.mktemp("spark") / "out"
    report = spark_run(paths, str(out), manifest=manifest, extractor=extractor_spec, spark=spark, partitions=4)
    return out, report


def test_run_report_matches_local_report(local, spark_out):
    _, lrep = local
    _, srep = spark_out
    assert srep.read == lrep.read
    assert srep.documents == lrep.added
    assert srep.duplicates == lrep.already
    assert srep.events == lrep.events
    assert srep.failed == lrep.failed
    assert srep.partitions == 4
    assert srep.documents == 11  # the demo corpus: 6 text, 2 HTML, 2 JSONL records, 1 WARC record


@pytest.mark.parametrize("table", TABLES)
def test_table_identical(local, spark_out, table):
    store, _ = local
    out, _ = spark_out
    assert parquet_rows(out, table) == store_rows(store, table)


def test_demo_has_something_to_compare(local):
    store, _ = local
    counts = store.counts()
    assert counts["documents"] == 11
    assert counts["segments"] > 0 and counts["comments"] > 0
    assert counts["events"] > 0, "extractor produced no events: the event comparison would be empty"
    multi = store.conn.execute("SELECT count(*) FROM merged_events WHERE n_sources > 1").fetchone()[0]
    assert multi >= 1, "no multi-report cluster: the cluster comparison would be trivial"


def test_acled_csv_has_one_row_per_merged_event(spark_out):
    import csv

    from sitrep.scale.schema import columns

    out, report = spark_out
    files = sorted((out / "acled_csv").glob("part-*.csv"))
    assert len(files) == 1
    with files[0].open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert set(header) <= set(columns("merged_events"))
    assert len(rows) - 1 == report.merged_events


def test_import_round_trip(local, spark_out, tmp_path):
    from sitrep.scale import import_parquet

    store, _ = local
    out, report = spark_out
    with Store(tmp_path / "imported.db") as imported:
        first = import_parquet(out, imported)
        assert first["documents"] == report.documents and first["already"] == 0
        assert first["events"] == report.events
        assert first["merged_events"] == report.merged_events
        for table in TABLES + DERIVED:
            assert store_rows(imported, table) == store_rows(store, table), table
        again = import_parquet(out, imported)  # idempotent
        assert again["documents"] == 0 and again["already"] == report.documents
        for table in TABLES:
            assert store_rows(imported, table) == store_rows(store, table), table


def test_import_refuses_unfinished_output(tmp_path):
    from sitrep.errors import InputError
    from sitrep.scale import import_parquet

    (tmp_path / "events").mkdir()
    with Store(":memory:") as st, pytest.raises(InputError, match="not a finished spark-run output"):
        import_parquet(tmp_path, st)
