"""WARC / WARC.gz crawls: one RawDoc per HTML or text response record.

warcio stops quietly when a gzip WARC is cut mid-record (a crawl killed while
writing, a partial download): it yields the complete records and drops the rest
without an error. We check that the records read cover the whole file and report
what is missing as one Skip(truncated), so lost pages are counted, not silent.

Records are isolated from each other: a record whose headers or body cannot be
used (a malformed WARC-Target-URI, a corrupt gzip member, a garbled header block)
is one Skip(bad-record) naming it, and reading goes on from the next record start
(the next gzip member, or the next line opening "WARC/1." in a plain archive).
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import unquote, urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from sitrep.errors import SKIP_BAD_RECORD, SKIP_EMPTY, SKIP_TRUNCATED, SKIP_UNSUPPORTED
from sitrep.ingest.dates import SOURCE_WARC, parse_iso_date
from sitrep.ingest.files import MAX_TEXT_BYTES, too_large, unreadable
from sitrep.ingest.html import html_doc_from_bytes
from sitrep.ingest.sniff import GZIP_MAGIC, WARC_MAGIC, looks_like_html
from sitrep.ingest.text import text_doc_from_bytes
from sitrep.records import DocMeta, RawDoc, Skip

log = logging.getLogger(__name__)

# Records that carry a fetched document; request/metadata/warcinfo records do not.
DOCUMENT_RECORD_TYPES = frozenset({"response", "resource"})
HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_CONTENT_TYPES = frozenset({"text/plain"})

# Bytes after the last complete record that are only the blank-line record
# separator (uncompressed WARCs end each record with CRLF CRLF) are not loss.
_TRAILER_PROBE_BYTES = 64

# Enough of a file's start to see the first WARC header line, even gzipped.
_HEAD_PROBE_BYTES = 512

# Where the next record may start after a damaged one: a gzip member header
# (magic + deflate method), or a WARC version line at the start of a line.
_GZIP_MEMBER = GZIP_MAGIC + b"\x08"
_WARC_LINE = b"\n" + WARC_MAGIC
# The resynchronising search reads this much at a time.
_RESYNC_CHUNK = 1 << 20


def record_name(target_uri: str | None, index: int) -> str:
    """The last non-empty path segment of the URI ('item-3' for '/news/item-3/'), else 'record-N'."""
    if target_uri:
        path = urlsplit(target_uri).path
        segments = [seg for seg in path.split("/") if seg]
        if segments:
            return unquote(segments[-1])
    return f"record-{index}"


def media_type(content_type: str | None) -> tuple[str | None, str | None]:
    """('text/html', 'utf-8') from 'text/html; charset=UTF-8' (WARC records and HTTP fetches alike)."""
    if not content_type:
        return None, None
    parts = [p.strip() for p in content_type.split(";")]
    charset = None
    for param in parts[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return parts[0].lower() or None, charset


def _record_doc(record: Any, index: int, origin: str) -> RawDoc | Skip | None:
    """The document in one record, a Skip, or None for records that never hold one."""
    if record.rec_type not in DOCUMENT_RECORD_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    try:
        urlsplit(uri or "")
    except ValueError as exc:
        return Skip(origin, SKIP_BAD_RECORD, f"bad WARC-Target-URI {_one_line(uri)}: {exc}")
    headers = record.http_headers
    if headers is not None:
        status = headers.get_statuscode()
        if status and not status.startswith("2"):
            return Skip(origin, SKIP_UNSUPPORTED, f"HTTP status {status}")
        media, charset = media_type(headers.get_header("Content-Type"))
    else:
        media, charset = media_type(record.rec_headers.get_header("Content-Type"))
    if media is not None and media not in HTML_CONTENT_TYPES | TEXT_CONTENT_TYPES:
        return Skip(origin, SKIP_UNSUPPORTED, f"content type {media}")
    if record.length is not None and record.length > MAX_TEXT_BYTES:
        return too_large(origin, record.length)
    try:
        body = record.content_stream().read(MAX_TEXT_BYTES + 1)
    except (OSError, EOFError, ValueError, zlib.error) as exc:
        return Skip(origin, SKIP_BAD_RECORD, f"cannot decode record body: {exc}")
    if len(body) > MAX_TEXT_BYTES:
        return too_large(origin, len(body))
    if getattr(record.raw_stream, "limit", 0) > 0:
        return Skip(origin, SKIP_TRUNCATED, "record ends before its stated Content-Length")
    meta = DocMeta(url=uri)
    name = record_name(uri, index)
    if media in HTML_CONTENT_TYPES or (media is None and looks_like_html(body)):
        doc = html_doc_from_bytes(body, name, origin, charset=charset, meta=meta, base_url=uri)
    else:
        doc = text_doc_from_bytes(body, name, origin, meta=meta)
    if isinstance(doc, RawDoc):
        # The capture date is only a fallback: a page's own date says when it was published.
        captured = parse_iso_date(record.rec_headers.get_header("WARC-Date"))
        doc.meta = doc.meta.merged(DocMeta(published=captured, published_source=SOURCE_WARC))
    return doc


def _one_line(value: object, limit: int = 200) -> str:
    """A value for a one-line reason: repr, newlines escaped, cut at `limit` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _NoRecordType(Exception):
    """A header block warcio parsed without a WARC-Type: garbled, or cut mid-line."""


def _isolated_record_doc(record: Any, index: int, origin: str) -> RawDoc | Skip | None:
    """`_record_doc`, with anything a malformed record raises turned into its own Skip."""
    try:
        return _record_doc(record, index, origin)
    except Exception as exc:  # noqa: BLE001 - record boundary: one bad record is one skip
        log.debug("bad WARC record %s", origin, exc_info=True)
        return Skip(origin, SKIP_BAD_RECORD, f"unreadable record: {type(exc).__name__}: {_one_line(str(exc))}")


def _next_record_start(fh: BinaryIO, after: int, size: int, gzipped: bool) -> int | None:
    """Offset of the first possible record start after byte `after`, or None."""
    marker = _GZIP_MEMBER if gzipped else _WARC_LINE
    skip = 0 if gzipped else 1  # a WARC line starts after its newline
    pos = after
    while pos < size:
        fh.seek(pos)
        chunk = fh.read(_RESYNC_CHUNK + len(marker))
        found = chunk.find(marker)
        if found >= 0:
            return pos + found + skip
        if len(chunk) <= len(marker):
            return None
        pos += _RESYNC_CHUNK
    return None


def _only_separator_left(fh: BinaryIO, offset: int, size: int) -> bool:
    if size - offset > _TRAILER_PROBE_BYTES:
        return False
    fh.seek(offset)
    return not fh.read(_TRAILER_PROBE_BYTES).strip()


def _opening(head: bytes) -> bytes:
    """The first bytes of the archive's content, decompressed when the file is gzip."""
    if head.startswith(GZIP_MAGIC):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
        except zlib.error:
            return b""
    return head


def starts_like_warc(head: bytes) -> bool:
    """True when the first bytes of a file (gzip or not) open a WARC record."""
    return _opening(head).lstrip(b"\r\n").startswith(WARC_MAGIC)


def read_warc_stream(fh: BinaryIO, origin: str, size: int) -> Iterator[RawDoc | Skip]:
    """Documents in an open, seekable WARC (plain or gzip) of `size` bytes; never raises on bad data."""
    head = fh.read(_HEAD_PROBE_BYTES)
    if not starts_like_warc(head):
        opening = _opening(head)
        if len(head) < _HEAD_PROBE_BYTES and WARC_MAGIC.startswith(opening.lstrip(b"\r\n")):
            yield Skip(origin, SKIP_TRUNCATED, f"archive ends inside its first record ({size} bytes)")
        else:
            yield Skip(origin, SKIP_UNSUPPORTED, "not a WARC file (no WARC/ header at the start)")
        return
    gzipped = head.startswith(GZIP_MAGIC)
    covered = 0  # end offset of the last record read completely
    index = 0  # records seen, 1-based once the first is read
    start = 0  # where the current pass over the archive begins
    in_damage = False  # the pass began at a resync point no record was read from yet
    while True:
        fh.seek(start)
        iterator = ArchiveIterator(fh)
        failure: BaseException | None = None
        current = index + 1  # the record being read when a failure hits
        try:
            for record in iterator:
                index += 1
                current = index
                if record.rec_type is None:
                    raise _NoRecordType("record header has no WARC-Type")
                result = _isolated_record_doc(record, index, f"{origin}#{index}")
                covered = iterator.get_record_offset() + iterator.get_record_length()
                in_damage = False
                if result is not None:
                    yield result
                current = index + 1
        except Exception as exc:  # noqa: BLE001 - archive boundary: damage is reported, reading goes on
            failure = exc
        if failure is None:
            break
        if isinstance(failure, ArchiveLoadFailed) and index == 0 and start == 0:
            yield Skip(origin, SKIP_UNSUPPORTED, f"not a WARC file: {str(failure).splitlines()[0]}")
            return
        resume = _next_record_start(fh, max(start, covered) + 1, size, gzipped)
        if resume is None:
            if in_damage:
                return  # the damaged stretch reported already runs to the end
            if isinstance(failure, _NoRecordType):
                break  # a header cut mid-line: the truncation check below reports it
            reason = (str(failure).splitlines() or [""])[0]
            if isinstance(failure, ArchiveLoadFailed):
                yield Skip(origin, SKIP_TRUNCATED, f"archive damaged after record {current - 1}")
            else:
                yield Skip(origin, SKIP_TRUNCATED, f"archive ends inside record {current}: {reason}")
            return
        if not in_damage:
            log.debug("damaged WARC record %s#%d", origin, current, exc_info=failure)
            reason = (str(failure).splitlines() or [type(failure).__name__])[0]
            yield Skip(
                f"{origin}#{current}",
                SKIP_BAD_RECORD,
                f"damaged record at byte {max(start, covered)} ({type(failure).__name__}: {_one_line(reason)}); "
                f"reading on from byte {resume}",
            )
            index = max(index, current)  # the damaged record keeps its number
        start = resume
        in_damage = True
    if covered < size and not _only_separator_left(fh, covered, size):
        yield Skip(
            origin,
            SKIP_TRUNCATED,
            f"archive cut short: last {size - covered} bytes are not a complete record",
        )


def read_warc(path: Path) -> Iterator[RawDoc | Skip]:
    """Read a .warc or .warc.gz file record by record (constant memory)."""
    origin = str(path)
    try:
        fh = path.open("rb")
        size = path.stat().st_size
    except OSError as exc:
        yield unreadable(origin, exc)
        return
    with fh:
        if size == 0:
            yield Skip(origin, SKIP_EMPTY, "file is empty")
            return
        yield from read_warc_stream(fh, origin, size)
