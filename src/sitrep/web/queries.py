"""Read-only SQL behind the dashboard API.

Why a module of its own: the HTTP layer only parses and validates parameters;
everything that touches SQLite is here, over a connection that was opened
read-only, so that no request can change the store.

Two levels of events are served. When fusion has run (``merged_events`` exists
and has rows) the dashboard shows merged events, each with its source reports
via ``event_sources``. Before that, or when asked with ``level=reports``, every
event report in ``events`` is its own event. Tables added by later migrations
(``merged_events``, ``comment_scores``, ``comment_claims``, ``actor_relations``)
are looked up at request time, so a dashboard started on an older store keeps
working and picks them up once they exist. Paging the filtered events (the
list and the map) is in listing.py, which chooses how SQLite reaches a page.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.errors import NotFound, StoreError
from sitrep.store.check import check_header, check_open
from sitrep.store.aliases import aliases_of, resolve_merged_id

# Fusion's own certainty vocabulary (merged_events.fusion_certainty); any other
# certainty value is a report certainty (reported / claimed / alleged / rumoured).
FUSION_CERTAINTIES = ("single-source", "corroborated", "contested")


class Database:
    """One SQLite file opened per thread, read-only unless told otherwise."""

    def __init__(self, path: str | Path, *, read_only: bool = True) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if not self.path.is_file():
            raise StoreError(f"{self.path}: database not found (run 'sitrep ingest' first)")
        self._local = threading.local()
        self.connection()  # fail now, not on the first request, if the file is not a database

    def connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._open()
            self._local.conn = conn
        return conn

    def _open(self) -> sqlite3.Connection:
        resolved = self.path.resolve()
        check_header(resolved)
        try:
            if self.read_only:
                conn = sqlite3.connect(f"file:{resolved}?mode=ro", uri=True, check_same_thread=False)
                conn.execute("PRAGMA query_only=ON")
            else:
                conn = sqlite3.connect(str(resolved), check_same_thread=False)
            conn.row_factory = sqlite3.Row
            # Filters without an index scan the events table: keep it in memory-mapped
            # pages and a 64 MB page cache instead of re-reading it for every request.
            conn.execute("PRAGMA mmap_size=268435456")
            conn.execute("PRAGMA cache_size=-65536")
            check_open(conn, self.path, full=False)
            if not _has_table(conn, "events"):
                raise StoreError(f"{self.path}: not a sitrep database (no events table)")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a sitrep database ({exc})") from exc
        return conn


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
    return row is not None


# -- events -------------------------------------------------------------------------


@dataclass(slots=True)
class EventFilters:
    since: date | None = None
    until: date | None = None
    actor: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    certainty: str | None = None
    outlet: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    inter: int | None = None  # ACLED inter code of actor1 or actor2
    corroboration: str | None = None  # fusion's verdict, apart from the report's claim status (certainty)
    q: str | None = None  # an FTS5 expression from search.fts_query: report fields or page text match


@dataclass(slots=True)
class Level:
    """How one event level maps onto SQL."""

    name: str  # "merged" | "reports"
    table: str
    alias: str
    id_col: str
    select: str
    certainty_col: str
    params: list[Any] = field(default_factory=list)


REPORT_SELECT = (
    "e.event_id AS id, e.event_date, e.event_type, e.sub_event_type, e.actor1, e.actor2, e.admin1,"
    " e.location, e.latitude, e.longitude, e.fatalities, e.source AS outlets, e.certainty, e.claimed_by,"
    " 1 AS n_sources, 1 AS n_outlets, e.doc_id"
)
MERGED_SELECT = (
    "m.merged_id AS id, m.event_date, m.event_type, m.sub_event_type, m.actor1, m.actor2, m.admin1,"
    " m.location, m.latitude, m.longitude, m.fatalities, m.source AS outlets, m.fusion_certainty AS certainty,"
    " NULL AS claimed_by, m.n_sources, m.n_outlets, NULL AS doc_id"
)

REPORTS = Level("reports", "events", "e", "event_id", REPORT_SELECT, "certainty")
MERGED = Level("merged", "merged_events", "m", "merged_id", MERGED_SELECT, "fusion_certainty")


def merged_available(conn: sqlite3.Connection) -> bool:
    if not _has_table(conn, "merged_events"):
        return False
    return conn.execute("SELECT 1 FROM merged_events LIMIT 1").fetchone() is not None


def pick_level(conn: sqlite3.Connection, requested: str = "auto") -> Level:
    """`auto` serves merged events when fusion has filled them, else reports."""
    if requested == "reports":
        return REPORTS
    if requested == "merged":
        if not _has_table(conn, "merged_events"):
            raise NotFound("no merged events in this database (fusion has not run)")
        return MERGED
    return MERGED if merged_available(conn) else REPORTS


def _where(level: Level, f: EventFilters, *, probe: bool = False) -> tuple[str, list[Any]]:
    """SQL condition and arguments selecting the events `f` asks for, at `level`.

    `probe` words the merged level's outlet, claim-status and search filters as a per-event
    EXISTS test instead of one list of every matching event: the same rows, but the
    right shape for a walk down the date index that stops once a page is full
    (listing.py), where building a list of 17,000 ids would cost more than the walk.
    """
    a = level.alias
    clauses: list[str] = []
    args: list[Any] = []
    if f.since:
        clauses.append(f"{a}.event_date >= ?")
        args.append(f.since.isoformat())
    if f.until:
        # event_date is 'YYYY-MM-DD'; a bare '<=' keeps the whole 'until' day
        clauses.append(f"{a}.event_date <= ?")
        args.append(f.until.isoformat())
    if f.actor:
        clauses.append(f"({a}.actor1 = ? OR {a}.actor2 = ?)")
        args += [f.actor, f.actor]
    if f.event_type:
        clauses.append(f"{a}.event_type = ?")
        args.append(f.event_type)
    if f.sub_event_type:
        clauses.append(f"{a}.sub_event_type = ?")
        args.append(f.sub_event_type)
    if f.certainty:
        if level is MERGED and f.certainty not in FUSION_CERTAINTIES:
            # one pass over the narrow event_sources table, then primary-key lookups
            clauses.append(_source_test("certainty", probe))
        else:
            clauses.append(f"{a}.{level.certainty_col} = ?")
        args.append(f.certainty)
    if f.outlet:
        if level is MERGED:
            clauses.append(_source_test("source", probe))
        else:
            clauses.append("e.source = ?")
        args.append(f.outlet)
    if f.inter is not None:
        clauses.append(f"({a}.inter1 = ? OR {a}.inter2 = ?)")
        args += [f.inter, f.inter]
    if f.corroboration:
        if level is MERGED:
            clauses.append("m.fusion_certainty = ?")
        else:  # a report's corroboration is the verdict on the merged event it belongs to
            clauses.append("e.event_id IN (SELECT es.event_id FROM event_sources es JOIN merged_events mm"
                           " ON mm.merged_id = es.merged_id WHERE mm.fusion_certainty = ?)")
        args.append(f.corroboration)
    if f.q:
        from sitrep.web.search import event_clause

        clauses.append(event_clause(level.name, probe=probe))
        args += [f.q, f.q]
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        clauses.append(f"{a}.latitude BETWEEN ? AND ? AND {a}.longitude BETWEEN ? AND ?")
        args += [min_lat, max_lat, min_lon, max_lon]
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def _source_test(column: str, probe: bool) -> str:
    """A merged event one of whose source reports has `column` = ?: a list, or a per-event probe."""
    if probe:  # answered by the (column, merged_id) index of 0005, one seek per event
        return f"EXISTS (SELECT 1 FROM event_sources es WHERE es.{column} = ? AND es.merged_id = m.merged_id)"
    return f"m.merged_id IN (SELECT es.merged_id FROM event_sources es WHERE es.{column} = ?)"


class CountCache:
    """Totals of recent filter sets, dropped whenever the store changes.

    Paging through one filter set (the map loads 1,000 events a page) asks the
    same count each time; a filter without an index makes that a table scan.
    The store's change marker is the database and WAL files' size and mtime, so a
    commit (or checkpoint) by any process empties the cache.
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._marker: tuple[Any, ...] | None = None
        self._data: dict[tuple[Any, ...], Any] = {}
        self.hits = self.misses = 0

    @staticmethod
    def marker(conn: sqlite3.Connection) -> tuple[Any, ...]:
        path = conn.execute("PRAGMA database_list").fetchone()[2]
        out: list[Any] = []
        for p in (path, path + "-wal"):
            try:
                st = Path(p).stat()
                out += [st.st_mtime_ns, st.st_size]
            except OSError:
                out += [None, None]
        return tuple(out)

    def count(self, conn: sqlite3.Connection, sql: str, args: list[Any]) -> int:
        return int(self.memo(conn, (sql, tuple(args)), lambda: conn.execute(sql, args).fetchone()[0]))

    def memo(self, conn: sqlite3.Connection, key: tuple[Any, ...], compute: Any) -> Any:
        """`compute()` once per store state: the menus and the store-wide counts change only with the store."""
        if self.size <= 0:
            return compute()
        mark = self.marker(conn)
        with self._lock:
            if mark != self._marker:
                self._data.clear()
                self._marker = mark
            if key in self._data:
                self.hits += 1
                return self._data[key]
        value = compute()
        with self._lock:
            self.misses += 1
            if len(self._data) >= self.size:
                self._data.pop(next(iter(self._data)))
            self._data[key] = value
        return value


def _paragraph_for(segments: list[sqlite3.Row], start: int, end: int) -> sqlite3.Row | None:
    best = None
    for s in segments:
        if s["start"] <= start and end <= s["end"]:
            if best is None or (s["kind"] == "body" and best["kind"] != "body"):
                best = s
    return best


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")


def _sentence_in(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets (into `text`) of the sentence around [start, end): a plain punctuation split."""
    s = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() <= start:
            s = m.end()
        elif m.start() >= end:
            return s, m.start()
    return s, len(text.rstrip())


def _evidence_view(ev_rows: list[sqlite3.Row], segments: list[sqlite3.Row]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Evidence spans plus the paragraphs they sit in, with offsets relative to each paragraph.

    The sentence is the stored `sentence` evidence span that holds the field span,
    or failing that the sentence around it found by punctuation.
    """
    sentences = [r for r in ev_rows if r["field"] == "sentence"]
    paragraphs: dict[tuple[str, int], dict[str, Any]] = {}
    spans: list[dict[str, Any]] = []
    for r in ev_rows:
        item: dict[str, Any] = {"field": r["field"], "start": r["start"], "end": r["end"], "text": r["text"],
                                "paragraph": None, "sentence": None}  # fmt: skip
        seg = _paragraph_for(segments, r["start"], r["end"])
        if seg is not None:
            key = (seg["kind"], seg["idx"])
            paragraphs.setdefault(key, {"kind": seg["kind"], "idx": seg["idx"], "start": seg["start"],
                                        "end": seg["end"], "text": seg["text"]})  # fmt: skip
            item["paragraph"] = {"kind": seg["kind"], "idx": seg["idx"]}
            item["rel_start"] = r["start"] - seg["start"]
            item["rel_end"] = r["end"] - seg["start"]
            holder = next((s for s in sentences if s["start"] <= r["start"] and r["end"] <= s["end"]), None)
            if holder is not None:
                s0, s1 = holder["start"] - seg["start"], holder["end"] - seg["start"]
            else:
                s0, s1 = _sentence_in(seg["text"], r["start"] - seg["start"], r["end"] - seg["start"])
            s0, s1 = max(0, s0), min(len(seg["text"]), s1)
            item["sentence"] = {"rel_start": s0, "rel_end": s1, "text": seg["text"][s0:s1]}
        spans.append(item)
    return spans, sorted(paragraphs.values(), key=lambda p: p["start"])


def _report_sources(conn: sqlite3.Connection, event_ids: list[str]) -> list[dict[str, Any]]:
    out = []
    for eid in event_ids:
        r = conn.execute(
            "SELECT e.*, d.name AS doc_name, d.title AS doc_title, d.url AS doc_url, d.published AS doc_published,"
            " d.source AS doc_outlet FROM events e JOIN documents d ON d.doc_id = e.doc_id WHERE e.event_id = ?",
            (eid,),
        ).fetchone()
        if r is None:
            continue
        segs = conn.execute(
            'SELECT kind, idx, start, "end", text FROM segments WHERE doc_id = ? AND kind IN (\'body\', \'title\','
            " 'caption') ORDER BY start",
            (r["doc_id"],),
        ).fetchall()
        ev = conn.execute(
            'SELECT field, start, "end", text FROM evidence WHERE event_id = ? ORDER BY start, field', (eid,)
        ).fetchall()
        spans, paragraphs = _evidence_view(ev, segs)
        out.append({
            "event_id": r["event_id"], "outlet": r["source"] or r["doc_outlet"], "claimed_by": r["claimed_by"],
            "certainty": r["certainty"], "event_date": r["event_date"], "event_type": r["event_type"],
            "sub_event_type": r["sub_event_type"], "actor1": r["actor1"], "actor2": r["actor2"],
            "location": r["location"], "fatalities": r["fatalities"], "notes": r["notes"],
            "document": {"doc_id": r["doc_id"], "name": r["doc_name"], "title": r["doc_title"], "url": r["doc_url"],
                         "published": r["doc_published"], "outlet": r["doc_outlet"]},
            "evidence": spans, "paragraphs": paragraphs,
        })  # fmt: skip
    return out


def get_event(conn: sqlite3.Connection, event_id: str) -> dict[str, Any]:
    """A merged event (by its id or an old id of it) or an event report, with every source report and its evidence."""
    if _has_table(conn, "merged_events"):
        asked = event_id
        event_id = resolve_merged_id(conn, event_id) or event_id
        m = conn.execute("SELECT * FROM merged_events WHERE merged_id = ?", (event_id,)).fetchone()
        if m is not None:
            members = [r[0] for r in conn.execute(
                "SELECT event_id FROM event_sources WHERE merged_id = ? ORDER BY event_id", (event_id,))]
            if not members:
                members = [m["lead_event_id"]]
            d = dict(m)
            d.update({"id": m["merged_id"], "level": "merged", "certainty": m["fusion_certainty"],
                      "outlets": m["source"], "aliases": aliases_of(conn, event_id)})  # fmt: skip
            if asked != event_id:
                d["resolved_from"] = asked  # an old id of this event
            d["sources"] = _report_sources(conn, members)
            return d
    r = conn.execute("SELECT * FROM events WHERE event_id = ?", (event_id,)).fetchone()
    if r is None:
        raise NotFound(f"no event {event_id!r}")
    d = dict(r)
    d.update({"id": r["event_id"], "level": "reports", "outlets": r["source"], "n_sources": 1, "n_outlets": 1})
    merged = conn.execute(
        "SELECT merged_id FROM event_sources WHERE event_id = ? AND merged_id != event_id LIMIT 1", (event_id,)
    ).fetchone()
    d["merged_id"] = merged[0] if merged else None
    d["sources"] = _report_sources(conn, [event_id])
    return d


# -- documents ----------------------------------------------------------------------


def get_document(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any]:
    d = conn.execute(
        "SELECT doc_id, name, fmt, url, source, published, language, title FROM documents WHERE doc_id = ?",
        (doc_id,),
    ).fetchone()
    if d is None:
        raise NotFound(f"no document {doc_id!r}")
    segs = conn.execute(
        'SELECT kind, idx, start, "end", text FROM segments WHERE doc_id = ? ORDER BY start', (doc_id,)
    ).fetchall()
    comments = [dict(c) for c in conn.execute(
        'SELECT idx, author, depth, parent, start, "end", text FROM comments WHERE doc_id = ? ORDER BY idx',
        (doc_id,))]  # fmt: skip
    analysed = False
    if _has_table(conn, "comment_scores"):
        scores = {r["comment_idx"]: r for r in conn.execute(
            "SELECT * FROM comment_scores WHERE doc_id = ?", (doc_id,))}  # fmt: skip
        analysed = bool(scores)
        claims: dict[int, list[dict[str, Any]]] = {}
        if _has_table(conn, "comment_claims"):
            for r in conn.execute(
                'SELECT comment_idx, start, "end", text, trigger, kind FROM comment_claims WHERE doc_id = ?'
                " ORDER BY comment_idx, start",
                (doc_id,),
            ):
                claims.setdefault(r["comment_idx"], []).append(
                    {"text": r["text"], "trigger": r["trigger"], "kind": r["kind"], "start": r["start"], "end": r["end"]}
                )
        for c in comments:
            s = scores.get(c["idx"])
            c["analysis"] = None if s is None else {
                "toxicity": s["toxicity"], "toxic": bool(s["toxic"]), "flags": _json_list(s["flags"]),
                "topics": _json_list(s["topics"]), "replies": s["replies"], "depth": s["depth"],
                "parent": s["parent"], "claims": claims.get(c["idx"], []),
            }  # fmt: skip
    else:
        for c in comments:
            c["analysis"] = None
    events = [dict(r) for r in conn.execute(
        "SELECT event_id, event_date, event_type, sub_event_type, certainty, claimed_by FROM events"
        " WHERE doc_id = ? ORDER BY event_date, event_id", (doc_id,))]  # fmt: skip
    # every evidence span of the page's reports, so the document view can mark each field apart
    evidence = [dict(r) for r in conn.execute(
        'SELECT ev.event_id, ev.field, ev.start, ev."end" FROM evidence ev JOIN events e ON e.event_id = ev.event_id'
        " WHERE e.doc_id = ? ORDER BY ev.start, ev.field", (doc_id,))]  # fmt: skip
    title = next((s for s in segs if s["kind"] == "title"), None)
    caption = next((s for s in segs if s["kind"] == "caption"), None)
    return {
        **dict(d),
        "title": title["text"] if title else d["title"],
        "caption": caption["text"] if caption else None,
        "paragraphs": [{"idx": s["idx"], "start": s["start"], "end": s["end"], "text": s["text"]}
                       for s in segs if s["kind"] == "body"],
        "comments": comments,
        "comments_analysed": analysed,
        "events": events,
        "evidence": evidence,
        "title_span": {"start": title["start"], "end": title["end"]} if title else None,
    }  # fmt: skip


def _json_list(raw: str | None) -> list[Any]:
    try:
        v = json.loads(raw or "[]")
    except ValueError:
        return []
    return v if isinstance(v, list) else []
