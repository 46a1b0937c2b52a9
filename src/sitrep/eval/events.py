"""Score extracted events against gold (`shared/gold/README.md`).

Matching: a predicted event matches a gold event when
  * the sub-event type is the same,
  * at least one actor matches: any predicted actor (actor1, actor2, assoc actors)
    equals any gold actor1 OR actor2 name, compared loosely (case-insensitive,
    apostrophes unified, a trailing "(2000-)"-style date suffix and a "(Syria)"-style
    country suffix ignored; acronyms in the gold lists count like any other name),
  * the location is within the gold `km` of the gold lat/lon.
Pairs are matched greedily, one-to-one, gold events in order, best candidate first
(candidate order: fewer km). Recall is over required gold events; precision over all
extracted events (matching an optional gold event is a true positive).

Field accuracy on matched pairs: event_type, sub_event_type, actor1 (predicted
actor1 in the gold actor1 list), actor2 (predicted actor2 in the gold actor2 list, or
both empty), location (within km), date at the gold precision (1: same day; 2: within
`WEEK_DAYS` days; 3: same month), fatalities (equal, None = None), certainty.

False events: a predicted event that matches no gold event and whose sentence evidence
overlaps a gold `not_events` string (normalised substring either way: a sentence can
hold both a real event and a threat, and the matched event is not a false one), and
any event whose evidence lies outside the document's body paragraphs (e.g. comments)
when the documents are given.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sitrep.eval.gold import GoldDoc, GoldEvent
from sitrep.geo.distance import haversine_km
from sitrep.records import Document, Event

# Week precision: a date within this many days of the gold date counts.
WEEK_DAYS = 3

_SUFFIX = re.compile(r"\s*\((?:\d{4}\s*-\s*(?:\d{4})?|[A-Z][A-Za-z .'-]+)\)\s*$")


def norm_actor(name: str | None) -> str:
    if not name:
        return ""
    s = name.replace("’", "'").replace("‘", "'").strip()
    for _ in range(2):
        s = _SUFFIX.sub("", s)
    return re.sub(r"\s+", " ", s).lower()


def _norm_text(s: str) -> str:
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", s).strip().lower()


def _pred_actors(e: Event) -> set[str]:
    names = {e.actor1, e.actor2}
    for assoc in (e.assoc_actor_1, e.assoc_actor_2):
        names.update((assoc or "").split(";"))
    return {norm_actor(n) for n in names if n and norm_actor(n)}


def _km(e: Event, g: GoldEvent) -> float | None:
    if e.latitude is None or e.longitude is None:
        return None
    return haversine_km(e.latitude, e.longitude, g.lat, g.lon)


def _date_ok(pred: date | None, g: GoldEvent) -> bool:
    if pred is None or g.date is None:
        return pred is None and g.date is None
    if g.time_precision <= 1:
        return pred == g.date
    if g.time_precision == 2:
        return abs((pred - g.date).days) <= WEEK_DAYS
    return (pred.year, pred.month) == (g.date.year, g.date.month)


def _matches(e: Event, g: GoldEvent) -> float | None:
    if e.sub_event_type != g.sub_event_type:
        return None
    gold_actors = {norm_actor(a) for a in g.actor1 + g.actor2}
    if not (_pred_actors(e) & gold_actors):
        return None
    km = _km(e, g)
    if km is None or km > g.km:
        return None
    return km


def _sentence(e: Event) -> str:
    for ev in e.evidence:
        if ev.field == "sentence":
            return ev.text
    return e.notes


def _outside_body(e: Event, doc: Document | None) -> bool:
    if doc is None:
        return False
    body = [(p.start, p.end) for p in doc.segmentation.body]
    for ev in e.evidence:
        if not any(s <= ev.start and ev.end <= t for s, t in body):
            return True
    return False


def _fields(e: Event, g: GoldEvent) -> dict[str, bool]:
    km = _km(e, g)
    g1 = {norm_actor(a) for a in g.actor1}
    g2 = {norm_actor(a) for a in g.actor2}
    return {
        "event_type": e.event_type == g.event_type,
        "sub_event_type": e.sub_event_type == g.sub_event_type,
        "actor1": norm_actor(e.actor1) in g1,
        "actor2": (norm_actor(e.actor2) in g2) if g2 else not e.actor2,
        "location": km is not None and km <= g.km,
        "date": _date_ok(e.event_date, g),
        "fatalities": e.fatalities == g.fatalities,
        "certainty": e.certainty == g.certainty,
    }


FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "location", "date", "fatalities", "certainty")


def score_events(gold_docs: list[GoldDoc], predicted: dict[str, list[Event]],
                 docs: dict[str, Document] | None = None) -> dict[str, Any]:
    """Recall, precision, field accuracy and false-event counts (plain JSON data)."""
    docs = docs or {}
    tot = {"required": 0, "required_found": 0, "optional_found": 0, "predicted": 0, "true_positive": 0,
           "false_from_not_events": 0, "false_from_comments": 0}
    field_hits = {f: 0 for f in FIELDS}
    matched_pairs = 0
    per_doc: list[dict[str, Any]] = []
    for gd in gold_docs:
        preds = list(predicted.get(gd.doc, []))
        tot["predicted"] += len(preds)
        free = set(range(len(preds)))
        pairs: list[dict[str, Any]] = []
        missed: list[str] = []
        for g in gd.events:
            if g.required:
                tot["required"] += 1
            cands = [(km, i) for i in free if (km := _matches(preds[i], g)) is not None]
            if not cands:
                if g.required:
                    missed.append(g.id)
                continue
            km, i = min(cands)
            free.discard(i)
            f = _fields(preds[i], g)
            matched_pairs += 1
            for k, v in f.items():
                field_hits[k] += int(v)
            tot["required_found" if g.required else "optional_found"] += 1
            pairs.append({"gold": g.id, "event_id": preds[i].event_id, "km": round(km, 1),
                          "fields": f})
        tot["true_positive"] += len(preds) - len(free)
        nots = [_norm_text(n) for n in gd.not_events]
        false_not, false_comment = [], []
        for i, e in enumerate(preds):
            sent = _norm_text(_sentence(e))
            if i in free and any(n and (n in sent or (sent and sent in n)) for n in nots):
                false_not.append(e.event_id)
            if _outside_body(e, docs.get(gd.doc)):
                false_comment.append(e.event_id)
        tot["false_from_not_events"] += len(false_not)
        tot["false_from_comments"] += len(false_comment)
        per_doc.append({
            "doc": gd.doc, "predicted": len(preds), "matched": pairs, "missed_required": missed,
            "unmatched_predictions": [
                {"event_id": preds[i].event_id, "sub_event_type": preds[i].sub_event_type,
                 "actor1": preds[i].actor1, "location": preds[i].location, "notes": preds[i].notes[:160]}
                for i in sorted(free)],
            "false_from_not_events": false_not, "false_from_comments": false_comment,
        })
    recall = tot["required_found"] / tot["required"] if tot["required"] else None
    precision = tot["true_positive"] / tot["predicted"] if tot["predicted"] else None
    return {
        "totals": tot,
        "recall": None if recall is None else round(recall, 3),
        "precision": None if precision is None else round(precision, 3),
        "fields": {k: (round(v / matched_pairs, 3) if matched_pairs else None) for k, v in field_hits.items()},
        "matched_pairs": matched_pairs,
        "docs": per_doc,
    }
