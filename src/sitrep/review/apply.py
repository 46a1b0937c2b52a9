"""Reviews applied to export rows: rejected events left out, corrected fields replaced.

Why here and not in the exporter: the exporter builds the machine's rows and
knows nothing of analysts; this overlay is the one place that decides how a
review changes a row, so `sitrep export` (reviews applied by default, `--raw`
for the machine output) and the evaluation read reviews the same way.

Which review applies to a row: on a merged row, the merged event's reviews, or
for an event with one report that is not fused yet, that report's; on a report
row (`--reports`), the report's own reviews, and a rejection of the merged event
it belongs to (the event did not happen, so neither did its reports).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import Any

from sitrep.fuse.acled import interaction
from sitrep.review.ledger import MERGED, REPORT, ReviewState, agreement, current_states

REVIEWED_COLUMN = "reviewed"


def _state_for(row: dict[str, Any], members: Sequence[str], merged: bool,
               states: dict[tuple[str, str], ReviewState]) -> ReviewState | None:  # fmt: skip
    if merged:
        st = states.get((MERGED, row["merged_id"]))
        if st is None and len(members) == 1:
            st = states.get((REPORT, members[0]))
        return st
    own = states.get((REPORT, row["event_id_cnty"]))
    if own is not None:
        return own
    owner = states.get((MERGED, row.get("merged_id") or ""))
    return owner if owner is not None and owner.action == "reject" else None


def corrected(row: dict[str, Any], st: ReviewState) -> dict[str, Any]:
    """`row` with the state's corrected fields written over it (and what they imply: year, interaction)."""
    for k, v in st.fields.items():
        if k not in row:
            continue  # e.g. place_id: kept in the review, not an export column
        row[k] = date.fromisoformat(v) if k == "event_date" and isinstance(v, str) else v
    if "event_date" in st.fields and "year" in row:
        row["year"] = row["event_date"].year if row["event_date"] else None
    if ("inter1" in st.fields or "inter2" in st.fields) and "interaction" in row:
        row["interaction"] = interaction(row.get("inter1"), row.get("inter2"))
    return row


def apply_reviews(conn: sqlite3.Connection, base: list[tuple[dict[str, Any], list[str]]],
                  merged: bool) -> list[tuple[dict[str, Any], list[str]]]:  # fmt: skip
    """The export's (row, member report ids) pairs with reviews applied; rejected rows dropped.

    Every kept row gets a `reviewed` value: empty when unreviewed, else the action
    and reviewer, and for a correction whether the machine now agrees.
    """
    states, _ = current_states(conn)
    out: list[tuple[dict[str, Any], list[str]]] = []
    for row, members in base:
        st = _state_for(row, members, merged, states) if states else None
        row[REVIEWED_COLUMN] = None
        if st is None:
            out.append((row, members))
            continue
        if st.action == "reject":
            continue
        agrees = agreement(st, row)
        row[REVIEWED_COLUMN] = st.label + ("; now agrees" if agrees == "now agrees" else "")
        out.append((corrected(row, st), members))
    return out
