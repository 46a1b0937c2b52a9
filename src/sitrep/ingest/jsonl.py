"""JSON Lines exports (one page per line) and .json files holding records.

Read line by line so a multi-gigabyte export streams in constant memory; a bad
line becomes a Skip naming its line number and the rest of the file is still read.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from sitrep.errors import (
    SKIP_BAD_JSON,
    SKIP_BAD_RECORD,
    SKIP_EMPTY,
    SKIP_ENCODING,
    SKIP_TOO_LARGE,
)
from sitrep.ingest.dates import SOURCE_META, is_out_of_range_date, parse_iso_date
from sitrep.ingest.files import MAX_TEXT_BYTES, read_bytes_limited, unreadable
from sitrep.ingest.hashing import normalise_newlines
from sitrep.ingest.html import html_doc, primary_language
from sitrep.records import DocMeta, RawDoc, Skip

log = logging.getLogger(__name__)

# Optional string fields a record may carry, copied into DocMeta as they are.
_META_FIELDS = ("url", "source", "language", "title")

# JSON can escape a lone UTF-16 surrogate ("\ud800"), which json.loads turns into a
# str that cannot be encoded as UTF-8 (hashing, storing, spaCy would fail on it).
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT_CHARACTER = "\ufffd"


def _short(value: Any, limit: int = 80) -> str:
    """repr(value) cut to `limit` characters, for one-line reasons."""
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**limit else f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _without_surrogates(record: dict[str, Any], origin: str) -> dict[str, Any]:
    """The record with lone surrogates in its top-level strings replaced by U+FFFD
    (a logged, counted warning), so one bad escape does not drop the page."""
    replaced = 0
    clean: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, str):
            value, n = _SURROGATE.subn(REPLACEMENT_CHARACTER, value)
            replaced += n
        clean[key] = value
    if replaced:
        log.warning("%s: replaced %d lone surrogate(s) with U+FFFD", origin, replaced)
    return clean


def _lines(fh: BinaryIO, limit: int = MAX_TEXT_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """(1-based line number, bytes) per line; bytes is None for a line over `limit`.

    An over-long line is skipped through in `limit`-sized pieces, never held whole.
    """
    number = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = fh.readline(limit)
            yield number, None
            continue
        yield number, line


def record_doc(record: Any, name: str, origin: str) -> RawDoc | Skip:
    """One decoded JSON record as a RawDoc, or the reason it cannot be one.

    `text` wins when a record has both `text` and `html`: a producer that went to
    the trouble of extracting text knows the page better than our segmenter.
    """
    if not isinstance(record, dict):
        return Skip(origin, SKIP_BAD_RECORD, f"expected a JSON object, got {type(record).__name__}")
    record = _without_surrogates(record, origin)
    text, html = record.get("text"), record.get("html")
    for key, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            return Skip(origin, SKIP_BAD_RECORD, f"'{key}' must be a string")
    if text is None and html is None:
        return Skip(origin, SKIP_BAD_RECORD, "record has neither 'text' nor 'html'")
    if not (text or "").strip() and not (html or "").strip():
        return Skip(origin, SKIP_EMPTY, "record text is empty")
    fields: dict[str, Any] = {}
    for key in _META_FIELDS:
        value = record.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            return Skip(origin, SKIP_BAD_RECORD, f"'{key}' must be a string")
        fields[key] = value.strip() or None
    if fields.get("language"):
        fields["language"] = primary_language(fields["language"]) or fields["language"]
    published = record.get("published")
    if published not in (None, ""):
        fields["published"] = parse_iso_date(published)
        if fields["published"] is None and is_out_of_range_date(published):
            log.warning("%s: 'published' %s is outside the supported years: undated", origin, _short(published))
        elif fields["published"] is None:
            return Skip(origin, SKIP_BAD_RECORD, f"'published' is not an ISO date: {_short(published)}")
    record_id = record.get("id")
    if record_id is not None:
        if isinstance(record_id, bool) or not isinstance(record_id, (str, int)):
            return Skip(origin, SKIP_BAD_RECORD, "'id' must be a string or an integer")
        if str(record_id).strip():
            name = str(record_id).strip()
    if fields.get("published"):
        fields["published_source"] = SOURCE_META
    meta = DocMeta(**fields)
    if text is not None and text.strip():
        return RawDoc(name=name, origin=origin, text=normalise_newlines(text), meta=meta)
    return html_doc(html or "", name, origin, meta=meta, base_url=meta.url)


def read_jsonl_stream(fh: BinaryIO, file_name: str, origin: str) -> Iterator[RawDoc | Skip]:
    """Documents in an open JSONL stream; names default to `<file name>#<line number>`."""
    for number, raw in _lines(fh):
        where = f"{origin}#{number}"
        if raw is None:
            yield Skip(where, SKIP_TOO_LARGE, f"line {number} is over the {MAX_TEXT_BYTES}-byte limit")
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Skip(where, SKIP_ENCODING, f"line {number} is not UTF-8 ({exc.reason})")
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield Skip(where, SKIP_BAD_JSON, f"line {number} is not JSON: {exc}")
            continue
        yield record_doc(record, f"{file_name}#{number}", where)


def read_jsonl(path: Path) -> Iterator[RawDoc | Skip]:
    """Read a .jsonl file line by line."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield unreadable(str(path), exc)
        return
    with fh:
        yield from read_jsonl_stream(fh, path.name, str(path))


def read_json(path: Path) -> Iterator[RawDoc | Skip]:
    """Read a .json file: an array of records, one record object, or JSON lines.

    A whole-document parse is tried first (size-limited) because `.json` exports
    are often pretty-printed; when that fails the file is read as JSON lines.
    """
    data = read_bytes_limited(path)
    if isinstance(data, Skip):
        if data.reason != SKIP_TOO_LARGE:
            yield data
            return
        yield from read_jsonl(path)  # too big to parse whole: it can only be lines
        return
    if not data.strip():
        yield Skip(str(path), SKIP_EMPTY, "file is empty")
        return
    try:
        whole = json.loads(data.decode("utf-8-sig"))
    except ValueError:  # includes UnicodeDecodeError; the line reader reports per line
        yield from read_jsonl(path)
        return
    records = whole if isinstance(whole, list) else [whole]
    for number, record in enumerate(records, start=1):
        yield record_doc(record, f"{path.name}#{number}", f"{path}#{number}")
