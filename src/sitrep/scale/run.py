"""`spark_run`: the ingest pipeline over Spark, writing Parquet datasets.

Shape of a run (the driver never holds page contents):

1. the driver lists work units: input files in the local runner's order, and
   Parquet row groups (`sitrep.scale.units`);
2. pass 1, cheap: tasks read the units and return (doc_id, reading position);
   pages whose content was already read earlier are "losers", broadcast;
3. pass 2: per partition, read -> segment -> extract (model loaded once per
   Python worker) -> rows for every dataset, plus skips (`sitrep.scale.worker`);
   the rows are persisted and each dataset is written from them in overwrite
   mode, so a retried task rewrites its own part file through Spark's output
   committer and a re-run replaces the whole output: no duplicated rows;
4. fusion with `sitrep.fuse`'s functions (`sitrep.scale.fusion`);
5. the ACLED-style CSV, then `summary.json` last: an output directory without
   it is an unfinished run, which `import_parquet` refuses.

Counts in the report are taken from the persisted rows by actions, not from
accumulators updated in transformations, which Spark may apply twice when it
retries a task.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.records import DocMeta
from sitrep.scale.schema import DOC_DATASETS, coercer, columns, spark_schema
from sitrep.scale.units import list_units
from sitrep.scale.worker import ExtractorSpec, TaskConfig, doc_ids, process

SUMMARY = "summary.json"
CSV_DIR = "acled_csv"


@dataclass(slots=True)
class SparkRunReport:
    """What a Spark run did; `skips` counts skipped inputs per reason code."""

    out: str
    master: str
    partitions: int
    units: int
    read: int = 0
    documents: int = 0
    duplicates: int = 0
    events: int = 0
    merged_events: int | None = None
    skips: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    fusion: str = "off"
    extractor: str | None = None
    extractor_loads: list[int] = field(default_factory=list)  # worker pids that loaded it (once each)
    csv_columns: str = ""
    started_at: str = ""
    seconds: float = 0.0
    job_seconds: float = 0.0  # without session start-up
    phases: dict[str, float] = field(default_factory=dict)  # seconds per step of the job, in order

    @property
    def failed(self) -> int:
        return sum(self.skips.values())

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _session(master: str, partitions: int | None, conf: dict[str, str]) -> tuple[Any, bool]:
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    # Local workers must run this interpreter (the one with sitrep installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    b = SparkSession.builder.master(master).appName("sitrep spark-run")
    settings = {
        "spark.ui.enabled": "false",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.shuffle.partitions": str(partitions or 8),
        "spark.python.worker.reuse": "true",
        "spark.ui.showConsoleProgress": "false",
    }
    settings.update(conf)
    for k, v in settings.items():
        b = b.config(k, v)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark, True


def _write(spark: Any, rdd: Any, table: str, out: Path) -> None:
    fix = coercer(table)
    df = spark.createDataFrame(rdd.map(fix), spark_schema(table), verifySchema=False)
    df.write.mode("overwrite").parquet(str(out / table))


def _csv_columns(fused: bool) -> tuple[str, tuple[str, ...]]:
    """The CSV's source dataset and columns: the export module's list when it has one."""
    try:
        import sitrep.export as export

        cols = getattr(export, "ACLED_COLUMNS", None) or getattr(export, "COLUMNS", None)
    except ImportError:
        cols = None
    table = "merged_events" if fused else "events"
    have = set(columns(table))
    if cols and set(cols) <= have:
        return table, tuple(cols)
    return table, columns(table)


def spark_run(
    inputs: list[str],
    out: str,
    master: str = "local[*]",
    partitions: int | None = None,
    manifest: dict[str, DocMeta] | str | Path | None = None,
    defaults: DocMeta | None = None,
    *,
    extractor: ExtractorSpec = "default",
    fuse: bool = True,
    conf: dict[str, str] | None = None,
    spark: Any = None,
    batch_size: int | None = None,
    fail_once: str | None = None,
) -> SparkRunReport:
    """Run read -> segment -> extract (-> fuse) on Spark; write Parquet datasets under `out`.

    `inputs`: files or directories (text, HTML, WARC(.gz), JSONL, gz, Parquet
    with a `text`/`html` column). `manifest`: a loaded manifest or a CSV path.
    `extractor`: "default" (sitrep.runner.load_extractor), "module:function", a
    zero-argument factory, or None for segmentation only. `spark`: an existing
    session to use (else one is made for `master` and stopped at the end).
    `fail_once`: testing hook, a marker file path; the first task to produce a
    row creates it and fails once (see TaskConfig.fail_once).
    """
    from pyspark import StorageLevel

    from sitrep.runner import DEFAULT_BATCH_SIZE
    from sitrep.store.db import EVENT_COLUMNS

    if not inputs:
        raise InputError("spark-run needs at least one input path")
    if isinstance(manifest, (str, Path)):
        from sitrep.ingest import load_manifest

        manifest = load_manifest(manifest)
    t0 = time.perf_counter()
    started = datetime.now(timezone.utc).replace(microsecond=0)
    units = list_units(inputs)
    if not units:
        raise InputError(f"no input files under {', '.join(map(str, inputs))}")
    out_dir = Path(out)
    summary = out_dir / SUMMARY
    if summary.exists():
        summary.unlink()  # the output is unfinished until this run writes it again

    made = False
    if spark is None:
        spark, made = _session(master, partitions, conf or {})
    try:
        sc = spark.sparkContext
        t_job = time.perf_counter()
        phases: dict[str, float] = {}
        last = [t_job]

        def mark(step: str) -> None:
            now = time.perf_counter()
            phases[step] = round(now - last[0], 3)
            last[0] = now
        n = max(1, partitions or min(len(units), 4 * sc.defaultParallelism))
        cfg = TaskConfig(extractor=extractor, defaults=defaults, batch_size=batch_size or DEFAULT_BATCH_SIZE,
                         fuse=fuse, fail_once=fail_once)  # fmt: skip
        b_man = sc.broadcast(dict(manifest or {}))
        units_rdd = sc.parallelize(units, n)

        # pass 1: which reading positions repeat content read earlier
        ids = units_rdd.mapPartitions(lambda us: doc_ids(us, b_man.value, cfg))
        losers = ids.groupByKey(n).flatMap(lambda kv: sorted(kv[1])[1:]).collect()
        b_los = sc.broadcast(frozenset(losers))
        mark("pass1_duplicates")

        # pass 2: the pipeline proper
        rows = units_rdd.mapPartitions(lambda us: process(us, b_man.value, b_los.value, cfg))
        rows = rows.persist(StorageLevel.MEMORY_AND_DISK)
        for table in DOC_DATASETS:
            _write(spark, rows.filter(lambda t, name=table: t[0] == name).map(lambda t: t[1]), table, out_dir)
            mark("pass2_pipeline" if table == DOC_DATASETS[0] else f"write_{table}")

        report = SparkRunReport(out=str(out_dir), master=sc.master, partitions=n, units=len(units),
                                extractor=_spec_name(extractor), started_at=started.isoformat())  # fmt: skip
        kinds = dict(rows.map(lambda t: t[0]).countByValue())
        report.rows = {t: int(kinds.get(t, 0)) for t in DOC_DATASETS}
        report.read = int(rows.filter(lambda t: t[0] == "_read").map(lambda t: t[1]).sum())
        report.documents = report.rows["documents"]
        report.events = report.rows["events"]
        report.duplicates = int(kinds.get("_dup", 0))
        report.extractor_loads = sorted(rows.filter(lambda t: t[0] == "_load").map(lambda t: t[1]).collect())
        report.skips = dict(sorted(rows.filter(lambda t: t[0] == "skips").map(lambda t: t[1][1]).countByValue().items()))
        mark("counts")

        if cfg.fuse:
            from sitrep.scale.fusion import fuse_rdd

            fused, blocks, fstats, cached = fuse_rdd(rows.filter(lambda t: t[0] == "_fuse").map(lambda t: t[1]), started, n)
            fused = fused.persist(StorageLevel.MEMORY_AND_DISK)
            mark("fusion_pairs")
            for table in ("merged_events", "event_sources"):
                _write(spark, fused.filter(lambda t, name=table: t[0] == name).map(lambda t: t[1]), table, out_dir)
            _write(spark, blocks, "event_blocks", out_dir)
            report.merged_events = int(fused.filter(lambda t: t[0] == "merged_events").count())
            mark("fusion_clusters_and_write")
            report.rows.update({"merged_events": report.merged_events,
                                "event_sources": report.events, **{f"fusion_{k}": v for k, v in fstats.items()}})  # fmt: skip
            report.fusion = "sitrep.fuse, distributed (block-key shuffle, components on the driver)"
            for rdd in (fused, *cached):
                rdd.unpersist()
        else:
            # Before fusion every report is its own event, as Store.write_batch records it.
            ev = rows.filter(lambda t: t[0] == "events").map(lambda t: t[1])
            at = [EVENT_COLUMNS.index(c) for c in ("event_id", "event_id", "doc_id", "source", "claimed_by", "certainty")]
            src = ev.map(lambda r: tuple(r[i] for i in at))
            _write(spark, src, "event_sources", out_dir)
            for table in ("merged_events", "event_blocks"):
                _write(spark, sc.emptyRDD(), table, out_dir)
            report.fusion = "off" if not fuse else "unavailable (sitrep.fuse not importable)"

        table, cols = _csv_columns(report.merged_events is not None)
        (spark.read.parquet(str(out_dir / table)).select(*cols)
         .coalesce(1).sortWithinPartitions("event_date", cols[0])
         .write.mode("overwrite").option("header", True).csv(str(out_dir / CSV_DIR)))  # fmt: skip
        report.csv_columns = f"{table}: {len(cols)} columns"
        rows.unpersist()
        mark("acled_csv")
        report.phases = phases
        report.job_seconds = round(time.perf_counter() - t_job, 3)
    finally:
        if made:
            spark.stop()
    report.seconds = round(time.perf_counter() - t0, 3)
    summary.write_text(json.dumps(report.to_json(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return report


def _spec_name(spec: ExtractorSpec) -> str | None:
    from sitrep.scale.worker import spec_key

    return spec_key(spec)
