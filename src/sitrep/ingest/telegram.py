"""Telegram Desktop channel exports (`result.json`): one document per post.

Analysts archive monitors' channels with Telegram Desktop's "Export chat history"
in JSON. The file is one object: the chat's `name`, `type` and `id`, then a
`messages` list. Each message has an `id`, a `type` ("message" or "service"), a
`date` in the exporting computer's local time and `date_unixtime` (exact), and
its text either as a string or as a list mixing strings and entity objects
(`{"type": "bold", "text": ...}`, `{"type": "text_link", "text": ..., "href": ...}`).
Forwards carry `forwarded_from`, replies `reply_to_message_id`, signed posts
`author`; photos, files and stickers add `photo` / `file` / `media_type`.

A post becomes a text document whose date is the post's own (`date`, else
`date_unixtime`), whose outlet is the channel, and whose provenance row keeps
channel, post id, author, forward, views, links and the post replied to. Posts
are short: the segmenter's short-input rule (sitrep.segment.short) reads them
as bodies, so a one-paragraph post yields its event. Service messages (channel
created, message pinned) and media-only posts are Skips with a reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from sitrep.errors import SKIP_BAD_JSON, SKIP_BAD_RECORD, SKIP_EMPTY, SKIP_NO_TEXT, SKIP_UNSUPPORTED
from sitrep.ingest.dates import parse_iso_date
from sitrep.ingest.files import read_bytes_limited, too_large, unreadable
from sitrep.ingest.hashing import normalise_newlines
from sitrep.records import DocMeta, RawDoc, Skip
from sitrep.timex import in_year_range

# A channel export holds every post in one JSON document that must be parsed whole.
# 200 MB of JSON is some 400,000 text posts and about 2 GB of Python objects while
# parsing; a larger archive should be exported in date ranges (Telegram Desktop
# offers that) rather than raise this and risk a small worker's memory.
MAX_EXPORT_BYTES = 200 * 1024 * 1024

# How far into a .json file to look for the export's shape before parsing it.
_SNIFF_BYTES = 16 * 1024
# One object opening with the chat header: Telegram Desktop writes "name", "type" (one of
# its chat kinds), "id", then "messages", so a JSON array of records never matches.
_EXPORT_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*\{")
_CHAT_TYPE = re.compile(
    rb'"type"\s*:\s*"(?:public|private)_(?:channel|supergroup|group)|"type"\s*:\s*"(?:personal_chat|bot_chat|saved_messages)"'
)
_MESSAGES = re.compile(rb'"messages"\s*:\s*\[')

# Message keys that mean the post carries media; the value names it in the skip reason.
_MEDIA_KEYS = ("photo", "file", "media_type", "sticker_emoji", "poll", "location_information", "contact_information")
# Entity types whose text is itself a URL (a `text_link` keeps its URL in `href`).
_URL_ENTITIES = frozenset({"link", "url"})


def looks_like_export(head: bytes) -> bool:
    """True when the start of a .json file has a Telegram export's chat header and messages list."""
    head = head[:_SNIFF_BYTES]
    return bool(_EXPORT_START.match(head) and _CHAT_TYPE.search(head) and _MESSAGES.search(head))


def sniff_export(path: Path) -> bool:
    """`looks_like_export` on a file's first bytes (False when it cannot be read)."""
    try:
        with path.open("rb") as fh:
            return looks_like_export(fh.read(_SNIFF_BYTES))
    except OSError:
        return False


def plain_text(value: Any) -> tuple[str, list[str]]:
    """A message's text with entities joined to plain text, and the URLs it links to."""
    if isinstance(value, str):
        return value, []
    if not isinstance(value, list):
        return "", []
    parts: list[str] = []
    links: list[str] = []
    for piece in value:
        if isinstance(piece, str):
            parts.append(piece)
            continue
        if not isinstance(piece, dict):
            continue
        text = piece.get("text")
        text = text if isinstance(text, str) else ""
        parts.append(text)
        href = piece.get("href")
        if isinstance(href, str) and href:
            links.append(href)
        elif piece.get("type") in _URL_ENTITIES and text:
            links.append(text)
    return "".join(parts), list(dict.fromkeys(links))


def post_date(message: dict[str, Any]) -> date | None:
    """The post's own calendar date: `date` as exported, else the UTC date of `date_unixtime`.

    `date` is the day as the archivist's computer showed it, which is how an analyst
    reads the channel; like the other readers (sitrep.ingest.dates) we keep that
    calendar date rather than move late posts to the next UTC day.
    """
    when = parse_iso_date(message.get("date"))
    if when is None:
        stamp = message.get("date_unixtime")
        try:
            when = datetime.fromtimestamp(int(stamp), tz=timezone.utc).date() if stamp not in (None, "") else None
        except (TypeError, ValueError, OverflowError, OSError):
            when = None
    return in_year_range(when) if when is not None else None


def _media(message: dict[str, Any]) -> str | None:
    for key in _MEDIA_KEYS:
        value = message.get(key)
        if value:
            return str(message.get("media_type") or key)
    return None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def post_doc(message: Any, chat: dict[str, Any], file_name: str, origin_base: str) -> RawDoc | Skip:
    """One message of an export as a RawDoc, or the Skip saying why it is not one."""
    if not isinstance(message, dict):
        return Skip(f"{origin_base}#?", SKIP_BAD_RECORD, "message is not a JSON object")
    post_id = _int(message.get("id"))
    origin = f"{origin_base}#{post_id if post_id is not None else '?'}"
    if post_id is None:
        return Skip(origin, SKIP_BAD_RECORD, "message has no integer 'id'")
    if message.get("type") != "message":
        what = message.get("action") or message.get("type") or "unknown"
        return Skip(origin, SKIP_UNSUPPORTED, f"service message ({what}), not a post")
    text, links = plain_text(message.get("text"))
    text = normalise_newlines(text).strip()
    if not text:
        media = _media(message)
        if media is not None:
            return Skip(origin, SKIP_NO_TEXT, f"media-only post ({media}), no text to read")
        return Skip(origin, SKIP_EMPTY, "post has no text")
    channel = chat.get("name") if isinstance(chat.get("name"), str) else None
    # A channel post's `from` is the channel itself; only its signature (`author`) names a
    # person. In a group the sender (`from`) is the author.
    is_channel = str(chat.get("type") or "").endswith("_channel")
    author = message.get("author") or (None if is_channel else message.get("from"))
    forwarded = message.get("forwarded_from")
    provenance = {
        "kind": "telegram",
        "channel": channel,
        "post_id": post_id,
        "author": author if isinstance(author, str) else None,
        "forwarded_from": forwarded if isinstance(forwarded, str) else None,
        "views": _int(message.get("views")),
        "reply_to": _int(message.get("reply_to_message_id")),
        "links": links,
    }
    meta = DocMeta(source=channel, published=post_date(message))
    return RawDoc(name=f"{file_name}#{post_id}", origin=origin, text=text, meta=meta, provenance=provenance)


def _read_export_bytes(path: Path) -> bytes | Skip:
    """The export's bytes, size-checked first and read with a buffer of the file's size.

    `read_bytes_limited` reads `limit + 1` bytes in one call, which makes Python
    allocate the whole limit up front: 200 MB for a 1 MB export (measured with
    bench/bench_inputs.py). Reading `size + 1` keeps the catch for a file that grew.
    """
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_EXPORT_BYTES:
            return too_large(origin, size, MAX_EXPORT_BYTES)
        with path.open("rb") as fh:
            data = fh.read(size + 1)
    except OSError as exc:
        return unreadable(origin, exc)
    if len(data) > size:  # it grew while we read: check the limit on what is there now
        return read_bytes_limited(path, MAX_EXPORT_BYTES)
    return data


def read_export(path: Path) -> Iterator[RawDoc | Skip]:
    """Every post of a Telegram Desktop JSON export, in the export's order."""
    origin = str(path)
    data = _read_export_bytes(path)
    if isinstance(data, Skip):
        yield data
        return
    try:
        export = json.loads(data.decode("utf-8-sig"))
    except ValueError as exc:  # includes UnicodeDecodeError
        yield Skip(origin, SKIP_BAD_JSON, f"Telegram export is not valid JSON: {exc}")
        return
    messages = export.get("messages") if isinstance(export, dict) else None
    if not isinstance(messages, list):
        yield Skip(origin, SKIP_BAD_RECORD, "Telegram export has no 'messages' list")
        return
    for message in messages:
        yield post_doc(message, export, path.name, origin)
