"""Issue #16: the demo corpus ingested at once, in two halves and in another order.

Ids of merged events survive a second ingest (0 lost), one run gives the same ids
whatever the order of its inputs, the id one run would give resolves in a store
built over two runs, and report rows carry their own claim status and merged id.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from sitrep.demo_run import demo_dir
from sitrep.export import export_events
from sitrep.fuse import founding_id
from sitrep.ingest import load_manifest
from sitrep.store import Store
from sitrep.store.aliases import resolve_merged_id

CERTAINTIES = {"reported", "claimed", "alleged", "rumoured"}
CORROBORATION = {"single-source", "corroborated", "contested"}
# The second half holds 008_hajin_landmine.html, whose strike the first half's feed.jsonl also reports.
SECOND_HALF = ("007_abu_hamam_vigil.html", "008_hajin_landmine.html", "crawl.warc.gz")


@pytest.fixture(scope="module")
def extractor():
    from sitrep.runner import load_extractor

    return load_extractor()


@pytest.fixture(scope="module")
def pages() -> tuple[list[Path], dict]:
    base = demo_dir()
    files = sorted(p for p in (base / "pages").iterdir() if p.is_file())
    return files, load_manifest(base / "manifest.csv")


def _ingest(store: Store, files: list[Path], manifest: dict, extractor, **kw) -> None:
    from sitrep.runner import ingest

    ingest([str(f) for f in files], store, manifest=manifest, extractor=extractor, **kw)


def _export(store: Store, merged: bool = True) -> list[dict[str, str]]:
    out = io.StringIO()
    export_events(store, "acled-csv", out, merged=merged)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def _by_members(store: Store) -> dict[tuple[str, ...], str]:
    groups: dict[str, list[str]] = {}
    for mid, eid in store.conn.execute(
        "SELECT s.merged_id, s.event_id FROM event_sources s JOIN merged_events m ON m.merged_id = s.merged_id"
        " ORDER BY s.event_id"
    ):
        groups.setdefault(mid, []).append(eid)
    return {tuple(v): k for k, v in groups.items()}


@pytest.fixture(scope="module")
def once(tmp_path_factory, pages, extractor):
    files, manifest = pages
    store = Store(tmp_path_factory.mktemp("once") / "once.db")
    _ingest(store, files, manifest, extractor)
    yield store
    store.close()


def test_two_halves_lose_no_id_and_one_run_ids_resolve(tmp_path, pages, extractor, once):
    files, manifest = pages
    first = [f for f in files if f.name not in SECOND_HALF]
    second = [f for f in files if f.name in SECOND_HALF]
    store = Store(tmp_path / "halves.db")
    _ingest(store, first, manifest, extractor)
    first_ids = {r["event_id_cnty"] for r in _export(store)}
    first_members = {v: k for k, v in _by_members(store).items()}
    first_reports = {r[0] for r in store.conn.execute("SELECT event_id FROM events")}
    _ingest(store, second, manifest, extractor)
    second_ids = {r["event_id_cnty"] for r in _export(store)}
    assert first_ids - second_ids == set()  # 0 ids lost
    grown = {mid for members, mid in _by_members(store).items() if mid in first_members
             and first_members[mid] != members}  # fmt: skip
    # events that second-half reports joined keep their id (8 on today's demo, all lost by a hash
    # of members); counts depend on the extractor, so only their presence is pinned here
    assert grown

    halves, one_run = _by_members(store), _by_members(once)
    assert set(halves) == set(one_run)  # the same events
    spanning = 0
    for members, mid in one_run.items():
        founder = min(set(members) & first_reports, default=min(members))  # the report the event first had
        assert halves[members] == founding_id(founder)
        assert resolve_merged_id(store.conn, mid) == halves[members]
        spanning += halves[members] != mid
    # events whose smallest report came in the second half (6 of 12 multi-report events today)
    # keep their first id, and the one-run id is recorded as an alias of it
    assert spanning and len(second_ids) == len(one_run)
    store.close()


def test_one_run_gives_the_same_ids_whatever_the_input_order(tmp_path, pages, extractor, once):
    files, manifest = pages
    store = Store(tmp_path / "reversed.db")
    _ingest(store, list(reversed(files)), manifest, extractor, batch_size=1)
    assert _by_members(store) == _by_members(once)
    assert [r["event_id_cnty"] for r in _export(store)] == [r["event_id_cnty"] for r in _export(once)]
    store.close()


def test_report_rows_carry_claim_status_and_their_merged_id(once):
    merged = _export(once)
    reports = _export(once, merged=False)
    assert len(reports) == once.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    assert {r["certainty"] for r in reports} <= CERTAINTIES and "reported" in {r["certainty"] for r in reports}
    assert {r["corroboration"] for r in merged} <= CORROBORATION
    assert {r["corroboration"] for r in reports} <= CORROBORATION
    by_id = {r["event_id_cnty"]: r for r in merged}
    for r in reports:
        assert r["merged_id"] in by_id and r["merged_id"] != r["event_id_cnty"]
        m = by_id[r["merged_id"]]
        assert r["doc_ids"] in m["doc_ids"].split("; ") and r["corroboration"] == m["corroboration"]
        assert r["document"] and r["outlet"] == r["source"] and r["evidence"].startswith("[{")
    stored = {row[0]: tuple(row[1:]) for row in once.conn.execute("SELECT event_id, certainty, claimed_by FROM events")}
    assert {r["event_id_cnty"]: (r["certainty"], r["claimed_by"] or None) for r in reports} == stored
