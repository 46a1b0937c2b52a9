"""Table snapshots for comparing a local store with a Spark output (order-free, timestamps out)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from sitrep.scale.importer import read_dataset
from sitrep.scale.schema import columns

# Run timestamps: the only values two runs over the same input may disagree on.
TIMESTAMPS = {"ingested_at", "seen_at", "updated_at", "timestamp"}
TABLES = ("documents", "segments", "comments", "events", "evidence", "statements", "skips",
          "merged_events", "event_sources", "event_blocks")  # fmt: skip
# Written by the runner's Deriver at ingest, and by import_parquet on import.
DERIVED = ("comment_scores", "comment_claims", "actor_relations")


def _key(row: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(repr(v) for v in row)


def store_rows(store: Any, table: str) -> Counter:
    cols = [c for c in columns(table) if c not in TIMESTAMPS]
    q = ", ".join(f'"{c}"' for c in cols)
    return Counter(_key(tuple(r)) for r in store.conn.execute(f"SELECT {q} FROM {table}"))


def parquet_rows(out: Path, table: str) -> Counter:
    cols = [c for c in columns(table) if c not in TIMESTAMPS]
    return Counter(_key(tuple(r[c] for c in cols)) for r in read_dataset(out, table))
