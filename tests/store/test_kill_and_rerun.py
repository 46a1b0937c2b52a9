"""A run killed with SIGKILL part-way leaves a consistent store; a re-run finishes it.

The final database must equal one clean run (ignoring ingest timestamps).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

N_PAGES = 1500

pytestmark = pytest.mark.slow


def _write_pages(folder: Path) -> None:
    folder.mkdir()
    for i in range(N_PAGES):
        (folder / f"page_{i:04d}.txt").write_text(
            f"Town council number {i} opens a new market hall\n\n"
            f"The council of district {i} opened its market hall on a Monday morning after two years of work.\n\n"
            f"Officials said traders from {i % 17} nearby villages would move in over the coming weeks.\n\n"
            "Reader One\n\nGood news for once.\n\nReader Two\n\nWe will see how long it lasts.\n",
            encoding="utf-8",
        )


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return {
            "documents": conn.execute(
                "SELECT doc_id, name, fmt, source, published, title, text FROM documents ORDER BY doc_id"
            ).fetchall(),
            "segments": conn.execute("SELECT * FROM segments ORDER BY doc_id, kind, idx").fetchall(),
            "comments": conn.execute("SELECT * FROM comments ORDER BY doc_id, idx").fetchall(),
            "events": conn.execute("SELECT * FROM events ORDER BY event_id").fetchall(),
        }
    finally:
        conn.close()


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _ingest_cmd(pages: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "sitrep", "ingest", str(pages), "--db", str(db), "--no-events",
            "--batch-size", "1", "--published", "2021-05-01", "--source", "Test Outlet"]  # fmt: skip


def test_sigkill_then_rerun_equals_clean_run(tmp_path):
    pages = tmp_path / "pages"
    _write_pages(pages)
    killed_db, clean_db = tmp_path / "killed.db", tmp_path / "clean.db"

    proc = subprocess.Popen(_ingest_cmd(pages, killed_db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(killed_db) < 20 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _count(killed_db)
    assert 0 < partial < N_PAGES, f"kill did not land mid-run ({partial} documents)"

    # Consistent after the kill: every stored document has its segments and comments.
    conn = sqlite3.connect(killed_db)
    orphans = conn.execute(
        "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM segments s WHERE s.doc_id = d.doc_id)"
    ).fetchone()[0]
    conn.close()
    assert orphans == 0

    rerun = subprocess.run(_ingest_cmd(pages, killed_db), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{N_PAGES - partial} document(s) added, {partial} already" in rerun.stdout

    clean = subprocess.run(_ingest_cmd(pages, clean_db), capture_output=True, text=True, timeout=300)
    assert clean.returncode == 0, clean.stderr
    assert _snapshot(killed_db) == _snapshot(clean_db)
