"""Open-time store checks (#15 item 9): a non-database, a truncated copy, a damaged page and a
store stamped by a newer schema are typed one-line errors, never E999 or a silent write; the
dashboard answers 503 with one JSON line on any sqlite3.DatabaseError, and HEAD / is allowed."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from sitrep.errors import CorruptStore, SchemaTooNew
from sitrep.records import DocMeta, Document, Segmentation, TextSpan
from sitrep.store import Store
from sitrep.store.migrate import available

SHIPPED = max(m.version for m in available())


def _doc(doc_id: str = "d1") -> Document:
    text = "Title line\n\nBody of the page."
    seg = Segmentation(title=TextSpan(0, 10, "Title line"), body=[TextSpan(12, 29, "Body of the page.")])
    return Document(doc_id, f"{doc_id}.txt", f"/in/{doc_id}.txt", text, DocMeta(), seg)


def _good_db(path: Path, filler_rows: int = 0) -> Path:
    with Store(path) as s:
        s.write_batch([(_doc(), [], [])])
        if filler_rows:
            s.conn.execute("CREATE TABLE filler(x TEXT)")
            s.conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 200,) for _ in range(filler_rows)])
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _cli(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    from sitrep.cli import main

    monkeypatch.setattr(sys, "argv", ["sitrep", *args])
    monkeypatch.delenv("SITREP_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exc:
        main()
    captured = capsys.readouterr()
    return int(exc.value.code or 0), captured.out, captured.err


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize("verb", ["docs", "events", "export"])
def test_a_text_file_as_db_is_a_typed_error(tmp_path, monkeypatch, capsys, verb):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n", encoding="utf-8")
    rc, _, err = _cli(monkeypatch, capsys, verb, "--db", str(path))
    assert rc == 1
    assert _one_line(err) == f"error[E008]: {path}: not a SQLite database (the file does not start with the SQLite header)"


@pytest.mark.parametrize("verb", ["docs", "events", "export"])
def test_a_truncated_copy_is_a_typed_error(tmp_path, monkeypatch, capsys, verb):
    whole = _good_db(tmp_path / "whole.db")
    cut = tmp_path / "cut.db"
    cut.write_bytes(whole.read_bytes()[:5000])
    rc, _, err = _cli(monkeypatch, capsys, verb, "--db", str(cut))
    assert rc == 1
    line = _one_line(err)
    assert line.startswith(f"error[E008]: {cut}: truncated database (5000 bytes; its header says ")


def test_a_copy_cut_inside_the_header_is_truncated(tmp_path):
    whole = _good_db(tmp_path / "whole.db")
    cut = tmp_path / "cut.db"
    cut.write_bytes(whole.read_bytes()[:40])
    with pytest.raises(CorruptStore, match=r"truncated database \(40 bytes, shorter than the 100-byte header\)"):
        Store(cut, read_only=True)


def test_a_damaged_page_is_found_before_writing(tmp_path):
    path = _good_db(tmp_path / "d.db", filler_rows=2000)
    size = path.stat().st_size
    with path.open("r+b") as fh:  # overwrite one b-tree page near the end with garbage
        fh.seek(size - 3 * 4096)
        fh.write(b"\xff" * 4096)
    with pytest.raises(CorruptStore, match=r"damaged database \(quick_check: "):
        Store(path)
    assert path.stat().st_size == size  # nothing was written


def test_a_damaged_page_met_by_a_reader_is_one_line(tmp_path, monkeypatch, capsys):
    from sitrep.store import db as store_db

    def broken(self):  # what a read over a damaged page raises
        raise sqlite3.DatabaseError("database disk image is malformed")

    path = _good_db(tmp_path / "ok.db")
    monkeypatch.setattr(store_db.Store, "documents", broken)
    rc, _, err = _cli(monkeypatch, capsys, "docs", "--db", str(path))
    assert rc == 1
    assert _one_line(err) == "error[E008]: the database cannot be read: database disk image is malformed"


def _stamp_newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, 'future', 'x')", (SHIPPED + 1,))
    conn.commit()
    conn.close()


def test_a_newer_schema_is_refused_naming_both_versions(tmp_path):
    path = _good_db(tmp_path / "new.db")
    _stamp_newer(path)
    want = rf"schema version {SHIPPED + 1} is newer than this sitrep's {SHIPPED}"
    with pytest.raises(SchemaTooNew, match=want):
        Store(path)
    with pytest.raises(SchemaTooNew, match=want):
        Store(path, read_only=True)
    conn = sqlite3.connect(path)  # refused before anything was written
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    conn.close()


def test_ingest_into_a_newer_schema_is_a_one_line_error(tmp_path, monkeypatch, capsys):
    path = _good_db(tmp_path / "new.db")
    _stamp_newer(path)
    page = tmp_path / "p.txt"
    page.write_text("A title for the page\n\nSome body text that is long enough to be a paragraph here.\n")
    rc, _, err = _cli(monkeypatch, capsys, "ingest", str(page), "--db", str(path), "--no-events")
    assert rc == 1
    assert _one_line(err).startswith(f"error[E009]: {path}: schema version {SHIPPED + 1} is newer than")


def test_an_empty_file_is_initialised(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with Store(path) as s:
        assert s.counts()["documents"] == 0


# -- dashboard ------------------------------------------------------------------------


@pytest.fixture()
def web_client(tmp_path):
    from fastapi.testclient import TestClient

    from sitrep.web import create_app

    path = _good_db(tmp_path / "web.db")
    with TestClient(create_app(path), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize(
    "exc", [sqlite3.DatabaseError("database disk image is malformed"), sqlite3.OperationalError("database is locked")]
)
def test_dashboard_maps_database_errors_to_503(web_client, monkeypatch, exc):
    from sitrep.web import listing, summaries

    def broken(*_a, **_k):
        raise exc

    monkeypatch.setattr(listing, "list_events", broken)  # the list's SQL (moved out of queries.py)
    monkeypatch.setattr(summaries, "facets", broken)  # the menus' SQL (moved out of queries.py)
    for url in ("/api/events", "/api/facets"):
        r = web_client.get(url)
        assert r.status_code == 503
        assert r.json() == {"error": f"store not readable right now: {exc}"}


def test_dashboard_store_replaced_by_garbage_is_503(tmp_path):
    import threading

    from fastapi.testclient import TestClient

    from sitrep.web import create_app

    path = _good_db(tmp_path / "web.db")
    app = create_app(path)
    path.write_bytes(b"not a database any more")
    app.state.db._local = threading.local()  # a fresh thread opens the file again
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/events")
    assert r.status_code == 503
    assert r.json() == {"error": f"{path}: not a SQLite database (the file does not start with the SQLite header)"}


def test_head_on_the_page_is_allowed(web_client):
    r = web_client.head("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert r.content == b""
