"""One report per happening: inside a sentence (`coordinate`) and a document (`merge`).

Two reports of one event in one article are merged when the vaguer one lies within
MERGE_KM of the specific one and MERGE_DAYS of its date. Calibrated on the seed
pages (a lede summary vs its detail sentence are 5-40 km apart); re-run
`sitrep eval` on the seeds after changing.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any

from spacy.tokens import Token

from sitrep.events import roles as R
from sitrep.events.lexicon import TriggerRule
from sitrep.geo.distance import haversine_km
from sitrep.records import Event

MERGE_KM = 75.0
MERGE_DAYS = 7


def coordinate(found: list[tuple[Token, TriggerRule, Event]]) -> list[Event]:
    """One report per happening in a sentence: drop consequences ("killing two"), triggers
    another trigger absorbs ("raided ... and detained"), and trigger nouns that are the
    object of a reporting trigger verb ("broke up a demonstration")."""
    primary = any(not r.secondary for _, r, _ in found)
    heads = {h.i for h, _, _ in found}
    # a consequence dropped for the main report: a trigger noun the parser made its passive
    # subject ("strikes ... were killed" misread from "strikes hit X and ten were killed")
    # stays; its object ("destroyed a car bomb") is still no event of its own
    kept = {h.i for h, r, _ in found if not (r.secondary and primary)}
    out: list[Event] = []
    for h, r, e in found:
        if r.secondary and primary:
            continue
        if r.secondary and any(_passive_cause_of(h2, h) for h2, _, _ in found):
            continue  # "was killed after being shot by X": the shooting, with its doer, is the report
        if any(r.id in r2.absorbs and (h2 in R.chain(h) or h in R.chain(h2))
               for h2, r2, _ in found if h2.i != h.i):
            continue
        if h.pos_ in ("NOUN", "PROPN") and (h.dep_ in R.OBJ and h.head.i in heads or
                                            h.dep_ in R.PASS_SUBJ and h.head.i in kept) and h.head.i != h.i:
            continue
        if h.dep_ == "acl" and h.tag_ == "VBG" and h.head.i in kept and h.head.pos_ in ("NOUN", "PROPN"):
            continue  # "air strikes targeting a hospital": the participle tells the same act
        if h.pos_ in ("NOUN", "PROPN") and any(
                h2.i != h.i and h2.i in kept and e2.sub_event_type == e.sub_event_type and any(
                    o.left_edge.i <= h.i <= o.right_edge.i for o in h2.children if o.dep_ in R.OBJ)
                for h2, _, e2 in found):
            continue  # "detonated a car bomb driven by a suicide attacker": the bomber is the detonation
        if h.dep_ == "advcl" and h.tag_ == "VBG" and any(
                h2.i == h.head.i and e2.sub_event_type == e.sub_event_type for h2, _, e2 in found):
            continue  # "retook the village, pushing the rebels out of it": one capture told twice
        out.append(e)
    return out


def _passive_cause_of(cause: Token, verb: Token) -> bool:
    """"killed after being shot": `cause` is a passive "being ..." phrase hung on `verb`."""
    return cause.dep_ == "pcomp" and cause.head.head.i == verb.i and cause.i != verb.i and any(
        c.dep_ == "auxpass" and c.lower_ == "being" for c in cause.children)


def _norm(x: Any) -> str:
    return re.sub(r"\s+", " ", str(x or "")).strip().lower()


def event_id(doc_id: str, sub: str, a1: str | None, a2: str | None, loc: str | None, d: date | None,
              sent_start: int, head_i: int) -> str:
    key = "|".join([doc_id, _norm(sub), _norm(a1), _norm(a2), _norm(loc), d.isoformat() if d else "", str(sent_start)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _near(e: Event, o: Event) -> bool:
    if e.event_date and o.event_date and abs((e.event_date - o.event_date).days) > MERGE_DAYS:
        return False
    if None in (e.latitude, o.latitude):
        return False
    return haversine_km(e.latitude, e.longitude, o.latitude, o.longitude) <= MERGE_KM


def _same_or_around(e: Event, o: Event, named: bool = True) -> bool:
    """`e` is placed where `o` is (`named`), or only at the level of the area around it (a
    governorate or its countryside that holds `o`'s place, or nowhere): not at another named place."""
    if e.location is None:
        return o.location is not None
    if named and e.location == o.location:
        return True
    return (e.geo_precision or 3) >= 3 and (o.geo_precision or 3) < 3 and e.admin1 is not None and e.admin1 == o.admin1


def merge(events: list[Event], supersedes: dict[str, frozenset[str]] | None = None,
          in_sentence: dict[str, frozenset[str]] | None = None,
          at_place: dict[str, frozenset[str]] | None = None,
          around: dict[str, frozenset[str]] | None = None) -> list[Event]:
    """Merge repeated reports of one event inside one document (see MERGE_KM).

    Also drops an event whose sub-event type another event of the same place and day
    `supersedes` (a protest later dispersed is one "Protest with intervention"), or
    that another event of the same sentence supersedes `in_sentence` (fighting that
    ends in a capture is the capture), or of the same day at the same named place
    `at_place` (the fighting over a place taken that day, told in another sentence), or
    `around` it only (fire in a fight's support placed at the countryside around it).
    """
    supersedes = supersedes or {}
    in_sentence = in_sentence or {}
    at_place = at_place or {}
    around = around or {}
    events = [e for e in events if not any(
        o.event_date == e.event_date and (
            e.sub_event_type in at_place.get(o.sub_event_type, ()) and _same_or_around(e, o)
            or e.sub_event_type in around.get(o.sub_event_type, ()) and _same_or_around(e, o, named=False))
        for o in events if o is not e)]
    events = [e for e in events if not any(
        e.sub_event_type in in_sentence.get(o.sub_event_type, ()) and o.notes == e.notes
        for o in events if o is not e)]
    events = [e for e in events if not any(
        e.sub_event_type in supersedes.get(o.sub_event_type, ()) and o.event_date == e.event_date and (
            o.location == e.location or _near(e, o) and (e.geo_precision or 3) > (o.geo_precision or 3))
        for o in events if o is not e)]
    kept: list[Event] = []
    for e in events:
        dup = next((k for k in kept if (k.sub_event_type, k.actor1, k.actor2, k.location, k.event_date)
                    == (e.sub_event_type, e.actor1, e.actor2, e.location, e.event_date)), None)
        if dup is None:
            kept.append(e)
    out: list[Event] = []
    for e in kept:
        absorbed = False
        for o in kept:
            if o is e or o.sub_event_type != e.sub_event_type:
                continue
            if o.actor1 != e.actor1 and not (e.actor1 is None and o.actor1 is not None and o.location == e.location):
                continue
            if e.actor2 is not None and e.actor2 != o.actor2:
                continue
            if e.event_date and o.event_date and abs((e.event_date - o.event_date).days) > MERGE_DAYS:
                continue
            if None in (e.latitude, o.latitude):
                continue
            if haversine_km(e.latitude, e.longitude, o.latitude, o.longitude) > MERGE_KM:
                continue
            vaguer = (e.geo_precision or 3) > (o.geo_precision or 3) or (
                e.actor2 is None and o.actor2 is not None and e.location == o.location) or (
                e.actor1 is None and o.actor1 is not None and e.location == o.location)
            if vaguer:
                absorbed = True
                break
        if not absorbed:
            out.append(e)
    return out
