"""Bad input is counted, not fatal; a task that fails once is retried without duplicates.

One run over a mixed folder: the demo pages, a JSONL file with a line that is not
JSON, a binary file, a second copy of a page under another name, and a Parquet
file with a good row and a row without text. A marker file makes the first task
that produces output fail once (the session allows 3 attempts per task).

These tests check distribution and fault handling, so they use the stand-in
extractor (tests/scale/standin.py): its output cannot change while colleagues
edit the real one between the Spark run and the local run it is compared with.
test_equivalence.py compares with the real extractor.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from sitrep.demo_run import demo_dir
from sitrep.ingest import load_manifest
from sitrep.runner import ingest
from sitrep.scale.importer import read_dataset
from sitrep.store import Store

from .helpers import parquet_rows, store_rows

GOOD_ROW = ("Drone strike near Bukamal\n\nA drone strike hit a truck near Bukamal on Monday, local sources said.\n\n"
            "The truck was carrying fuel, according to residents who saw the fire.")  # fmt: skip


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    root = tmp_path_factory.mktemp("mixed")
    pages = root / "pages"
    shutil.copytree(demo_dir() / "pages", pages)
    shutil.copy(pages / "001_dhiban_roadside_bomb.txt", pages / "zz_copy_of_001.txt")
    (pages / "broken.jsonl").write_text(
        '{"id": "ok-1", "text": "Clashes near Hajin\\n\\nFighting broke out near Hajin on Friday."}\n'
        "{this is not json\n",
        encoding="utf-8",
    )
    (pages / "blob.bin").write_bytes(bytes(range(256)) * 8)
    table = pa.table({
        "id": ["pq-1", "pq-2"], "text": [GOOD_ROW, None], "published": ["2021-07-05", "2021-07-05"],
        "source": ["Parquet Wire", "Parquet Wire"],
    })  # fmt: skip
    pq.write_table(table, root / "rows.parquet")
    return root


@pytest.fixture(scope="module")
def standin_spec(spark):
    import standin  # put on sys.path and shipped by value by the spark fixture

    return standin.Loader()


@pytest.fixture(scope="module")
def run(tmp_path_factory, spark, mixed, standin_spec):
    from sitrep.scale import spark_run

    tmp = tmp_path_factory.mktemp("faults")
    marker = tmp / "failed-once"
    out = tmp / "out"
    manifest = load_manifest(demo_dir() / "manifest.csv")
    report = spark_run([str(mixed / "pages"), str(mixed / "rows.parquet")], str(out), manifest=manifest,
                       extractor=standin_spec, spark=spark, partitions=6, fail_once=str(marker))  # fmt: skip
    return out, report, marker, None


def test_bad_records_are_counted_and_the_job_succeeds(run):
    out, report, _, _ = run
    assert report.skips == {"bad-json": 1, "bad-record": 1, "binary": 1}
    skipped = sorted((r["origin"].rsplit("/", 1)[-1], r["reason"]) for r in read_dataset(out, "skips"))
    assert skipped == [("blob.bin", "binary"), ("broken.jsonl#2", "bad-json"), ("rows.parquet#2", "bad-record")]
    assert json.loads((out / "summary.json").read_text())["skips"] == report.skips


def test_duplicate_page_is_dropped_as_locally(run):
    out, report, _, _ = run
    assert report.duplicates == 1
    names = Counter(r["name"] for r in read_dataset(out, "documents"))
    assert "zz_copy_of_001.txt" not in names and names["001_dhiban_roadside_bomb.txt"] == 1
    # 11 demo documents + 1 good JSONL line + 1 good Parquet row
    assert report.documents == 13


def test_parquet_rows_become_documents(run):
    out, _, _, _ = run
    docs = {r["name"]: r for r in read_dataset(out, "documents")}
    assert docs["pq-1"]["source"] == "Parquet Wire"
    assert docs["pq-1"]["published"] == "2021-07-05"
    assert docs["pq-1"]["origin"].endswith("rows.parquet#1")


def test_a_task_failed_once_and_nothing_is_duplicated(run):
    out, report, marker, _ = run
    assert marker.is_file(), "the injected failure did not happen: the test proves nothing"
    for table, key in (("documents", "doc_id"), ("events", "event_id"), ("merged_events", "merged_id")):
        ids = [r[key] for r in read_dataset(out, table)]
        assert len(ids) == len(set(ids)), table
    assert len(read_dataset(out, "events")) == report.events > 0
    assert sum(r["n_sources"] for r in read_dataset(out, "merged_events")) == report.events


def test_retried_run_equals_a_local_run_of_the_same_pages(run, mixed, standin_spec, tmp_path):
    out, _, _, _ = run
    factory = standin_spec
    with Store(tmp_path / "local.db") as store:
        local = ingest([str(mixed / "pages")], store, manifest=load_manifest(demo_dir() / "manifest.csv"),
                       extractor=factory)  # fmt: skip
        assert local.already == 1
        pq_docs = {r["doc_id"] for r in read_dataset(out, "documents") if r["origin"].endswith(".parquet#1")}
        for table in ("documents", "events", "evidence", "comments"):
            spark_rows = parquet_rows(out, table)
            if table in ("documents", "events", "comments"):
                spark_rows = +Counter({k: v for k, v in spark_rows.items() if not any(d in k for d in map(repr, pq_docs))})
            if table == "evidence":
                pq_events = {r["event_id"] for r in read_dataset(out, "events") if r["doc_id"] in pq_docs}
                spark_rows = +Counter({k: v for k, v in spark_rows.items() if not any(repr(e) == k[0] for e in pq_events)})
            assert spark_rows == store_rows(store, table), table


def test_extractor_loaded_once_per_worker_process(run):
    _, report, _, _ = run
    pids = report.extractor_loads
    assert pids, "no task loaded the extractor"
    assert len(pids) == len(set(pids)), f"a worker process loaded the extractor twice: {pids}"
    assert len(pids) < report.partitions  # 6 partitions on 2 cores: workers were reused
