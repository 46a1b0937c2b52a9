"""Readers: files, directories, WARCs and JSONL exports in; `RawDoc` or `Skip` out.

Everything here is a generator, so a run over a million pages holds one page at
a time. Bad input never raises: it comes back as a `Skip` with a stable reason
code (sitrep.errors.SKIP_*) for the run report to count.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from sitrep.ingest.dispatch import iter_files, read_path
from sitrep.ingest.files import MAX_TEXT_BYTES
from sitrep.ingest.hashing import content_hash
from sitrep.ingest.manifest import load_manifest
from sitrep.records import DocMeta, RawDoc, Skip
from sitrep.timex import in_year_range

__all__ = [
    "MAX_TEXT_BYTES",
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
) -> Iterator[RawDoc | Skip]:
    """Stream every document under `paths`, with metadata filled in.

    Precedence per field: what the record itself states (HTML meta, WARC, JSONL
    fields), then the manifest row for the document's name, then `defaults` (the
    --published/--source flags). A field stays None only if all three lack it.
    Files in `exclude` (resolved paths, see `iter_files`) are not read.
    """
    manifest = manifest or {}
    for path in iter_files(paths, exclude):
        for item in read_path(path):
            yield with_meta(item, manifest, defaults)


def with_meta(item: RawDoc | Skip, manifest: Mapping[str, DocMeta], defaults: DocMeta | None) -> RawDoc | Skip:
    """Fill a document's metadata gaps: its own fields first, then the manifest row, then defaults."""
    if isinstance(item, RawDoc):
        row = manifest.get(item.name)
        if row is not None:
            item.meta = item.meta.merged(row)
        if defaults is not None:
            item.meta = item.meta.merged(defaults)
        if item.meta.published is not None and in_year_range(item.meta.published) is None:
            # A date from outside the readers (the --published default, a caller's
            # DocMeta) with a year no page carries: the document is undated.
            item.meta = replace(item.meta, published=None)
    return item
