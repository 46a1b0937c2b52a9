"""A fused store built from the fusion gold corpus, with reader comments on every page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import pytest

from sitrep.fuse import fuse_all, fuse_config, load_sources
from sitrep.fuse.score import load_fusion_gold
from sitrep.records import Comment, DocMeta, Document, Evidence, Segmentation, TextSpan
from sitrep.store import Store

COMMENT_MARK = "ZZCOMMENTZZ"  # appears only in reader comments


def _doc(doc_id: str, outlet: str | None, body: str) -> tuple[Document, int]:
    comment = f"{COMMENT_MARK} says the strike on {doc_id} was staged"
    text = f"{body}\n\n{comment}"
    start = len(body) + 2
    seg = Segmentation(body=[TextSpan(0, len(body), body)], comments=[Comment(0, "Anon", 0, comment, start, len(text))])
    return Document(doc_id, f"{doc_id}.html", f"/pages/{doc_id}.html", text, DocMeta(url=f"https://example.org/{doc_id}",
                    source=outlet), seg, "html"), start  # fmt: skip


@pytest.fixture(scope="session")
def export_cfg(fixtures_dir):
    return fuse_config(sources=load_sources(fixtures_dir / "fuse" / "sources.yaml"))


@pytest.fixture
def store(fixtures_dir, export_cfg):
    gold = load_fusion_gold(fixtures_dir / "fuse" / "reports.yaml")
    by_doc = defaultdict(list)
    for e in gold.events:
        by_doc[e.doc_id].append(e)
    s = Store(":memory:")
    batch = []
    for doc_id, evs in sorted(by_doc.items()):
        body = " ".join(f"{e.location} saw a {e.sub_event_type.lower()}." for e in evs)
        doc, cstart = _doc(doc_id, gold.outlets[doc_id], body)
        out, pos = [], 0
        for e in evs:
            sentence = f"{e.location} saw a {e.sub_event_type.lower()}."
            ev = [Evidence("sentence", pos, pos + len(sentence), sentence),
                  Evidence("location", pos, pos + len(e.location), e.location)]  # fmt: skip
            if e.event_id == "vc-001-a":  # a faulty extractor pointing into the comments
                ev.append(Evidence("claimed_by", cstart, cstart + len(COMMENT_MARK), COMMENT_MARK))
            out.append(replace(e, evidence=ev, notes=sentence))
            pos += len(sentence) + 1
        batch.append((doc, out, []))
    s.write_batch(batch)
    fuse_all(s, export_cfg)
    return s
