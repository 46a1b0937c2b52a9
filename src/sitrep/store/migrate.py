"""Numbered schema migrations, applied in order inside one transaction each.

Migrations are the SQL files `migrations/NNNN_name.sql` shipped in the package.
The table `schema_migrations` records which ran, so opening an old database
upgrades it and opening a current one does nothing.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources

from sitrep.errors import StoreError

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def available() -> list[Migration]:
    """All shipped migrations, ordered by version."""
    found: list[Migration] = []
    for entry in resources.files("sitrep.store").joinpath("migrations").iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mg: mg.version)
    versions = [mg.version for mg in found]
    if len(set(versions)) != len(versions):
        raise StoreError("two migrations share a version number")
    return found


def applied(conn: sqlite3.Connection) -> set[int]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply pending migrations; returns the versions applied now."""
    done = applied(conn)
    ran: list[int] = []
    for mg in available():
        if mg.version in done:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            # executescript would COMMIT implicitly; run statements one by one instead.
            for statement in _split(mg.sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                (mg.version, mg.name, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise StoreError(f"migration {mg.version:04d}_{mg.name} failed: {exc}") from exc
        ran.append(mg.version)
    return ran


def _split(sql: str) -> list[str]:
    """Split a migration into statements, letting SQLite judge where each ends.

    `sqlite3.complete_statement` understands comments and string literals, so a
    ';' inside either does not end a statement.
    """
    statements: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    if buf.strip() and any(
        ln.strip() and not ln.strip().startswith("--") for ln in buf.splitlines()
    ):
        raise StoreError(f"migration has an unterminated statement: {buf.strip()[:60]!r}")
    return statements
