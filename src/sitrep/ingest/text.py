"""Plain-text dumps (.txt and unknown text files)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sitrep.errors import SKIP_BINARY, SKIP_EMPTY, SKIP_ENCODING
from sitrep.ingest.files import read_bytes_limited
from sitrep.ingest.hashing import normalise_newlines
from sitrep.ingest.html import html_doc
from sitrep.ingest.sniff import decode_bytes, looks_binary, looks_like_html
from sitrep.records import DocMeta, RawDoc, Skip


def text_doc_from_bytes(
    data: bytes, name: str, origin: str, meta: DocMeta | None = None
) -> RawDoc | Skip:
    """Bytes of a text dump as a RawDoc; HTML saved under a text name goes to the HTML reader.

    The text keeps its content but gets `\\n` line endings, because every later
    character offset points into it and must not depend on the OS that saved it.
    """
    if not data.strip():
        return Skip(origin, SKIP_EMPTY, "file is empty")
    if looks_binary(data):
        return Skip(origin, SKIP_BINARY, "binary data, not text")
    decoded = decode_bytes(data)
    if decoded is None:
        return Skip(origin, SKIP_ENCODING, "not UTF-8 and no other encoding gives readable text")
    text = decoded.text.lstrip("\ufeff")
    if not text.strip():
        return Skip(origin, SKIP_EMPTY, "only whitespace")
    if looks_like_html(text):
        return html_doc(text, name, origin, meta=meta)
    return RawDoc(name=name, origin=origin, text=normalise_newlines(text), meta=meta or DocMeta())


def read_text(path: Path, name: str | None = None) -> Iterator[RawDoc | Skip]:
    """Read one text file (size-checked before reading)."""
    data = read_bytes_limited(path)
    if isinstance(data, Skip):
        yield data
        return
    yield text_doc_from_bytes(data, name or path.name, str(path))
