"""Spark scale-out speed: `python bench/bench_spark.py [--pages N]` (default 20000).

Builds N synthetic pages from the demo corpus (each page a demo page with its
numbers, dates, places and by-line varied, so every page has its own content
hash), written as JSONL shards, then times the same pipeline three ways:

* in-process: `sitrep.runner.ingest` into a fresh SQLite store (one core);
* `spark_run(master="local[1]")` and `spark_run(master="local[2]")`, each in its
  own process so the sessions do not share a JVM or warmed Python workers.

pages/s are pages over wall-clock seconds. For Spark both the whole call and the
job alone (without JVM and session start-up) are reported; the local[2]/local[1]
ratio uses the job time. Prints a table and writes bench/results/spark.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLACES = ["Dhiban", "Hajin", "Busayrah", "Mayadin", "Shuhayl", "Gharanij", "Abu Hammam", "Susah", "Baghuz", "Diban"]
# Local mode runs every executor inside the driver JVM; its default 1 GB heap
# spills the persisted rows of a big run to disk. Same setting for both runs.
SPARK_CONF = {"spark.driver.memory": "4g"}
BYLINES = ["Rami", "Layla", "Omar", "Huda", "Karim", "Nour", "Samir", "Dana"]


def _demo_pages() -> list:
    from sitrep.demo_run import demo_dir
    from sitrep.ingest import load_manifest, read_inputs
    from sitrep.records import RawDoc

    base = demo_dir()
    items = read_inputs([base / "pages"], manifest=load_manifest(base / "manifest.csv"))
    return [d for d in items if isinstance(d, RawDoc)]


def make_corpus(n: int, out: Path, shards: int = 40) -> int:
    """Write n synthetic pages as JSONL shards under `out`; returns pages written."""
    rng = random.Random(20240601)
    base = _demo_pages()
    out.mkdir(parents=True, exist_ok=True)
    per = max(1, -(-n // shards))
    written = 0
    for s in range(0, n, per):
        with (out / f"shard-{s // per:04d}.jsonl").open("w", encoding="utf-8") as fh:
            for i in range(s, min(n, s + per)):
                src = base[i % len(base)]
                content = src.content
                bump = rng.randint(1, 9)
                content = re.sub(r"\b([1-9]\d?)\b", lambda m, b=bump: str(int(m.group(1)) + b), content)
                for p in PLACES:
                    if p in content:
                        content = content.replace(p, PLACES[(PLACES.index(p) + i) % len(PLACES)])
                        break
                line = f"Reporting by {BYLINES[i % len(BYLINES)]} {BYLINES[(i // 8) % len(BYLINES)]}, ref {i:06d}."
                if src.html is not None:
                    content = content.replace("</body>", f"<p>{line}</p></body>", 1)
                else:
                    content = content + "\n\n" + line
                published = src.meta.published + timedelta(days=i % 400) if src.meta.published else None
                rec = {"id": f"syn-{i:06d}", "source": src.meta.source, "url": f"https://bench.example/{i}",
                       "published": published.isoformat() if published else None,
                       "text" if src.html is None else "html": content}  # fmt: skip
                fh.write(json.dumps(rec) + "\n")
                written += 1
    return written


def run_local(corpus: Path, db: Path) -> dict:
    from sitrep.runner import ingest, load_extractor
    from sitrep.store import Store

    t = time.perf_counter()
    with Store(db) as store:
        rep = ingest([str(corpus)], store, extractor=load_extractor)
    secs = time.perf_counter() - t
    return {"seconds": round(secs, 2), "documents": rep.added, "events": rep.events, "merged": rep.merged}


def run_spark_child(master: str, corpus: str, out: str) -> dict:
    from sitrep.scale import spark_run

    rep = spark_run([corpus], out, master=master, conf=SPARK_CONF)
    return {"seconds": rep.seconds, "job_seconds": rep.job_seconds, "documents": rep.documents,
            "events": rep.events, "merged": rep.merged_events, "partitions": rep.partitions,
            "extractor_loads": len(rep.extractor_loads), "skips": rep.skips, "phases": rep.phases,
            "conf": SPARK_CONF}  # fmt: skip


def run_spark(master: str, corpus: Path, out: Path) -> dict:
    cmd = [sys.executable, __file__, "--child", master, "--corpus", str(corpus), "--out", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=HERE.parent)
    if proc.returncode != 0:
        raise SystemExit(f"spark run {master} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=20000)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(run_spark_child(args.child, args.corpus, args.out)))
        return

    with tempfile.TemporaryDirectory(prefix="sitrep-bench-spark-") as tmp:
        work = Path(tmp)
        pages = make_corpus(args.pages, work / "corpus")
        res: dict = {"pages": pages, "cores": os.cpu_count(), "input": "JSONL shards of synthetic demo pages"}
        print(f"{pages} pages written; running in-process, local[1], local[2]", file=sys.stderr, flush=True)
        res["in_process"] = run_local(work / "corpus", work / "local.db")
        print(f"in-process: {res['in_process']}", file=sys.stderr, flush=True)
        res["local[1]"] = run_spark("local[1]", work / "corpus", work / "out1")
        print(f"local[1]: {res['local[1]']}", file=sys.stderr, flush=True)
        res["local[2]"] = run_spark("local[2]", work / "corpus", work / "out2")
    for k in ("in_process", "local[1]", "local[2]"):
        r = res[k]
        r["pages_per_s"] = round(pages / r["seconds"], 2)
        if "job_seconds" in r:
            r["job_pages_per_s"] = round(pages / r["job_seconds"], 2)
    res["ratio_local2_to_local1"] = round(res["local[2]"]["job_pages_per_s"] / res["local[1]"]["job_pages_per_s"], 2)
    res["same_counts"] = len({(res[k]["documents"], res[k]["events"]) for k in ("in_process", "local[1]", "local[2]")}) == 1

    print(f"{'run':<12}{'seconds':>10}{'pages/s':>10}{'job s':>10}{'job pages/s':>13}{'events':>9}")
    for k in ("in_process", "local[1]", "local[2]"):
        r = res[k]
        print(f"{k:<12}{r['seconds']:>10}{r['pages_per_s']:>10}{r.get('job_seconds', ''):>10}"
              f"{r.get('job_pages_per_s', ''):>13}{r['events']:>9}")  # fmt: skip
    print(f"local[2]/local[1] (job pages/s): {res['ratio_local2_to_local1']}   same counts: {res['same_counts']}")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "spark.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
