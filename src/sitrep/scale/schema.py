"""Columns and types of the Parquet datasets, read from the store's own migrations.

Each dataset is the SQLite table of the same name without its run-timestamp
column, so when a migration adds a column the Parquet schema follows (and the
row builders' tests fail loudly instead of writing a shifted row).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Datasets written per document (from the worker) and by fusion, in write order.
DOC_DATASETS = ("documents", "segments", "comments", "events", "evidence", "statements", "skips")
FUSION_DATASETS = ("merged_events", "event_sources", "event_blocks")
DATASETS = DOC_DATASETS + FUSION_DATASETS

# Written by the store at insert time; they differ between any two runs.
RUN_TIMESTAMPS = {"documents": ("ingested_at",), "skips": ("seen_at",)}


@lru_cache(maxsize=None)
def table_columns(table: str) -> tuple[tuple[str, str], ...]:
    """(column, 'long' | 'double' | 'string') for a dataset, from the migrated schema."""
    from sitrep.store import Store

    with Store(":memory:") as st:
        info = st.conn.execute(f"PRAGMA table_info({table})").fetchall()
    if not info:
        raise KeyError(f"no table {table!r} in the store schema")
    drop = RUN_TIMESTAMPS.get(table, ())
    out = []
    for r in info:
        if r["name"] in drop:
            continue
        decl = (r["type"] or "").upper()
        kind = "long" if "INT" in decl else "double" if ("REAL" in decl or "FLOA" in decl) else "string"
        out.append((r["name"], kind))
    return tuple(out)


def columns(table: str) -> tuple[str, ...]:
    return tuple(c for c, _ in table_columns(table))


def spark_schema(table: str) -> Any:
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    types = {"long": LongType(), "double": DoubleType(), "string": StringType()}
    return StructType([StructField(c, types[k], True) for c, k in table_columns(table)])


def coercer(table: str) -> Any:
    """A function making a row's numbers the Parquet types (SQLite REAL stores 36 as 36.0)."""
    kinds = [k for _, k in table_columns(table)]

    def fix(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(
            None if v is None else float(v) if k == "double" else int(v) if k == "long" else v
            for v, k in zip(row, kinds)
        )

    return fix
