"""Fixtures for fusion tests: the gold corpus and in-memory stores built from it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pytest

from sitrep.fuse import load_sources
from sitrep.fuse.score import FusionGold, load_fusion_gold
from sitrep.records import DocMeta, Document, Event, Segmentation, TextSpan
from sitrep.store import Store


@pytest.fixture(scope="session")
def gold(fixtures_dir) -> FusionGold:
    return load_fusion_gold(fixtures_dir / "fuse" / "reports.yaml")


@pytest.fixture(scope="session")
def gold_sources(fixtures_dir):
    return load_sources(fixtures_dir / "fuse" / "sources.yaml")


def write_docs(store: Store, events: Iterable[Event], outlets: dict[str, str]) -> None:
    """Store each document of `events` (a stub body text) with its reports."""
    by_doc: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        by_doc[e.doc_id].append(e)
    batch = []
    for doc_id, evs in sorted(by_doc.items()):
        text = f"Report {doc_id}."
        seg = Segmentation(body=[TextSpan(0, len(text), text)])
        batch.append((Document(doc_id, doc_id, doc_id, text, DocMeta(source=outlets.get(doc_id)), seg), evs, []))
    store.write_batch(batch)


@pytest.fixture
def store_docs():
    """`write_docs` as a fixture (test modules cannot import conftest)."""
    return write_docs
