"""Wire the stages: read -> segment -> extract -> store.

This module only sequences stages and batches; each stage's logic lives in its
own package. It streams: documents are processed in batches of `batch_size`
and written with everything they produced in one transaction, so memory does
not grow with the corpus and a killed run leaves a consistent store.

Per-document failures inside a stage become a `Skip` with reason
`pipeline-error` (logged with the document's origin) instead of ending the run,
as trafilatura does for a broken page in a crawl.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sitrep.errors import SKIP_PIPELINE
from sitrep.records import DocMeta, Document, Event, RawDoc, Skip, Statement

if TYPE_CHECKING:
    import sqlite3

    from sitrep.store import Store

log = logging.getLogger(__name__)

Result = tuple[Document, list[Event], list[Statement]]

# Documents per transaction / nlp.pipe call. 16 keeps a batch's memory small
# (a page is ~5-50 kB of text) while amortising spaCy's per-call overhead;
# measured with bench/bench_pipeline.py, larger batches gave no further gain.
DEFAULT_BATCH_SIZE = 16


class Extractor(Protocol):
    """What the runner needs from the event stage."""

    def extract(self, docs: Iterable[Document]) -> Iterator[Result]: ...


@dataclass(slots=True)
class RunReport:
    """What a run did, for the end-of-run table and the exit code."""

    read: int = 0
    added: int = 0
    already: int = 0
    events: int = 0
    merged: int = 0  # merged events touched by this run's fusion step
    skips: list[Skip] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.skips)


def _segment(raw: RawDoc) -> Document | Skip:
    from sitrep.ingest import content_hash
    from sitrep.segment import segment

    try:
        return segment(raw, content_hash(raw.content))
    except Exception as exc:  # noqa: BLE001 - one broken page must not end a crawl
        log.warning("segmentation failed for %s: %r", raw.origin, exc)
        return Skip(raw.origin, SKIP_PIPELINE, f"segmentation failed: {exc.__class__.__name__}: {exc}")


def documents(
    paths: Iterable[str | Path],
    *,
    manifest: dict[str, DocMeta] | None = None,
    defaults: DocMeta | None = None,
) -> Iterator[Document | Skip]:
    """Read and segment inputs, streaming. Skips come through in order."""
    from sitrep.ingest import read_inputs

    for item in read_inputs(paths, manifest=manifest, defaults=defaults):
        yield item if isinstance(item, Skip) else _segment(item)


def load_extractor() -> Extractor:
    """Load the NLP resources and the event extractor (spaCy model, ontology, gazetteer)."""
    from sitrep.events import load_extractor as _load

    return _load()


class Deriver:
    """Per-document data derived after extraction, written in the document's transaction.

    Comment analysis (toxicity, topics, rumour claims) reads only the comment
    thread; stated relations ("Turkish-backed X") read only the article body.
    The actor resolver is loaded on first use.
    """

    def __init__(self) -> None:
        self._resolver = None

    def __call__(self, conn: "sqlite3.Connection", doc: Document) -> None:
        from sitrep.comments import analyse_comments
        from sitrep.comments.store import insert_analysis
        from sitrep.graph.relations import extract_relations
        from sitrep.graph.store import insert_relations

        if doc.segmentation.comments:
            insert_analysis(conn, analyse_comments(doc.doc_id, doc.segmentation.comments))
        if self._resolver is None:
            from sitrep.knowledge.actors import ActorResolver, load_ontology

            self._resolver = ActorResolver(load_ontology())
        insert_relations(conn, doc.doc_id, extract_relations(doc, self._resolver))


def _extract_batch(extractor: Extractor | None, batch: Sequence[Document]) -> tuple[list[Result], list[Skip]]:
    if extractor is None:
        return [(d, [], []) for d in batch], []
    try:
        return [(d, list(ev), list(st)) for d, ev, st in extractor.extract(batch)], []
    except Exception:  # noqa: BLE001 - isolate the failing document, keep the rest
        results: list[Result] = []
        skips: list[Skip] = []
        for d in batch:
            try:
                results.extend((dd, list(ev), list(st)) for dd, ev, st in extractor.extract([d]))
            except Exception as exc:  # noqa: BLE001
                log.warning("event extraction failed for %s: %r", d.origin, exc)
                skips.append(Skip(d.origin, SKIP_PIPELINE, f"extraction failed: {exc.__class__.__name__}: {exc}"))
        return results, skips


def ingest(
    paths: Iterable[str | Path],
    store: "Store",
    *,
    manifest: dict[str, DocMeta] | None = None,
    defaults: DocMeta | None = None,
    extractor: Extractor | None | Callable[[], Extractor] = load_extractor,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[str], None] | None = None,
    fuse_cfg: object | None = None,
) -> RunReport:
    """Ingest inputs into `store`; documents already present are skipped before any NLP.

    `extractor` may be an extractor, None (segment only), or a zero-argument
    factory called lazily the first time there is something new to extract, so
    that re-running over an ingested corpus does not even load the model.
    """
    report = RunReport()
    pending: list[Document] = []
    pending_skips: list[Skip] = []
    seen: set[str] = set()
    deriver = Deriver()
    factory: Callable[[], Extractor] | None = None
    loaded: Extractor | None = None
    if extractor is not None and hasattr(extractor, "extract"):
        loaded = extractor  # type: ignore[assignment]
    elif extractor is not None:
        factory = extractor  # type: ignore[assignment]

    def flush() -> None:
        nonlocal loaded
        if not pending and not pending_skips:
            return
        if pending and loaded is None and factory is not None:
            loaded = factory()
        results, skips = _extract_batch(loaded, pending)
        all_skips = pending_skips + skips
        report.added += store.write_batch(results, all_skips, derive=deriver)
        report.events += sum(len(ev) for _, ev, _ in results)
        report.skips.extend(all_skips)
        pending.clear()
        pending_skips.clear()

    for item in documents(paths, manifest=manifest, defaults=defaults):
        report.read += 1
        if progress:
            progress(item.origin)
        if isinstance(item, Skip):
            pending_skips.append(item)
            continue
        if item.doc_id in seen or store.has_document(item.doc_id):
            report.already += 1
            continue
        seen.add(item.doc_id)
        pending.append(item)
        if len(pending) >= batch_size:
            flush()
    flush()
    from sitrep.fuse.store import fuse_pending

    stats = fuse_pending(store, fuse_cfg)  # type: ignore[arg-type]
    report.merged = stats.merged if stats is not None else 0
    return report


def extract(
    paths: Iterable[str | Path],
    *,
    manifest: dict[str, DocMeta] | None = None,
    defaults: DocMeta | None = None,
    extractor: Extractor | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[Result | Skip]:
    """Events for inputs without a database (for `sitrep extract`)."""
    ext = extractor or load_extractor()
    batch: list[Document] = []
    for item in documents(paths, manifest=manifest, defaults=defaults):
        if isinstance(item, Skip):
            yield item
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            results, skips = _extract_batch(ext, batch)
            yield from results
            yield from skips
            batch = []
    if batch:
        results, skips = _extract_batch(ext, batch)
        yield from results
        yield from skips


__all__ = ["RunReport", "documents", "extract", "ingest", "load_extractor"]
