"""Two ingests into one store (#15 item 10): one writer at a time, so each run reports what it
added and no page is parsed twice; the store's own files inside an input folder are not inputs."""

from __future__ import annotations

import threading
import time
from datetime import date

from sitrep.records import Event, Evidence
from sitrep.runner import ingest
from sitrep.store import Store
from sitrep.store.lock import own_files, writer_lock

PAGES = 6


def _pages(folder):
    folder.mkdir(exist_ok=True)
    for i in range(PAGES):
        (folder / f"p{i}.txt").write_text(
            f"Report number {i} from the valley\n\nGunmen attacked checkpoint {i} near the valley road on Monday, "
            "residents said in a statement to the press.\n",
            encoding="utf-8",
        )
    return folder


class OneEventPerPage:
    """A stand-in extractor: one event per document, slow enough for runs to overlap."""

    def __init__(self, started: threading.Event | None = None) -> None:
        self.seen: list[str] = []
        self.started = started

    def extract(self, docs):
        for d in docs:
            self.seen.append(d.doc_id)
            if self.started is not None:
                self.started.set()
            time.sleep(0.05)
            ev = Event(
                event_id=f"ev-{d.doc_id}", doc_id=d.doc_id, event_date=date(2021, 3, 1), time_precision=1,
                event_type="Violence against civilians", sub_event_type="Attack", actor1="Gunmen",
                evidence=[Evidence("trigger", 0, 6, d.text[:6])],
            )  # fmt: skip
            yield d, [ev], []


def test_two_concurrent_ingests_each_report_what_they_added(tmp_path):
    folder = _pages(tmp_path / "in")
    db = tmp_path / "s.db"
    Store(db).close()
    started = threading.Event()
    first_ex, second_ex = OneEventPerPage(started), OneEventPerPage()
    reports: dict[str, object] = {}
    waited: list[str] = []

    def run(name, extractor):
        with Store(db) as store:
            reports[name] = ingest([folder], store, extractor=extractor, batch_size=2,
                                   on_wait=lambda: waited.append(name))  # fmt: skip

    t1 = threading.Thread(target=run, args=("first", first_ex))
    t1.start()
    assert started.wait(20)  # the first run is parsing: the second starts now
    t2 = threading.Thread(target=run, args=("second", second_ex))
    t2.start()
    t1.join(60)
    t2.join(60)
    first, second = reports["first"], reports["second"]
    assert waited == ["second"]
    assert (first.added, first.already, first.events) == (PAGES, 0, PAGES)
    assert (second.added, second.already, second.events) == (0, PAGES, 0)
    assert len(first_ex.seen) == PAGES and second_ex.seen == []  # no page parsed twice
    with Store(db, read_only=True) as s:
        assert s.counts()["documents"] == PAGES and s.counts()["events"] == PAGES


def test_writer_lock_is_released_when_the_run_ends(tmp_path):
    db = tmp_path / "s.db"
    with writer_lock(db):
        pass
    calls = []
    with writer_lock(db, on_wait=lambda: calls.append(1)):
        pass
    assert calls == []


def test_the_store_files_inside_an_input_folder_are_not_inputs(tmp_path):
    folder = _pages(tmp_path / "in")
    db = folder / "sitrep.db"
    with Store(db) as store:  # open: sitrep.db-wal and sitrep.db-shm exist beside it
        ingest([folder], store, extractor=None)
        (folder / "sitrep.db-journal").write_bytes(b"\x00" * 64)
        assert {p.name for p in folder.iterdir()} >= {"sitrep.db", "sitrep.db-wal", "sitrep.db-shm", "sitrep.db.lock"}
        again = ingest([folder], store, extractor=None)
        named = ingest([db, folder / "sitrep.db-wal", folder / "p0.txt"], store, extractor=None)
    assert (again.read, again.added, again.already, again.skips) == (PAGES, 0, PAGES, [])
    assert (named.read, named.already, named.skips) == (1, 1, [])


def test_own_files_names_the_database_and_its_companions(tmp_path):
    names = {p.name for p in own_files(tmp_path / "x.db")}
    assert names == {"x.db", "x.db-wal", "x.db-shm", "x.db-journal", "x.db.lock"}
    assert own_files(":memory:") == frozenset()
