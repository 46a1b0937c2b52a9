"""The local, offline dashboard: a read-only JSON API and one page over a store.

`create_app(db_path, read_only=True)` gives the ASGI app; `serve(db_path, host,
port, open_browser)` runs it with uvicorn on 127.0.0.1 by default.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app", "serve"]


def create_app(db_path: str | Path, *, read_only: bool = True, review: Any = None) -> "FastAPI":
    """The dashboard ASGI app over the store at `db_path` (`review`: a ReviewSession for review mode)."""
    from sitrep.web.app import create_app as _create

    return _create(db_path, read_only=read_only, review=review)


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False,
          review: bool = False, reviewer: str | None = None) -> None:
    """Run the dashboard until interrupted; warns when `host` is not a loopback address."""
    from sitrep.web.server import serve as _serve

    _serve(db_path, host=host, port=port, open_browser=open_browser, review=review, reviewer=reviewer)


def __getattr__(name: str) -> Any:  # pragma: no cover - nothing else is public
    raise AttributeError(name)
