"""Where a document came from beyond its text: fetch details and channel-post details.

Readers put these on `RawDoc.provenance` (a plain dict, so the record still
pickles for Spark); the runner hands them to `write_provenance` inside the
transaction that stores the document. That is what makes "skip URLs already
stored" safe: a URL is marked stored in the same commit as its page, so a run
killed between fetch and write fetches the page again next time instead of
believing it has it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import Any

# Keys a reader may set in RawDoc.provenance, as named in the document_provenance
# table (migration 0008). Anything else in the dict is ignored, not an error.
PROVENANCE_FIELDS = (
    "kind", "url", "final_url", "http_date", "last_modified", "fetched_at", "channel", "post_id",
    "author", "forwarded_from", "views", "reply_to", "links",
)  # fmt: skip


def now_iso() -> str:
    """The current UTC time as stored (seconds precision)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def write_provenance(conn: sqlite3.Connection, doc_id: str, prov: Mapping[str, Any]) -> None:
    """Store one new document's provenance row and the URLs that reached it."""
    row = {k: prov.get(k) for k in PROVENANCE_FIELDS}
    row["kind"] = row["kind"] or "file"
    if row["links"] is not None:
        row["links"] = json.dumps(list(row["links"]), ensure_ascii=False)
    cols = ", ".join(PROVENANCE_FIELDS)
    marks = ", ".join("?" for _ in PROVENANCE_FIELDS)
    conn.execute(
        f"INSERT OR IGNORE INTO document_provenance(doc_id, {cols}) VALUES (?, {marks})",
        (doc_id, *(row[k] for k in PROVENANCE_FIELDS)),
    )
    record_urls(conn, doc_id, (prov.get("url"), prov.get("final_url")), prov.get("fetched_at") or now_iso())


def record_urls(conn: sqlite3.Connection, doc_id: str, urls: Iterable[str | None], fetched_at: str) -> None:
    """Mark URLs as giving `doc_id` (a page already stored under another URL too)."""
    conn.executemany(
        "INSERT OR IGNORE INTO fetched_urls(url, doc_id, fetched_at) VALUES (?, ?, ?)",
        [(u, doc_id, fetched_at) for u in dict.fromkeys(urls) if u],
    )


def stored_url(conn: sqlite3.Connection, url: str) -> str | None:
    """The document a URL already gave (None when it was never stored)."""
    row = conn.execute("SELECT doc_id FROM fetched_urls WHERE url = ?", (url,)).fetchone()
    return None if row is None else str(row[0])


def provenance_of(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    """A stored document's provenance row as a dict (links decoded), None when it has none."""
    cur = conn.execute(
        f"SELECT {', '.join(PROVENANCE_FIELDS)} FROM document_provenance WHERE doc_id = ?", (doc_id,)
    )
    row = cur.fetchone()
    if row is None:
        return None
    out = dict(zip(PROVENANCE_FIELDS, tuple(row)))
    if out["links"] is not None:
        out["links"] = json.loads(out["links"])
    return out


class PendingProvenance:
    """Provenance of documents read in this run but not yet committed.

    The runner keeps one per run: `keep` when a new document is queued, `again`
    when a later input has the same content (a second URL for one page), and
    `write` from inside the batch transaction that stores the document.
    """

    def __init__(self) -> None:
        self._by_doc: dict[str, dict[str, Any]] = {}
        self._more_urls: dict[str, list[str]] = {}

    def keep(self, doc_id: str, prov: Mapping[str, Any] | None) -> None:
        if prov:
            self._by_doc[doc_id] = dict(prov)

    def again(self, conn: sqlite3.Connection, doc_id: str, prov: Mapping[str, Any] | None, committed: bool) -> None:
        """A duplicate of `doc_id` arrived: remember its URLs with that document."""
        urls = [u for u in ((prov or {}).get("url"), (prov or {}).get("final_url")) if u]
        if not urls:
            return
        if committed:
            record_urls(conn, doc_id, urls, (prov or {}).get("fetched_at") or now_iso())
        else:
            self._more_urls.setdefault(doc_id, []).extend(urls)

    def write(self, conn: sqlite3.Connection, doc_id: str) -> None:
        prov = self._by_doc.pop(doc_id, None)
        if prov is not None:
            write_provenance(conn, doc_id, prov)
        more = self._more_urls.pop(doc_id, None)
        if more:
            record_urls(conn, doc_id, more, now_iso())
