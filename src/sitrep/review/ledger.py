"""The `reviews` table (migration 0010): appending reviews and reading an event's state.

Why an append-only ledger and not edited rows: the machine's rows are rebuilt by
every re-ingest, fusion pass or new extractor, and an analyst's decision must
outlive them; the history of who decided what, and when, is itself the audit
trail. So a review is a row keyed by the stable event id it was made on, and an
event's effective state is the fold of its rows in order (`fold`). Ids are
resolved through `event_aliases` when reviews are read, so a review made on an
event that fusion later folded into another follows it there.

Every function takes a connection; none opens one, so the dashboard can pass its
reviews-only write connection and the CLI a `Store`'s.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from sitrep.errors import InputError, NotFound, StoreError
from sitrep.review.fields import Lookups, check_fields, load_schema, needs_sub_type
from sitrep.store.aliases import resolve_merged_id

ACTIONS = ("confirm", "reject", "correct")
MERGED, REPORT = "merged", "report"
TABLE_OF = {MERGED: ("merged_events", "merged_id"), REPORT: ("events", "event_id")}
MAX_NOTE = 2000
MAX_REVIEWER = 100
COORD_TOLERANCE = 1e-4  # degrees (about 10 m): coordinates this close are the same value


@dataclass(slots=True)
class ReviewState:
    """What the reviews of one event add up to, and the rows they came from."""

    event_id: str  # the event's current id
    level: str  # merged | report
    action: str  # reject | correct | confirm (the effective decision)
    fields: dict[str, Any] = field(default_factory=dict)  # corrected field -> value, later rows win
    reviewer: str = ""
    note: str | None = None
    created_at: str = ""
    history: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The `reviewed` column: action and reviewer ('correct by ana')."""
        return f"{self.action} by {self.reviewer}"


def has_reviews_table(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reviews'").fetchone() is not None


def resolve_target(conn: sqlite3.Connection, key: str) -> tuple[str, str]:
    """(level, current id) of the event `key` names: a merged id, an old id of one, or a report id."""
    mid = resolve_merged_id(conn, key)
    if mid is not None:
        return MERGED, mid
    if conn.execute("SELECT 1 FROM events WHERE event_id = ?", (key,)).fetchone():
        return REPORT, key
    raise NotFound(f"no event {key!r} (neither a merged event, an old id of one, nor a report)")


def machine_row(conn: sqlite3.Connection, level: str, event_id: str) -> dict[str, Any] | None:
    """The machine's current row for an event (merged_events or events), or None when it is gone."""
    table, key = TABLE_OF[level]
    row = conn.execute(f"SELECT * FROM {table} WHERE {key} = ?", (event_id,)).fetchone()
    if row is None:
        return None
    return {k: row[k] for k in row.keys()}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def add_review(
    conn: sqlite3.Connection,
    key: str,
    action: str,
    reviewer: str,
    fields: Mapping[str, Any] | None = None,
    note: str | None = None,
    lookups: Lookups | None = None,
) -> dict[str, Any]:
    """Append one review of the event `key` names; returns the stored row as a dict.

    `fields` (raw `field -> value`, as typed) is checked first: nothing is written
    when any value is wrong. A correction needs at least one field; confirm and
    reject take none.
    """
    if action not in ACTIONS:
        raise InputError(f"action {action!r}: expected one of {', '.join(ACTIONS)}")
    reviewer = (reviewer or "").strip()
    if not reviewer or len(reviewer) > MAX_REVIEWER:
        raise InputError(f"reviewer: a name of 1 to {MAX_REVIEWER} characters is required")
    if note is not None and len(note) > MAX_NOTE:
        raise InputError(f"note: longer than {MAX_NOTE} characters")
    raw = dict(fields or {})
    if action == "correct" and not raw:
        raise InputError("a correction needs at least one FIELD=VALUE")
    if action != "correct" and raw:
        raise InputError(f"{action}: takes no field values (use a correction)")
    if not has_reviews_table(conn):
        raise StoreError("this store has no reviews table yet: open it once with a writing command (sitrep review)")
    level, event_id = resolve_target(conn, key)
    machine = machine_row(conn, level, event_id) or {}
    checked = check_fields(raw, lookups) if raw else {}
    if needs_sub_type(checked, machine.get("sub_event_type")):
        raise InputError(f"event_type {checked['event_type']!r}: give sub_event_type too "
                         f"({machine.get('sub_event_type')!r} belongs to another type)")  # fmt: skip
    before = {k: machine.get(k) for k in checked if k in machine}
    now = _now()
    cur = conn.execute(
        "INSERT INTO reviews(event_id, level, action, fields, machine, reviewer, note, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (event_id, level, action, json.dumps(checked, ensure_ascii=False, sort_keys=True),
         json.dumps(before, ensure_ascii=False, sort_keys=True, default=str), reviewer, note, now),
    )  # fmt: skip
    if conn.in_transaction:  # sqlite3's default isolation opens one implicitly; a review is its own unit
        conn.commit()
    return {"review_id": cur.lastrowid, "event_id": event_id, "level": level, "action": action,
            "fields": checked, "machine": before, "reviewer": reviewer, "note": note, "created_at": now}  # fmt: skip


def _row(r: sqlite3.Row | tuple[Any, ...]) -> dict[str, Any]:
    rid, eid, level, action, fields, machine, reviewer, note, created = tuple(r)
    return {"review_id": rid, "event_id": eid, "level": level, "action": action, "fields": json.loads(fields or "{}"),
            "machine": json.loads(machine or "{}"), "reviewer": reviewer, "note": note, "created_at": created}  # fmt: skip


def all_reviews(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every review row in the order written (empty on a store without the table)."""
    if not has_reviews_table(conn):
        return []
    return [_row(r) for r in conn.execute(
        "SELECT review_id, event_id, level, action, fields, machine, reviewer, note, created_at"
        " FROM reviews ORDER BY review_id")]  # fmt: skip


def fold(rows: Iterable[Mapping[str, Any]], event_id: str, level: str) -> ReviewState:
    """The effective state of one event's review rows, taken in order.

    Corrections accumulate (a later value of a field wins); a rejection stands
    until a later confirm or correction; with no rejection standing the action
    is 'correct' when any field is corrected, else 'confirm'.
    """
    st = ReviewState(event_id, level, "confirm")
    rejected = False
    for r in rows:
        rejected = r["action"] == "reject"
        st.fields.update(r["fields"])
        st.reviewer, st.note, st.created_at = r["reviewer"], r["note"], r["created_at"]
        st.history.append(dict(r))
    st.action = "reject" if rejected else "correct" if st.fields else "confirm"
    return st


def current_states(conn: sqlite3.Connection) -> tuple[dict[tuple[str, str], ReviewState], list[dict[str, Any]]]:
    """(level, current id) -> state for every reviewed event, and the review rows whose event is gone."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    orphans: list[dict[str, Any]] = []
    for r in all_reviews(conn):
        if r["level"] == MERGED:
            cur = resolve_merged_id(conn, r["event_id"])
        else:
            hit = conn.execute("SELECT 1 FROM events WHERE event_id = ?", (r["event_id"],)).fetchone()
            cur = r["event_id"] if hit else None
        if cur is None:
            orphans.append(r)
            continue
        grouped.setdefault((r["level"], cur), []).append(r)
    return {k: fold(v, k[1], k[0]) for k, v in grouped.items()}, orphans


def state_of(conn: sqlite3.Connection, key: str) -> ReviewState | None:
    """The review state of the event `key` names, or None when it has no reviews."""
    level, event_id = resolve_target(conn, key)
    return current_states(conn)[0].get((level, event_id))


def _same(machine: Any, corrected: Any) -> bool:
    if isinstance(machine, date):
        machine = machine.isoformat()
    if isinstance(machine, (int, float)) and isinstance(corrected, (int, float)) and not isinstance(machine, bool):
        return math.isclose(float(machine), float(corrected), abs_tol=COORD_TOLERANCE)
    if machine in ("", None) and corrected in ("", None):
        return True
    return machine == corrected


def agreement(state: ReviewState, machine: Mapping[str, Any] | None) -> str | None:
    """'now agrees' when the machine's current row already holds every corrected value,
    'differs' when it does not, None for a confirmation or a rejection."""
    if state.action != "correct" or machine is None:
        return None
    schema = load_schema()
    keys = [k for k in state.fields if k in schema.fields or k in schema.location_fills]
    ok = all(_same(machine.get(k), state.fields[k]) for k in keys if k in machine)
    return "now agrees" if ok else "differs"
