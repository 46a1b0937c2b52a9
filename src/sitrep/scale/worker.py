"""What runs inside a Spark task: read -> segment -> extract -> rows, per partition.

The heavy resources (spaCy model, actor ontology, gazetteer, fusion rules) are
loaded at most once per Python worker process: `cached` keeps them in a
module-level dict keyed by their configuration. PySpark reuses its Python
workers across tasks (spark.python.worker.reuse, on by default), so a worker
loads the model on its first task and every later task on it finds it loaded.

Stages are the local runner's own functions (`sitrep.runner._segment`,
`_extract_batch`, DEFAULT_BATCH_SIZE), so a page gets the same treatment, the same
per-document isolation of failures and the same skip reasons as in `sitrep ingest`.

Nothing here imports pyspark: these are plain generators that Spark calls, and
tests call directly.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sitrep.records import DocMeta, Document, Event, Skip
from sitrep.scale.rows import event_from_row, event_row, result_rows, skip_row
from sitrep.scale.units import Order, Unit, read_unit

log = logging.getLogger(__name__)

# Per-process cache of loaded resources, keyed by their configuration.
_CACHE: dict[str, Any] = {}

ExtractorSpec = str | Callable[[], Any] | None  # None: segment only; "default": sitrep.runner.load_extractor


def spec_key(spec: ExtractorSpec) -> str | None:
    """A stable cache key for an extractor spec (a callable is keyed by its qualified name)."""
    if spec is None:
        return None
    if isinstance(spec, str):
        return spec
    if isinstance(getattr(spec, "cache_key", None), str):
        return spec.cache_key  # type: ignore[union-attr]
    return f"{getattr(spec, '__module__', '?')}.{getattr(spec, '__qualname__', repr(spec))}"


def cached(key: str, load: Callable[[], Any]) -> Any:
    """`load()` once per process for `key`."""
    if key not in _CACHE:
        _CACHE[key] = load()
    return _CACHE[key]


def _resolve(spec: ExtractorSpec) -> Callable[[], Any]:
    if callable(spec):
        return spec
    if spec == "default":
        from sitrep.runner import load_extractor

        return load_extractor
    module, _, attr = str(spec).partition(":")
    import importlib

    return getattr(importlib.import_module(module), attr)


def get_extractor(spec: ExtractorSpec) -> Any:
    key = spec_key(spec)
    if key is None:
        return None
    return cached("extractor:" + key, _resolve(spec))


@dataclass(frozen=True, slots=True)
class TaskConfig:
    """Everything a task needs besides its units; shipped to executors by value."""

    extractor: ExtractorSpec
    defaults: DocMeta | None = None
    batch_size: int = 16
    fuse: bool = True
    # Testing hook: a file path. The first task to produce a row creates the file
    # and raises, once per run, so a test can show that a retried task leaves no
    # duplicated rows behind.
    fail_once: str | None = None


def _maybe_fail(marker: str | None) -> None:
    if not marker:
        return
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return
    os.write(fd, f"failed once in pid {os.getpid()}\n".encode())
    os.close(fd)
    raise RuntimeError(f"injected task failure (marker {marker})")


def doc_ids(units: Iterable[Unit], manifest: Mapping[str, DocMeta], cfg: TaskConfig) -> Iterator[tuple[str, Order]]:
    """Pass 1: (doc_id, reading order) of every readable page; no segmentation, no NLP."""
    from sitrep.ingest import content_hash

    for unit in units:
        for j, item in enumerate(read_unit(unit, manifest, cfg.defaults)):
            if not isinstance(item, Skip):
                yield content_hash(item.content), (unit.index, unit.row_group, j)


def process(
    units: Iterable[Unit], manifest: Mapping[str, DocMeta], losers: frozenset[Order] | set[Order], cfg: TaskConfig
) -> Iterator[tuple[str, Any]]:
    """Pass 2: (dataset, row) for every page of `units`.

    `losers` are the reading positions of pages whose content was already read
    earlier in the run (found by pass 1): they are segmented, as locally, then
    dropped and counted as duplicates. Besides the datasets' rows it yields
    bookkeeping rows: ("_read", n) per unit, ("_dup", origin) per duplicate,
    ("_load", pid) when this task loaded the extractor into its process, and
    ("_fuse", Event) per event with its outlet filled in the way fusion loads it.
    """
    from sitrep.runner import _extract_batch, _segment

    extractor: Any = None
    loaded = False
    pending: list[Document] = []
    produced = 0

    def flush() -> Iterator[tuple[str, Any]]:
        nonlocal extractor, loaded
        if not loaded and cfg.extractor is not None:
            fresh = ("extractor:" + str(spec_key(cfg.extractor))) not in _CACHE
            extractor, loaded = get_extractor(cfg.extractor), True
            if fresh:
                yield "_load", os.getpid()
        results, skips = _extract_batch(extractor, pending)
        pending.clear()
        for doc, events, statements in results:
            yield from result_rows(doc, events, statements)
            if cfg.fuse:
                for ev in events:
                    yield "_fuse", fusion_event(ev, doc)
        for s in skips:
            yield "skips", skip_row(s)

    for unit in units:
        n = 0
        for j, raw in enumerate(read_unit(unit, manifest, cfg.defaults)):
            n += 1
            if isinstance(raw, Skip):
                yield "skips", skip_row(raw)
                continue
            item = _segment(raw)
            if isinstance(item, Skip):
                yield "skips", skip_row(item)
                continue
            if (unit.index, unit.row_group, j) in losers:
                yield "_dup", item.origin
                continue
            pending.append(item)
            if len(pending) >= cfg.batch_size:
                for row in flush():
                    produced += 1
                    yield row
                    if produced == 1:
                        _maybe_fail(cfg.fail_once)
        yield "_read", n
    if pending:
        for row in flush():
            produced += 1
            yield row
            if produced == 1:
                _maybe_fail(cfg.fail_once)


def fusion_event(ev: Event, doc: Document) -> Event:
    """The event as `sitrep.fuse.store.load_events` reads it back from a store.

    Round-tripped through the store row so types match (floats, ints, bools), and
    with the report's outlet: its own source, else its document's (SQL COALESCE).
    """
    fe = event_from_row(dict(zip(_event_cols(), event_row(ev))))
    if fe.source is None:
        fe.source = doc.meta.source
    return fe


def _event_cols() -> tuple[str, ...]:
    from sitrep.store.db import EVENT_COLUMNS

    return EVENT_COLUMNS
