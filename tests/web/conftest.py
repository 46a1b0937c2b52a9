"""Fixtures for the dashboard tests: a small hand-made store, and the same with fusion rows.

The documents and events are written through `Store.write_batch` like the
runner does; their evidence offsets are computed from the text so they are
exact. Hostile strings (markup, script) sit in titles, comments and actor
names so every rendering path meets them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from sitrep.records import Comment, DocMeta, Document, Event, Evidence, Segmentation, TextSpan
from sitrep.store import Store

XSS_TITLE = 'Report <img src=x onerror="window.__xss=1"> from the east'
XSS_COMMENT = "<script>window.__xss=2</script> and <b onmouseover=\"window.__xss=3\">bold</b>"
XSS_ACTOR = '<svg onload="window.__xss=4">Unit'


@dataclass
class Builder:
    """Assembles a document's text and remembers where each piece landed."""

    parts: list[str]

    def __init__(self) -> None:
        self.parts = []

    def add(self, text: str) -> TextSpan:
        start = sum(len(p) for p in self.parts)
        self.parts.append(text)
        self.parts.append("\n\n")
        return TextSpan(start, start + len(text), text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def span(par: TextSpan, needle: str, fld: str) -> Evidence:
    i = par.text.index(needle)
    return Evidence(fld, par.start + i, par.start + i + len(needle), needle)


def make_docs() -> list[tuple[Document, list[Event], list]]:
    # d1: two paragraphs and a two-level comment thread
    b = Builder()
    t1 = b.add("Clashes east of the river")
    p1a = b.add("Fighters of Group A clashed with Group B near the town. Three of them were killed, residents said.")
    p1b = b.add("Later that day a roadside bomb hit a car on the highway. Group A said it planted the device.")
    c1a = b.add("Nobody believes these numbers.")
    c1b = b.add("You always say that.")
    d1 = Document(
        "d1", "d1.txt", "/in/d1.txt", b.text, DocMeta(source="Outlet A", published=date(2021, 3, 4)),
        Segmentation(title=t1, body=[p1a, p1b], comments=[
            Comment(0, "reader1", 0, c1a.text, c1a.start, c1a.end),
            Comment(1, "reader2", 1, c1b.text, c1b.start, c1b.end, parent=0),
        ]),
    )  # fmt: skip
    e1 = Event(
        event_id="e1", doc_id="d1", event_date=date(2021, 3, 3), time_precision=1, event_type="Battles",
        sub_event_type="Armed clash", actor1="Group A", actor2="Group B", admin1="Deir-ez-Zor",
        location="Town One", latitude=35.33, longitude=40.14, fatalities=3, source="Outlet A",
        certainty="reported", evidence=[span(p1a, "clashed", "trigger"), span(p1a, "Group A", "actor1"),
                                        span(p1a, "Three", "fatalities")],
    )  # fmt: skip
    sentence2 = "Later that day a roadside bomb hit a car on the highway."
    e2 = Event(
        event_id="e2", doc_id="d1", event_date=date(2021, 3, 4), time_precision=1,
        event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
        actor1="Group A", admin1="Deir-ez-Zor", location="Highway", latitude=35.0, longitude=40.5,
        source="Outlet A", certainty="claimed", claimed_by="Group A",
        evidence=[span(p1b, sentence2, "sentence"), span(p1b, "roadside bomb", "trigger")],
    )  # fmt: skip

    # d2: another outlet, three more reports (one undated and without coordinates)
    b = Builder()
    t2 = b.add("Attack and protest in the west")
    p2a = b.add("Gunmen of Group C attacked a family in the old city. One man died.")
    p2b = b.add("Hundreds protested in the capital on Thursday. The crowd dispersed peacefully.")
    p2c = b.add("Group A and Group B signed a local agreement. Group B says Group A fired first on Wednesday.")
    d2 = Document(
        "d2", "d2.txt", "/in/d2.txt", b.text, DocMeta(source="Outlet B", published=date(2021, 6, 10)),
        Segmentation(title=t2, body=[p2a, p2b, p2c]),
    )  # fmt: skip
    e3 = Event(
        event_id="e3", doc_id="d2", event_date=date(2021, 6, 9), time_precision=1,
        event_type="Violence against civilians", sub_event_type="Attack", actor1="Group C", actor2="Civilians",
        admin1="Aleppo", location="Old City", latitude=36.2, longitude=37.15, fatalities=1, source="Outlet B",
        certainty="alleged", evidence=[span(p2a, "attacked", "trigger")],
    )  # fmt: skip
    e4 = Event(
        event_id="e4", doc_id="d2", event_date=date(2021, 6, 10), time_precision=1, event_type="Protests",
        sub_event_type="Peaceful protest", actor1="Protesters", admin1="Damascus", location="Damascus",
        latitude=33.51, longitude=36.29, source="Outlet B", certainty="reported",
        evidence=[span(p2b, "protested", "trigger")],
    )  # fmt: skip
    e5 = Event(
        event_id="e5", doc_id="d2", event_date=None, time_precision=None, event_type="Strategic developments",
        sub_event_type="Agreement", actor1="Group A", actor2="Group B", source="Outlet B", certainty="reported",
        evidence=[span(p2c, "signed", "trigger")],
    )  # fmt: skip
    e6 = Event(
        event_id="e6", doc_id="d2", event_date=date(2021, 3, 3), time_precision=1, event_type="Battles",
        sub_event_type="Armed clash", actor1="Group B", actor2="Group A", admin1="Deir-ez-Zor",
        location="Town One", latitude=35.34, longitude=40.15, source="Outlet B", certainty="alleged",
        claimed_by="Group B", evidence=[span(p2c, "fired", "trigger")],
    )  # fmt: skip

    # d3: hostile strings everywhere a page can put them
    b = Builder()
    t3 = b.add(XSS_TITLE)
    p3 = b.add("An <iframe src=javascript:alert(9)> was in the text. Unit <svg onload=\"window.__xss=4\"> shelled the village.")
    c3 = b.add(XSS_COMMENT)
    d3 = Document(
        "d3", "d3.html", "/in/d3.html", b.text, DocMeta(source="Outlet <i>C</i>", published=date(2021, 6, 12)),
        Segmentation(title=t3, body=[p3], comments=[Comment(0, "<b>mallory</b>", 0, c3.text, c3.start, c3.end)]),
        fmt="html",
    )  # fmt: skip
    e7 = Event(
        event_id="e7", doc_id="d3", event_date=date(2021, 6, 11), time_precision=1,
        event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        actor1=XSS_ACTOR, admin1="Homs", location='<img src=x onerror="window.__xss=5">', latitude=34.73,
        longitude=36.71, source="Outlet <i>C</i>", certainty="reported",
        evidence=[span(p3, "shelled", "trigger")],
    )  # fmt: skip
    return [(d1, [e1, e2], []), (d2, [e3, e4, e5, e6], []), (d3, [e7], [])]


def build_store(path: Path) -> Path:
    with Store(path) as s:
        s.write_batch(make_docs())
    return path


def add_fusion(path: Path) -> None:
    """Merged rows as fusion writes them: e1 + e6 are one clash from two outlets, the rest stand alone."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    cols = [r[1] for r in conn.execute("PRAGMA table_info(merged_events)")]
    assert cols, "migration 0002 (merged_events) is missing"
    groups = {"m1": ["e1", "e6"], "m2": ["e2"], "m3": ["e3"], "m4": ["e4"], "m5": ["e5"], "m7": ["e7"]}
    for mid, members in groups.items():
        lead = conn.execute("SELECT * FROM events WHERE event_id = ?", (members[0],)).fetchone()
        outlets = sorted({conn.execute("SELECT source FROM events WHERE event_id = ?", (m,)).fetchone()[0]
                          for m in members})  # fmt: skip
        row = {
            "merged_id": mid, "lead_event_id": lead["event_id"], "event_id_cnty": f"SYR{mid}",
            "event_date": lead["event_date"], "event_type": lead["event_type"],
            "sub_event_type": lead["sub_event_type"], "actor1": lead["actor1"], "actor2": lead["actor2"],
            "admin1": lead["admin1"], "location": lead["location"], "latitude": lead["latitude"],
            "longitude": lead["longitude"], "fatalities": lead["fatalities"], "source": "; ".join(outlets),
            "notes": "", "n_sources": len(members), "n_outlets": len(outlets),
            "fusion_certainty": "corroborated" if len(outlets) > 1 else "single-source",
            "updated_at": "2024-01-01T00:00:00+00:00",
        }  # fmt: skip
        conn.execute(
            f"INSERT INTO merged_events({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
        )
        conn.executemany(
            "UPDATE event_sources SET merged_id = ? WHERE event_id = ?", [(mid, m) for m in members]
        )
    conn.commit()
    conn.close()


def quiet_page(doc_id: str = "q1") -> Document:
    """A page with a comment thread and no event: only the document list can open it."""
    title = "Market day in the square"
    body = "Traders reopened their stalls after the holiday and prices of bread stayed steady."
    comment = "Prices are higher than this in our district, believe me."
    text = f"{title}\n\n{body}\n\n{comment}"
    b0 = len(title) + 2
    c0 = b0 + len(body) + 2
    return Document(
        doc_id, f"{doc_id}.txt", f"/in/{doc_id}.txt", text, DocMeta(source="Outlet Q", published=date(2021, 7, 1)),
        Segmentation(title=TextSpan(0, len(title), title), body=[TextSpan(b0, b0 + len(body), body)],
                     comments=[Comment(0, "grocer", 0, comment, c0, c0 + len(comment))]),
    )  # fmt: skip


@pytest.fixture(name="quiet_page", scope="session")
def quiet_page_fixture():
    return quiet_page


@pytest.fixture(name="make_docs", scope="session")
def make_docs_fixture():
    return make_docs


@pytest.fixture(scope="session")
def hostile() -> dict[str, str]:
    return {"title": XSS_TITLE, "comment": XSS_COMMENT, "actor": XSS_ACTOR}


@pytest.fixture(name="build_store", scope="session")
def build_store_fixture():
    return build_store


@pytest.fixture(scope="session")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "small.db")


@pytest.fixture(scope="session")
def fused_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build_store(tmp_path_factory.mktemp("web-fused") / "fused.db")
    add_fusion(path)
    return path


@pytest.fixture(scope="session")
def client(small_db: Path):
    from fastapi.testclient import TestClient

    from sitrep.web import create_app

    with TestClient(create_app(small_db)) as c:
        yield c


@pytest.fixture(scope="session")
def fused_client(fused_db: Path):
    from fastapi.testclient import TestClient

    from sitrep.web import create_app

    with TestClient(create_app(fused_db)) as c:
        yield c
