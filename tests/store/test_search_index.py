"""The search index filled per batch (migration 0013) holds what 0009's row triggers gave."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.records import Comment, DocMeta, Document, Segmentation, TextSpan
from sitrep.store import Store
from sitrep.store import migrate as mig

INDEX_ROWS = {
    "search_segments": "SELECT rowid, text, doc_id, kind, idx FROM search_segments ORDER BY rowid",
    "search_comments": "SELECT rowid, text, author, doc_id, idx FROM search_comments ORDER BY rowid",
}


def page(doc_id: str, word: str, n_comments: int = 2) -> Document:
    """A page with a title, a caption, two body paragraphs, boilerplate and comments."""
    text = f"Title {word}\n\nCaption {word}\n\nBody {word} one.\n\nBody two.\n\nShare this\n\nComments"
    seg = Segmentation(
        title=TextSpan(0, 6 + len(word), f"Title {word}"),
        caption=TextSpan(0, 8 + len(word), f"Caption {word}"),
        body=[TextSpan(0, 10 + len(word), f"Body {word} one."), TextSpan(0, 9, "Body two.")],
        boilerplate=[TextSpan(0, 10, "Share this")],
        comments=[Comment(i, f"reader{i}", 0, f"comment {i} on {word}", 0, 5) for i in range(n_comments)],
    )
    return Document(doc_id, f"{doc_id}.txt", f"/x/{doc_id}.txt", text, DocMeta(published=date(2021, 1, 2)), seg)


def index_rows(s: Store) -> dict[str, list[tuple]]:
    return {name: [tuple(r) for r in s.conn.execute(sql)] for name, sql in INDEX_ROWS.items()}


def write_in_batches(s: Store) -> None:
    s.write_batch([(page("d1", "orchard"), [], []), (page("d2", "bridge", 0), [], [])])
    s.write_batch([(page("d1", "orchard"), [], [])])  # already stored: nothing new to index
    s.write_batch([(page("d3", "Hamāh", 3), [], [])])


def test_batch_fill_matches_row_triggers(tmp_path, monkeypatch):
    with Store(tmp_path / "batch.db") as s:
        assert {f.index for f in s._index_fills} == {"search_segments", "search_comments"}
        write_in_batches(s)
        batched = index_rows(s)
        hits = [r[0] for r in s.conn.execute("SELECT doc_id FROM search_segments WHERE search_segments MATCH 'hamah'")]
    every = mig.available()
    monkeypatch.setattr(mig, "available", lambda: [m for m in every if m.version != 13])
    with Store(tmp_path / "triggers.db") as s:  # the 0009 row triggers alone
        assert s._index_fills == ()
        write_in_batches(s)
        assert index_rows(s) == batched
    assert hits == ["d3", "d3", "d3"]  # title, caption and first body paragraph; diacritics folded
    # title, caption and body paragraphs are indexed, boilerplate is not
    assert [r[3] for r in batched["search_segments"] if r[2] == "d1"] == ["title", "caption", "body", "body"]
    assert len(batched["search_comments"]) == 5


def test_failed_batch_leaves_no_index_rows(tmp_path):
    with Store(tmp_path / "s.db") as s:
        s.write_batch([(page("d1", "orchard"), [], [])])
        before = index_rows(s)

        def boom(conn, doc):  # a failure after the rows went in, before the commit
            raise RuntimeError("killed mid-batch")

        with pytest.raises(RuntimeError):
            s.write_batch([(page("d2", "bridge"), [], [])], derive=boom)
        assert index_rows(s) == before
        s.write_batch([(page("d2", "bridge"), [], [])])  # the rerun indexes the page once
        found = s.conn.execute("SELECT doc_id FROM search_segments WHERE search_segments MATCH 'bridge'").fetchall()
        assert [r[0] for r in found] == ["d2", "d2", "d2"]  # its title, caption and first paragraph


def test_index_still_filled_when_0009_comes_after_0013(tmp_path, monkeypatch):
    every = mig.available()
    path = tmp_path / "late.db"
    monkeypatch.setattr(mig, "available", lambda: [m for m in every if m.version != 9])
    with Store(path) as s:
        assert s._index_fills == ()  # no index yet: nothing to fill
        s.write_batch([(page("d1", "orchard"), [], [])])
    monkeypatch.setattr(mig, "available", lambda: every)
    with Store(path) as s:  # 0009 now runs, indexes d1 and brings its row triggers back
        assert s._index_fills == ()  # so the triggers index, and nothing is indexed twice
        s.write_batch([(page("d2", "bridge"), [], [])])
        n = s.conn.execute("SELECT count(*) FROM search_segments").fetchone()[0]
        c = s.conn.execute("SELECT count(*) FROM search_comments").fetchone()[0]
    assert (n, c) == (8, 4)
