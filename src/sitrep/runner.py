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

    from sitrep.ingest.dateaudit import DateAudit
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


def _segment(raw: RawDoc, doc_id: str | None = None) -> Document | Skip:
    """Segment one page; `doc_id` when the caller already hashed its content."""
    from sitrep.ingest import content_hash
    from sitrep.segment import segment

    try:
        return segment(raw, doc_id if doc_id is not None else content_hash(raw.content))
    except Exception as exc:  # noqa: BLE001 - one broken page must not end a crawl
        log.warning("segmentation failed for %s: %r", raw.origin, exc)
        return Skip(raw.origin, SKIP_PIPELINE, f"segmentation failed: {exc.__class__.__name__}: {exc}")


def documents(
    paths: Iterable[str | Path],
    *,
    manifest: dict[str, DocMeta] | None = None,
    defaults: DocMeta | None = None,
    audit: "DateAudit | None" = None,
) -> Iterator[Document | Skip]:
    """Read and segment inputs, streaming. Skips come through in order."""
    from sitrep.ingest import read_inputs

    for item in read_inputs(paths, manifest=manifest, defaults=defaults, audit=audit):
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
    on_wait: Callable[[], None] | None = None,
    items: Iterable[RawDoc | Skip] = (),
    audit: "DateAudit | None" = None,
) -> RunReport:
    """Ingest inputs into `store`; documents already present cost a read and a hash.

    A document's id is the hash of its normalised raw content (`content_hash`), known
    before segmentation: a page already stored, or seen earlier in this run, is
    counted as already there without being segmented or parsed, so a resume and a
    duplicate-heavy input cost a read and a hash per page.

    One ingest writes a store at a time (`sitrep.store.lock.writer_lock`): a second
    run waits (calling `on_wait()` once) and then finds what the first one stored,
    so each run reports what it added itself. The store's own files inside an
    input folder are not read.

    `extractor` may be an extractor, None (segment only), or a zero-argument
    factory called lazily the first time there is something new to extract, so
    that re-running over an ingested corpus does not even load the model.

    `items` are documents from elsewhere (fetched URLs, see sitrep.ingest.fetch),
    read after `paths` and given the same metadata defaults; being a lazy iterable,
    it is consumed under the writer lock.
    """
    from sitrep.store.lock import own_files, writer_lock

    with writer_lock(store.path, on_wait):
        return _ingest_locked(
            paths, store, manifest=manifest, defaults=defaults, extractor=extractor, batch_size=batch_size,
            progress=progress, fuse_cfg=fuse_cfg, exclude=own_files(store.path), items=items, audit=audit,
        )  # fmt: skip


def _ingest_locked(
    paths: Iterable[str | Path],
    store: "Store",
    *,
    manifest: dict[str, DocMeta] | None,
    defaults: DocMeta | None,
    extractor: Extractor | None | Callable[[], Extractor],
    batch_size: int,
    progress: Callable[[str], None] | None,
    fuse_cfg: object | None,
    exclude: frozenset[Path],
    items: Iterable[RawDoc | Skip] = (),
    audit: "DateAudit | None" = None,
) -> RunReport:
    from itertools import chain

    from sitrep.ingest import content_hash, read_inputs, with_meta
    from sitrep.ingest.provenance import PendingProvenance

    report = RunReport()
    pending: list[Document] = []
    pending_skips: list[Skip] = []
    seen: set[str] = set()
    deriver = Deriver()
    provs = PendingProvenance()

    def derive(conn: "sqlite3.Connection", doc: Document) -> None:
        deriver(conn, doc)
        provs.write(conn, doc.doc_id)
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
        report.added += store.write_batch(results, all_skips, derive=derive)
        report.events += sum(len(ev) for _, ev, _ in results)
        report.skips.extend(all_skips)
        pending.clear()
        pending_skips.clear()

    failed: dict[str, Skip] = {}  # doc id -> why its first copy could not be segmented
    more = (with_meta(item, manifest or {}, defaults, audit) for item in items)
    for raw in chain(read_inputs(paths, manifest=manifest, defaults=defaults, exclude=exclude, audit=audit), more):
        report.read += 1
        if progress:
            progress(raw.origin)
        if isinstance(raw, Skip):
            pending_skips.append(raw)
            continue
        doc_id = content_hash(raw.content)
        if doc_id in failed:  # a copy of a page that already failed: same reason, no second attempt
            pending_skips.append(Skip(raw.origin, failed[doc_id].reason, failed[doc_id].message))
            continue
        if doc_id in seen or store.has_document(doc_id):
            report.already += 1
            if raw.provenance:  # a second URL for a page: remember it with the page
                provs.again(store.conn, doc_id, raw.provenance, committed=store.has_document(doc_id))
            continue
        item = _segment(raw, doc_id)
        if isinstance(item, Skip):
            failed[doc_id] = item
            pending_skips.append(item)
            continue
        seen.add(doc_id)
        provs.keep(doc_id, raw.provenance)
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
    audit: "DateAudit | None" = None,
) -> Iterator[Result | Skip]:
    """Events for inputs without a database (for `sitrep extract`)."""
    ext = extractor or load_extractor()
    batch: list[Document] = []
    for item in documents(paths, manifest=manifest, defaults=defaults, audit=audit):
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
