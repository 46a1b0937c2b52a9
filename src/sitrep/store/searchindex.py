"""Filling the page-text and comment search indexes (migration 0009) a batch at a time.

Why: 0009 indexed every new segment and comment row through an AFTER INSERT trigger.
FTS5 takes rows much faster in one INSERT ... SELECT than one trigger call per row
(268 bench documents: 0.49 s of CPU with the triggers, 0.22 s filled per batch,
bench/bench_pipeline.py's store step), so migration 0013 drops those two triggers
and `Store.write_batch` fills the indexes from the batch's new rows in the same
transaction: a killed batch still rolls its index rows back with it, and a search
sees exactly what the triggers gave it (same rowids, same columns, same kinds).

Deletes, and everything about event reports, keep their 0009 triggers.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IndexFill:
    """One index filled from the rows of `table` past a rowid mark."""

    table: str
    index: str
    trigger: str  # the per-row trigger this fill replaces (0009)
    sql: str  # INSERT ... SELECT ... WHERE rowid > ?


FILLS = (
    IndexFill(
        "segments", "search_segments", "search_segments_ai",
        "INSERT INTO search_segments(rowid, text, doc_id, kind, idx)"
        " SELECT rowid, text, doc_id, kind, idx FROM segments"
        " WHERE rowid > ? AND kind IN ('title', 'caption', 'body')",
    ),
    IndexFill(
        "comments", "search_comments", "search_comments_ai",
        "INSERT INTO search_comments(rowid, text, author, doc_id, idx)"
        " SELECT rowid, text, author, doc_id, idx FROM comments WHERE rowid > ?",
    ),
)  # fmt: skip


def batch_fills(conn: sqlite3.Connection) -> tuple[IndexFill, ...]:
    """The fills this database needs from its writer: index present, row trigger gone.

    Asked once when a store is opened. A database whose migrations left the trigger
    in place (0009 applied after 0013) keeps indexing by trigger and is not filled
    twice; one without the index (0009 not applied) is not filled at all.
    """
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}
    return tuple(f for f in FILLS if f.index in names and f.trigger not in names)


def marks(conn: sqlite3.Connection, fills: tuple[IndexFill, ...]) -> list[tuple[IndexFill, int]]:
    """Each table's highest rowid before a batch: rows written after it are the batch's.

    SQLite gives a new row max(rowid) + 1 (these tables have no AUTOINCREMENT and no
    explicit rowids), so everything a batch inserts lies above its mark.
    """
    return [(f, conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {f.table}").fetchone()[0]) for f in fills]


def fill(conn: sqlite3.Connection, marked: list[tuple[IndexFill, int]]) -> None:
    """Index the rows written since `marks` (inside the batch's transaction)."""
    for f, mark in marked:
        conn.execute(f.sql, (mark,))
