"""`sitrep spark-run` and `sitrep import-parquet` through the CLI, on the demo corpus."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.demo_run import demo_dir
from sitrep.store import Store

runner = CliRunner()


def test_spark_run_then_import_parquet(spark, tmp_path):
    # `spark` (session fixture) is active, so the CLI's run reuses it instead of starting another JVM.
    out = tmp_path / "out"
    pages = demo_dir() / "pages"
    r = runner.invoke(app, ["spark-run", str(pages), "--out", str(out), "--master", "local[2]",
                            "--manifest", str(demo_dir() / "manifest.csv")])  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "11 document(s)" in r.output and (out / "summary.json").is_file()
    db = tmp_path / "imported.db"
    r = runner.invoke(app, ["import-parquet", str(out), "--db", str(db)])
    assert r.exit_code == 0, r.output
    with Store(db, read_only=True) as store:
        counts = store.counts()
    assert counts["documents"] == 11 and counts["events"] > 0


def test_import_parquet_refuses_an_unfinished_output(tmp_path):
    (tmp_path / "half").mkdir()
    r = runner.invoke(app, ["import-parquet", str(tmp_path / "half"), "--db", str(tmp_path / "x.db")])
    assert r.exit_code != 0


def test_spark_run_names_a_malformed_conf_before_starting_spark(tmp_path):
    r = subprocess.run([sys.executable, "-m", "sitrep", "spark-run", str(demo_dir() / "pages"),
                        "--out", str(tmp_path / "o"), "--conf", "spark.driver.memory"],
                       capture_output=True, text=True, timeout=120)  # fmt: skip
    assert r.returncode != 0
    assert "expected KEY=VALUE" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()


def test_spark_conf_pairs_are_parsed():
    from sitrep.cli import _spark_conf

    assert _spark_conf(["spark.driver.memory=4g", " spark.sql.shuffle.partitions = 16 "]) == {
        "spark.driver.memory": "4g", "spark.sql.shuffle.partitions": "16"}  # fmt: skip
