"""Full-text search over the store's FTS5 indexes (migration 0009).

Why apart from queries.py: three indexes answer three different questions and
must never be mixed. Page text (titles, captions, body paragraphs) and event
reports (notes, actor names, places) answer "which events / documents"; reader
comments have their own index and their own endpoint, so a comment never makes
an event or a document a hit.

User text is never passed to FTS5 as query syntax: it is cut into words, each
quoted, the last one a prefix, so any input is a valid query and no operator
(NEAR, column filters, '*' alone) can be smuggled in. Snippets mark hits with
the control characters HIT_START / HIT_END, which the page turns into <mark>
elements with DOM calls: no markup is ever built from stored text.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

HIT_START, HIT_END = "\x02", "\x03"
MAX_TERMS = 12
PREFIX_MIN = 3  # the last word is completed as a prefix from this many characters
_WORD = re.compile(r"\w+", re.UNICODE)
SEARCH_TABLES = ("search_segments", "search_events", "search_comments")


class SearchUnavailable(Exception):
    """The store predates migration 0009: no search index yet."""


class BadQuery(ValueError):
    """Text with no word to search for."""


def fts_query(text: str) -> str:
    """A safe FTS5 MATCH expression for `text`: every word required, the last (3+ characters) as a prefix."""
    words = [w for w in _WORD.findall(text.replace("_", " "))][:MAX_TERMS]
    if not words:
        raise BadQuery("q: no word to search for")
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    if len(words[-1]) >= PREFIX_MIN:  # 'C*' would match half the language
        quoted[-1] += "*"
    return " ".join(quoted)


def available(conn: sqlite3.Connection) -> bool:
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE name IN (?, ?, ?)", SEARCH_TABLES)}
    return len(names) == len(SEARCH_TABLES)


def require(conn: sqlite3.Connection) -> None:
    if not available(conn):
        raise SearchUnavailable("this store has no search index yet: open it once with a current sitrep "
                                "(e.g. 'sitrep ingest' or 'sitrep docs') to add it")  # fmt: skip


def event_clause(level_name: str, *, probe: bool = False) -> str:
    """SQL condition (two '?' for the MATCH expression) on events whose own fields or whose page's text match.

    `probe` (merged level) tests each merged event through its own source reports instead
    of listing every matching merged event first: for a walk down the date index that
    stops after a page (listing.py) a common word then costs 2 ms instead of 30.

    Two IN lists joined by OR, not one UNION: each side is answered by its own index
    (a page's reports through event_sources(doc_id), a report's fields by rowid).
    A report hit goes from the index's rowid to events.event_id, not through the index's
    own event_id column: FTS5 keeps that column in a content table of its own, and reading
    it for 5,000 hits cost twice the rowid hop (bench/bench_api.py, a common word).
    """
    pages = "SELECT doc_id FROM search_segments WHERE search_segments MATCH ?"
    if level_name == "merged" and probe:  # LEFT JOIN: a page hit needs no events row, as in the lists below
        return ("EXISTS (SELECT 1 FROM event_sources es LEFT JOIN events ev ON ev.event_id = es.event_id"
                f" WHERE es.merged_id = m.merged_id AND (es.doc_id IN ({pages})"
                " OR ev.rowid IN (SELECT rowid FROM search_events WHERE search_events MATCH ?)))")  # fmt: skip
    if level_name == "merged":
        return (f"(m.merged_id IN (SELECT es.merged_id FROM event_sources es WHERE es.doc_id IN ({pages}))"
                " OR m.merged_id IN (SELECT es.merged_id FROM event_sources es WHERE es.event_id IN"
                " (SELECT ev.event_id FROM events ev WHERE ev.rowid IN"
                " (SELECT rowid FROM search_events WHERE search_events MATCH ?))))")  # fmt: skip
    return f"(e.doc_id IN ({pages}) OR e.rowid IN (SELECT rowid FROM search_events WHERE search_events MATCH ?))"


def doc_ids_sql(match_param: str = "?") -> str:
    """SQL selecting the documents whose title, caption or body (never comments) match."""
    return f"SELECT doc_id FROM search_segments WHERE search_segments MATCH {match_param}"


def search_documents(conn: sqlite3.Connection, q: str, *, limit: int, offset: int) -> dict[str, Any]:
    """Documents whose text matches, best first, each with its best-matching passage marked."""
    require(conn)
    m = fts_query(q)
    total = conn.execute(
        "SELECT count(DISTINCT doc_id) FROM search_segments WHERE search_segments MATCH ?", (m,)
    ).fetchone()[0]
    rows = conn.execute(
        "SELECT s.doc_id, min(s.rank) AS score, d.title, d.source, d.published, d.name FROM search_segments s"
        " JOIN documents d ON d.doc_id = s.doc_id WHERE search_segments MATCH ?"
        " GROUP BY s.doc_id ORDER BY score, s.doc_id LIMIT ? OFFSET ?",
        (m, limit, offset),
    ).fetchall()
    items = []
    for r in rows:
        snip = conn.execute(
            f"SELECT kind, idx, snippet(search_segments, 0, '{HIT_START}', '{HIT_END}', '…', 24) FROM search_segments"
            " WHERE search_segments MATCH ? AND doc_id = ? ORDER BY rank LIMIT 1",
            (m, r["doc_id"]),
        ).fetchone()
        items.append({"doc_id": r["doc_id"], "title": r["title"] or r["name"], "outlet": r["source"],
                      "published": r["published"], "where": f"{snip[0]} {snip[1]}" if snip else None,
                      "snippet": snip[2] if snip else None})  # fmt: skip
    return {"kind": "documents", "q": q, "total": int(total), "limit": limit, "offset": offset, "items": items}


def search_comments(conn: sqlite3.Connection, q: str, *, limit: int, offset: int) -> dict[str, Any]:
    """Reader comments whose text or author matches: a list of their own, never mixed with events."""
    require(conn)
    m = fts_query(q)
    total = conn.execute("SELECT count(*) FROM search_comments WHERE search_comments MATCH ?", (m,)).fetchone()[0]
    rows = conn.execute(
        f"SELECT doc_id, idx, author, snippet(search_comments, 0, '{HIT_START}', '{HIT_END}', '…', 24) AS snippet"
        " FROM search_comments WHERE search_comments MATCH ? ORDER BY rank, doc_id, idx LIMIT ? OFFSET ?",
        (m, limit, offset),
    ).fetchall()
    return {"kind": "comments", "q": q, "total": int(total), "limit": limit, "offset": offset,
            "items": [dict(r) for r in rows]}  # fmt: skip
