"""The five real pages: scores must stay at or above the pinned floors."""

import pytest

pytestmark = pytest.mark.seeds

FLOORS = {"recall": 0.80, "precision": 0.75}
FIELD_FLOORS = {"sub_event_type": 0.85, "actor1": 0.85, "location": 0.85, "date": 0.85}


@pytest.fixture(scope="module")
def seed_scores(extractor, seeds_dir, gold_dir):
    import csv

    from sitrep.eval.events import score_events
    from sitrep.eval.gold import load_gold
    from sitrep.records import DocMeta, RawDoc
    from sitrep.segment import segment
    from datetime import date

    gold = load_gold(gold_dir / "seeds.yaml")
    meta = {r["doc"]: r for r in csv.DictReader((gold_dir / "manifest.csv").open(encoding="utf-8"))}
    docs = []
    for g in gold:
        m = meta[g.doc]
        raw = RawDoc(name=g.doc, origin=g.doc, text=(seeds_dir / g.doc).read_text(encoding="utf-8"),
                     meta=DocMeta(published=date.fromisoformat(m["published"]), source=m["source"]))
        docs.append(segment(raw, g.doc))
    out = list(extractor.extract(docs))
    return score_events(gold, {d.name: ev for d, ev, _ in out}, docs={d.name: d for d, _, _ in out})


def test_seed_recall_and_precision(seed_scores):
    assert seed_scores["recall"] >= FLOORS["recall"] and seed_scores["precision"] >= FLOORS["precision"]


def test_seed_field_accuracy(seed_scores):
    assert all(seed_scores["fields"][k] >= v for k, v in FIELD_FLOORS.items())


def test_seed_no_false_events(seed_scores):
    t = seed_scores["totals"]
    assert (t["false_from_not_events"], t["false_from_comments"]) == (0, 0)
