"""Sniffing raw bytes: binary or text, which encoding, HTML or not, compressed or not.

Readers call these before deciding what a file is, so that a mislabelled file
(HTML saved as .txt, a gzipped WARC without .gz) is still read, and a file that is
not a page (binary data, a PDF, Markdown, other gzip data without .gz) becomes a
typed skip with its reason instead of mojibake in the event store.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Only this many leading bytes are inspected for binary/HTML sniffing: enough to
# see a doctype or a burst of control bytes, small enough to cost nothing per file.
SNIFF_BYTES = 8192

# A text page has almost no C0 control bytes besides tab/newline/CR/FF. Object
# files, images and archives that lack a NUL in their first block still run well
# above 10% (checked on PNG/JPEG/PDF/ZIP headers); real text with stray escape
# codes (terminal logs) stays below 1%.
MAX_CONTROL_RATIO = 0.10

# cp1252 is the usual encoding of non-UTF-8 news pages in Western languages. Those
# languages are mostly ASCII letters: if more than this share of the letters
# decoded as cp1252 are non-ASCII, the bytes are more likely another 8-bit
# charset (cp1251 Cyrillic, cp1256 Arabic) that happens to decode cleanly, and the
# guess is left to charset_normalizer instead. French/German/Spanish prose sits
# around 2-8%; Cyrillic read as cp1252 is above 80%.
MAX_CP1252_NON_ASCII_LETTERS = 0.30

# Printable share required of a guessed (non-UTF-8) decoding before we accept it.
MIN_PRINTABLE_RATIO = 0.95

GZIP_MAGIC = b"\x1f\x8b"
WARC_MAGIC = b"WARC/"
PDF_MAGIC = b"%PDF-"

# File-name endings of formats that are text-like enough to slip through the
# text reader but are not pages: Markdown markup would be segmented as prose
# ('#' headings, '[link](url)', tables) and a PDF's object syntax as a page.
# They are skipped as unsupported with the reason, never read as text.
UNSUPPORTED_SUFFIXES = {
    ".md": "Markdown (.md) is not a supported page format; convert it to .txt or .html",
    ".markdown": "Markdown (.markdown) is not a supported page format; convert it to .txt or .html",
    ".pdf": "PDF document (.pdf) is not supported; extract its text to a .txt file first",
}

_ALLOWED_CONTROLS = frozenset(b"\t\n\r\f")
_HTML_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes and the encoding that was used."""

    text: str
    encoding: str


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: a NUL, or too many control bytes up front."""
    head = data[:SNIFF_BYTES]
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False  # UTF-16 text is full of NULs by design
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if (b < 0x20 and b not in _ALLOWED_CONTROLS) or b == 0x7F)
    return controls / len(head) > MAX_CONTROL_RATIO


def unsupported_format(name: str, head: bytes) -> str | None:
    """Why a file is not a page we can read, from its name and first bytes, or None.

    Content wins over the name: a PDF saved as .txt (or with no extension) is
    still a PDF. Markdown has no magic bytes, so it is known by its suffix.
    """
    if head.lstrip(codecs.BOM_UTF8 + b" \t\r\n\f").startswith(PDF_MAGIC):
        return "PDF document (starts with %PDF) is not supported; extract its text to a .txt file first"
    lower = name.lower()
    for suffix, reason in UNSUPPORTED_SUFFIXES.items():
        if lower.endswith(suffix):
            return reason
    return None


def looks_like_html(data: bytes | str) -> bool:
    """True when the start of a document is HTML markup, whatever the file extension."""
    head = data[:SNIFF_BYTES]
    raw = head.encode("utf-8", "replace") if isinstance(head, str) else head
    raw = raw.lstrip(codecs.BOM_UTF8 + b" \t\r\n\f")
    return raw.startswith(b"<") and _HTML_SNIFF.search(raw) is not None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a `<meta>` near its top, if Python knows it."""
    match = _META_CHARSET.search(data[:SNIFF_BYTES])
    if not match:
        return None
    return known_encoding(match.group(1).decode("ascii", "ignore"))


def known_encoding(name: str | None) -> str | None:
    """Python's codec name for a charset label, or None when unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def _printable_ratio(text: str) -> float:
    if not text:
        return 1.0
    ok = sum(1 for ch in text if ch.isprintable() or ch in "\t\n\r\f")
    return ok / len(text)


def _plausible_cp1252(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    non_ascii = sum(1 for ch in letters if not ch.isascii())
    return (
        non_ascii / len(letters) <= MAX_CP1252_NON_ASCII_LETTERS
        and _printable_ratio(text) >= MIN_PRINTABLE_RATIO
    )


def _guess_with_charset_normalizer(data: bytes) -> Decoded | None:
    try:
        from charset_normalizer import from_bytes  # installed with trafilatura
    except ImportError:  # pragma: no cover - trafilatura always brings it
        return None
    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    if _printable_ratio(text) < MIN_PRINTABLE_RATIO:
        return None
    return Decoded(text, best.encoding)


def decode_bytes(data: bytes, hint: str | None = None) -> Decoded | None:
    """Decode text bytes, or None when no encoding gives believable text.

    Order: a BOM; strict UTF-8 (other charsets almost never form valid UTF-8,
    while pages often declare latin-1 and send UTF-8); the `hint` (HTTP or
    <meta> charset) when it decodes cleanly; cp1252 when the result reads as
    Western text; then charset_normalizer. cp1252 comes before the general
    guesser because on short English pages the guesser tends to pick cp1250
    and turn 'ï' into 'ď'.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            return None
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(enc), "utf-16")
            except UnicodeDecodeError:
                return None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    hint = known_encoding(hint)
    if hint and hint != "utf-8":
        try:
            text = data.decode(hint)
        except UnicodeDecodeError:
            pass
        else:
            if _printable_ratio(text) >= MIN_PRINTABLE_RATIO:
                return Decoded(text, hint)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        if _plausible_cp1252(text):
            return Decoded(text, "cp1252")
    return _guess_with_charset_normalizer(data)
