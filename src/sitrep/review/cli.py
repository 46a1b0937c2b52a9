"""`sitrep review`: confirm, reject or correct an event; list reviews; export them as gold.

A thin wrapper, as every verb is: it parses options and calls `ledger`/`gold`;
errors are `SitrepError`s, which the CLI's entry point prints as one line.
Registered on the main app by `sitrep.cli` (one line there).
"""

from __future__ import annotations

import getpass
import json
import os
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from sitrep.errors import InputError

out = Console(highlight=False, width=max(160, Console().width))


def default_reviewer() -> str:
    """$SITREP_REVIEWER, else the login name: who a review is recorded as when --reviewer is not given."""
    name = os.environ.get("SITREP_REVIEWER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return ""


def _brief_fields(fields: dict[str, Any]) -> str:
    return "; ".join(f"{k}={v}" for k, v in sorted(fields.items()) if k != "place_id")


def _print_list(conn: Any, fmt: str) -> None:
    from sitrep.review.ledger import agreement, current_states, machine_row

    states, orphans = current_states(conn)
    rows = []
    for (level, eid), st in sorted(states.items(), key=lambda kv: kv[1].created_at):
        rows.append({"event_id": eid, "level": level, "action": st.action, "reviewer": st.reviewer,
                     "fields": st.fields, "agreement": agreement(st, machine_row(conn, level, eid)),
                     "note": st.note, "reviews": len(st.history), "last_review": st.created_at})  # fmt: skip
    if fmt == "jsonl":
        for r in rows:
            out.file.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    t = Table("event_id", "level", "action", "reviewer", "corrected", "agreement", "reviews", "note", "last review")
    for r in rows:
        t.add_row(r["event_id"], r["level"], r["action"], r["reviewer"], _brief_fields(r["fields"]),
                  r["agreement"] or "", str(r["reviews"]), r["note"] or "", r["last_review"])  # fmt: skip
    out.print(t)
    gone = f"; {len(orphans)} review(s) of events no longer in the store" if orphans else ""
    out.print(f"{len(rows)} reviewed event(s){gone}")


def _print_history(conn: Any, key: str) -> None:
    from sitrep.review.ledger import agreement, machine_row, resolve_target, state_of

    level, eid = resolve_target(conn, key)
    st = state_of(conn, key)
    if st is None:
        out.print(f"{eid} ({level}): not reviewed")
        return
    agrees = agreement(st, machine_row(conn, level, eid))
    out.print(f"{eid} ({level}): {st.label}" + (f", {agrees}" if agrees else ""))
    t = Table("#", "when", "reviewer", "action", "fields", "machine had", "note")
    for h in st.history:
        t.add_row(str(h["review_id"]), h["created_at"], h["reviewer"], h["action"], _brief_fields(h["fields"]),
                  _brief_fields(h["machine"]), h["note"] or "")  # fmt: skip
    out.print(t)


def review(
    event_id: Annotated[Optional[str], typer.Argument(help="A merged event id (an old id works), or a report id.")] = None,
    confirm: Annotated[bool, typer.Option("--confirm", help="The event is right as coded.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="Not an event (left out of exports).")] = False,
    set_: Annotated[Optional[list[str]], typer.Option(
        "--set", help="Correct a field: FIELD=VALUE (repeatable); location=GAZETTEER_ID or location=LAT,LON.")] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Why (kept with the review).")] = None,
    reviewer: Annotated[Optional[str], typer.Option("--reviewer", help="Your name (default $SITREP_REVIEWER or login).")] = None,
    list_: Annotated[bool, typer.Option("--list", help="Every reviewed event with its current state.")] = False,
    export: Annotated[Optional[Path], typer.Option("--export", help="Write confirmed and corrected events as gold JSONL.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="For --list: table | jsonl.")] = "table",
    db: Annotated[Path, typer.Option("--db", help="SQLite database file.", envvar="SITREP_DB")] = Path("sitrep.db"),
) -> None:
    """Review an event: confirm it, reject it or correct its fields; every review is kept (append-only).

    With only EVENT_ID, print the event's review history.
    """
    from sitrep.errors import StoreError
    from sitrep.store import Store

    actions = [a for a, on in (("confirm", confirm), ("reject", reject), ("correct", bool(set_))) if on]
    if len(actions) > 1:
        raise InputError("give one of --confirm, --reject or --set")
    if fmt not in ("table", "jsonl"):
        raise InputError(f"--format {fmt!r}: expected table or jsonl")
    if not db.is_file():
        raise StoreError(f"{db}: database not found (run 'sitrep ingest' first)")
    if list_ or export is not None:
        if event_id or actions:
            raise InputError("--list and --export take no event id or action")
        with Store(db, read_only=True) as store:
            if list_:
                _print_list(store.conn, fmt)
            if export is not None:
                _export(store.conn, export)
        return
    if not event_id:
        raise InputError("give an EVENT_ID (with --confirm, --reject or --set), or --list / --export FILE")
    with Store(db) as store:  # writable: migrates an older store so it has the reviews table
        if not actions:
            _print_history(store.conn, event_id)
            return
        from sitrep.review.fields import parse_assignments
        from sitrep.review.ledger import add_review

        who = reviewer if reviewer is not None else default_reviewer()
        fields = parse_assignments(set_ or [])
        row = add_review(store.conn, event_id, actions[0], who, fields, note)
    what = f" ({_brief_fields(row['fields'])})" if row["fields"] else ""
    out.print(f"review {row['review_id']}: {row['action']} {row['event_id']} by {row['reviewer']}{what}")


def _export(conn: Any, path: Path) -> None:
    from sitrep.review.gold import write_gold

    if path.is_dir():
        raise InputError(f"--export {path}: is a directory; give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            n = write_gold(conn, fh)
    except OSError as exc:
        raise InputError(f"--export {path}: cannot write: {exc.strerror or exc}") from exc
    out.print(f"wrote {n} reviewed event(s) to {path}")
