"""Reading and writing comment analyses in the SQLite store (migration 0003).

Everything for one document is rewritten in one transaction, so re-analysing a
page replaces its rows. Rumours go to ``comment_claims`` only: nothing here
touches ``events``, ``evidence`` or ``event_sources``.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import Any

from sitrep.comments.analysis import CommentAnalysis, CommentResult, analyse_comments
from sitrep.comments.claims import Claim
from sitrep.comments.threads import thread_shape
from sitrep.comments.topics import thread_topics
from sitrep.comments.toxicity import Hit
from sitrep.errors import NotFound
from sitrep.store.db import Store, comments_of


def _hit_json(h: Hit) -> dict[str, Any]:
    return {"category": h.category, "term": h.term, "weight": h.weight, "start": h.start, "end": h.end,
            "quoted": h.quoted}  # fmt: skip


def insert_analysis(conn: sqlite3.Connection, analysis: CommentAnalysis) -> None:
    """Replace the stored analysis of one document inside the caller's transaction."""
    conn.execute("DELETE FROM comment_claims WHERE doc_id = ?", (analysis.doc_id,))
    conn.execute("DELETE FROM comment_scores WHERE doc_id = ?", (analysis.doc_id,))
    conn.executemany(
        "INSERT INTO comment_scores(doc_id, comment_idx, author, parent, depth, replies, toxicity, toxic,"
        " flags, topics, hits) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (analysis.doc_id, r.index, r.author, r.parent, r.depth, r.replies, r.toxicity, int(r.toxic),
             json.dumps(r.flags), json.dumps(r.topics), json.dumps([_hit_json(h) for h in r.hits]))
            for r in analysis.comments
        ],
    )  # fmt: skip
    conn.executemany(
        'INSERT OR REPLACE INTO comment_claims(doc_id, comment_idx, start, "end", text, trigger, kind)'
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(analysis.doc_id, cl.comment_idx, cl.start, cl.end, cl.text, cl.trigger, cl.kind)
         for cl in analysis.claims],
    )  # fmt: skip


def write_analysis(store: Store, analysis: CommentAnalysis) -> None:
    """Replace the stored analysis of `analysis.doc_id` with this one, atomically."""
    c = store.conn
    try:
        c.execute("BEGIN IMMEDIATE")
        insert_analysis(c, analysis)
        c.execute("COMMIT")
    except BaseException:
        if c.in_transaction:
            c.execute("ROLLBACK")
        raise


def load_analysis(store: Store, doc_id: str) -> CommentAnalysis | None:
    """The stored analysis of one document, or None when it was never analysed."""
    rows = store.conn.execute(
        "SELECT * FROM comment_scores WHERE doc_id = ? ORDER BY comment_idx", (doc_id,)
    ).fetchall()
    if not rows:
        return None
    claims: dict[int, list[Claim]] = {}
    for r in store.conn.execute(
        'SELECT comment_idx, start, "end", text, trigger, kind FROM comment_claims WHERE doc_id = ?'
        " ORDER BY comment_idx, start",
        (doc_id,),
    ):
        claims.setdefault(r["comment_idx"], []).append(
            Claim(r["comment_idx"], r["start"], r["end"], r["text"], r["trigger"], r["kind"])
        )
    results = [
        CommentResult(
            index=r["comment_idx"], author=r["author"], parent=r["parent"], depth=r["depth"],
            replies=r["replies"], toxicity=r["toxicity"], toxic=bool(r["toxic"]),
            flags=json.loads(r["flags"]), topics=json.loads(r["topics"]),
            hits=[Hit(**h) for h in json.loads(r["hits"])], claims=claims.get(r["comment_idx"], []),
        )  # fmt: skip
        for r in rows
    ]
    page = store.load_document(doc_id)["comments"]
    return CommentAnalysis(doc_id, results, thread_shape(comments_of(page)), thread_topics(r.topics for r in results))


def analyse_stored(store: Store, doc_id: str, *, write: bool = True, refresh: bool = False) -> CommentAnalysis:
    """The analysis of a stored document: loaded when present, else computed (and
    written unless `write` is False, e.g. on a read-only store)."""
    if not refresh:
        found = load_analysis(store, doc_id)
        if found is not None:
            return found
    page = store.load_document(doc_id)  # raises NotFound
    analysis = analyse_comments(doc_id, comments_of(page["comments"]))
    if write:
        write_analysis(store, analysis)
    return analysis


def analyse_all(store: Store, *, refresh: bool = False) -> int:
    """Analyse every stored document with comments not analysed yet. Returns pages analysed."""
    sql = "SELECT DISTINCT c.doc_id FROM comments c"
    if not refresh:
        sql += " WHERE NOT EXISTS (SELECT 1 FROM comment_scores s WHERE s.doc_id = c.doc_id)"
    doc_ids = [r[0] for r in store.conn.execute(sql).fetchall()]
    for doc_id in doc_ids:
        analyse_stored(store, doc_id, refresh=True)
    return len(doc_ids)


def author_summary(store: Store, author: str | None = None) -> list[dict[str, Any]]:
    """Per author over every analysed page: comments, pages, toxicity, flags, topics, rumours.

    Anonymous comments are left out. With `author`, only that author (exact
    name); raises NotFound when the store has no analysed comment by them.
    """
    sql = "SELECT doc_id, comment_idx, author, toxicity, toxic, flags, topics FROM comment_scores WHERE author IS NOT NULL"
    args: tuple[Any, ...] = ()
    if author is not None:
        sql += " AND author = ?"
        args = (author,)
    per: dict[str, dict[str, Any]] = {}
    for r in store.conn.execute(sql, args):
        a = per.setdefault(r["author"], {"tox": [], "toxic": 0, "pages": set(), "flags": Counter(),
                                         "topics": Counter(), "claims": 0})  # fmt: skip
        a["tox"].append(r["toxicity"])
        a["toxic"] += r["toxic"]
        a["pages"].add(r["doc_id"])
        a["flags"].update(json.loads(r["flags"]))
        a["topics"].update(json.loads(r["topics"]))
    claim_sql = (
        "SELECT s.author, count(*) FROM comment_claims k JOIN comment_scores s"
        " ON s.doc_id = k.doc_id AND s.comment_idx = k.comment_idx WHERE s.author IS NOT NULL GROUP BY s.author"
    )
    for name, n in store.conn.execute(claim_sql):
        if name in per:
            per[name]["claims"] = n
    if author is not None and not per:
        raise NotFound(f"no analysed comment by {author!r} in {store.path}")
    out = [
        {
            "author": name,
            "comments": len(a["tox"]),
            "pages": len(a["pages"]),
            "mean_toxicity": round(sum(a["tox"]) / len(a["tox"]), 4),
            "max_toxicity": max(a["tox"]),
            "toxic_comments": a["toxic"],
            "flags": dict(sorted(a["flags"].items(), key=lambda kv: (-kv[1], kv[0]))),
            "topics": dict(sorted(a["topics"].items(), key=lambda kv: (-kv[1], kv[0]))),
            "claims": a["claims"],
        }
        for name, a in per.items()
    ]
    out.sort(key=lambda d: (-d["comments"], -d["mean_toxicity"], d["author"]))
    return out
