"""The --manifest CSV: metadata for inputs that do not state their own.

Text dumps carry no date or outlet, so a hand-kept CSV (`doc,published,source,
language[,url,title]`) supplies them, keyed on the document name (the file name,
or the JSONL record id). Unlike per-document input problems, a broken manifest is
the user's configuration and stops the run with one clear ManifestError line.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sitrep.errors import ManifestError
from sitrep.ingest.dates import parse_iso_date
from sitrep.ingest.html import primary_language
from sitrep.records import DocMeta

REQUIRED_COLUMNS = ("doc",)
_META_COLUMNS = ("url", "source", "language", "title")


def _cell(row: dict[str, str | None], column: str) -> str | None:
    value = row.get(column)
    if value is None:
        return None
    return value.strip() or None


def load_manifest(path: str | Path) -> dict[str, DocMeta]:
    """Map document name -> DocMeta from a manifest CSV; raises ManifestError when unusable."""
    path = Path(path)
    try:
        fh = path.open(newline="", encoding="utf-8-sig")
    except FileNotFoundError:
        raise ManifestError(f"manifest not found: {path}") from None
    except OSError as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc.strerror or exc}") from None
    manifest: dict[str, DocMeta] = {}
    with fh:
        try:
            reader = csv.DictReader(fh)
            columns = [c.strip().lower() for c in (reader.fieldnames or [])]
            missing = [c for c in REQUIRED_COLUMNS if c not in columns]
            if missing:
                raise ManifestError(f"{path}: missing column(s) {', '.join(missing)} in header")
            reader.fieldnames = columns
            for row in reader:
                line = reader.line_num
                doc = _cell(row, "doc")
                if doc is None:
                    if not any(_cell(row, c) for c in columns):
                        continue  # a blank line
                    raise ManifestError(f"{path} row {line}: empty 'doc'")
                if doc in manifest:
                    raise ManifestError(f"{path} row {line}: doc {doc!r} listed twice")
                published_cell = _cell(row, "published")
                published = parse_iso_date(published_cell) if published_cell else None
                if published_cell and published is None:
                    raise ManifestError(
                        f"{path} row {line} (doc {doc!r}): 'published' is not an ISO date: {published_cell!r}"
                    )
                fields = {c: _cell(row, c) for c in _META_COLUMNS}
                if fields["language"]:
                    fields["language"] = primary_language(fields["language"]) or fields["language"]
                manifest[doc] = DocMeta(published=published, **fields)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ManifestError(f"{path}: not a readable UTF-8 CSV: {exc}") from None
    return manifest
