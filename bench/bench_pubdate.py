"""Cost of dating pages by their own text: `python bench/bench_pubdate.py` (also importable: run()).

Reading a page now also looks for a date line in its head (text pages), asks
htmldate's quick search when an HTML page has no meta date, and, for pages dated
by --published, scans the text for days named without a year (the run report).
This measures each of those per page over the demo pages (and ../shared/seeds
when present), next to the cost of reading the page at all, and writes
bench/results/pubdate.json. One core; the figures are medians of ROUNDS passes
because the machine is shared.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 7
FLAG = date(2020, 6, 8)


def _median_ms(fn, items) -> float:
    """Median over ROUNDS of the mean milliseconds per item."""
    per = []
    for _ in range(ROUNDS):
        t = time.perf_counter()
        for x in items:
            fn(x)
        per.append((time.perf_counter() - t) / len(items) * 1e3)
    return statistics.median(per)


def run() -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from sitrep.ingest import DateAudit, iter_files, read_inputs, read_path
    from sitrep.ingest.dateaudit import _day_after
    from sitrep.ingest.html import parse_html
    from sitrep.ingest.pubdate import html_stated_date, text_stated_date
    from sitrep.records import DocMeta, RawDoc

    dirs = [ROOT / "src" / "sitrep" / "demo" / "pages", ROOT.parent / "shared" / "seeds"]
    dirs = [d for d in dirs if d.is_dir()]
    files = list(iter_files(dirs))
    docs = [d for f in files for d in read_path(f) if isinstance(d, RawDoc)]
    texts = [d.text for d in docs if d.text is not None]
    trees = [parse_html(d.html) for d in docs if d.html is not None]
    trees = [t for t in trees if t is not None]

    text_stated_date(texts[0])  # load the data files outside the timing
    read_ms = _median_ms(lambda f: list(read_path(f)), files)
    results = {
        "pages": len(docs),
        "text_pages": len(texts),
        "html_pages": len(trees),
        "read_path_ms_per_file": round(read_ms, 3),
        "dateline_ms_per_text_page": round(_median_ms(text_stated_date, texts), 4),
        "yearless_scan_ms_per_text_page": round(_median_ms(lambda t: _day_after(t, FLAG), texts), 4),
        "htmldate_quick_ms_per_html_page": round(_median_ms(html_stated_date, trees), 3),
    }

    def whole(flag: date | None) -> float:
        per = []
        for _ in range(ROUNDS):
            t = time.perf_counter()
            list(read_inputs(dirs, defaults=DocMeta(published=flag) if flag else None, audit=DateAudit()))
            per.append((time.perf_counter() - t) / len(docs) * 1e3)
        return round(statistics.median(per), 3)

    results["read_inputs_ms_per_page"] = whole(None)
    results["read_inputs_with_published_ms_per_page"] = whole(FLAG)
    return results


def main() -> None:
    results = run()
    for k, v in results.items():
        print(f"{k:42} {v}")
    out = ROOT / "bench" / "results" / "pubdate.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
