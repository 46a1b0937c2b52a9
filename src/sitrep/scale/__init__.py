"""Scale-out on Apache Spark: the same pipeline, distributed by file path.

* `spark_run(inputs, out, master="local[*]", partitions=None, manifest=None, defaults=None)`
  -> `SparkRunReport`: read -> segment -> extract -> fuse on Spark, Parquet datasets
  (documents, segments, comments, events, evidence, statements, skips,
  merged_events, event_sources, event_blocks) and an ACLED-style CSV under `out`;
* `import_parquet(out_dir, store) -> dict`: load such an output into a SQLite store.

pyspark is imported only when a run starts, so `import sitrep.scale` is cheap.
"""

from __future__ import annotations

from typing import Any

__all__ = ["SparkRunReport", "import_parquet", "spark_run"]


def __getattr__(name: str) -> Any:
    if name in ("spark_run", "SparkRunReport"):
        from sitrep.scale import run

        return getattr(run, name)
    if name == "import_parquet":
        from sitrep.scale.importer import import_parquet

        return import_parquet
    raise AttributeError(name)
