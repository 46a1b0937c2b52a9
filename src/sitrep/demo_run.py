"""`sitrep demo`: ingest the bundled demo corpus and print what a newcomer should see."""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.table import Table


def demo_dir() -> Path:
    """The packaged demo corpus (pages, manifest, gold)."""
    return Path(str(resources.files("sitrep").joinpath("demo")))


def run_demo(console: Console, db: Path) -> None:
    from sitrep.ingest import load_manifest
    from sitrep.runner import ingest, load_extractor
    from sitrep.store import Store

    base = demo_dir()
    manifest = load_manifest(base / "manifest.csv") if (base / "manifest.csv").is_file() else None
    with Store(db) as store:
        report = ingest([base / "pages"], store, manifest=manifest, extractor=load_extractor)
        docs = store.documents()
        events = store.events()
        fused = store.conn.execute(
            "SELECT count(*), coalesce(sum(n_outlets > 1), 0), coalesce(sum(fusion_certainty = 'contested'), 0)"
            " FROM merged_events"
        ).fetchone()
    console.print(
        f"demo corpus: {report.read} input(s), {report.added} new document(s), {report.already} already in {db}, "
        f"{report.failed} not ingested"
    )
    t = Table("document", "source", "published", "title", "comments", "events", title=f"documents in {db}")
    for r in docs:
        t.add_row(r["name"], r["source"] or "", r["published"] or "", (r["title"] or "")[:50], str(r["n_comments"]), str(r["n_events"]))
    console.print(t)
    by_type = Counter((e["event_type"], e["sub_event_type"]) for e in events)
    t2 = Table("event_type", "sub_event_type", "reports", title="event reports by type")
    for (et, st), n in sorted(by_type.items()):
        t2.add_row(et, st, str(n))
    console.print(t2)
    console.print(
        f"{len(events)} event reports merged into {fused[0]} events: {fused[1]} reported by more than one outlet, "
        f"{fused[2]} contested"
    )
    console.print(f"next: sitrep events --db {db}  |  sitrep show <doc_id> --db {db}")
