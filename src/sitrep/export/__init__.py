"""Exports of the event dataset (acled-csv, geojson, parquet, jsonl)."""

from sitrep.export.core import (
    ACLED_COLUMNS,
    COLUMNS,
    FORMATS,
    PANDAS_DTYPES,
    SITREP_COLUMNS,
    arrow_table,
    event_documents,
    event_rows,
    export_events,
    geojson,
    resolve_ids,
)

__all__ = [
    "ACLED_COLUMNS", "COLUMNS", "FORMATS", "PANDAS_DTYPES", "SITREP_COLUMNS", "arrow_table", "event_documents", "event_rows",
    "export_events", "geojson", "resolve_ids",
]  # fmt: skip
