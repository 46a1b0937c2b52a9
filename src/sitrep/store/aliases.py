"""Merged-event ids that were replaced, and resolving any id a user may hold.

`event_aliases` (migration 0007) maps an old merged id to the one that replaced
it. Fusion writes it (`record_aliases`) in the same transaction as the clusters;
export, the web API and `sitrep show` read it (`resolve_merged_id`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone

MAX_HOPS = 8  # alias chains are flattened when written; this only guards a hand-edited table

FUSED = "fused"  # two merged events became one
ORDER = "order"  # the id another ingest order (or one pass) would have given


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def record_aliases(conn: sqlite3.Connection, aliases: Mapping[str, tuple[str, str]], live: Iterable[str]) -> None:
    """Record `aliases` (old id -> (new id, reason)) inside the caller's transaction.

    Aliases that pointed at an old id now point at its replacement (no chains),
    and an id in use again as a merged event (`live`) stops being an alias.
    """
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for old, (new, reason) in sorted(aliases.items()):
        conn.execute("UPDATE event_aliases SET merged_id = ? WHERE merged_id = ?", (new, old))
        conn.execute(
            "INSERT OR REPLACE INTO event_aliases(alias, merged_id, reason, created_at) VALUES (?, ?, ?, ?)",
            (old, new, reason, now),
        )
    conn.executemany("DELETE FROM event_aliases WHERE alias = ?", [(i,) for i in live])


def resolve_merged_id(conn: sqlite3.Connection, key: str) -> str | None:
    """The merged event an id names: itself when current, its replacement when an alias, else None."""
    for _ in range(MAX_HOPS):
        if conn.execute("SELECT 1 FROM merged_events WHERE merged_id = ?", (key,)).fetchone():
            return key
        if not _has_table(conn, "event_aliases"):
            return None
        row = conn.execute("SELECT merged_id FROM event_aliases WHERE alias = ?", (key,)).fetchone()
        if row is None:
            return None
        key = str(row[0])
    return None


def aliases_of(conn: sqlite3.Connection, merged_id: str) -> list[str]:
    """The old ids that resolve to `merged_id`, sorted."""
    if not _has_table(conn, "event_aliases"):
        return []
    return [str(r[0]) for r in conn.execute(
        "SELECT alias FROM event_aliases WHERE merged_id = ? ORDER BY alias", (merged_id,))]  # fmt: skip


def all_aliases(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """merged id -> its old ids (sorted), for every merged event that has any."""
    out: dict[str, list[str]] = {}
    if _has_table(conn, "event_aliases"):
        for alias, mid in conn.execute("SELECT alias, merged_id FROM event_aliases ORDER BY alias"):
            out.setdefault(mid, []).append(alias)
    return out
