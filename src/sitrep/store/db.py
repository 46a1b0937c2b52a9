"""The embedded SQLite store.

Why this shape: a run can be killed at any moment (SIGKILL, power loss), so each
batch of documents is written with everything derived from it (segments,
comments, events, evidence) in ONE transaction. A document is either fully in
the store or not at all, so a re-run skips what is present and finishes the job
without duplicates. WAL mode keeps readers (the dashboard) unblocked by writers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from sitrep.errors import CorruptStore, StoreError
from sitrep.records import Comment, Document, Event, Evidence, Skip, Statement, TextSpan
from sitrep.store.check import check_header, check_open
from sitrep.store.migrate import migrate
from sitrep.store.searchindex import batch_fills, fill, marks

EVENT_COLUMNS = (
    "event_id", "doc_id", "event_date", "time_precision", "date_inferred", "event_type",
    "sub_event_type", "plover_type", "actor1", "assoc_actor_1", "inter1", "actor2",
    "assoc_actor_2", "inter2", "country", "admin1", "admin2", "location", "latitude",
    "longitude", "geo_precision", "fatalities", "source", "notes", "certainty",
    "claimed_by", "rule_id", "confidence", "fallbacks",
)  # fmt: skip
# `fallbacks` is a list on Event and "; "-joined text in the table
FALLBACK_SEP = "; "


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A SQLite database file holding documents, comments and events."""

    def __init__(self, path: str | Path = "sitrep.db", *, read_only: bool = False) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            check_header(self.path)  # a text file or a cut copy: a typed error before SQLite sees it
        try:
            if read_only:
                if self.path != ":memory:" and not Path(self.path).is_file():
                    raise StoreError(f"{self.path}: database not found (run 'sitrep ingest' first)")
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                if self.path != ":memory:":
                    Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.row_factory = sqlite3.Row
            check_open(self.conn, self.path, full=not read_only)
            if not read_only:
                migrate(self.conn)
            self._index_fills = batch_fills(self.conn) if not read_only else ()
        except StoreError:
            if getattr(self, "conn", None) is not None:
                self.conn.close()
            raise
        except sqlite3.OperationalError as exc:  # cannot open, locked: not the file's fault
            raise StoreError(f"{self.path}: cannot open as a sitrep database ({exc})") from exc
        except sqlite3.DatabaseError as exc:
            raise CorruptStore(f"{self.path}: damaged database ({exc})") from exc

    # -- lifecycle -----------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes --------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row is not None

    def write_batch(
        self,
        results: Sequence[tuple[Document, Sequence[Event], Sequence[Statement]]],
        skips: Sequence[Skip] = (),
        derive: Callable[[sqlite3.Connection, Document], None] | None = None,
    ) -> int:
        """Write documents with all they produced, atomically. Returns documents added.

        `derive(conn, doc)` runs inside the same transaction for each new document,
        so data derived from it (comment analysis, stated relations) lands with it
        or not at all.
        """
        added = 0
        c = self.conn
        try:
            c.execute("BEGIN IMMEDIATE")
            marked = marks(c, self._index_fills)
            for doc, events, statements in results:
                if self.has_document(doc.doc_id):
                    continue
                self._insert_document(doc)
                for ev in events:
                    self._insert_event(ev)
                c.executemany(
                    "INSERT OR IGNORE INTO statements(doc_id, kind, start, \"end\", text, actor)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [(s.doc_id, s.kind, s.start, s.end, s.text, s.actor) for s in statements],
                )
                if derive is not None:
                    derive(c, doc)
                added += 1
            c.executemany(
                "INSERT OR REPLACE INTO skips(origin, reason, message, seen_at) VALUES (?, ?, ?, ?)",
                [(s.origin, s.reason, s.message, _now()) for s in skips],
            )
            fill(c, marked)  # the batch's segments and comments into the search index
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise
        return added

    def _insert_document(self, doc: Document) -> None:
        m = doc.meta
        seg = doc.segmentation
        self.conn.execute(
            "INSERT INTO documents(doc_id, name, origin, fmt, url, source, published, language,"
            " title, text, ingested_at, published_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.doc_id, doc.name, doc.origin, doc.fmt, m.url, m.source,
                m.published.isoformat() if m.published else None, m.language,
                seg.title.text if seg.title else m.title, doc.text, _now(),
                m.published_source if m.published else None,
            ),
        )  # fmt: skip
        rows: list[tuple[Any, ...]] = []
        for kind, spans in (
            ("title", [seg.title] if seg.title else []),
            ("caption", [seg.caption] if seg.caption else []),
            ("body", seg.body),
            ("boilerplate", seg.boilerplate),
        ):
            rows.extend((doc.doc_id, kind, i, s.start, s.end, s.text) for i, s in enumerate(spans))
        self.conn.executemany(
            'INSERT INTO segments(doc_id, kind, idx, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)', rows
        )
        self.conn.executemany(
            'INSERT INTO comments(doc_id, idx, author, depth, parent, start, "end", text)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc.doc_id, c.index, c.author, c.depth, c.parent, c.start, c.end, c.text) for c in seg.comments],
        )

    def _insert_event(self, ev: Event) -> None:
        values = _event_row(ev)
        placeholders = ", ".join("?" for _ in EVENT_COLUMNS)
        self.conn.execute(
            f"INSERT OR REPLACE INTO events({', '.join(EVENT_COLUMNS)}) VALUES ({placeholders})", values
        )
        self.conn.execute("DELETE FROM evidence WHERE event_id = ?", (ev.event_id,))
        self.conn.executemany(
            'INSERT OR IGNORE INTO evidence(event_id, field, start, "end", text) VALUES (?, ?, ?, ?, ?)',
            [(ev.event_id, e.field, e.start, e.end, e.text) for e in ev.evidence],
        )
        self.conn.execute(
            "INSERT OR IGNORE INTO event_sources(merged_id, event_id, doc_id, source, claimed_by, certainty)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (ev.event_id, ev.event_id, ev.doc_id, ev.source, ev.claimed_by, ev.certainty),
        )

    # -- reads ---------------------------------------------------------------------
    def documents(self) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT d.doc_id, d.name, d.source, d.published, d.published_source, d.title, length(d.text) AS chars,"
            " (SELECT count(*) FROM comments c WHERE c.doc_id = d.doc_id) AS n_comments,"
            " (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS n_events"
            " FROM documents d ORDER BY d.published, d.name"
        ).fetchall()

    def find_document(self, key: str) -> str | None:
        """A doc id from a full id, a unique id prefix, or a document name."""
        row = self.conn.execute("SELECT doc_id FROM documents WHERE doc_id = ? OR name = ?", (key, key)).fetchone()
        if row:
            return str(row[0])
        rows = self.conn.execute(
            "SELECT doc_id FROM documents WHERE doc_id LIKE ? LIMIT 2", (key.replace("%", "") + "%",)
        ).fetchall()
        return str(rows[0][0]) if len(rows) == 1 else None

    def load_document(self, doc_id: str) -> dict[str, Any]:
        """A document with its segments and comments as plain data."""
        d = self.conn.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if d is None:
            from sitrep.errors import NotFound

            raise NotFound(f"no document {doc_id!r} in {self.path}")
        segs = self.conn.execute(
            'SELECT kind, idx, start, "end", text FROM segments WHERE doc_id = ? ORDER BY start', (doc_id,)
        ).fetchall()
        comments = self.conn.execute(
            'SELECT idx, author, depth, parent, start, "end", text FROM comments WHERE doc_id = ? ORDER BY idx',
            (doc_id,),
        ).fetchall()
        return {
            "document": dict(d),
            "segments": [dict(s) for s in segs],
            "comments": [dict(c) for c in comments],
        }

    def events(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events"
        args: tuple[Any, ...] = ()
        if doc_id:
            sql += " WHERE doc_id = ?"
            args = (doc_id,)
        sql += " ORDER BY event_date, doc_id, event_id"
        return [dict(r) for r in self.conn.execute(sql, args)]

    def evidence(self, event_ids: Iterable[str]) -> dict[str, list[Evidence]]:
        out: dict[str, list[Evidence]] = {}
        ids = list(event_ids)
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            q = ",".join("?" for _ in chunk)
            for r in self.conn.execute(
                f'SELECT event_id, field, start, "end", text FROM evidence WHERE event_id IN ({q})'
                " ORDER BY start",
                chunk,
            ):
                out.setdefault(r["event_id"], []).append(Evidence(r["field"], r["start"], r["end"], r["text"]))
        return out

    def counts(self) -> dict[str, int]:
        tables = ("documents", "segments", "comments", "events", "evidence", "statements", "skips")
        return {t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}

    def iter_rows(self, sql: str, args: Sequence[Any] = ()) -> Iterator[sqlite3.Row]:
        yield from self.conn.execute(sql, args)


def _event_row(ev: Event) -> tuple[Any, ...]:
    d = {
        "event_id": ev.event_id, "doc_id": ev.doc_id,
        "event_date": ev.event_date.isoformat() if isinstance(ev.event_date, date) else None,
        "time_precision": ev.time_precision, "date_inferred": int(ev.date_inferred),
        "event_type": ev.event_type, "sub_event_type": ev.sub_event_type, "plover_type": ev.plover_type,
        "actor1": ev.actor1, "assoc_actor_1": ev.assoc_actor_1, "inter1": ev.inter1,
        "actor2": ev.actor2, "assoc_actor_2": ev.assoc_actor_2, "inter2": ev.inter2,
        "country": ev.country, "admin1": ev.admin1, "admin2": ev.admin2, "location": ev.location,
        "latitude": ev.latitude, "longitude": ev.longitude, "geo_precision": ev.geo_precision,
        "fatalities": ev.fatalities, "source": ev.source, "notes": ev.notes,
        "certainty": ev.certainty, "claimed_by": ev.claimed_by, "rule_id": ev.rule_id,
        "confidence": float(ev.confidence), "fallbacks": FALLBACK_SEP.join(ev.fallbacks),
    }  # fmt: skip
    return tuple(d[c] for c in EVENT_COLUMNS)


def event_fields(row: Any) -> dict[str, Any]:
    """Event keyword arguments from an `events` row (mapping), dates and lists restored."""
    d = {c: row[c] for c in EVENT_COLUMNS}
    d["event_date"] = date.fromisoformat(d["event_date"]) if d["event_date"] else None
    d["date_inferred"] = bool(d["date_inferred"])
    d["confidence"] = 1.0 if d["confidence"] is None else float(d["confidence"])
    d["fallbacks"] = [f for f in (d["fallbacks"] or "").split(FALLBACK_SEP) if f]
    return d


def spans_of(rows: Iterable[dict[str, Any]]) -> list[TextSpan]:
    return [TextSpan(r["start"], r["end"], r["text"]) for r in rows]


def comments_of(rows: Iterable[dict[str, Any]]) -> list[Comment]:
    return [
        Comment(r["idx"], r["author"], r["depth"], r["text"], r["start"], r["end"], r["parent"]) for r in rows
    ]
