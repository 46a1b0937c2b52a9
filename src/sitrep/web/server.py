"""`serve`: run the dashboard with uvicorn, on the loopback interface by default.

The store can hold names of sources and reader comments that must not leak to
a network, so binding anywhere but loopback is the user's explicit choice and
is announced with a warning line.
"""

from __future__ import annotations

import ipaddress
import sys
import threading
import webbrowser
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(db_path: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, open_browser: bool = False,
          review: bool = False, reviewer: str | None = None) -> None:
    """Serve the dashboard over `db_path` (read-only; with `review`, reviews writable) until interrupted."""
    import uvicorn

    from sitrep.web.app import create_app

    session = None
    if review:
        from sitrep.web.review import review_session

        session = review_session(db_path, host, reviewer)
    app = create_app(db_path, read_only=True, review=session)
    if not is_loopback(host):
        print(
            f"warning: serving on {host}, which is not a loopback address: anyone who can reach this machine "
            "can read the store",
            file=sys.stderr,
            flush=True,
        )
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    print(f"sitrep dashboard on {url} (Ctrl-C to stop)", flush=True)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
