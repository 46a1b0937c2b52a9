"""'Export the current view': the dashboard's filters, written by the CLI's own export code.

Why: an analyst who narrowed the map to what matters wants exactly those rows
in ACLED CSV or GeoJSON, with the same columns, provenance and id rules as
`sitrep export`. The filters pick the event ids (the dashboard's SQL), and
sitrep.export writes them (its `ids` argument), so the file is the CLI's file.
"""

from __future__ import annotations

import io
import sqlite3
from typing import Any

from sitrep.errors import InputError
from sitrep.store import Store
from sitrep.web.queries import EventFilters, _where, pick_level

FORMATS = {"acled-csv": ("text/csv; charset=utf-8", "csv"), "geojson": ("application/geo+json", "geojson")}
MAX_ROWS = 100_000  # the largest view the export button writes; above it, use `sitrep export`


def view_ids(conn: sqlite3.Connection, f: EventFilters, level: str = "auto") -> tuple[str, list[str]]:
    lv = pick_level(conn, level)
    where, args = _where(lv, f)
    ids = [r[0] for r in conn.execute(
        f"SELECT {lv.alias}.{lv.id_col} FROM {lv.table} {lv.alias}{where} LIMIT {MAX_ROWS + 1}", args)]  # fmt: skip
    if len(ids) > MAX_ROWS:
        raise InputError(f"the view holds more than {MAX_ROWS:,} events: narrow it, or use 'sitrep export'")
    return lv.name, ids


def export_view(db_path: str, conn: sqlite3.Connection, f: EventFilters, fmt: str, level: str = "auto") -> tuple[bytes, dict[str, Any]]:
    """The file's bytes and its media type / suggested name / row count."""
    from sitrep.export import export_events

    if fmt not in FORMATS:
        raise InputError(f"format: choose one of {', '.join(FORMATS)}")
    name, ids = view_ids(conn, f, level)
    buf = io.StringIO()
    with Store(db_path, read_only=True) as store:
        # an empty view gives a header-only CSV / an empty collection, as the CLI writes for no rows
        n = export_events(store, fmt, out=buf, merged=name == "merged", ids=ids)
    media, ext = FORMATS[fmt]
    return buf.getvalue().encode("utf-8"), {"media_type": media, "filename": f"sitrep-view.{ext}", "rows": n}
