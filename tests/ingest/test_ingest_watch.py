"""`sitrep watch`: incremental polls with conditional GET, failing sources, a clean stop on SIGTERM."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from sitrep.errors import InputError
from sitrep.ingest.watch import PollResult, Source, WatchConfig, load_config, watch
from sitrep.store import Store

DAY = "Mon, 02 Mar 2020 10:00:00 GMT"


def _articles(site: Any, kit: SimpleNamespace, names: list[str], delay: float = 0.0) -> None:
    for name in names:
        site.routes[f"/a/{name}"] = kit.Route(body=kit.article(f"Report {name}", "2020-03-02",
                                              f"Shelling was reported near the village of {name} on Monday."),
                                              delay=delay)  # fmt: skip


def _feed(site: Any, kit: SimpleNamespace, names: list[str]) -> None:
    site.routes["/feed"] = kit.Route(body=kit.rss(site.base, [(f"/a/{n}", DAY) for n in names]),
                                     content_type="application/rss+xml", etag=True)  # fmt: skip


def _poll(config: WatchConfig, db: Path) -> list[PollResult]:
    results: list[PollResult] = []
    with Store(db) as store:
        watch(config, store, once=True, report=results.append, ingest_kwargs={"extractor": None})
    return results


def test_second_poll_fetches_only_new_items_with_conditional_get(site: Any, kit: SimpleNamespace, tmp_path: Path) -> None:
    _articles(site, kit, ["Maarzaf", "Ariha", "Sarmin"])
    _feed(site, kit, ["Maarzaf", "Ariha"])
    config = WatchConfig((Source("feed", (site.base + "/feed",), 60.0),), kit.FAST)
    first = _poll(config, tmp_path / "w.db")
    unchanged = _poll(config, tmp_path / "w.db")
    _feed(site, kit, ["Maarzaf", "Ariha", "Sarmin"])
    third = _poll(config, tmp_path / "w.db")
    assert [r.added for r in first + unchanged + third] == [2, 0, 1]
    feed_hits = site.hits("/feed")
    assert "if-none-match" not in feed_hits[0]
    assert feed_hits[1]["if-none-match"] == feed_hits[2]["if-none-match"]  # 304 the second time, 200 the third
    assert [len(site.hits(f"/a/{n}")) for n in ("Maarzaf", "Ariha", "Sarmin")] == [1, 1, 1]


def test_a_failing_source_does_not_stop_the_others(site: Any, kit: SimpleNamespace, tmp_path: Path) -> None:
    _articles(site, kit, ["Binnish"])
    _feed(site, kit, ["Binnish"])
    site.routes["/down"] = kit.Route(503, b"maintenance", "text/plain")
    config = WatchConfig((
        Source("feed", (site.base + "/down",), 60.0),
        Source("folder", (str(tmp_path / "no-such-inbox"),), 60.0),
        Source("feed", (site.base + "/feed",), 60.0),
    ), kit.FAST)  # fmt: skip
    results = _poll(config, tmp_path / "w.db")
    assert [(len(r.skips), r.added) for r in results] == [(1, 0), (1, 0), (0, 1)]
    assert results[0].skips[0].line() == f"{site.base}/down: http-error: HTTP 503 Service Unavailable (after 2 attempts)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources: []\n", "non-empty 'sources' list"),
        ("sources:\n  - feed: feed.xml\n", "source 1: 'feed.xml' is not an http(s) URL"),
        ("sources:\n  - feed: http://127.0.0.1/f\n    interval: 0.1\n", "below the 1 s minimum"),
        ("sources:\n  - feed: http://127.0.0.1/f\n    sitemap: http://127.0.0.1/s\n", "needs exactly one of"),
        ("fetch: {speed: 3}\nsources:\n  - urls: [http://127.0.0.1/a]\n", "unknown fetch setting(s) speed"),
        ("sources: [\n", "not valid YAML"),
    ],
)
def test_bad_configs_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "watch.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as info:
        load_config(path)
    assert message in str(info.value) and "\n" not in str(info.value)
    assert str(info.value).startswith(f"error[E001]: {path}")


@pytest.mark.slow
def test_sigterm_mid_batch_leaves_a_consistent_store_and_the_next_run_completes_it(
    site: Any, kit: SimpleNamespace, tmp_path: Path
) -> None:
    names = [f"v{i}" for i in range(8)]
    _articles(site, kit, names, delay=0.25)
    _feed(site, kit, names)
    config = tmp_path / "watch.yaml"
    config.write_text(f"interval: 60\nfetch: {{timeout: 3, retries: 0, min_interval: 0}}\n"
                      f"sources:\n  - feed: {site.base}/feed\n")  # fmt: skip
    db = tmp_path / "w.db"
    cmd = [sys.executable, "-m", "sitrep", "watch", str(config), "--db", str(db), "--no-events"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 60
        while sum(len(site.hits(f"/a/{n}")) for n in names) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopped after 1 poll(s)" in out
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    with_urls = conn.execute("SELECT count(DISTINCT doc_id) FROM fetched_urls").fetchone()[0]
    validators = conn.execute("SELECT count(*) FROM fetch_validators").fetchone()[0]
    conn.close()
    assert 3 <= stored < len(names)  # the batch in hand was committed, the rest not reached
    assert with_urls == stored and validators == 0  # feed not marked read: the next poll reads it in full
    # the next run (in process: the signal part is done) completes the feed
    again = _poll(load_config(config), db)
    assert again[0].added == len(names) - stored
    with Store(db) as store:
        assert store.counts()["documents"] == len(names)
    assert all(len(site.hits(f"/a/{n}")) == 1 for n in names)  # nothing fetched twice


def test_one_round_ends_after_each_source_once(site: Any, kit: SimpleNamespace, tmp_path: Path) -> None:
    _articles(site, kit, ["Taftanaz"])
    config = WatchConfig((Source("urls", (site.base + "/a/Taftanaz",), 60.0),), replace(kit.FAST, robots=False))
    results = _poll(config, tmp_path / "w.db")
    assert [r.line().split(": ", 1)[1] for r in results] == [
        "1 new document(s), 0 event report(s), 0 already stored, 0 not ingested"
    ]
    assert site.hits("/robots.txt") == []


def test_the_readme_watch_example_is_a_valid_config(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "watch.yaml"
    path.write_text(block)
    config = load_config(path)
    assert [(s.kind, s.interval) for s in config.sources] == [
        ("feed", 900.0), ("sitemap", 3600.0), ("urls", 900.0), ("folder", 900.0),
    ]  # fmt: skip
    assert config.sources[3].targets == (str(tmp_path / "inbox"),)  # relative to the config file
    assert config.fetch.min_interval == 2.0


def test_a_folder_source_ingests_only_files_new_since_the_last_poll(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text("Clashes were reported near Saraqib on Monday, a monitor said.\n")
    config = WatchConfig((Source("folder", (str(inbox),), 60.0),))
    first = _poll(config, tmp_path / "w.db")
    (inbox / "two.txt").write_text("Shelling hit the outskirts of Ariha on Tuesday, residents said.\n")
    second = _poll(config, tmp_path / "w.db")
    assert [(r.added, r.already) for r in first + second] == [(1, 0), (1, 1)]
