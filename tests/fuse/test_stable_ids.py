"""Stable merged ids: an event keeps the id it was first given; replaced ids resolve."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import date

import pytest

from sitrep.errors import NotFound
from sitrep.export import export_events
from sitrep.fuse import assign_ids, founding_id, fuse_all, fuse_config, fuse_incremental, merged_id
from sitrep.records import Event
from sitrep.store import Store
from sitrep.store.aliases import aliases_of, resolve_merged_id

A, B, C, D = founding_id("a"), founding_id("b"), founding_id("c"), founding_id("d")


def ev(event_id: str, doc_id: str, **kw) -> Event:
    base = dict(
        event_date=date(2023, 5, 10), time_precision=1, event_type="Battles", sub_event_type="Armed clash",
        actor1="Military Forces of Syria", actor2="Hayat Tahrir al-Sham", admin1="Idlib", country="Syria",
        latitude=35.9, longitude=36.6, geo_precision=1, source=f"Outlet {doc_id}",
    )  # fmt: skip
    base.update(kw)
    return Event(event_id=event_id, doc_id=doc_id, **base)  # type: ignore[arg-type]


# -- the rule ------------------------------------------------------------------------
def test_a_new_cluster_takes_its_smallest_reports_id():
    assert assign_ids([["a", "b"], ["c"]], {}) == ([A, C], {})
    assert merged_id(["b", "a"]) == A


def test_a_report_joining_keeps_the_id_and_aliases_the_one_pass_id():
    # {b} existed as B; a joins: the event stays B, and A (what one pass gives) resolves to it
    assert assign_ids([["a", "b"]], {"b": B}) == ([B], {A: B})
    # c joins {a}: a is still the smallest, nothing to alias
    assert assign_ids([["a", "c"]], {"a": A}) == ([A], {})


def test_two_events_fused_keep_the_smaller_founders_id():
    assert assign_ids([["a", "b", "c", "d"]], {"a": A, "c": A, "b": B, "d": B}) == ([A], {B: A})
    assert assign_ids([["b", "c", "d"]], {"c": C, "d": D, "b": B}) == ([B], {C: B, D: B})


def test_a_split_event_keeps_its_id_with_its_founder():
    assert assign_ids([["a"], ["b", "c"]], {"a": B, "b": B, "c": B}) == ([A, B], {})  # B was founded by b


def test_an_id_from_before_stable_ids_is_kept_by_its_smallest_member():
    legacy = "m0123456789abcdef"
    assert assign_ids([["a", "b"], ["c"]], {"a": legacy, "b": legacy, "c": legacy}) == ([legacy, C], {A: legacy})


def test_ids_do_not_depend_on_cluster_or_member_order():
    prev = {"b": B, "c": B, "d": D}
    assert assign_ids([["b", "c"], ["a", "d"]], prev) == ([B, D], {A: D})
    assert assign_ids([["a", "d"], ["b", "c"]], prev) == ([D, B], {A: D})


# -- the store -----------------------------------------------------------------------
@pytest.fixture
def pair(store_docs):
    """Reports a and b of one clash from two outlets, 4 km apart."""
    s = Store(":memory:")
    store_docs(s, [ev("a", "d1"), ev("b", "d2", latitude=35.936)], {})
    yield s
    s.close()


def _ids(store: Store) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT merged_id FROM merged_events")}


def test_an_event_keeps_its_id_when_a_smaller_report_joins(pair):
    cfg = fuse_config()
    fuse_incremental(pair, ["b"], cfg)  # b is fused first, a later
    assert _ids(pair) == {B}
    fuse_incremental(pair, ["a"], cfg)
    assert _ids(pair) == {B}
    assert resolve_merged_id(pair.conn, A) == B  # the id one pass over a and b would give
    assert resolve_merged_id(pair.conn, B) == B and resolve_merged_id(pair.conn, "mnothing") is None
    fuse_all(pair, cfg)  # a full re-run keeps it too
    assert _ids(pair) == {B}


def test_two_events_fused_leave_an_alias_that_export_and_api_resolve(pair):
    from sitrep.web.queries import get_event

    strict = fuse_config()
    strict = dataclasses.replace(strict, rules=dataclasses.replace(strict.rules, max_km={1: 1.0, 2: 1.0, 3: 1.0}))
    fuse_all(pair, strict)
    assert _ids(pair) == {A, B}
    fuse_all(pair, fuse_config())
    assert _ids(pair) == {A}
    row = pair.conn.execute("SELECT merged_id, reason FROM event_aliases WHERE alias = ?", (B,)).fetchone()
    assert tuple(row) == (A, "fused") and aliases_of(pair.conn, A) == [B]
    out = io.StringIO()
    assert export_events(pair, "jsonl", out, ids=[B]) == 1
    got = json.loads(out.getvalue())
    assert (got["event_id_cnty"], got["merged_id"], got["aliases"], got["n_sources"]) == (A, A, [B], 2)
    out = io.StringIO()
    assert export_events(pair, "jsonl", out, ids=[B], merged=False) == 2  # the event's reports
    assert {json.loads(x)["merged_id"] for x in out.getvalue().splitlines()} == {A}
    api = get_event(pair.conn, B)
    assert (api["id"], api["resolved_from"], api["aliases"]) == (A, B, [B])
    with pytest.raises(NotFound, match="no event 'mmissing'"):
        export_events(pair, "jsonl", io.StringIO(), ids=["mmissing"])


def test_an_alias_that_becomes_an_event_again_is_no_longer_an_alias(pair):
    strict = fuse_config()
    strict = dataclasses.replace(strict, rules=dataclasses.replace(strict.rules, max_km={1: 1.0, 2: 1.0, 3: 1.0}))
    fuse_all(pair, fuse_config())
    fuse_all(pair, strict)  # split again: b founds its own event
    assert _ids(pair) == {A, B}
    assert pair.conn.execute("SELECT count(*) FROM event_aliases WHERE alias = ?", (B,)).fetchone()[0] == 0


def test_cli_export_and_show_resolve_an_old_id(tmp_path, store_docs):
    from typer.testing import CliRunner

    from sitrep.cli import app

    path = tmp_path / "s.db"
    with Store(path) as s:
        store_docs(s, [ev("a", "d1"), ev("b", "d2", latitude=35.936)], {})
        strict = fuse_config()
        fuse_all(s, dataclasses.replace(strict, rules=dataclasses.replace(strict.rules, max_km={1: 1.0, 2: 1.0, 3: 1.0})))
        fuse_all(s, fuse_config())
    runner = CliRunner()
    res = runner.invoke(app, ["export", "--format", "jsonl", "--id", B, "--db", str(path)])
    assert res.exit_code == 0, res.output
    assert [json.loads(x)["event_id_cnty"] for x in res.output.splitlines()] == [A]
    res = runner.invoke(app, ["show", B, "--db", str(path)])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[0] == f"merged event {A} (old id {B})"
    assert "Report d1." in res.output and "Report d2." in res.output
    res = runner.invoke(app, ["show", "mnothing", "--db", str(path)])
    assert isinstance(res.exception, NotFound) and "no document or event matching 'mnothing'" in str(res.exception)
