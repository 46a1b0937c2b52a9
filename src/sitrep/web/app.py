"""The dashboard's ASGI app: a read-only JSON API and one offline page.

Why this shape: the page and everything it loads are served from the package
(no CDN, no tiles, no network), the store is opened read-only, and every
malformed request gets a 400/404 with a one-line JSON ``error`` instead of a
500. Page and comment text is hostile, so the page builds its DOM with text
nodes only and the Content-Security-Policy forbids inline and foreign scripts.
"""

from __future__ import annotations

import json
import math
import sqlite3
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitrep.errors import InputError, NotFound, StoreError
from sitrep.web import basemap, documents, listing, queries, search, summaries
from sitrep.web.export_view import export_view
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
MAX_POINTS = 50_000  # markers the map takes in one request; the map asks for 20,000
MAX_OFFSET = 10**9
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Malformed query", "content": {"application/json": {"example": {"error": "bbox: ..."}}}},
    404: {"description": "Unknown id", "content": {"application/json": {"example": {"error": "no event 'x'"}}}},
}

LevelParam = Query("auto", description="merged events when fusion has run (auto), or one level explicitly")


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response, and `no-store` to the API's.

    A plain ASGI middleware rather than `@app.middleware("http")`: Starlette's
    BaseHTTPMiddleware runs each request through extra tasks and streams, about a
    millisecond a request on this machine, for what is only a header edit.
    """

    _RAW = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self._RAW + ([(b"cache-control", b"no-store")] if scope["path"].startswith("/api/") else [])
        names = {k for k, _ in extra}

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": kept + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)


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
                 bbox: str | None, inter: str | None = None, corroboration: str | None = None,
                 q: str | None = None) -> EventFilters:  # fmt: skip
    f = EventFilters(
        since=parse_date("since", since), until=parse_date("until", until), actor=_text("actor", actor),
        event_type=_text("event_type", event_type), sub_event_type=_text("sub_event_type", sub_event_type),
        certainty=_text("certainty", certainty), outlet=_text("outlet", outlet), bbox=parse_bbox(bbox),
        inter=parse_inter(inter), corroboration=_text("corroboration", corroboration), q=parse_q(q),
    )  # fmt: skip
    if f.since and f.until and f.since > f.until:
        raise BadRequest(f"since ({f.since}) is after until ({f.until})")
    return f


def parse_inter(raw: str | None) -> int | None:
    if raw is None or raw == "":
        return None
    if not raw.isdigit() or len(raw) > 2:
        raise BadRequest(f"inter: an ACLED inter code (0-8), got {raw[:20]!r}")
    return int(raw)


def parse_q(raw: str | None) -> str | None:
    """Search text as a safe FTS5 expression (None when empty)."""
    text = _text("q", raw)
    if text is None:
        return None
    try:
        return search.fts_query(text)
    except search.BadQuery as exc:
        raise BadRequest(str(exc)) from None


async def filter_params(
    since: str | None = Query(None, description="first event date, YYYY-MM-DD", examples=["2021-01-01"]),
    until: str | None = Query(None, description="last event date, YYYY-MM-DD (inclusive)", examples=["2021-12-31"]),
    actor: str | None = Query(None, description="actor1 or actor2, exact name"),
    event_type: str | None = Query(None, description="ACLED event type, exact"),
    sub_event_type: str | None = Query(None, description="ACLED sub-event type, exact"),
    certainty: str | None = Query(None, description="claim status of a report (reported, claimed, alleged, rumoured);"
                                  " fusion's values are still accepted here for old links"),
    corroboration: str | None = Query(None, description="fusion's verdict (single-source, corroborated, contested)"),
    outlet: str | None = Query(None, description="an outlet that reported the event"),
    inter: str | None = Query(None, description="ACLED inter code of actor1 or actor2 (0-8)"),
    q: str | None = Query(None, description="words in the report's notes, actors or place, or in its page's text"),
    bbox: str | None = Query(None, description="minLon,minLat,maxLon,maxLat", examples=["35.5,32.3,42.4,37.4"]),
) -> EventFilters:
    """The one filter set every view shares (map, timeline, list, graph, export).

    `async` although it does no I/O: a plain function would be sent to the thread pool,
    one more thread hop per request for a few microseconds of parsing.
    """
    return make_filters(since, until, actor, event_type, sub_event_type, certainty, outlet, bbox, inter,
                        corroboration, q)  # fmt: skip


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        parts.append(f"{'.'.join(loc) or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _finite(v: Any) -> Any:
    """`v` with infinite floats (SQLite can store 1e999) as None: JSON has no Infinity."""
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, dict):
        return {k: _finite(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_finite(x) for x in v]
    return v


def json_body(payload: Any) -> Response:
    """`payload` (plain dicts, lists, str, numbers, None) encoded once, straight to a response.

    Why not return the dict: FastAPI would then validate it against the return type on a
    second thread-pool hop and copy it before encoding; for the map's 20,000 rows that was
    a sizeable part of each request (bench/bench_api.py).
    """
    try:
        body = json.dumps(payload, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except ValueError:  # an infinite float
        body = json.dumps(_finite(payload), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return Response(body.encode("utf-8"), media_type="application/json")


@lru_cache(maxsize=1)
def _boundaries() -> bytes:
    return resources.files("sitrep").joinpath("data/gazetteer/admin1.geojson").read_bytes()


def create_app(db_path: str | Path, *, read_only: bool = True, review: Any = None) -> FastAPI:
    """The dashboard over the store at `db_path` (opened read-only unless told otherwise).

    `review` (a `sitrep.web.review.ReviewSession`) turns on review mode; None leaves it out entirely.
    """
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
    if review is not None:  # before the app's routes, so review mode's page replaces the plain one
        from sitrep.web.review import install

        install(app, review, STATIC_DIR)

    app.add_middleware(SecurityHeaders)

    @app.exception_handler(BadRequest)
    async def bad_request(_: Request, exc: BadRequest) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=400)

    @app.exception_handler(InputError)
    async def input_error(_: Request, exc: InputError) -> JSONResponse:
        return JSONResponse({"error": exc.message}, status_code=400)

    @app.exception_handler(search.SearchUnavailable)
    async def no_index(_: Request, exc: search.SearchUnavailable) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=409)

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
        f: EventFilters = Depends(filter_params),
        limit: int = Query(100, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
        level: Literal["auto", "merged", "reports"] = LevelParam,
    ) -> Response:
        """Events matching the filters, newest first: `total` and one page of `items`."""
        return json_body(listing.list_events(conn(), f, limit=limit, offset=offset, level=level,
                                             counts=app.state.counts))

    @app.get("/api/points", responses=ERRORS, tags=["events"])
    def points(
        f: EventFilters = Depends(filter_params),
        limit: int = Query(20000, ge=1, le=MAX_POINTS),
        level: Literal["auto", "merged", "reports"] = LevelParam,
    ) -> Response:
        """The map's markers in one request: id, date, type, place, coordinates and fatalities, newest first."""
        return json_body(listing.list_points(conn(), f, limit=limit, level=level, counts=app.state.counts))

    @app.get("/api/events/{event_id}/matches", responses=ERRORS, tags=["events"])
    def event_matches(event_id: str, f: EventFilters = Depends(filter_params),
                      level: Literal["auto", "merged", "reports"] = LevelParam) -> dict[str, Any]:
        """Whether this event is in the filtered set: the page clears its panel when it is not."""
        eid = _text("event_id", event_id) or ""
        return {"event_id": eid, "matches": listing.matches(conn(), f, eid, level=level)}

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
        f: EventFilters = Depends(filter_params),
        max_nodes: int = Query(60, ge=1, le=500),
        level: Literal["auto", "merged", "reports"] = LevelParam,
    ) -> dict[str, Any]:
        """Actors (nodes, with their most frequent inter code) and who acted on whom (edges), from
        events and, when present and no event-only filter is set, relations stated in articles."""
        return summaries.actor_graph(conn(), f, max_nodes=max_nodes, level=level)

    @app.get("/api/stats", responses=ERRORS, tags=["stats"])
    def stats(
        f: EventFilters = Depends(filter_params),
        bin: Literal["auto", "day", "week", "month"] = Query("auto", description="histogram bin"),
        level: Literal["auto", "merged", "reports"] = LevelParam,
    ) -> dict[str, Any]:
        """Counts, date range, events by type and a histogram by day, week (from Monday) or month,
        each bin split by event type and with its fatalities."""
        c, cache = conn(), app.state.counts
        # a timeline is a few kB: kept per filter set until the store changes
        return cache.memo(c, ("stats", repr(f), bin, level),
                          lambda: summaries.stats(c, f, bin=bin, level=level, cache=cache))

    @app.get("/api/facets", tags=["stats"])
    def facets(level: Literal["auto", "merged", "reports"] = LevelParam) -> dict[str, Any]:
        """Values offered by the page's filter menus: actors, event types, certainties, outlets."""
        c = conn()
        # the menus change only with the store: computed once per store state
        return {**app.state.counts.memo(c, ("facets", level), lambda: summaries.facets(c, level=level)),
                **basemap.vocabulary()}

    @app.get("/api/boundaries", tags=["map"])
    def boundaries() -> Response:
        """Admin-1 boundaries (GeoJSON) shipped with the package: the offline base map."""
        return Response(_boundaries(), media_type="application/geo+json")

    @app.get("/api/basemap", tags=["map"])
    def basemap_layers() -> Response:
        """Neighbouring countries, borders (contested lines flagged), coast, lakes, rivers, towns and the
        schematic M4/M5 corridors, shipped with the package (data/basemap, Natural Earth + gazetteer)."""
        return Response(basemap.layers_json(), media_type="application/json")

    @app.get("/api/labels", responses=ERRORS, tags=["map"])
    def labels(
        bbox: str = Query(..., description="minLon,minLat,maxLon,maxLat"),
        zoom: int = Query(..., ge=0, le=22),
    ) -> dict[str, Any]:
        """Gazetteer place labels in the view that show at this zoom (seats early, villages and
        neighbourhoods close in), most important first."""
        box = parse_bbox(bbox)
        if box is None:
            raise BadRequest("bbox: required (minLon,minLat,maxLon,maxLat)")
        return basemap.labels(box, zoom)

    @app.get("/api/documents", responses=ERRORS, tags=["documents"])
    def document_list(
        q: str | None = Query(None, description="words in the title, caption or body (never comments)"),
        outlet: str | None = Query(None),
        since: str | None = Query(None, description="published on or after, YYYY-MM-DD"),
        until: str | None = Query(None, description="published on or before, YYYY-MM-DD"),
        has_events: bool | None = Query(None, description="only pages with (true) or without (false) events"),
        limit: int = Query(50, ge=1, le=500),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> Response:
        """Documents, newest first: outlet, date, title, number of event reports and comments."""
        text = _text("q", q)
        if text is not None:
            parse_q(text)  # a clear 400 for text with no word
        return json_body(documents.list_documents(
            conn(), q=text, outlet=_text("outlet", outlet), since=parse_date("since", since),
            until=parse_date("until", until), has_events=has_events, limit=limit, offset=offset))  # fmt: skip

    @app.get("/api/search", responses=ERRORS, tags=["search"])
    def search_text(
        q: str = Query(..., description="words to find; every word must match, the last as a prefix"),
        kind: Literal["documents", "comments"] = Query("documents", description="page text, or reader comments"
                                                        " (a list of their own, never mixed with events)"),
        limit: int = Query(20, ge=1, le=200),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> Response:
        """Full-text hits with a snippet whose matches sit between \\u0002 and \\u0003.
        Events matching a search are /api/events?q=..."""
        text = _text("q", q)
        if text is None:
            raise BadRequest("q: no word to search for")
        parse_q(text)
        fn = search.search_comments if kind == "comments" else search.search_documents
        return json_body(fn(conn(), text, limit=limit, offset=offset))

    @app.get("/api/export", responses=ERRORS, tags=["events"])
    def export(
        f: EventFilters = Depends(filter_params),
        format: Literal["acled-csv", "geojson"] = Query("acled-csv", description="the CLI's export formats"),
        level: Literal["auto", "merged", "reports"] = LevelParam,
    ) -> Response:
        """The events of the current view, written by `sitrep export`'s code, as a download."""
        body, meta = export_view(str(db.path), conn(), f, format, level)
        return Response(body, media_type=meta["media_type"], headers={
            "content-disposition": f'attachment; filename="{meta["filename"]}"', "x-sitrep-rows": str(meta["rows"])})

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
