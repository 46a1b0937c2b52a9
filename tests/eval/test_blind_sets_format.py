"""Format checks for the blind held-out sets in tests/fixtures/heldout2/ and heldout3/.

Each set (full article pages from invented outlets, short reports, and their gold) was
written without looking at the extractor, to measure generalisation to new outlets, page
shapes and phrasings. These tests only check that the gold is well formed and agrees with
the texts; they do not run the extractor. One module serves both sets: what differs
between them (sizes, years, coverage) is in `SETS`.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from sitrep.eval.gold import load_gold

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@dataclass(frozen=True)
class GoldSet:
    name: str
    records: int
    pages: int
    outlets: int
    last_year: int
    all_governorates: bool


SETS = [
    GoldSet("heldout2", records=24, pages=6, outlets=3, last_year=2023, all_governorates=True),
    GoldSet("heldout3", records=26, pages=4, outlets=2, last_year=2022, all_governorates=False),
]

# Syria's bounding box, as the brief for this set states it.
LAT_MIN, LAT_MAX = 32.3, 37.4
LON_MIN, LON_MAX = 35.6, 42.4

SUB_EVENT_TYPES: dict[str, set[str]] = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon", "Air/drone strike", "Suicide bomb",
        "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    },
}

GOVERNORATES = {
    "Idlib", "Aleppo", "Hama", "Homs", "Latakia", "Tartus", "Damascus", "Rural Damascus",
    "Daraa", "Quneitra", "Suwayda", "Deir ez-Zor", "Raqqa", "Al-Hasakah",
}


@pytest.fixture(scope="module", params=SETS, ids=[s.name for s in SETS])
def spec(request) -> GoldSet:
    return request.param


@pytest.fixture(scope="module")
def pages(spec) -> Path:
    return FIXTURES / spec.name / "pages"


@pytest.fixture(scope="module")
def records(pages) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for n, line in enumerate((pages / "reports.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        rec = json.loads(line)
        assert rec["id"] not in out, f"line {n}: duplicate id {rec['id']}"
        out[rec["id"]] = rec
    return out


@pytest.fixture(scope="module")
def manifest(pages) -> dict[str, dict]:
    with (pages / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and set(rows[0]) == {"doc", "published", "source", "language"}
    return {r["doc"]: r for r in rows}


@pytest.fixture(scope="module")
def texts(records, manifest, pages) -> dict[str, str]:
    out = {rid: rec["text"] for rid, rec in records.items()}
    for name in manifest:
        out[name] = (pages / name).read_text(encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def published(records, manifest) -> dict[str, date]:
    out = {rid: date.fromisoformat(rec["published"]) for rid, rec in records.items()}
    out.update({name: date.fromisoformat(row["published"]) for name, row in manifest.items()})
    return out


@pytest.fixture(scope="module")
def gold(spec):
    return load_gold(FIXTURES / spec.name / "gold.yaml")


def _events(gold):
    return [(d, e) for d in gold for e in d.events]


def test_inputs_are_well_formed(spec, records, manifest, pages):
    assert len(records) == spec.records
    assert len(manifest) == spec.pages
    assert len({row["source"] for row in manifest.values()}) == spec.outlets
    for rid, rec in records.items():
        assert set(rec) >= {"id", "published", "source", "language", "text"}, rid
        assert rec["language"] == "en" and rec["source"].strip() and rec["text"].strip(), rid
        assert 2017 <= date.fromisoformat(rec["published"]).year <= spec.last_year, rid
    for name, row in manifest.items():
        assert (pages / name).is_file(), f"manifest names a missing page: {name}"
        assert row["language"] == "en", name
        assert 2017 <= date.fromisoformat(row["published"]).year <= spec.last_year, name


def test_every_gold_doc_has_a_text_and_vice_versa(gold, texts):
    docs = [d.doc for d in gold]
    assert len(docs) == len(set(docs)), "duplicate doc in gold"
    assert set(docs) - set(texts) == set(), "gold docs without a page or record"
    assert set(texts) - set(docs) == set(), "pages or records without gold"


def test_published_dates_agree(gold, published):
    for d in gold:
        assert d.published == published[d.doc], d.doc


def test_evidence_is_exact_substring(gold, texts):
    for d, e in _events(gold):
        assert e.evidence, f"{e.id}: empty evidence"
        assert e.evidence in texts[d.doc], f"{e.id}: evidence not in text: {e.evidence!r}"


def test_not_events_are_exact_substrings(gold, texts):
    for d in gold:
        for s in d.not_events:
            assert s in texts[d.doc], f"{d.doc}: not_event not in text: {s!r}"


def test_not_events_do_not_overlap_evidence(gold):
    for d in gold:
        for s in d.not_events:
            for e in d.events:
                assert s not in e.evidence and e.evidence not in s, f"{e.id}: overlaps not_event {s!r}"


def test_page_segments_are_in_the_page(gold, manifest, texts):
    for d in gold:
        if d.doc not in manifest:
            assert d.segments is None, f"{d.doc}: a short record has no segments"
            continue
        s = d.segments
        assert s is not None, f"{d.doc}: page without segments"
        text = texts[d.doc]
        for part in (s.title, s.caption, s.body_first, s.body_last):
            if part is not None:
                assert part in text, f"{d.doc}: segment not in page: {part!r}"
        assert text.index(s.body_first) < text.rindex(s.body_last), d.doc
        for b in s.boilerplate_examples:
            assert b in text, f"{d.doc}: boilerplate example not in page: {b!r}"
        assert s.comments is not None and s.comments[0] <= s.comments[1], d.doc
        end = text.rindex(s.body_last) + len(s.body_last)
        comments = text[end:]
        for name, _depth in s.authors:
            assert name in comments, f"{d.doc}: author {name!r} not after the body"
        # no event is read from the comment thread or the boilerplate after the body
        for e in d.events:
            assert text.index(e.evidence) < end, e.id
        # every page carries comment-section claims among its not_events
        assert any(text.index(s_) >= end for s_ in d.not_events), f"{d.doc}: no comment not_event"


def test_one_page_has_threaded_comments(gold):
    depths = [a[1] for d in gold if d.segments for a in d.segments.authors]
    assert any(dp and dp > 0 for dp in depths), "expected one page with reply depth"


def test_coordinates_inside_syria(gold):
    for _, e in _events(gold):
        assert LAT_MIN <= e.lat <= LAT_MAX, f"{e.id}: lat {e.lat}"
        assert LON_MIN <= e.lon <= LON_MAX, f"{e.id}: lon {e.lon}"
        assert e.km > 0, e.id


def test_event_fields_are_valid(gold):
    ids = [e.id for _, e in _events(gold)]
    assert len(ids) == len(set(ids)), "duplicate event id"
    for d, e in _events(gold):
        assert e.event_type in SUB_EVENT_TYPES, f"{e.id}: {e.event_type}"
        assert e.sub_event_type in SUB_EVENT_TYPES[e.event_type], f"{e.id}: {e.sub_event_type}"
        assert e.actor1, f"{e.id}: no actor1"
        assert e.location, f"{e.id}: no location"
        assert e.admin1 in GOVERNORATES, f"{e.id}: {e.admin1}"
        assert e.time_precision in (1, 2, 3), e.id
        assert e.certainty in {"reported", "claimed", "alleged", "rumoured"}, e.id
        if e.certainty == "claimed":
            assert e.claimed_by, f"{e.id}: claimed without a claimant"
        assert e.fatalities is None or e.fatalities >= 0, e.id
        assert e.date is not None and d.published is not None, e.id
        assert e.date <= d.published, f"{e.id}: event after publication"
        if e.time_precision == 3:
            assert e.date.day == 1, f"{e.id}: month precision should use the first of the month"


def test_every_sub_event_type_appears(gold):
    seen = {(e.event_type, e.sub_event_type) for _, e in _events(gold)}
    missing = sorted(
        (t, s) for t, subs in SUB_EVENT_TYPES.items() for s in subs if (t, s) not in seen
    )
    assert not missing, f"sub-event types without a gold event: {missing}"


def test_common_types_dominate(gold):
    """Weighted like real Syria data: the common sub-types outnumber the rare ones."""
    counts: dict[str, int] = {}
    for _, e in _events(gold):
        counts[e.sub_event_type] = counts.get(e.sub_event_type, 0) + 1
    common = ("Shelling/artillery/missile attack", "Air/drone strike", "Armed clash",
              "Remote explosive/landmine/IED", "Attack", "Arrests", "Abduction/forced disappearance")
    assert sum(counts.get(s, 0) for s in common) > len(_events(gold)) / 2
    for s in ("Chemical weapon", "Sexual violence", "Grenade", "Mob violence"):
        assert counts.get(s, 0) <= 2, s


def test_non_event_reports(gold, records):
    empty = [d for d in gold if d.doc in records and not d.events]
    assert len(empty) >= 5, "expected several reports whose statements are not events"
    for d in empty:
        assert d.not_events, f"{d.doc}: no events and no not_events"


def test_every_governorate_appears(spec, gold):
    if not spec.all_governorates:
        pytest.skip(f"{spec.name} covers a region, not every governorate")
    assert {e.admin1 for _, e in _events(gold)} == GOVERNORATES
