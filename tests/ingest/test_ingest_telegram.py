"""Telegram Desktop channel exports: one document per post, the post's own date, events from short posts."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import SKIP_BAD_JSON, SKIP_NO_TEXT, SKIP_UNSUPPORTED
from sitrep.ingest import read_inputs
from sitrep.ingest.provenance import provenance_of
from sitrep.ingest.telegram import looks_like_export, plain_text
from sitrep.records import RawDoc, Skip
from sitrep.store import Store

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "telegram" / "result.json"


def _items() -> list[RawDoc | Skip]:
    return list(read_inputs([FIXTURE]))


def test_every_post_is_a_document_or_a_reasoned_skip() -> None:
    items = _items()
    assert [(i.name if isinstance(i, RawDoc) else (i.reason, i.origin.rsplit("#", 1)[1])) for i in items] == [
        (SKIP_UNSUPPORTED, "1"),
        "result.json#2",
        "result.json#3",
        "result.json#4",
        (SKIP_NO_TEXT, "5"),
        "result.json#6",
        (SKIP_NO_TEXT, "7"),
    ]
    skips = {i.origin.rsplit("#", 1)[1]: i.message for i in items if isinstance(i, Skip)}
    assert skips["5"] == "media-only post (photo), no text to read"
    assert skips["7"] == "media-only post (video_file), no text to read"
    assert "create_channel" in skips["1"]


def test_posts_keep_their_own_date_and_the_channel_as_outlet() -> None:
    docs = {d.name: d for d in _items() if isinstance(d, RawDoc)}
    assert {n: d.meta.published for n, d in docs.items()} == {
        "result.json#2": date(2020, 2, 11),
        "result.json#3": date(2020, 2, 12),  # 23:40 on the 12th as exported, whatever the UTC day
        "result.json#4": date(2020, 2, 13),
        "result.json#6": date(2020, 2, 14),
    }
    assert {d.meta.source for d in docs.values()} == {"Frontline Watch"}


def test_entities_are_joined_to_plain_text_and_links_kept() -> None:
    post = next(d for d in _items() if isinstance(d, RawDoc) and d.name == "result.json#3")
    assert post.text == (
        "URGENT: Turkish forces shelled the village of Tal Tamr in Hasakah, a local monitor said. "
        "Details: https://news.example/tal-tamr"
    )
    assert post.provenance is not None
    assert post.provenance["links"] == ["https://monitor.example/report/77", "https://news.example/tal-tamr"]
    assert post.provenance["author"] == "Duty editor"


def test_forward_reply_and_views_are_recorded() -> None:
    prov = {d.name: d.provenance for d in _items() if isinstance(d, RawDoc)}
    assert prov["result.json#4"]["forwarded_from"] == "Idlib Field Notes"
    assert prov["result.json#6"]["reply_to"] == 4
    assert prov["result.json#2"]["views"] == 5120
    assert prov["result.json#2"]["post_id"] == 2
    assert prov["result.json#2"]["forwarded_from"] is None
    assert prov["result.json#2"]["author"] is None  # an unsigned channel post: the channel is the outlet, not an author


def test_in_a_group_export_the_sender_is_the_author(tmp_path: Path) -> None:
    export = json.loads(FIXTURE.read_text())
    export["type"] = "private_supergroup"
    export["messages"][1]["from"] = "Field reporter"
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export))
    post = next(d for d in read_inputs([path]) if isinstance(d, RawDoc) and d.name == "result.json#2")
    assert post.provenance is not None and post.provenance["author"] == "Field reporter"


def test_plain_text_ignores_odd_entity_shapes() -> None:
    assert plain_text(["a ", {"type": "italic", "text": "b"}, 7, {"type": "bold"}, " c"]) == ("a b c", [])
    assert plain_text(None) == ("", [])


def test_a_json_array_of_records_is_not_taken_for_an_export(tmp_path: Path) -> None:
    records = [{"id": "r1", "type": "public_channel", "messages": [], "text": "A record with a text field."}]
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records))
    assert not looks_like_export(path.read_bytes())
    assert [i.name for i in read_inputs([path]) if isinstance(i, RawDoc)] == ["r1"]


def test_a_broken_export_is_one_skip(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(FIXTURE.read_text()[:900])  # cut mid-message
    items = list(read_inputs([path]))
    assert len(items) == 1 and isinstance(items[0], Skip)
    assert items[0].reason == SKIP_BAD_JSON
    assert "\n" not in items[0].line()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object, object]:
    from sitrep.runner import ingest, load_extractor

    root = tmp_path_factory.mktemp("telegram")
    shutil.copy(FIXTURE, root / "result.json")
    db = root / "tg.db"
    with Store(db) as store:
        first = ingest([root / "result.json"], store, extractor=load_extractor)
    with Store(db) as store:
        second = ingest([root / "result.json"], store, extractor=load_extractor)
    return db, first, second


def test_short_posts_become_bodies_with_events(ingested: tuple[Path, object, object]) -> None:
    db, first, _ = ingested
    with Store(db) as store:
        rows = {r["name"]: r for r in store.documents()}
        by_doc = {name: store.events(r["doc_id"]) for name, r in rows.items()}
        titles = store.conn.execute("SELECT count(*) FROM segments WHERE kind = 'title'").fetchone()[0]
    assert titles == 0  # a post is never a lone headline
    assert first.added == 4 and first.failed == 3
    assert {e["sub_event_type"] for e in by_doc["result.json#2"]} == {"Air/drone strike"}
    assert {e["sub_event_type"] for e in by_doc["result.json#3"]} == {"Shelling/artillery/missile attack"}
    assert {e["sub_event_type"] for e in by_doc["result.json#4"]} == {"Government regains territory"}
    assert rows["result.json#4"]["published"] == "2020-02-13"


def test_post_provenance_is_stored_with_the_document(ingested: tuple[Path, object, object]) -> None:
    db, _, _ = ingested
    with Store(db) as store:
        doc_id = store.find_document("result.json#3")
        assert doc_id is not None
        prov = provenance_of(store.conn, doc_id)
    assert prov is not None
    assert (prov["kind"], prov["channel"], prov["post_id"], prov["author"]) == (
        "telegram", "Frontline Watch", 3, "Duty editor",
    )  # fmt: skip
    assert prov["links"] == ["https://monitor.example/report/77", "https://news.example/tal-tamr"]


def test_reingesting_the_export_adds_nothing(ingested: tuple[Path, object, object]) -> None:
    _, first, second = ingested
    assert (second.added, second.already) == (0, first.added)
