"""Fixtures for the review tests: a tiny store written and fused the way ingest does.

Three hand-written pages from two outlets. `first_batch` holds a clash at a
village and a protest; `second_batch` adds another outlet's report of the same
clash, which fusion merges into the first one's event. Nothing here loads spaCy.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from sitrep.records import DocMeta, Document, Event, Evidence, Segmentation, TextSpan
from sitrep.store import Store

CLASH = "Gunmen of the Red Hill Brigade fought the Blue Valley Front outside Old Mill village on Monday; four died."
PROTEST = "Traders closed their shops in the market square to protest new fuel prices."
CLASH_2 = "The Blue Valley Front said the Red Hill Brigade attacked its post near Old Mill, killing four."


def _doc(doc_id: str, outlet: str, published: date, sentences: list[str]) -> Document:
    text = "\n\n".join(sentences)
    spans, pos = [], 0
    for s in sentences:
        spans.append(TextSpan(pos, pos + len(s), s))
        pos += len(s) + 2
    return Document(doc_id, f"{doc_id}.txt", f"/in/{doc_id}.txt", text, DocMeta(source=outlet, published=published),
                    Segmentation(body=spans))  # fmt: skip


def _ev(event_id: str, doc: Document, sentence: str, trigger: str, **kw) -> Event:
    start = doc.text.index(sentence) + sentence.index(trigger)
    return Event(event_id=event_id, doc_id=doc.doc_id, source=doc.meta.source, certainty="reported",
                 evidence=[Evidence("trigger", start, start + len(trigger), trigger)], **kw)  # fmt: skip


CLASH_FIELDS = dict(
    event_date=date(2023, 5, 1), time_precision=1, event_type="Battles", sub_event_type="Armed clash",
    actor1="Red Hill Brigade", inter1=2, actor2="Blue Valley Front", inter2=2, country="Syria",
    admin1="Deir ez-Zor", location="Old Mill", latitude=35.10, longitude=40.40, geo_precision=1, fatalities=4,
)  # fmt: skip


def first_batch() -> list[tuple[Document, list[Event], list]]:
    d1 = _doc("rv1", "Outlet One", date(2023, 5, 2), [CLASH, PROTEST])
    clash = _ev("rv1-clash", d1, CLASH, "fought", **CLASH_FIELDS)
    protest = _ev("rv1-protest", d1, PROTEST, "protest", event_date=date(2023, 5, 2), time_precision=1,
                  event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Syria)", inter1=6,
                  country="Syria", admin1="Deir ez-Zor", location="Old Mill", latitude=35.10, longitude=40.40,
                  geo_precision=1)  # fmt: skip
    return [(d1, [clash, protest], [])]


def second_batch() -> list[tuple[Document, list[Event], list]]:
    d2 = _doc("rv2", "Outlet Two", date(2023, 5, 2), [CLASH_2])
    fields = dict(CLASH_FIELDS, actor1="Red Hill Brigade", actor2="Blue Valley Front", latitude=35.11, longitude=40.41)
    return [(d2, [_ev("rv2-clash", d2, CLASH_2, "attacked", **fields)], [])]


def ingest(path: Path, batch: list) -> None:
    """Write a batch and fuse what is new, as `sitrep ingest` does at its end."""
    from sitrep.fuse.store import fuse_pending

    with Store(path) as s:
        s.write_batch(batch)
        fuse_pending(s)


def merged_id_of(path: Path, report_id: str) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT merged_id FROM event_sources WHERE event_id = ?", (report_id,)).fetchone()[0]
    finally:
        conn.close()


@pytest.fixture(scope="session")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("review-base") / "base.db"
    ingest(path, first_batch())
    return path


@pytest.fixture
def db(base_db: Path, tmp_path: Path) -> Path:
    """A fresh copy of the first-batch store for one test."""
    path = tmp_path / "review.db"
    shutil.copy(base_db, path)
    return path


@pytest.fixture(scope="session")
def lookups():
    """The gazetteer and ontology, loaded once for the whole session."""
    from sitrep.review.fields import Lookups

    return Lookups()


@pytest.fixture(scope="session")
def kit():
    """The helpers above, for test modules (importlib mode does not let them import this file)."""
    from types import SimpleNamespace

    return SimpleNamespace(first_batch=first_batch, second_batch=second_batch, ingest=ingest, merged_id_of=merged_id_of)
