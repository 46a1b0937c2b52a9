"""Actor relations in the store (migration 0004): write per document, read back."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import Any

from sitrep.graph.relations import Relation, Resolver, extract_relations
from sitrep.records import Document, DocMeta, Segmentation, TextSpan
from sitrep.store.db import Store


def insert_relations(conn: sqlite3.Connection, doc_id: str, relations: Sequence[Relation]) -> None:
    """Replace the stored relations of one document inside the caller's transaction."""
    conn.execute("DELETE FROM actor_relations WHERE doc_id = ?", (doc_id,))
    conn.executemany(
        'INSERT OR IGNORE INTO actor_relations(src, dst, type, doc_id, start, "end", text, date,'
        " src_id, dst_id, src_inter, dst_inter, cue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (r.src, r.dst, r.type, r.doc_id, r.start, r.end, r.text, r.date.isoformat() if r.date else None,
             r.src_id, r.dst_id, r.src_inter, r.dst_inter, r.cue)
            for r in relations
        ],
    )  # fmt: skip


def write_relations(store: Store, doc_id: str, relations: Sequence[Relation]) -> None:
    """Replace the stored relations of one document, atomically."""
    c = store.conn
    try:
        c.execute("BEGIN IMMEDIATE")
        insert_relations(c, doc_id, relations)
        c.execute("COMMIT")
    except BaseException:
        if c.in_transaction:
            c.execute("ROLLBACK")
        raise


def stored_document(store: Store, doc_id: str) -> Document:
    """A `Document` rebuilt from the store (text, meta, body paragraphs)."""
    data = store.load_document(doc_id)
    d = data["document"]
    body = [TextSpan(s["start"], s["end"], s["text"]) for s in data["segments"] if s["kind"] == "body"]
    published = date.fromisoformat(d["published"]) if d["published"] else None
    meta = DocMeta(url=d["url"], source=d["source"], published=published, language=d["language"], title=d["title"])
    return Document(d["doc_id"], d["name"], d["origin"], d["text"], meta, Segmentation(body=body), d["fmt"])


def index_relations(store: Store, resolver: Resolver | None = None, *, refresh: bool = False) -> int:
    """Extract and store the stated relations of every document not done yet.

    A document counts as done once it has relation rows, so with `refresh`
    False documents without any relation are re-read on each call (cheap).
    Returns the number of relations written.
    """
    if resolver is None:
        from sitrep.knowledge.actors import ActorResolver, load_ontology

        resolver = ActorResolver(load_ontology())
    sql = "SELECT doc_id FROM documents d"
    if not refresh:
        sql += " WHERE NOT EXISTS (SELECT 1 FROM actor_relations r WHERE r.doc_id = d.doc_id)"
    written = 0
    for (doc_id,) in store.conn.execute(sql).fetchall():
        rels = extract_relations(stored_document(store, doc_id), resolver)
        write_relations(store, doc_id, rels)
        written += len(rels)
    return written


def load_relations(store: Store, since: date | None = None) -> list[dict[str, Any]]:
    sql = 'SELECT src, dst, type, doc_id, start, "end", text, date, src_id, dst_id, src_inter, dst_inter, cue FROM actor_relations'
    args: tuple[Any, ...] = ()
    if since is not None:
        sql += " WHERE date >= ?"
        args = (since.isoformat(),)
    return [dict(r) for r in store.conn.execute(sql + " ORDER BY date, doc_id, start", args)]
