"""`sitrep eval --reviews`: score the current extractor against the store's reviewed events.

Kept apart from `sitrep.cli` so the eval verb only gains a flag and a call.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from sitrep.errors import InputError, StoreError


def eval_reviews(console: Any, db: Path, gold: Path | None, as_json: bool, *, asked: bool) -> None:
    """Print the review evaluation of `db` (a table, or JSON with `as_json`)."""
    from sitrep.review.gold import evaluate_reviews
    from sitrep.store import Store

    if not asked:
        raise InputError("give a GOLD file or directory, or --reviews (with --db)")
    if gold is not None:
        raise InputError("--reviews scores the reviews in --db: it takes no GOLD argument")
    if not db.is_file():
        raise StoreError(f"{db}: database not found (run 'sitrep ingest' first)")
    with Store(db, read_only=True) as store:
        report = evaluate_reviews(store.conn)
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    from rich.table import Table

    t = Table("figure", "value")
    for k, v in report.items():
        if isinstance(v, (list, dict)):
            continue
        t.add_row(k, "-" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v))
    console.print(t)
    console.print(f"{len(report.get('missed', []))} reviewed event(s) the extractor does not reproduce; --json lists them")
