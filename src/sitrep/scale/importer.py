"""`import_parquet`: load a spark-run output into a SQLite store.

Documents go through `Store.write_batch`, rebuilt as the records the local runner
would have written, with the runner's `Deriver` (comment analysis, stated
relations), so the tables are filled by the same code as `sitrep ingest` and a
document already in the store is left as it is. Those derived tables are
computed here, on the importing machine, not on Spark. Fusion's tables
(merged_events, event_sources, event_blocks) are then replaced for the imported
reports in one transaction, as `sitrep.fuse.store` replaces a cluster. Importing
the same output twice changes nothing.

Reading uses pyarrow only: no Spark and no Java are needed on the machine that
serves the dashboard.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.errors import InputError
from sitrep.fuse.store import clear_clusters, keep_ids
from sitrep.store.aliases import record_aliases
from sitrep.records import Skip
from sitrep.scale.rows import document_from_rows, event_from_row, statement_from_row
from sitrep.scale.run import SUMMARY
from sitrep.scale.schema import columns

if TYPE_CHECKING:
    from sitrep.store import Store

BATCH = 500  # documents per write_batch transaction


def read_dataset(out_dir: str | Path, table: str) -> list[dict[str, Any]]:
    """All rows of one dataset of a spark-run output ([] when it has no data files)."""
    import pyarrow.dataset as ds

    path = Path(out_dir) / table
    if not path.is_dir() or not any(p.suffix == ".parquet" for p in path.iterdir()):
        return []
    return ds.dataset(str(path), format="parquet").to_table(columns=list(columns(table))).to_pylist()


def _batches(items: Sequence[Any], n: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def import_parquet(out_dir: str | Path, store: "Store") -> dict[str, int]:
    """Load the datasets under `out_dir` into `store`; returns counts of what was added."""
    out = Path(out_dir)
    if not (out / SUMMARY).is_file():
        raise InputError(f"{out}: not a finished spark-run output (no {SUMMARY})")
    summary = json.loads((out / SUMMARY).read_text(encoding="utf-8"))

    by_doc: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for table in ("segments", "comments", "statements", "events"):
        for r in read_dataset(out, table):
            by_doc[r["doc_id"]][table].append(r)
    evidence: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in read_dataset(out, "evidence"):
        evidence[r["event_id"]].append(r)
    docs = sorted(read_dataset(out, "documents"), key=lambda d: d["doc_id"])
    skips = [Skip(r["origin"], r["reason"], r["message"]) for r in read_dataset(out, "skips")]

    from sitrep.runner import Deriver

    deriver = Deriver()  # comment analysis and stated relations, as `sitrep ingest` writes them
    added = present = events = 0
    for i, batch in enumerate(_batches(docs, BATCH) if docs else [[]]):
        results = []
        for d in batch:
            parts = by_doc.get(d["doc_id"], {})
            doc = document_from_rows(d, parts.get("segments", []), parts.get("comments", []))
            evs = [event_from_row(e, evidence.get(e["event_id"], [])) for e in parts.get("events", [])]
            sts = [statement_from_row(s) for s in parts.get("statements", [])]
            results.append((doc, evs, sts))
            events += len(evs)
        n = store.write_batch(results, skips if i == 0 else [], derive=deriver)
        added += n
        present += len(results) - n

    merged = _import_fusion(out, store) if summary.get("merged_events") is not None else 0
    return {"documents": added, "already": present, "events": events, "skips": len(skips), "merged_events": merged}


def _import_fusion(out: Path, store: "Store") -> int:
    merged = read_dataset(out, "merged_events")
    sources = read_dataset(out, "event_sources")
    blocks = read_dataset(out, "event_blocks")
    mcols, scols, bcols = columns("merged_events"), columns("event_sources"), columns("event_blocks")
    ids = sorted({r["event_id"] for r in sources})
    c = store.conn
    c.execute("BEGIN IMMEDIATE")
    try:
        # Spark gives each cluster the id of its first appearance; an event this
        # store already knows keeps the id it has, as a local fusion pass would.
        members: dict[str, list[str]] = defaultdict(list)
        for r in sources:
            members[r["merged_id"]].append(r["event_id"])
        spark_ids = sorted(members)
        kept, aliases = keep_ids(c, [sorted(members[m]) for m in spark_ids])
        rename = dict(zip(spark_ids, kept))
        merged = [dict(r, merged_id=rename.get(r["merged_id"], r["merged_id"]),
                       event_id_cnty=rename.get(r["merged_id"], r["merged_id"])) for r in merged]  # fmt: skip
        sources = [dict(r, merged_id=rename.get(r["merged_id"], r["merged_id"])) for r in sources]
        clear_clusters(c, ids)
        c.executemany(
            f"INSERT OR REPLACE INTO merged_events({', '.join(mcols)}) VALUES ({', '.join('?' for _ in mcols)})",
            [tuple(r[k] for k in mcols) for r in merged],
        )
        c.executemany(
            f"INSERT INTO event_sources({', '.join(scols)}) VALUES ({', '.join('?' for _ in scols)})",
            [tuple(r[k] for k in scols) for r in sources],
        )
        c.executemany(
            f"INSERT OR IGNORE INTO event_blocks({', '.join(bcols)}) VALUES ({', '.join('?' for _ in bcols)})",
            [tuple(r[k] for k in bcols) for r in blocks],
        )
        record_aliases(c, aliases, kept)
        c.execute("COMMIT")
    except BaseException:
        if c.in_transaction:
            c.execute("ROLLBACK")
        raise
    return len(merged)
