"""Store: migrations, atomic batches, idempotent re-writes."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.errors import StoreError
from sitrep.records import Comment, DocMeta, Document, Event, Evidence, Segmentation, Skip, TextSpan
from sitrep.store import Store
from sitrep.store.migrate import available


def make_doc(doc_id: str = "d1", text: str = "Title\n\nBody one.\n\nAnon: hello") -> Document:
    seg = Segmentation(
        title=TextSpan(0, 5, "Title"),
        body=[TextSpan(7, 16, "Body one.")],
        comments=[Comment(0, "Anon", None, "hello", 24, 29)],
    )
    return Document(doc_id, f"{doc_id}.txt", f"/tmp/{doc_id}.txt", text, DocMeta(source="Outlet", published=date(2021, 3, 4)), seg)


def make_event(doc_id: str = "d1", event_id: str = "e1") -> Event:
    return Event(
        event_id=event_id, doc_id=doc_id, event_date=date(2021, 3, 3), time_precision=1,
        event_type="Battles", sub_event_type="Armed clash", actor1="Group A", fatalities=None,
        evidence=[Evidence("trigger", 7, 11, "Body")],
    )  # fmt: skip


def test_migrations_recorded_once(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()
    with Store(path) as s:  # reopening applies nothing new
        versions = [r[0] for r in s.conn.execute("SELECT version FROM schema_migrations")]
    assert versions == [m.version for m in available()]


def test_write_batch_roundtrip_and_idempotent():
    s = Store(":memory:")
    doc = make_doc()
    assert s.write_batch([(doc, [make_event()], [])], [Skip("/x/bad.txt", "empty", "file is empty")]) == 1
    assert s.write_batch([(doc, [make_event()], [])]) == 0  # same document again adds nothing
    counts = s.counts()
    assert counts["documents"] == 1 and counts["events"] == 1 and counts["comments"] == 1
    assert counts["skips"] == 1
    ev = s.events()[0]
    assert ev["event_date"] == "2021-03-03" and ev["fatalities"] is None
    loaded = s.load_document("d1")
    assert [c["author"] for c in loaded["comments"]] == ["Anon"]
    assert s.evidence(["e1"])["e1"][0].text == "Body"


def test_failed_batch_leaves_nothing_behind():
    s = Store(":memory:")
    bad = make_event(event_id="e2")
    bad.event_type = None  # type: ignore[assignment]  # NOT NULL violation mid-batch
    with pytest.raises(Exception):
        s.write_batch([(make_doc("ok"), [make_event("ok", "e1")], []), (make_doc("d2"), [bad], [])])
    assert s.counts()["documents"] == 0 and s.counts()["events"] == 0


def test_find_document_by_name_and_prefix():
    s = Store(":memory:")
    s.write_batch([(make_doc("abcdef0123456789"), [], [])])
    assert s.find_document("abcdef0123456789.txt") == "abcdef0123456789"
    assert s.find_document("abcd") == "abcdef0123456789"
    assert s.find_document("zzz") is None


def test_read_only_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="database not found"):
        Store(tmp_path / "nope.db", read_only=True)


def test_not_a_database_is_a_clear_error(tmp_path):
    p = tmp_path / "junk.db"
    p.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store(p)


def test_migration_split_ignores_semicolons_in_comments_and_strings():
    from sitrep.store.migrate import _split

    sql = "CREATE TABLE a (x TEXT -- one; two\n);\nINSERT INTO a VALUES ('p;q');\n-- trailing; comment\n"
    assert [s.splitlines()[0] for s in _split(sql)] == ["CREATE TABLE a (x TEXT -- one; two", "INSERT INTO a VALUES ('p;q');"]
