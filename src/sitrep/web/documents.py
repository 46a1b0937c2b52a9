"""The dashboard's document list: every stored page, paged, with its event and comment counts.

Why: a page with comments but no events must still be reachable (the Document
view used to open only from an event), and an analyst reads by outlet and date.
Counts come from grouped sub-queries on the doc_id indexes, not a join per row.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from sitrep.web.search import doc_ids_sql, fts_query, require


def list_documents(
    conn: sqlite3.Connection, *, q: str | None = None, outlet: str | None = None, since: date | None = None,
    until: date | None = None, has_events: bool | None = None, limit: int = 50, offset: int = 0,
) -> dict[str, Any]:
    """Documents newest first (by publication date, then name), filtered; `total` and one page of `items`."""
    clauses: list[str] = []
    args: list[Any] = []
    if q:
        require(conn)
        clauses.append(f"d.doc_id IN ({doc_ids_sql()})")
        args.append(fts_query(q))
    if outlet:
        clauses.append("d.source = ?")
        args.append(outlet)
    if since:
        clauses.append("d.published >= ?")
        args.append(since.isoformat())
    if until:
        clauses.append("d.published <= ?")
        args.append(until.isoformat())
    if has_events is not None:
        clauses.append(("" if has_events else "NOT ") + "EXISTS (SELECT 1 FROM events e WHERE e.doc_id = d.doc_id)")
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = conn.execute(f"SELECT count(*) FROM documents d{where}", args).fetchone()[0]
    rows = conn.execute(
        "SELECT d.doc_id, d.name, d.title, d.source AS outlet, d.published, d.url,"
        " (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS events,"
        " (SELECT count(*) FROM comments c WHERE c.doc_id = d.doc_id) AS comments"
        f" FROM documents d{where} ORDER BY d.published IS NULL, d.published DESC, d.name, d.doc_id"
        " LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    return {"total": int(total), "limit": limit, "offset": offset, "items": [dict(r) for r in rows]}
