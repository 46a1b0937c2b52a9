"""One page of the filtered events, newest first, with their exact total.

Why a module of its own: this is the dashboard's hot path (every filter change
asks for a list page and for the map's points), and at 100k merged events the
way SQLite reaches the newest matches decides whether a request takes 1 ms or
50 ms. There are two ways to get a page:

* **sort**: gather every match through the filter's own index, then sort them
  by date. Cheap when few events match.
* **walk**: read the date index from its newest end and test each event against
  the filters until the page is full. Cheap when many match: it stops after
  about (offset + limit) * table rows / total events.

SQLite cannot tell which is cheaper when it does not know how selective a
filter is (a claim status or an outlet reached through event_sources, a text
search), and then it sorts 17,000 rows to show 100. The exact total, which the
page shows and is counted first anyway, tells: the walk is taken when SQLite's
own plan would sort and the walk is expected to read fewer rows than the sort.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sitrep.web.queries import CountCache, EventFilters, Level, _where, pick_level

# The index that walks each level newest first (migrations 0001 and 0002).
DATE_INDEX = {"merged_events": "merged_events_date", "events": "events_date"}

# The walk is taken when it is expected to read fewer than WALK_RATIO times the rows the
# sort would fetch. 1.0: a walked row and a sorted row cost about the same (one table
# lookup each; the sort's insertion is offset by the walk's filter test). Calibrated on
# bench/bench_api.py's 100k events: certainty, outlet and common-word searches (10-17% of
# events) walk in 0.4-3 ms where the sort took 15-65 ms; a rare actor or a small box still
# sorts its few hundred rows. Re-run that bench after changing it.
WALK_RATIO = 1.0


def _count(conn: sqlite3.Connection, sql: str, args: list[Any], counts: CountCache | None) -> int:
    return int(counts.count(conn, sql, args) if counts else conn.execute(sql, args).fetchone()[0])


def _table_rows(conn: sqlite3.Connection, table: str) -> int:
    """About how many rows `table` holds: its largest rowid, one seek (deleted rows make it an overestimate)."""
    return int(conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0)


def should_walk(conn: sqlite3.Connection, sort_sql: str, args: list[Any], table: str, total: int, wanted: int) -> bool:
    """Whether walking the date index beats SQLite's plan for `sort_sql`, given `total` matches and
    the `wanted` (offset + limit) newest of them."""
    if total <= 0:
        return False
    expected_walk = wanted * _table_rows(conn, table) / total
    if expected_walk >= WALK_RATIO * total:
        return False
    plan = conn.execute(f"EXPLAIN QUERY PLAN {sort_sql}", args).fetchall()
    return any("TEMP B-TREE FOR ORDER BY" in r[3] for r in plan)


def _page_sql(lv: Level, f: EventFilters, cols: str, *, walk: bool, offset: bool) -> tuple[str, list[Any]]:
    """SELECT `cols` of the filtered events newest first (rowid breaks ties so the order is stable);
    the LIMIT (and OFFSET) values are the caller's last arguments."""
    where, args = _where(lv, f, probe=walk)
    hint = f" INDEXED BY {DATE_INDEX[lv.table]}" if walk else ""
    a = lv.alias
    tail = " LIMIT ? OFFSET ?" if offset else " LIMIT ?"
    return f"SELECT {cols} FROM {lv.table} {a}{hint}{where} ORDER BY {a}.event_date DESC, {a}.rowid DESC{tail}", args


def _rows(conn: sqlite3.Connection, lv: Level, f: EventFilters, cols: str, total: int, limit: int,
          offset: int | None) -> tuple[list[str], list[tuple[Any, ...]]]:  # fmt: skip
    """Column names and the page's rows, by whichever of sort and walk is cheaper (nothing is read
    past the total). Plain tuples, not sqlite3.Row: a third less time for 1,000 list rows or the
    map's 20,000 (bench/bench_api.py)."""
    start = offset or 0
    if total <= start:
        return [], []
    tail = [limit, start] if offset is not None else [limit]
    sql, args = _page_sql(lv, f, cols, walk=False, offset=offset is not None)
    if should_walk(conn, sql, [*args, *tail], lv.table, total, start + limit):
        sql, args = _page_sql(lv, f, cols, walk=True, offset=offset is not None)
    cur = conn.cursor()
    cur.row_factory = None
    rows = cur.execute(sql, [*args, *tail]).fetchall()
    return [d[0] for d in cur.description], rows


def list_events(
    conn: sqlite3.Connection, f: EventFilters, *, limit: int, offset: int, level: str = "auto",
    counts: CountCache | None = None,
) -> dict[str, Any]:
    """`total` matches and one page of `items` (the list's columns), newest first."""
    lv = pick_level(conn, level)
    where, args = _where(lv, f)
    total = _count(conn, f"SELECT count(*) FROM {lv.table} {lv.alias}{where}", args, counts)
    names, rows = _rows(conn, lv, f, lv.select, total, limit, offset)
    return {"level": lv.name, "total": total, "limit": limit, "offset": offset,
            "items": [dict(zip(names, r)) for r in rows]}  # fmt: skip


def matches(conn: sqlite3.Connection, f: EventFilters, event_id: str, *, level: str = "auto") -> bool:
    """Whether the event `event_id` (at the served level) is among those the filters select."""
    lv = pick_level(conn, level)
    where, args = _where(lv, f, probe=True)  # one event: probes, never lists of every match
    cond = f"{lv.alias}.{lv.id_col} = ?"
    sql = f"SELECT 1 FROM {lv.table} {lv.alias}{where}{' AND ' if where else ' WHERE '}{cond} LIMIT 1"
    return conn.execute(sql, [*args, event_id]).fetchone() is not None


POINT_FIELDS = ("id", "event_date", "type", "sub_type", "place", "latitude", "longitude", "fatalities")


def list_points(
    conn: sqlite3.Connection, f: EventFilters, *, limit: int, level: str = "auto", counts: CountCache | None = None,
) -> dict[str, Any]:
    """The map's rows in one compact request, newest first, up to `limit`.

    Rows are arrays in the order of `fields`; `type`/`sub_type` index the `types` and
    `sub_types` lists and coordinates are cut to 4 decimals (about 10 m, by SQLite as it
    reads them), so 20,000 markers cost about a third of the bytes of /api/events' objects.
    """
    lv = pick_level(conn, level)
    a = lv.alias
    where, args = _where(lv, f)
    total = _count(conn, f"SELECT count(*) FROM {lv.table} {a}{where}", args, counts)
    cols = (f"{a}.{lv.id_col}, {a}.event_date, {a}.event_type, {a}.sub_event_type, coalesce({a}.location, {a}.admin1),"
            f" round({a}.latitude, 4), round({a}.longitude, 4), {a}.fatalities")  # fmt: skip
    types: dict[str, int] = {}
    subs: dict[str, int] = {}
    rows = [[i, d, types.setdefault(t, len(types)), subs.setdefault(st, len(subs)), place, lat, lon, fat]
            for i, d, t, st, place, lat, lon, fat in _rows(conn, lv, f, cols, total, limit, None)[1]]  # fmt: skip
    return {"level": lv.name, "total": total, "fields": list(POINT_FIELDS), "types": list(types),
            "sub_types": list(subs), "rows": rows}  # fmt: skip
