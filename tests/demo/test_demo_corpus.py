"""The bundled demo corpus (src/sitrep/demo/) agrees with its gold file.

Evidence quotes and segment strings must be exact substrings of the page text: for text
dumps the file, for HTML the text with tags stripped and entities unescaped, for the JSONL
feed the record's `text`, for the WARC the response payload (HTML, stripped the same way).
Whitespace runs are collapsed on both sides, so a quote may span a line wrap.
"""

from __future__ import annotations

import csv
import gzip
import html
import importlib.util
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from sitrep.eval.gold import load_gold

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "src" / "sitrep" / "demo"
PAGES = DEMO / "pages"
GOLD = DEMO / "gold.yaml"
WARC = PAGES / "crawl.warc.gz"
MAKE_WARC = REPO / "scripts" / "make_demo_warc.py"

# Syria's bounding box (WGS84), with a little slack for border towns.
SYRIA_LAT = (32.3, 37.4)
SYRIA_LON = (35.6, 42.4)

# Same tokenisation and run length as the repository's seed-copy check.
SEED_RUN = 8

EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
    },
    "Violence against civilians": {"Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention"},
    "Riots": {"Mob violence", "Violent demonstration"},
    "Strategic developments": {
        "Arrests",
        "Agreement",
        "Looting/property destruction",
        "Headquarters or base established",
        "Disrupted weapons use",
        "Non-violent transfer of territory",
    },
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _html_text(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def _warc_pages() -> dict[str, str]:
    pages: dict[str, str] = {}
    with WARC.open("rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            doc = urlsplit(uri).path.rstrip("/").rsplit("/", 1)[-1]
            pages[doc] = record.content_stream().read().decode("utf-8")
    return pages


def _raw_pages() -> dict[str, str]:
    """doc id -> raw page text (HTML still marked up)."""
    pages: dict[str, str] = {}
    for path in sorted(PAGES.iterdir()):
        if path.suffix in {".txt", ".html"}:
            pages[path.name] = path.read_text(encoding="utf-8")
    with (PAGES / "feed.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                record = json.loads(line)
                pages[record["id"]] = record["text"]
    for doc, payload in _warc_pages().items():
        pages[doc] = payload
    return pages


def _plain(doc: str, raw: str) -> str:
    if doc.endswith(".txt") or not raw.lstrip().startswith("<"):
        return _squash(raw)
    return _squash(_html_text(raw))


@pytest.fixture(scope="module")
def gold():
    return {d.doc: d for d in load_gold(GOLD)}


@pytest.fixture(scope="module")
def raw_pages() -> dict[str, str]:
    return _raw_pages()


@pytest.fixture(scope="module")
def page_text(raw_pages) -> dict[str, str]:
    return {doc: _plain(doc, raw) for doc, raw in raw_pages.items()}


def test_every_page_has_gold_and_every_gold_has_a_page(gold, page_text):
    assert set(gold) == set(page_text)
    assert len(page_text) == 11


def test_gold_event_ids_unique_and_types_valid(gold):
    ids = [e.id for d in gold.values() for e in d.events]
    assert len(ids) == len(set(ids))
    for d in gold.values():
        assert d.published is not None, d.doc
        for e in d.events:
            assert e.sub_event_type in EVENT_TYPES[e.event_type], e.id
            assert e.certainty in {"reported", "claimed", "alleged", "rumoured"}, e.id
            assert e.time_precision in {1, 2, 3}, e.id
            assert e.actor1, e.id


def test_corpus_covers_every_sub_event_type(gold):
    seen = {(e.event_type, e.sub_event_type) for d in gold.values() for e in d.events}
    wanted = {(t, s) for t, subs in EVENT_TYPES.items() for s in subs}
    assert wanted - seen == set()


def test_evidence_is_a_substring_of_its_page(gold, page_text):
    for doc, d in gold.items():
        for e in d.events:
            assert _squash(e.evidence) in page_text[doc], (doc, e.id, e.evidence)


def test_not_events_and_segments_are_substrings(gold, page_text):
    for doc, d in gold.items():
        text = page_text[doc]
        for quote in d.not_events:
            assert _squash(quote) in text, (doc, quote)
        s = d.segments
        assert s is not None, doc
        for field in ("title", "caption", "body_first", "body_last"):
            value = getattr(s, field)
            if value is not None:
                assert _squash(value) in text, (doc, field, value)
        for example in s.boilerplate_examples:
            assert _squash(example) in text, (doc, example)
        for name, _depth in s.authors:
            assert name in text, (doc, name)
        lo, hi = s.comments
        assert 0 <= lo <= hi
        assert len(s.authors) <= hi, doc
        assert text.index(_squash(s.body_first)) < text.index(_squash(s.body_last)), doc


def test_nested_threads_reach_depth_three_and_two(gold):
    depths = {doc: max((dep or 0) for _, dep in d.segments.authors) for doc, d in gold.items() if d.segments.authors}
    assert depths["004_busayrah_fuel_depot.txt"] == 3
    assert depths["007_abu_hamam_vigil.html"] == 2


def test_gold_coordinates_inside_syria(gold):
    for d in gold.values():
        for e in d.events:
            assert SYRIA_LAT[0] <= e.lat <= SYRIA_LAT[1], (e.id, e.lat)
            assert SYRIA_LON[0] <= e.lon <= SYRIA_LON[1], (e.id, e.lon)


def test_manifest_lists_the_text_dumps_with_gold_dates(gold):
    with (DEMO / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["doc"] for r in rows] == sorted(p.name for p in PAGES.glob("*.txt"))
    for r in rows:
        assert r["published"] == gold[r["doc"]].published.isoformat()
        assert r["language"] == "en"


def test_feed_records_have_the_required_fields(gold):
    with (PAGES / "feed.jsonl").open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    assert len(records) == 2
    for r in records:
        assert set(r) == {"id", "url", "published", "source", "language", "text"}
        assert r["published"] == gold[r["id"]].published.isoformat()


def test_html_pages_carry_metadata_and_hostile_comment(raw_pages, gold):
    for doc in ("007_abu_hamam_vigil.html", "008_hajin_landmine.html", "bukamal-convoy-strike"):
        markup = raw_pages[doc]
        assert '<meta property="og:site_name" content="Jazira Dispatch">' in markup
        assert f'<meta property="article:published_time" content="{gold[doc].published.isoformat()}T' in markup
        assert '<link rel="canonical"' in markup
        assert '<div class="support-box">' in markup
        assert '<ol class="comment-list">' in markup and '<ol class="children">' in markup
    hostile = raw_pages["007_abu_hamam_vigil.html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
    assert "<script>" not in hostile
    assert '<img src=x onerror="alert(2)">' in hostile
    assert '<a href="javascript:alert(3)">' in hostile


def test_warc_build_is_reproducible(tmp_path):
    spec = importlib.util.spec_from_file_location("make_demo_warc", MAKE_WARC)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rebuilt = module.build(module.SOURCE, tmp_path / "crawl.warc.gz")
    assert rebuilt == WARC.read_bytes()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _corpus_texts(raw_pages: dict[str, str]) -> dict[str, str]:
    texts = dict(raw_pages)
    for path in sorted(DEMO.rglob("*")):
        if path.is_file() and path.suffix in {".txt", ".html", ".jsonl", ".yaml", ".csv", ".md"}:
            texts[str(path.relative_to(DEMO))] = path.read_text(encoding="utf-8")
    texts["crawl.warc.gz (decompressed)"] = gzip.decompress(WARC.read_bytes()).decode("utf-8")
    texts["scripts/make_demo_warc.py"] = MAKE_WARC.read_text(encoding="utf-8")
    texts["tests/demo/test_demo_corpus.py"] = Path(__file__).read_text(encoding="utf-8")
    return texts


@pytest.mark.seeds
def test_no_seed_text_in_demo_corpus(seeds_dir, raw_pages):
    grams: set[tuple[str, ...]] = set()
    for seed in seeds_dir.glob("*.txt"):
        w = _words(seed.read_text(encoding="utf-8", errors="replace"))
        grams.update(tuple(w[i : i + SEED_RUN]) for i in range(len(w) - SEED_RUN + 1))
    assert grams, "no seed pages found"
    hits = {}
    for name, text in _corpus_texts(raw_pages).items():
        w = _words(text)
        runs = [" ".join(w[i : i + SEED_RUN]) for i in range(len(w) - SEED_RUN + 1) if tuple(w[i : i + SEED_RUN]) in grams]
        if runs:
            hits[name] = runs[:3]
    assert hits == {}
