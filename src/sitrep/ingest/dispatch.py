"""Finding input files and sending each to the reader for its format.

Formats are chosen by extension first and by sniffing the bytes when the
extension says nothing, so a page saved without an extension, or HTML saved as
.txt, is still read by the right reader.
"""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from sitrep.errors import (
    SKIP_BINARY,
    SKIP_EMPTY,
    SKIP_TRUNCATED,
    SKIP_UNREADABLE,
    SKIP_UNSUPPORTED,
)
from sitrep.ingest.files import MAX_TEXT_BYTES, too_large, unreadable
from sitrep.ingest.html import html_doc_from_bytes, read_html
from sitrep.ingest.jsonl import read_json, read_jsonl, read_jsonl_stream
from sitrep.ingest.sniff import GZIP_MAGIC, SNIFF_BYTES, WARC_MAGIC, looks_binary, unsupported_format
from sitrep.ingest.telegram import read_export, sniff_export
from sitrep.ingest.text import read_text, text_doc_from_bytes
from sitrep.ingest.warc import read_warc
from sitrep.records import RawDoc, Skip

log = logging.getLogger(__name__)

# File-name endings per reader, longest first so '.warc.gz' beats '.gz'.
WARC_SUFFIXES = (".warc.gz", ".warc")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text")
GZIP_SUFFIXES = (".gz",)


def kind_of(name: str) -> str | None:
    """'warc' | 'jsonl' | 'json' | 'html' | 'text' | 'gzip' from a file name, None if unknown."""
    lower = name.lower()
    for kind, suffixes in (
        ("warc", WARC_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("json", JSON_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("text", TEXT_SUFFIXES),
        ("gzip", GZIP_SUFFIXES),
    ):
        if lower.endswith(suffixes):
            return kind
    return None


def iter_files(paths: Iterable[str | Path], exclude: Collection[Path] = frozenset()) -> Iterator[Path]:
    """Every file `read_inputs` will open, in the order it opens them.

    Directories are walked depth-first in name order, skipping hidden entries and
    not following symlinked directories (a link loop would never end). Paths that
    do not exist, and directories that cannot be listed, are yielded as given so
    the reader reports them as Skip(unreadable) and counts stay honest. Files in
    `exclude` (resolved paths: the store's own database, WAL, SHM and lock files)
    are never yielded, whether named or met in a walk.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    names = frozenset(p.name for p in exclude)
    for raw in paths:
        path = Path(raw)
        if _is_dir(path):
            yield from _walk(path, exclude, names)
        elif not _excluded(path, exclude, names):
            yield path


def _excluded(path: Path, exclude: Collection[Path], names: frozenset[str]) -> bool:
    if path.name not in names:  # cheap test first: resolve only a name that could match
        return False
    try:
        return path.resolve() in exclude
    except (OSError, RuntimeError, ValueError):
        return False


def _is_dir(path: Path) -> bool:
    """Path.is_dir that says False when the OS refuses to look (name too long, no
    permission on a parent): the reader then reports the path as a Skip."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _walk(directory: Path, exclude: Collection[Path], names: frozenset[str]) -> Iterator[Path]:
    try:
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError:
        yield directory
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if _is_dir(entry):
            if not entry.is_symlink():
                yield from _walk(entry, exclude, names)
        elif not _excluded(entry, exclude, names):
            yield entry


def _head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(SNIFF_BYTES)


def _sniffed_kind(path: Path) -> str | Skip:
    """The reader for a file whose name says nothing, from its first bytes."""
    head = _head(path)
    if not head:
        return Skip(str(path), SKIP_EMPTY, "file is empty")
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(WARC_MAGIC):
        return "warc"
    if looks_binary(head):
        return Skip(str(path), SKIP_BINARY, "binary data, not text")
    return "text"


def _read_gzip(path: Path) -> Iterator[RawDoc | Skip]:
    """A gzip-compressed page or JSONL export; inner format from the name without '.gz'.

    Gzip data under a name without '.gz' is read only when it is a WARC (crawlers
    write those); anything else in it is unknown (a tarball, a database dump) and
    is skipped as unsupported rather than guessed to be a text page.
    """
    origin = str(path)
    suffixed = path.name.lower().endswith(".gz")
    inner = kind_of(path.name[: -len(".gz")]) if suffixed else None
    try:
        with gzip.open(path, "rb") as fh:
            if inner in ("jsonl", "json"):
                yield from read_jsonl_stream(fh, path.name, origin)
                return
            # Cap the decompressed size: a small .gz can expand to gigabytes.
            data = fh.read(MAX_TEXT_BYTES + 1)
    except EOFError:
        yield Skip(origin, SKIP_TRUNCATED, "gzip stream ends early")
        return
    except gzip.BadGzipFile as exc:
        yield Skip(origin, SKIP_UNSUPPORTED, f"not a gzip file: {exc}")
        return
    except zlib.error as exc:
        yield Skip(origin, SKIP_UNREADABLE, f"corrupt gzip data: {exc}")
        return
    if len(data) > MAX_TEXT_BYTES:
        yield too_large(origin, len(data))
    elif inner == "html":
        yield html_doc_from_bytes(data, path.name, origin)
    elif data.startswith(WARC_MAGIC):
        yield from read_warc(path)
    elif not suffixed:
        yield Skip(origin, SKIP_UNSUPPORTED, "gzip-compressed data that is not a WARC, in a file not named .gz; "
                   "name it .txt.gz, .html.gz or .jsonl.gz to read it")
    else:
        yield text_doc_from_bytes(data, path.name, origin)


def _read_json_file(path: Path) -> Iterator[RawDoc | Skip]:
    """A .json file: a Telegram Desktop channel export (one document per post), else records."""
    return read_export(path) if sniff_export(path) else read_json(path)


_READERS = {
    "warc": read_warc,
    "jsonl": read_jsonl,
    "json": _read_json_file,
    "html": read_html,
    "text": read_text,
    "gzip": _read_gzip,
}


def read_path(path: Path) -> Iterator[RawDoc | Skip]:
    """Documents in one file, as Skips when it cannot be read; never raises for bad input.

    Unexpected errors inside a reader are logged with the traceback and turned
    into Skip(unreadable) naming the exception, so one odd file never ends a batch.
    """
    origin = str(path)
    try:
        if not path.exists():
            yield Skip(origin, SKIP_UNREADABLE, "no such file or directory")
            return
        if path.is_dir():
            yield Skip(origin, SKIP_UNREADABLE, "directory cannot be listed")
            return
        if not path.is_file():
            yield Skip(origin, SKIP_UNSUPPORTED, "not a regular file")
            return
        kind = kind_of(path.name)
        # Content before name for pages (a PDF saved as .txt); containers (WARC, JSONL, .gz)
        # have their own checks, and a file over the size limit is never opened.
        sniff = kind in (None, "text", "html") and path.stat().st_size <= MAX_TEXT_BYTES
        why = unsupported_format(path.name, _head(path) if sniff else b"")
        if why is not None:
            yield Skip(origin, SKIP_UNSUPPORTED, why)
            return
        kind = kind or _sniffed_kind(path)
        if isinstance(kind, Skip):
            yield kind
            return
        yield from _READERS[kind](path)
    except OSError as exc:
        yield unreadable(origin, exc)
    except ValueError as exc:  # a name the OS cannot take at all (an embedded NUL)
        yield Skip(origin, SKIP_UNREADABLE, f"cannot read: {exc}")
    except Exception as exc:  # noqa: BLE001 - reader boundary, reported as a Skip
        log.exception("reader failed on %s", origin)
        yield Skip(origin, SKIP_UNREADABLE, f"reader error {type(exc).__name__}: {exc}")
