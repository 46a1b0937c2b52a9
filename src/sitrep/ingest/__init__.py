"""Readers: files, directories, WARCs and JSONL exports in; `RawDoc` or `Skip` out.

Everything here is a generator, so a run over a million pages holds one page at
a time. Bad input never raises: it comes back as a `Skip` with a stable reason
code (sitrep.errors.SKIP_*) for the run report to count.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from sitrep.ingest.dateaudit import DateAudit
from sitrep.ingest.dates import SOURCE_DATELINE, SOURCE_FLAG, SOURCE_MANIFEST, SOURCE_META
from sitrep.ingest.dispatch import iter_files, read_path
from sitrep.ingest.files import MAX_TEXT_BYTES
from sitrep.ingest.hashing import content_hash
from sitrep.ingest.manifest import load_manifest
from sitrep.ingest.pubdate import text_stated_date
from sitrep.records import DocMeta, RawDoc, Skip
from sitrep.timex import in_year_range

__all__ = [
    "MAX_TEXT_BYTES",
    "DateAudit",
    "content_hash",
    "iter_files",
    "load_manifest",
    "read_inputs",
    "read_path",
    "with_meta",
]


def read_inputs(
    paths: Iterable[str | Path],
    manifest: dict[str, DocMeta] | None = None,
    defaults: DocMeta | None = None,
    exclude: Collection[Path] = frozenset(),
    audit: DateAudit | None = None,
) -> Iterator[RawDoc | Skip]:
    """Stream every document under `paths`, with metadata filled in.

    Precedence per field: what the record itself states (HTML meta, JSONL fields,
    a date line in the page's text, the WARC capture date), then the manifest row
    for the document's name, then `defaults` (the --published/--source flags). A
    field stays None only if all three lack it. Files in `exclude` (resolved paths,
    see `iter_files`) are not read. `audit` collects where each date came from.
    """
    manifest = manifest or {}
    if audit is not None:
        audit.start(manifest, defaults)
    for path in iter_files(paths, exclude):
        for item in read_path(path):
            yield with_meta(item, manifest, defaults, audit)


def with_meta(
    item: RawDoc | Skip,
    manifest: Mapping[str, DocMeta],
    defaults: DocMeta | None,
    audit: DateAudit | None = None,
) -> RawDoc | Skip:
    """Fill a document's metadata gaps: its own fields first, then the manifest row, then defaults.

    A text page that states its date in its head ("Published on June 25, 2020")
    is dated by it before the WARC capture date, the manifest and --published,
    because its yearless event dates are counted from that date.
    """
    if not isinstance(item, RawDoc):
        return item
    own = item.meta
    if own.published is not None and own.published_source is None:
        own = replace(own, published_source=SOURCE_META)  # a caller's own DocMeta
    # Only a date the page states itself is kept over its text's date line; a crawl's
    # capture time (warc) or a fetch's feed entry or fetch day are not.
    if item.text is not None and own.published_source not in (SOURCE_META, SOURCE_DATELINE):
        stated = text_stated_date(item.text)
        if stated is not None:
            own = replace(own, published=stated, published_source=SOURCE_DATELINE)
    meta = own
    row = manifest.get(item.name)
    if row is not None:
        meta = meta.merged(_labelled(row, SOURCE_MANIFEST))
    if defaults is not None:
        meta = meta.merged(_labelled(defaults, SOURCE_FLAG))
    if meta.published is not None and in_year_range(meta.published) is None:
        # A date from outside the readers (the --published default, a caller's
        # DocMeta) with a year no page carries: the document is undated.
        meta = replace(meta, published=None, published_source=None)
    item.meta = meta
    if audit is not None:
        audit.observe(item.name, own, row, meta, item.text)
    return item


def _labelled(meta: DocMeta, source: str) -> DocMeta:
    """`meta` with its date marked as coming from `source` (unless it says already)."""
    if meta.published is None or meta.published_source is not None:
        return meta
    return replace(meta, published_source=source)
