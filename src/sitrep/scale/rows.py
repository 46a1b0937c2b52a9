"""Plain rows for the Parquet datasets of a Spark run, and the records back from them.

The datasets mirror the SQLite tables one for one (same names, same columns, dates
as ISO strings, booleans as 0/1) so that a Spark run's output can be compared with
a local store cell by cell and loaded into one with `Store.write_batch`. Run
timestamps (`ingested_at`, `seen_at`) are left out: they are the only values that
differ between two runs over the same input.

Nothing here imports Spark: the same functions run in the worker and in tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from sitrep.records import Comment, DocMeta, Document, Event, Evidence, Segmentation, Skip, Statement, TextSpan

def document_rows(doc: Document) -> dict[str, list[tuple[Any, ...]]]:
    """The rows `Store.write_batch` writes for one document, minus its events."""
    m, seg = doc.meta, doc.segmentation
    out: dict[str, list[tuple[Any, ...]]] = {
        "documents": [
            (
                doc.doc_id, doc.name, doc.origin, doc.fmt, m.url, m.source,
                m.published.isoformat() if m.published else None, m.language,
                seg.title.text if seg.title else m.title, doc.text,
                m.published_source if m.published else None,
            )
        ],  # fmt: skip
        "segments": [],
        "comments": [
            (doc.doc_id, c.index, c.author, c.depth, c.parent, c.start, c.end, c.text) for c in seg.comments
        ],
    }
    for kind, spans in (
        ("title", [seg.title] if seg.title else []),
        ("caption", [seg.caption] if seg.caption else []),
        ("body", seg.body),
        ("boilerplate", seg.boilerplate),
    ):
        out["segments"].extend((doc.doc_id, kind, i, s.start, s.end, s.text) for i, s in enumerate(spans))
    return out


def event_row(ev: Event) -> tuple[Any, ...]:
    """One event as the store's `events` row (same function the store uses)."""
    from sitrep.store.db import _event_row  # the store's own conversion: rows must be identical

    return _event_row(ev)


def result_rows(doc: Document, events: Iterable[Event], statements: Iterable[Statement]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(dataset, row) for everything one document produced."""
    for table, rows in document_rows(doc).items():
        for r in rows:
            yield table, r
    for ev in events:
        yield "events", event_row(ev)
        for e in ev.evidence:
            yield "evidence", (ev.event_id, e.field, e.start, e.end, e.text)
    for s in statements:
        yield "statements", (s.doc_id, s.kind, s.start, s.end, s.text, s.actor)


def skip_row(s: Skip) -> tuple[str, str, str]:
    return (s.origin, s.reason, s.message)


# -- back to records ---------------------------------------------------------------
def _span(r: Mapping[str, Any]) -> TextSpan:
    return TextSpan(int(r["start"]), int(r["end"]), r["text"])


def _opt_int(v: Any) -> int | None:
    return None if v is None else int(v)


def document_from_rows(
    d: Mapping[str, Any], segments: Iterable[Mapping[str, Any]], comments: Iterable[Mapping[str, Any]]
) -> Document:
    """Rebuild a Document from its dataset rows (inverse of `document_rows`).

    The stored title is the segmentation's title when there is one, else the
    container's: a title segment row tells which, so both round-trip exactly.
    """
    by_kind: dict[str, list[Mapping[str, Any]]] = {}
    for s in segments:
        by_kind.setdefault(s["kind"], []).append(s)
    for rows in by_kind.values():
        rows.sort(key=lambda r: r["idx"])
    title = by_kind.get("title")
    caption = by_kind.get("caption")
    seg = Segmentation(
        title=_span(title[0]) if title else None,
        caption=_span(caption[0]) if caption else None,
        body=[_span(r) for r in by_kind.get("body", [])],
        boilerplate=[_span(r) for r in by_kind.get("boilerplate", [])],
        comments=[
            Comment(int(c["idx"]), c["author"], _opt_int(c["depth"]), c["text"], int(c["start"]), int(c["end"]),
                    _opt_int(c["parent"]))
            for c in sorted(comments, key=lambda c: c["idx"])
        ],
    )  # fmt: skip
    meta = DocMeta(
        url=d["url"],
        source=d["source"],
        published=date.fromisoformat(d["published"]) if d["published"] else None,
        language=d["language"],
        title=None if title else d["title"],
        published_source=d.get("published_source"),  # absent in datasets written before migration 0011
    )
    return Document(
        doc_id=d["doc_id"], name=d["name"], origin=d["origin"], text=d["text"], meta=meta, segmentation=seg,
        fmt=d["fmt"],
    )  # fmt: skip


def event_from_row(r: Mapping[str, Any], evidence: Iterable[Mapping[str, Any]] = ()) -> Event:
    """Rebuild an Event from its `events` row (inverse of `event_row`)."""
    from sitrep.store.db import event_fields

    d = event_fields(r)
    for c in ("time_precision", "inter1", "inter2", "geo_precision", "fatalities"):
        d[c] = _opt_int(d[c])
    d["evidence"] = [Evidence(e["field"], int(e["start"]), int(e["end"]), e["text"]) for e in evidence]
    return Event(**d)


def statement_from_row(r: Mapping[str, Any]) -> Statement:
    return Statement(r["doc_id"], r["kind"], r["text"], int(r["start"]), int(r["end"]), r["actor"])
