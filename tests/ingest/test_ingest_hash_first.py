"""Hash before segmenting (#15 item 8): a page already stored, or met earlier in the run, costs a
read and a hash; it is never segmented again. Document ids are unchanged (the hash of the
normalised raw content, as before)."""

from __future__ import annotations

import json

import sitrep.segment
from sitrep.ingest import content_hash
from sitrep.runner import documents, ingest
from sitrep.store import Store

BODY = "Shelling hit the eastern district of the town on Monday, killing two people, residents said."


def _count_segment_calls(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = sitrep.segment.segment

    def counting(raw, doc_id, **kw):
        calls.append(raw.origin)
        return real(raw, doc_id, **kw)

    monkeypatch.setattr(sitrep.segment, "segment", counting)
    return calls


def _jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_duplicate_records_are_segmented_once(tmp_path, monkeypatch):
    calls = _count_segment_calls(monkeypatch)
    same = {"title": "Town shelled", "text": f"Town shelled\n\n{BODY}"}
    other = {"title": "Another page", "text": f"Another page\n\n{BODY} A second sentence follows here."}
    src = _jsonl(tmp_path / "dups.jsonl", [same] * 200 + [other])
    with Store(":memory:") as store:
        report = ingest([src], store, extractor=None)
    assert (report.read, report.added, report.already) == (201, 2, 199)
    assert len(calls) == 2


def test_a_resume_segments_nothing_already_stored(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"p{i}.txt").write_text(f"Page {i} headline here\n\n{BODY} Number {i}.\n", encoding="utf-8")
    db = tmp_path / "s.db"
    with Store(db) as store:
        ingest([folder], store, extractor=None)
    calls = _count_segment_calls(monkeypatch)
    (folder / "p5.txt").write_text(f"Page 5 headline here\n\n{BODY} Number 5.\n", encoding="utf-8")
    with Store(db) as store:
        report = ingest([folder], store, extractor=None)
    assert (report.read, report.added, report.already) == (6, 1, 5)
    assert calls == [str(folder / "p5.txt")]


def test_doc_ids_are_still_the_content_hash(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text(f"Headline of the page\r\n\r\n{BODY}   \r\n", encoding="utf-8")
    [doc] = list(documents([page]))
    assert doc.doc_id == content_hash(f"Headline of the page\n\n{BODY}")
    with Store(":memory:") as store:
        ingest([page], store, extractor=None)
        assert [r["doc_id"] for r in store.documents()] == [doc.doc_id]


def test_a_page_that_fails_segmentation_is_not_retried_for_its_copies(tmp_path, monkeypatch):
    calls: list[str] = []

    def broken(raw, doc_id, **kw):
        calls.append(raw.origin)
        raise RuntimeError("boom")

    monkeypatch.setattr(sitrep.segment, "segment", broken)
    src = _jsonl(tmp_path / "bad.jsonl", [{"text": f"Some page\n\n{BODY}"}] * 3)
    with Store(":memory:") as store:
        report = ingest([src], store, extractor=None)
    assert len(calls) == 1
    assert [(s.origin, s.reason) for s in report.skips] == [
        (f"{src}#{i}", "pipeline-error") for i in (1, 2, 3)
    ]
    assert {s.message for s in report.skips} == {"segmentation failed: RuntimeError: boom"}
