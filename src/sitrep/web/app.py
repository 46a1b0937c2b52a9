"""The dashboard's ASGI app: a read-only JSON API and one offline page.

Why this shape: the page and everything it loads are served from the package
(no CDN, no tiles, no network), the store is opened read-only, and every
malformed request gets a 400/404 with a one-line JSON ``error`` instead of a
500. Page and comment text is hostile, so the page builds its DOM with text
nodes only and the Content-Security-Policy forbids inline and foreign scripts.
"""

from __future__ import annotations

import math
import sqlite3
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitrep.errors import NotFound, StoreError
from sitrep.web import queries
from sitrep.web.queries import Database, EventFilters

STATIC_DIR = Path(__file__).resolve().parent / "static"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
    " font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}

MAX_LIMIT = 1000
MAX_OFFSET = 10**9
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Malformed query", "content": {"application/json": {"example": {"error": "bbox: ..."}}}},
    404: {"description": "Unknown id", "content": {"application/json": {"example": {"error": "no event 'x'"}}}},
}

LevelParam = Query("auto", description="merged events when fusion has run (auto), or one level explicitly")


class BadRequest(Exception):
    """A query parameter that cannot be used; becomes a 400 with this message."""


def parse_date(name: str, raw: str | None) -> date | None:
    if raw is None or raw == "":
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadRequest(f"{name}: not an ISO date (YYYY-MM-DD): {raw!r}") from None


def parse_bbox(raw: str | None) -> tuple[float, float, float, float] | None:
    if raw is None or raw == "":
        return None
    parts = raw.split(",")
    if len(parts) != 4:
        raise BadRequest(f"bbox: expected minLon,minLat,maxLon,maxLat (4 numbers), got {raw!r}")
    try:
        vals = [float(p) for p in parts]
    except ValueError:
        raise BadRequest(f"bbox: not numbers: {raw!r}") from None
    if not all(math.isfinite(v) for v in vals):
        raise BadRequest(f"bbox: numbers must be finite: {raw!r}")
    min_lon, min_lat, max_lon, max_lat = vals
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise BadRequest(f"bbox: longitudes must be within [-180, 180] and latitudes within [-90, 90]: {raw!r}")
    if min_lon > max_lon or min_lat > max_lat:
        raise BadRequest(f"bbox: min must not exceed max: {raw!r}")
    return min_lon, min_lat, max_lon, max_lat


def _text(name: str, raw: str | None) -> str | None:
    if raw is None or raw == "":
        return None
    if len(raw) > 500:
        raise BadRequest(f"{name}: longer than 500 characters")
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        raise BadRequest(f"{name}: not valid text") from None
    return raw


def make_filters(since: str | None, until: str | None, actor: str | None, event_type: str | None,
                 sub_event_type: str | None, certainty: str | None, outlet: str | None,
                 bbox: str | None) -> EventFilters:  # fmt: skip
    f = EventFilters(
        since=parse_date("since", since), until=parse_date("until", until), actor=_text("actor", actor),
        event_type=_text("event_type", event_type), sub_event_type=_text("sub_event_type", sub_event_type),
        certainty=_text("certainty", certainty), outlet=_text("outlet", outlet), bbox=parse_bbox(bbox),
    )  # fmt: skip
    if f.since and f.until and f.since > f.until:
        raise BadRequest(f"since ({f.since}) is after until ({f.until})")
    return f


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        parts.append(f"{'.'.join(loc) or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


@lru_cache(maxsize=1)
def _boundaries() -> bytes:
    return resources.files("sitrep").joinpath("data/gazetteer/admin1.geojson").read_bytes()


def create_app(db_path: str | Path, *, read_only: bool = True) -> FastAPI:
    """The dashboard over the store at `db_path` (opened read-only unless told otherwise)."""
    db = Database(db_path, read_only=read_only)
    app = FastAPI(
        title="sitrep dashboard API",
        version="1",
        description="Read-only access to a sitrep event store: events with their sources and evidence, "
        "documents with their comment threads, the actor graph and summary statistics.",
        docs_url=None,  # Swagger UI needs a CDN and inline scripts: neither is allowed here
        redoc_url=None,
    )
    app.state.db = db
    app.state.counts = queries.CountCache()

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers[k] = v
        if request.url.path.startswith("/api/"):
            response.headers["cache-control"] = "no-store"
        return response

    @app.exception_handler(BadRequest)
    async def bad_request(_: Request, exc: BadRequest) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"error": _validation_message(exc)}, status_code=400)

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"error": exc.message}, status_code=404)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(StoreError)
    async def store_refused(_: Request, exc: StoreError) -> JSONResponse:
        # the file changed under a running dashboard (replaced, cut, upgraded by a newer sitrep)
        return JSONResponse({"error": exc.message}, status_code=503)

    @app.exception_handler(sqlite3.DatabaseError)
    async def store_unavailable(_: Request, exc: sqlite3.DatabaseError) -> JSONResponse:
        # a locked or mid-migration store (OperationalError) is retryable; a damaged page
        # (DatabaseError) is not, but neither is a bug in the request: 503, one line
        first = str(exc).splitlines()[0][:200] if str(exc) else exc.__class__.__name__
        return JSONResponse({"error": f"store not readable right now: {first}"}, status_code=503)

    def conn() -> sqlite3.Connection:
        return db.connection()

    @app.get("/api/events", responses=ERRORS, tags=["events"])
    def events(
        since: str | None = Query(None, description="first event date, YYYY-MM-DD", examples=["2021-01-01"]),
        until: str | None = Query(None, description="last event date, YYYY-MM-DD (inclusive)", examples=["2021-12-31"]),
        actor: str | None = Query(None, description="actor1 or actor2, exact name"),
        event_type: str | None = Query(None, description="ACLED event type, exact"),
        sub_event_type: str | None = Query(None, description="ACLED sub-event type, exact"),
        certainty: str | None = Query(None, description="report certainty (reported, claimed, alleged, rumoured)"
                                      " or fusion certainty (single-source, corroborated, contested)"),
        outlet: str | None = Query(None, description="an outlet that reported the event"),
        bbox: str | None = Query(None, description="minLon,minLat,maxLon,maxLat", examples=["35.5,32.3,42.4,37.4"]),
        limit: int = Query(100, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
        level: Literal["auto", "merged", "reports"] = LevelParam,
    ) -> dict[str, Any]:
        """Events matching the filters, newest first: `total` and one page of `items`."""
        f = make_filters(since, until, actor, event_type, sub_event_type, certainty, outlet, bbox)
        return queries.list_events(conn(), f, limit=limit, offset=offset, level=level, counts=app.state.counts)

    @app.get("/api/events/{event_id}", responses=ERRORS, tags=["events"])
    def event(event_id: str) -> dict[str, Any]:
        """One event with every source report: document, outlet, claimant, certainty and evidence spans
        with the sentence and paragraph they sit in (offsets relative to the paragraph)."""
        return queries.get_event(conn(), _text("event_id", event_id) or "")

    @app.get("/api/documents/{doc_id}", responses=ERRORS, tags=["documents"])
    def document(doc_id: str) -> dict[str, Any]:
        """A document's title and body paragraphs and, apart, its comment thread with any analysis."""
        return queries.get_document(conn(), _text("doc_id", doc_id) or "")

    @app.get("/api/actors/graph", responses=ERRORS, tags=["actors"])
    def graph(
        since: str | None = Query(None, description="YYYY-MM-DD"),
        until: str | None = Query(None, description="YYYY-MM-DD"),
        event_type: str | None = Query(None),
        certainty: str | None = Query(None),
        outlet: str | None = Query(None),
        max_nodes: int = Query(60, ge=1, le=500),
        level: Literal["auto", "merged", "reports"] = LevelParam,
    ) -> dict[str, Any]:
        """Actors (nodes) and who acted on whom (edges), from actor_relations when present, else from events."""
        f = make_filters(since, until, None, event_type, None, certainty, outlet, None)
        return queries.actor_graph(conn(), f, max_nodes=max_nodes, level=level)

    @app.get("/api/stats", responses=ERRORS, tags=["stats"])
    def stats(
        since: str | None = Query(None, description="YYYY-MM-DD"),
        until: str | None = Query(None, description="YYYY-MM-DD"),
        actor: str | None = Query(None),
        event_type: str | None = Query(None),
        sub_event_type: str | None = Query(None),
        certainty: str | None = Query(None),
        outlet: str | None = Query(None),
        bbox: str | None = Query(None, description="minLon,minLat,maxLon,maxLat"),
        bin: Literal["auto", "day", "week"] = Query("auto", description="histogram bin"),
        level: Literal["auto", "merged", "reports"] = LevelParam,
    ) -> dict[str, Any]:
        """Counts, date range, events by type and a histogram by day or week (weeks start on Monday)."""
        f = make_filters(since, until, actor, event_type, sub_event_type, certainty, outlet, bbox)
        return queries.stats(conn(), f, bin=bin, level=level)

    @app.get("/api/facets", tags=["stats"])
    def facets(level: Literal["auto", "merged", "reports"] = LevelParam) -> dict[str, Any]:
        """Values offered by the page's filter menus: actors, event types, certainties, outlets."""
        return queries.facets(conn(), level=level)

    @app.get("/api/boundaries", tags=["map"])
    def boundaries() -> Response:
        """Admin-1 boundaries (GeoJSON) shipped with the package: the offline base map."""
        return Response(_boundaries(), media_type="application/geo+json")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
