"""One writer at a time per store, and the store's own files.

Why: two `sitrep ingest` runs into the same database each read, segmented and
parsed the same pages, then both reported the events that only one of them had
written (SQLite kept the store right; the run reports and the NLP time were
wrong). An advisory lock on `DB.lock`, held for a whole ingest, makes the
second run wait; it then finds the pages stored and reports them as already
there. The lock is released by the OS when the process dies, so a killed run
never leaves a stale lock behind (the empty file stays and is harmless).

`own_files` names the database's files (the file, `-wal`, `-shm`, `-journal`,
`.lock`) so a folder walk that contains the store never reads them as input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:  # POSIX; elsewhere ingests are not serialised (SQLite still keeps the store consistent)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".lock"
# Files SQLite and sitrep keep beside a database named DB: DB-wal, DB-shm, DB-journal, DB.lock
OWN_SUFFIXES = ("", "-wal", "-shm", "-journal", LOCK_SUFFIX)


def own_files(db_path: str | Path) -> frozenset[Path]:
    """The resolved paths of a database's own files (empty for ':memory:')."""
    if str(db_path) == ":memory:" or not str(db_path):
        return frozenset()
    base = Path(db_path).resolve()
    return frozenset(base.with_name(base.name + suffix) for suffix in OWN_SUFFIXES)


@contextmanager
def writer_lock(db_path: str | Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the store's writer lock; calls `on_wait()` once if another writer holds it, then waits."""
    if str(db_path) == ":memory:" or fcntl is None:
        yield
        return
    lock_path = Path(str(db_path) + LOCK_SUFFIX)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a+b") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
