"""Checks made when a database file is opened, before anything reads or writes it.

Why: SQLite opens any file lazily, so a text file, a half-copied database or a
store written by a newer sitrep only failed at the first query, as an internal
error (E999), or worse was written without warning. Three checks, cheapest first:

1. the 100-byte header (`check_header`): the SQLite magic string, a valid page
   size, and a file at least as long as the page count the header states. This
   catches a non-database and a truncated copy for the cost of one small read.
2. the schema version (`check_schema_version`): the highest migration the file
   records must be one this code ships; a newer one is refused, naming both.
3. `PRAGMA quick_check` (`quick_check`), run when a store is opened for writing,
   so a damaged page is found before a batch is written on top of it. It reads
   every page (about 0.2 s per 100 MB here), which is small next to an ingest;
   read-only verbs skip it and turn a damaged page met later into a one-line
   error instead (see `sitrep.cli.main`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sitrep.errors import CorruptStore, SchemaTooNew, StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100  # the database header at the start of page 1 (sqlite.org/fileformat.html)
_MIN_PAGE, _MAX_PAGE = 512, 65536


def check_header(path: str | Path) -> None:
    """Raise CorruptStore when `path` is not a whole SQLite file. A missing or empty file passes
    (SQLite creates one)."""
    p = Path(path)
    try:
        if not p.is_file():
            return
        size = p.stat().st_size
        if size == 0:
            return
        with p.open("rb") as fh:
            head = fh.read(HEADER_BYTES)
    except OSError as exc:
        raise StoreError(f"{p}: cannot read: {exc.strerror or exc.__class__.__name__}") from exc
    if not (head.startswith(SQLITE_MAGIC) or SQLITE_MAGIC.startswith(head)):
        raise CorruptStore(f"{p}: not a SQLite database (the file does not start with the SQLite header)")
    if len(head) < HEADER_BYTES:
        raise CorruptStore(f"{p}: truncated database ({size} bytes, shorter than the {HEADER_BYTES}-byte header)")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < _MIN_PAGE or page_size > _MAX_PAGE or page_size & (page_size - 1):
        raise CorruptStore(f"{p}: damaged database header (page size {page_size})")
    n_pages = int.from_bytes(head[28:32], "big")
    # The page count is valid only when the change counter equals 'version-valid-for'.
    if n_pages and head[24:28] == head[92:96] and size < n_pages * page_size:
        raise CorruptStore(
            f"{p}: truncated database ({size} bytes; its header says {n_pages} pages of {page_size} bytes,"
            f" {n_pages * page_size} bytes)"
        )


def schema_version(conn: sqlite3.Connection) -> int | None:
    """The highest migration recorded in the file, None when it records none."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if row is None:
        return None
    value = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
    return None if value is None else int(value)


def check_schema_version(conn: sqlite3.Connection, path: str | Path) -> None:
    """Refuse a database stamped by a schema newer than the newest migration shipped here."""
    from sitrep.store.migrate import available

    found = schema_version(conn)
    shipped = max((m.version for m in available()), default=0)
    if found is not None and found > shipped:
        raise SchemaTooNew(
            f"{path}: schema version {found} is newer than this sitrep's {shipped}; "
            "upgrade sitrep to read or write this database"
        )


def quick_check(conn: sqlite3.Connection, path: str | Path) -> None:
    """SQLite's quick integrity check (pages, b-trees, record formats); CorruptStore on failure."""
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.DatabaseError as exc:
        raise CorruptStore(f"{path}: damaged database ({exc})") from exc
    first = str(rows[0][0]) if rows else "no answer"
    if first != "ok":
        # the answer is '*** in database main ***' then the first problem, on separate lines
        detail = " ".join(ln.strip() for ln in first.splitlines() if ln.strip() and not ln.startswith("***"))
        raise CorruptStore(
            f"{path}: damaged database (quick_check: {detail[:200] or first[:200]}); restore a copy or rebuild it"
            " with 'sitrep ingest'"
        )


def check_open(conn: sqlite3.Connection, path: str | Path, *, full: bool) -> None:
    """Every open-time check after the header: the schema is readable and not too new; with
    `full`, the quick integrity check too. sqlite3 errors become CorruptStore."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise CorruptStore(f"{path}: not a readable SQLite database ({exc})") from exc
    if full:
        quick_check(conn, path)
    try:
        check_schema_version(conn, path)
    except sqlite3.DatabaseError as exc:
        raise CorruptStore(f"{path}: damaged database ({exc})") from exc
