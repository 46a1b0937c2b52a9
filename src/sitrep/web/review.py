"""The dashboard's review mode (`sitrep serve --review --reviewer NAME`): /api/review* endpoints.

Why this shape: the dashboard is read-only by design, and review mode must not
weaken that for anything but the reviews table. So
  * the app's own connection stays read-only; reviews are written through a
    second connection whose SQLite authorizer refuses every write that is not an
    INSERT into `reviews` (and every schema change), whatever the code above asks;
  * every request that is not GET/HEAD/OPTIONS must carry this session's token
    (a random value put in the page, which another site cannot read) in
    `X-Sitrep-Token`, come from this server's own origin (`Origin`, else
    `Referer`), and name a loopback host (a DNS-rebinding page names its own);
    the check runs in a middleware, before any route or body parsing;
  * without `--review` none of this is installed: the routes do not exist.
The page gets the token and reviewer in two <meta> tags and loads
`static/review.js`, only in this mode.
"""

from __future__ import annotations

import html
import secrets
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from sitrep.errors import InputError, StoreError
from sitrep.review import ledger
from sitrep.review.fields import Lookups, load_schema

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
TOKEN_HEADER = "x-sitrep-token"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_QUERY = 100
MAX_SUGGESTIONS = 10

# SQLite authorizer action codes that change data or schema; all but INSERT into reviews are denied.
_WRITE_CODES = {
    getattr(sqlite3, n)
    for n in dir(sqlite3)
    if n.startswith(("SQLITE_CREATE_", "SQLITE_DROP_", "SQLITE_ALTER", "SQLITE_ATTACH", "SQLITE_DETACH"))
} | {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE, sqlite3.SQLITE_PRAGMA,
     sqlite3.SQLITE_REINDEX, sqlite3.SQLITE_ANALYZE}  # fmt: skip


def _reviews_only(action: int, arg1: str | None, arg2: str | None, dbname: str | None, source: str | None) -> int:
    """SQLite authorizer: reads pass; the only write is an INSERT into `reviews`."""
    if action == sqlite3.SQLITE_INSERT and arg1 == "reviews":
        return sqlite3.SQLITE_OK
    if action in _WRITE_CODES:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


@dataclass
class ReviewSession:
    """One review-mode server: who reviews, the session's CSRF token and the reviews-only connection."""

    db_path: Path
    reviewer: str
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    lookups: Lookups = field(default_factory=Lookups)
    _conn: sqlite3.Connection | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)  # one writer connection, one request at a time

    def __post_init__(self) -> None:
        self.reviewer = (self.reviewer or "").strip()
        if not self.reviewer or len(self.reviewer) > ledger.MAX_REVIEWER:
            raise InputError(f"--reviewer: a name of 1 to {ledger.MAX_REVIEWER} characters is required in review mode")

    def prepare(self) -> None:
        """Give an older store its reviews table (the one schema write review mode makes), then connect."""
        from sitrep.store import Store

        probe = sqlite3.connect(f"file:{self.db_path.resolve()}?mode=ro", uri=True)
        try:
            missing = not ledger.has_reviews_table(probe)
        finally:
            probe.close()
        if missing:
            Store(self.db_path).close()  # runs the pending migrations, 0010 among them
        self.writer()

    def writer(self) -> sqlite3.Connection:
        if self._conn is None:
            conn = sqlite3.connect(str(self.db_path.resolve()), check_same_thread=False, timeout=10)
            conn.row_factory = sqlite3.Row
            conn.set_authorizer(_reviews_only)
            self._conn = conn
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class ReviewIn(BaseModel):
    """One review: the action, corrected fields for a correction, and a note."""

    action: Literal["confirm", "reject", "correct"]
    fields: dict[str, str | int | float | None] = Field(default_factory=dict, max_length=30)
    note: str | None = Field(None, max_length=ledger.MAX_NOTE)


def _origin_of(request: Request) -> str | None:
    raw = request.headers.get("origin") or request.headers.get("referer")
    if not raw or raw == "null":
        return None
    parts = urlsplit(raw)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def write_refusal(request: Request, token: str) -> str | None:
    """Why a write request is refused (None when it may proceed)."""
    host = request.headers.get("host", "")
    hostname = urlsplit(f"//{host}").hostname or ""
    if hostname not in LOOPBACK_NAMES:
        return f"host {host!r} is not this loopback server"
    if _origin_of(request) != f"{request.url.scheme}://{host}":
        return "cross-origin write refused (Origin must be this dashboard)"
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return "cross-site write refused"
    if not secrets.compare_digest(request.headers.get(TOKEN_HEADER, "").encode(), token.encode()):
        return "missing or wrong review token (reload the page)"
    return None


def review_page(static_dir: Path, session: ReviewSession) -> str:
    """The dashboard page with the review token, the reviewer and review.js added."""
    page = (static_dir / "index.html").read_text(encoding="utf-8")
    meta = (f'<meta name="sitrep-review-token" content="{html.escape(session.token)}">\n'
            f'<meta name="sitrep-reviewer" content="{html.escape(session.reviewer)}">\n'
            '<link rel="stylesheet" href="/static/review.css">\n')  # fmt: skip
    page = page.replace("</head>", meta + "</head>", 1)
    return page.replace("</body>", '<script src="/static/review.js"></script>\n</body>', 1)


def _text(name: str, raw: str) -> str:
    raw = raw.strip()
    if not raw or len(raw) > MAX_QUERY:
        raise InputError(f"{name}: give 1 to {MAX_QUERY} characters")
    return raw


def _view(conn: sqlite3.Connection, key: str) -> dict[str, Any]:
    level, eid = ledger.resolve_target(conn, key)
    st = ledger.current_states(conn)[0].get((level, eid))
    machine = ledger.machine_row(conn, level, eid)
    return {
        "event_id": eid, "level": level,
        "state": None if st is None else {"action": st.action, "fields": st.fields, "reviewer": st.reviewer,
                                          "note": st.note, "at": st.created_at,
                                          "agreement": ledger.agreement(st, machine)},
        "history": [] if st is None else st.history,
    }  # fmt: skip


def install(app: FastAPI, session: ReviewSession, static_dir: Path) -> None:
    """Add review mode to the dashboard app: the write guard, the page and /api/review* routes.

    Call before the app's own routes are added, so this page replaces the plain one.
    """
    session.prepare()
    app.state.review = session

    @app.middleware("http")
    async def guard_writes(request: Request, call_next: Any) -> Response:
        if request.method not in SAFE_METHODS:
            why = write_refusal(request, session.token)
            if why is not None:
                return JSONResponse({"error": why}, status_code=403)
        return await call_next(request)

    @app.exception_handler(InputError)
    async def bad_input(_: Request, exc: InputError) -> JSONResponse:
        return JSONResponse({"error": exc.message}, status_code=400)

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(review_page(static_dir, session))

    errors: dict[int | str, dict[str, Any]] = {
        400: {"description": "Bad value"}, 403: {"description": "Refused write"}, 404: {"description": "Unknown id"},
    }  # fmt: skip

    def conn() -> sqlite3.Connection:
        return session.writer()

    @app.get("/api/review/session", tags=["review"], responses=errors)
    def review_session() -> dict[str, Any]:
        """Who reviews in this session, and which fields a correction may set (with ACLED's taxonomy)."""
        return {"reviewer": session.reviewer, **load_schema().as_json()}

    @app.get("/api/review/events", tags=["review"], responses=errors)
    def reviewed() -> dict[str, Any]:
        """Every reviewed event with its current state."""
        with session.lock:
            states, orphans = ledger.current_states(conn())
            items = [{"event_id": eid, "level": lvl, "action": st.action, "reviewer": st.reviewer,
                      "fields": st.fields, "reviews": len(st.history)}
                     for (lvl, eid), st in sorted(states.items())]  # fmt: skip
        return {"items": items, "orphaned_reviews": len(orphans)}

    @app.get("/api/review/events/{event_id}", tags=["review"], responses=errors)
    def review_of(event_id: str) -> dict[str, Any]:
        """An event's review state and history (any id of it)."""
        with session.lock:
            return _view(conn(), _text("event_id", event_id))

    @app.post("/api/review/events/{event_id}", tags=["review"], responses=errors, status_code=201)
    def add(event_id: str, body: ReviewIn) -> dict[str, Any]:
        """Append a review of the event (needs this session's token and origin)."""
        key = _text("event_id", event_id)
        with session.lock:
            try:
                row = ledger.add_review(conn(), key, body.action, session.reviewer, body.fields, body.note,
                                        session.lookups)  # fmt: skip
            except sqlite3.DatabaseError as exc:
                if conn().in_transaction:
                    conn().rollback()
                raise StoreError(f"review not stored: {exc}") from exc
            return {"review": row, **_view(conn(), key)}

    @app.get("/api/review/places", tags=["review"], responses=errors)
    def places(q: str = Query(..., description="part of a place name")) -> dict[str, Any]:
        """Gazetteer places for the correction form's location field (id to send as `location`)."""
        return {"items": session.lookups.places_like(_text("q", q), MAX_SUGGESTIONS)}

    @app.get("/api/review/actors", tags=["review"], responses=errors)
    def actors(q: str = Query(..., description="part of an actor name, alias or acronym")) -> dict[str, Any]:
        """Actor-ontology entries for the correction form's actor fields."""
        return {"items": session.lookups.actors_like(_text("q", q), MAX_SUGGESTIONS)}


def review_session(db_path: str | Path, host: str, reviewer: str | None) -> ReviewSession:
    """The session `sitrep serve --review` runs: loopback only, reviewer from --reviewer or the environment."""
    from sitrep.review.cli import default_reviewer

    if urlsplit(f"//{host}").hostname not in LOOPBACK_NAMES and host.strip("[]") not in LOOPBACK_NAMES:
        raise InputError(f"--review binds 127.0.0.1 only (got --host {host}): reviews are written by whoever can reach it")
    return ReviewSession(Path(db_path), reviewer if reviewer is not None else default_reviewer())
