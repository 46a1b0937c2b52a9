"""A tiny deterministic stand-in for the event extractor, for wiring tests.

It reads body paragraphs for a few trigger words and a few Deir ez-Zor place
names and emits one event per paragraph that has both, with evidence spans into
`Document.text`. Events carry dates, places and outlets so fusion has real work
(two outlets' reports of one strike cluster). It is NOT the project's extractor:
the Spark tests switch to `sitrep.events.load_extractor` when it exists.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

from sitrep.records import Document, Event, Evidence, Statement

TRIGGERS = (
    (re.compile(r"\b(drones?|air ?strikes?|strikes?)\b", re.I), "Explosions/Remote violence", "Air/drone strike"),
    (re.compile(r"\b(roadside bomb|landmine|IED|explosive device)\b", re.I), "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
    (re.compile(r"\b(clash(?:es|ed)?|fighting)\b", re.I), "Battles", "Armed clash"),
)  # fmt: skip
PLACES = {
    "Dhiban": (35.0237, 40.5043),
    "Bukamal": (34.4533, 40.9186),
    "Busayrah": (35.1570, 40.4290),
    "Hajin": (34.6920, 40.8310),
    "Abu Hammam": (34.8425, 40.6764),
    "Mayadin": (35.0200, 40.4520),
}
THREAT = re.compile(r"\b(threaten(?:ed|s)?|vow(?:ed|s)? to)\b", re.I)


class StandIn:
    def extract(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event], list[Statement]]]:
        for doc in docs:
            events: list[Event] = []
            statements: list[Statement] = []
            for n, para in enumerate(doc.segmentation.body):
                trig = next(((m, t, s) for rx, t, s in TRIGGERS if (m := rx.search(para.text))), None)
                place = next(((p, para.text.find(p)) for p in PLACES if p in para.text), None)
                if trig and place:
                    m, etype, stype = trig
                    lat, lon = PLACES[place[0]]
                    t0 = para.start + m.start()
                    p0 = para.start + place[1]
                    events.append(Event(
                        event_id=f"{doc.doc_id[:16]}-{n}", doc_id=doc.doc_id, event_date=doc.meta.published,
                        time_precision=1 if doc.meta.published else None, event_type=etype, sub_event_type=stype,
                        actor1=None, country="Syria", admin1="Deir ez-Zor", location=place[0], latitude=lat,
                        longitude=lon, geo_precision=1, source=doc.meta.source, notes=para.text[:120],
                        rule_id="standin",
                        evidence=[Evidence("trigger", t0, t0 + len(m.group(0)), m.group(0)),
                                  Evidence("location", p0, p0 + len(place[0]), place[0])],
                    ))  # fmt: skip
                t = THREAT.search(para.text)
                if t:
                    statements.append(Statement(doc.doc_id, "threat", para.text, para.start, para.end))
            yield doc, events, statements


class Loader:
    """Zero-argument factory; appends its process id to `record` on every load."""

    def __init__(self, record: str | None = None) -> None:
        self.record = record
        self.cache_key = "tests.scale.standin:StandIn"

    def __call__(self) -> StandIn:
        if self.record:
            with open(self.record, "a", encoding="utf-8") as fh:
                fh.write(f"{os.getpid()}\n")
        return StandIn()
