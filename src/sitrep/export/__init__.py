"""Exports of the event dataset (acled-csv, geojson, parquet, jsonl)."""

from sitrep.export.core import (
    ACLED_COLUMNS,
    COLUMNS,
    FORMATS,
    PANDAS_DTYPES,
    SITREP_COLUMNS,
    arrow_table,
    event_rows,
    export_events,
    geojson,
)

__all__ = [
    "ACLED_COLUMNS", "COLUMNS", "FORMATS", "PANDAS_DTYPES", "SITREP_COLUMNS", "arrow_table", "event_rows",
    "export_events", "geojson",
]  # fmt: skip
