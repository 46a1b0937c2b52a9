"""Reviews as gold: the realdev JSONL records `sitrep eval` reads, and `sitrep eval --reviews`.

Why: every confirmation or correction is a labelled example. Written in the
same record shape as the realdev gold files (`id`, `text`, `published`, `gold`
with ACLED's field names, `extra`, `flags`), they are scored by the same pairing
rule (`sitrep.eval.realdev`), so a team sees whether a new extractor produces
what analysts corrected. One record per reviewed event; its text is the page of
the event's lead report (the report whose fields the machine row took).

A rejected event is not a gold event, and realdev records have no way to say
"nothing happened here", so rejections are left out of the JSONL; the evaluation
scores them apart: how many the extractor still produces (`rejected_still_extracted`).
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from datetime import date
from pathlib import Path
from typing import IO, Any

from sitrep.review.apply import corrected
from sitrep.review.ledger import MERGED, ReviewState, current_states, machine_row

GOLD_FIELDS = (
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "inter1", "inter2",
    "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "event_date", "time_precision",
    "fatalities", "source",
)  # fmt: skip
FLAG = "sitrep_review"


def _page_of(conn: sqlite3.Connection, st: ReviewState, row: dict[str, Any]) -> sqlite3.Row | None:
    report = row.get("lead_event_id") if st.level == MERGED else st.event_id
    return conn.execute(
        "SELECT d.doc_id, d.name, d.text, d.published FROM events e JOIN documents d ON d.doc_id = e.doc_id"
        " WHERE e.event_id = ?",
        (report,),
    ).fetchone()


def _record(conn: sqlite3.Connection, st: ReviewState, apply: bool) -> dict[str, Any] | None:
    row = machine_row(conn, st.level, st.event_id)
    if row is None:
        return None
    page = _page_of(conn, st, row)
    if page is None:
        return None
    if apply:
        row = corrected(dict(row), st)
    gold = {k: row.get(k) for k in GOLD_FIELDS}
    if isinstance(gold["event_date"], date):
        gold["event_date"] = gold["event_date"].isoformat()
    return {
        "id": st.event_id,
        "text": page["text"],
        "published": page["published"],
        "gold": gold,
        "extra": {"action": st.action, "reviewer": st.reviewer, "note": st.note, "reviewed_at": st.created_at,
                  "level": st.level, "corrected": sorted(st.fields), "doc_id": page["doc_id"],
                  "document": page["name"], "reviews": len(st.history)},  # fmt: skip
        "flags": [FLAG, st.action],
    }


def gold_records(conn: sqlite3.Connection, *, rejected: bool = False) -> list[dict[str, Any]]:
    """Gold records of the confirmed and corrected events (or, `rejected=True`, of the rejected
    ones as the machine coded them), sorted by event id; events no longer in the store are skipped."""
    states, _ = current_states(conn)
    out = []
    for key in sorted(states):
        st = states[key]
        if (st.action == "reject") != rejected:
            continue
        rec = _record(conn, st, apply=not rejected)
        if rec is not None:
            out.append(rec)
    return out


def write_gold(conn: sqlite3.Connection, fh: IO[str]) -> int:
    """Write the confirmed and corrected events as realdev JSONL; returns records written."""
    recs = gold_records(conn)
    for r in recs:
        fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    return len(recs)


def _extract_and_score(records: list[dict[str, Any]], extractor: Any) -> dict[str, Any]:
    from sitrep.eval import realdev

    with tempfile.TemporaryDirectory(prefix="sitrep-reviews-") as tmp:
        path = Path(tmp) / "reviews.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        rows, skipped = realdev.predict(path, records, extractor)
    report = realdev.score(records, rows, "all")
    report["skipped_inputs"] = skipped
    return report


def evaluate_reviews(conn: sqlite3.Connection, extractor: Any = None) -> dict[str, Any]:
    """Score the current extractor against the reviewed events (corrections are gold).

    The figures are realdev's (recall = reviewed events the extractor reproduces
    under the pairing rule, field accuracies over those pairs); precision is left
    out, as a page's other events are not reviewed. Rejected events are scored
    apart: `rejected_still_extracted` counts those the extractor still produces.
    """
    gold = gold_records(conn)
    rejected = gold_records(conn, rejected=True)
    states, orphans = current_states(conn)
    report: dict[str, Any] = {
        "gold": "reviews", "input": "store pages", "metrics": "all", "reviewed_events": len(states),
        "corrected": sum(1 for s in states.values() if s.action == "correct"),
        "confirmed": sum(1 for s in states.values() if s.action == "confirm"),
        "rejected": len(rejected), "orphaned_reviews": len(orphans),
    }  # fmt: skip
    if extractor is None and (gold or rejected):
        from sitrep.runner import load_extractor

        extractor = load_extractor()
    if gold:
        scored = _extract_and_score(gold, extractor)
        scored.pop("precision", None)
        scored.pop("metrics", None)
        scored.pop("unmatched_predictions", None)  # the pages' other events are not reviewed
        report.update(scored)
    if rejected:
        neg = _extract_and_score(rejected, extractor)
        report["rejected_still_extracted"] = neg["paired"]
    else:
        report["rejected_still_extracted"] = 0
    return report
